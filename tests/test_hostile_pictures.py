"""Hostile files are refused with a clear message, and leave nothing behind.

The corpus is in tests/fixtures/hostile_pictures/, written by
tests/fixtures/make_hostile_pictures.py.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ImageFile
from wagtail.images.forms import get_image_form
from wagtail.models import UploadedFile

from stories.factories import solid_picture
from stories.images import StoryImage

CORPUS = Path(__file__).parent / "fixtures" / "hostile_pictures"

# File -> words the editor's message must contain.
REFUSALS = {
    "truncated.jpg": "damaged or incomplete",
    "png_bomb.png": "more than 40 megapixels",
    "oversized_dimensions.png": "8000 × 6000 pixels",
    "wrong_extension.jpg": "does not match",
    "html_renamed.jpg": "web page or script code",
    "svg_with_script.svg": "web page or script code",
    "svg_with_script.jpg": "web page or script code",
    "polyglot.jpg": "web page or script code",
    "zero_byte.jpg": "empty",
    "declared_2gb.jpg": "too big",
    "animated_101_frames.webp": "101 frames",
}


class DeclaredSize(SimpleUploadedFile):
    """An upload whose size says 2 GB, as a streamed request would, without 2 GB."""

    size = 2 * 1024**3

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.size = 2 * 1024**3


def upload_file(name):
    data = (CORPUS / name).read_bytes()
    file_class = DeclaredSize if name == "declared_2gb.jpg" else SimpleUploadedFile
    return file_class(name, data, content_type="image/jpeg")


def stored_files():
    found = set()
    for root in (settings.MEDIA_ROOT, settings.STORAGES["images"]["OPTIONS"]["location"]):
        for folder, _dirs, files in os.walk(root):
            found |= {os.path.join(folder, name) for name in files}
    return found


@pytest.fixture
def editor_client(client):
    client.force_login(get_user_model().objects.get(username="editor"))
    return client


def test_the_corpus_is_complete():
    assert sorted(REFUSALS) == sorted(p.name for p in CORPUS.iterdir())


@pytest.mark.parametrize("name", sorted(set(REFUSALS) - {"declared_2gb.jpg"}))
def test_the_add_form_refuses_each_hostile_file_clearly_and_stores_nothing(editor_client, name):
    images, files = StoryImage.objects.count(), stored_files()
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": name,
            "file": upload_file(name),
            "alt_text": "A hostile file",
            "collection": "1",
        },
    )
    assert response.status_code == 200  # the form again, with the message
    errors = " ".join(str(e) for e in response.context["form"].errors.get("file", []))
    assert REFUSALS[name] in errors, errors
    assert StoryImage.objects.count() == images
    assert stored_files() == files


def test_a_truncated_picture_is_refused_even_once_a_library_relaxed_pillow(
    editor_client, monkeypatch
):
    """WeasyPrint, imported to make a classroom pack's PDF, tells Pillow for the
    whole process to fill in truncated pictures instead of failing."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    images = StoryImage.objects.count()
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "cut",
            "file": upload_file("truncated.jpg"),
            "alt_text": "Cut",
            "collection": "1",
        },
    )
    assert response.status_code == 200
    assert "damaged or incomplete" in str(response.context["form"].errors["file"])
    assert StoryImage.objects.count() == images
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # left as that library wants it


@pytest.mark.parametrize("name", ["truncated.jpg", "polyglot.jpg", "animated_101_frames.webp"])
def test_the_multiple_uploader_refuses_at_once_and_holds_nothing(editor_client, name):
    files = stored_files()
    answer = editor_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload_file(name)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    ).json()
    assert not answer["success"]
    assert REFUSALS[name] in answer["error_message"]
    assert not UploadedFile.objects.exists()
    assert stored_files() == files


def test_a_file_declaring_2_gb_is_refused_by_the_form():
    form_class = get_image_form(StoryImage)
    form = form_class(
        {"title": "Huge", "alt_text": "Huge", "collection": "1"},
        {"file": upload_file("declared_2gb.jpg")},
    )
    assert not form.is_valid()
    assert REFUSALS["declared_2gb.jpg"] in " ".join(form.errors["file"])


def test_a_request_declaring_2_gb_is_refused_before_it_is_read(editor_client):
    files = stored_files()
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {"title": "Huge", "file": upload_file("declared_2gb.jpg")},
        CONTENT_LENGTH=str(2 * 1024**3),
    )
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert stored_files() == files


def test_an_ordinary_photo_still_uploads_through_the_same_form(editor_client):
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Ordinary",
            "file": SimpleUploadedFile("ordinary.jpg", solid_picture(), content_type="image/jpeg"),
            "alt_text": "An ordinary photo",
            "collection": "1",
        },
    )
    assert response.status_code == 302
    assert StoryImage.objects.filter(title="Ordinary").exists()


def test_a_heic_photo_from_a_phone_is_accepted_and_kept_as_a_jpeg(editor_client):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(buffer, "HEIF")
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "From a phone",
            "file": SimpleUploadedFile("phone.heic", buffer.getvalue(), content_type="image/heic"),
            "alt_text": "A photo taken on a phone",
            "collection": "1",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    image = StoryImage.objects.get(title="From a phone")
    with image.open_file() as stored:
        assert Image.open(stored).format == "JPEG"
