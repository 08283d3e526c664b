"""Editors upload pictures with the alt text and facts consent needs."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stories.factories import solid_picture
from stories.images import StoryImage


def upload(client, name="photo.jpg"):
    picture = SimpleUploadedFile(name, solid_picture(), content_type="image/jpeg")
    return client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": picture},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    ).json()


def complete(client, answer, **fields):
    """Finish a held upload with the editor's answers (title, alt_text, ...)."""
    prefix = f"uploaded-image-{answer['uploaded_file_id']}"
    url = reverse(
        "wagtailimages:create_multiple_from_uploaded_image", args=[answer["uploaded_file_id"]]
    )
    data = {f"{prefix}-collection": "1"} | {f"{prefix}-{k}": v for k, v in fields.items()}
    return client.post(url, data, HTTP_X_REQUESTED_WITH="XMLHttpRequest").json()


def test_an_upload_without_alt_text_waits_for_it(admin_client):
    answer = upload(admin_client)
    assert answer["success"]
    assert "uploaded_file_id" in answer  # held until the editor completes the form
    prefix = f"uploaded-image-{answer['uploaded_file_id']}"
    assert f'name="{prefix}-alt_text"' in answer["form"]
    assert f'name="{prefix}-shows_identifiable_person"' in answer["form"]
    assert not StoryImage.objects.filter(title="photo").exists()


def test_completing_the_upload_with_alt_text_stores_the_picture(admin_client):
    answer = complete(
        admin_client,
        upload(admin_client),
        title="Waiting room",
        alt_text="An empty waiting room with a window onto the garden",
    )
    assert answer["success"], answer
    image = StoryImage.objects.get(title="Waiting room")
    assert image.default_alt_text == "An empty waiting room with a window onto the garden"


def test_completing_the_upload_without_alt_text_is_refused(admin_client):
    answer = complete(admin_client, upload(admin_client), title="No description")
    assert not answer["success"]
    assert "Describe the picture" in answer["form"]
    assert not StoryImage.objects.filter(title="No description").exists()


def test_an_editor_not_only_an_administrator_can_upload_and_edit_pictures(client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="editor"))
    answer = upload(client)
    assert answer["success"], answer
    answer = complete(client, answer, title="Editor's upload", alt_text="A toothbrush on a sill")
    assert answer["success"], answer
    image = StoryImage.objects.get(title="Editor's upload")
    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 200
