"""Every way a picture enters the library stores it the same way: upright, in a
format browsers show, and with nothing that identifies a person or a place.
No rendition carries metadata, whatever its original. Pictures waiting in the
multiple uploader for their alt text are held privately, already cleaned, and
removed after a day if the editor never finishes.

The routes are the ones Wagtail's own buttons take: the add form, the multiple
uploader and the step its script posts to, the chooser's upload tab, the edit
form's "change image file", the blur view; then factories and the shell.
"""

import datetime
import hashlib
import io
import os
import zipfile

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from PIL import Image, ImageChops
from wagtail.models import UploadedFile

from stories.factories import StoryImageFactory, StoryPageFactory
from stories.images import HeldUpload, StoryImage
from tests.fixtures.phone_photos import (
    UPRIGHT_SIZE,
    animated_png,
    heic_photo,
    is_upright,
    keyed_png_with_transparency,
    metadata_in,
    palette_png_with_transparency,
    phone_photo,
    sixteen_bit_png,
    zip_polyglot,
)

RENDITION_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "avif": "AVIF"}
ALT = "Flora on the harbour wall, laughing"


# Routes ------------------------------------------------------------------------------------


def upload(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def through_the_add_form(client, name="phone.jpg", data=None, title="Added"):
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "file": upload(name, data or phone_photo()),
            "alt_text": ALT,
            "collection": "1",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    return StoryImage.objects.get(title=title)


def hold_in_the_multiple_uploader(client, name="phone.jpg", data=None):
    answer = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload(name, data or phone_photo())},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    ).json()
    assert answer["success"], answer
    assert "uploaded_file_id" in answer, "held until the editor gives alt text"
    return answer


def finish_held_upload(client, answer, title="Uploaded", alt_text=ALT):
    upload_id = answer["uploaded_file_id"]
    prefix = f"uploaded-image-{upload_id}"
    return client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id]),
        {f"{prefix}-title": title, f"{prefix}-alt_text": alt_text, f"{prefix}-collection": "1"},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    ).json()


def through_the_multiple_uploader(client, name="phone.jpg", data=None, title="Uploaded"):
    answer = finish_held_upload(client, hold_in_the_multiple_uploader(client, name, data), title)
    assert answer["success"], answer
    return StoryImage.objects.get(pk=answer["image_id"])


def through_the_chooser(client, name="phone.jpg", data=None, title="Chosen"):
    prefix = "image-chooser-upload"
    response = client.post(
        reverse("wagtailimages_chooser:create"),
        {
            f"{prefix}-title": title,
            f"{prefix}-file": upload(name, data or phone_photo()),
            f"{prefix}-alt_text": ALT,
            f"{prefix}-collection": "1",
        },
    )
    assert response.status_code == 200
    assert response.json()["step"] == "chosen", response.json()
    return StoryImage.objects.get(title=title)


def through_the_edit_form(client, name="phone.jpg", data=None, title="Replaced"):
    image = StoryImageFactory(title=title)
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": title,
            "file": upload(name, data or phone_photo()),
            "alt_text": ALT,
            "collection": "1",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    return StoryImage.objects.get(pk=image.pk)


def through_the_factory(client, name="phone.jpg", data=None, title="Made"):
    return StoryImageFactory(title=title, file=ImageFile(io.BytesIO(data or phone_photo()), name))


def through_create_in_the_shell(client, name="phone.jpg", data=None, title="Created"):
    return StoryImage.objects.create(
        title=title,
        alt_text=ALT,
        collection_id=1,
        file=ImageFile(io.BytesIO(data or phone_photo()), name=name),
    )


def through_file_save_in_the_shell(client, name="phone.jpg", data=None, title="Resaved"):
    image = StoryImageFactory(title=title)
    image.file.save(name, ContentFile(data or phone_photo()))
    return StoryImage.objects.get(pk=image.pk)


ROUTES = {
    "add form": through_the_add_form,
    "multiple uploader": through_the_multiple_uploader,
    "chooser upload tab": through_the_chooser,
    "edit form, change file": through_the_edit_form,
    "factory": through_the_factory,
    "shell, objects.create": through_create_in_the_shell,
    "shell, file.save": through_file_save_in_the_shell,
}


# What is stored ----------------------------------------------------------------------------


def stored_bytes(image_or_rendition):
    with image_or_rendition.file.storage.open(image_or_rendition.file.name, "rb") as handle:
        return handle.read()


def assert_clean_and_upright(data, size, image_format=None):
    picture = Image.open(io.BytesIO(data))
    assert metadata_in(data) == set()
    assert picture.size == size
    if image_format:
        assert picture.format == image_format
    assert is_upright(picture), "the picture is sideways"


def assert_stored_cleanly(image):
    """The original and a JPEG, PNG, WebP and AVIF rendition: no metadata, upright,
    the right dimensions; and the library's record describes the stored file."""
    data = stored_bytes(image)
    assert_clean_and_upright(data, UPRIGHT_SIZE, "JPEG")
    assert (image.width, image.height) == UPRIGHT_SIZE
    assert image.file_size == len(data)
    assert image.file_hash == hashlib.sha1(data).hexdigest()  # noqa: S324 (Wagtail's hash)
    assert image.file.name.endswith(".jpg")
    for output, image_format in RENDITION_FORMATS.items():
        rendition = image.get_rendition(f"width-100|format-{output}")
        assert (rendition.width, rendition.height) == (100, 150)
        assert_clean_and_upright(stored_bytes(rendition), (100, 150), image_format)


@pytest.fixture
def editor(client):
    client.force_login(get_user_model().objects.get(username="editor"))
    return client


@pytest.mark.parametrize("route", ROUTES)
def test_a_phone_photo_is_stored_without_metadata_and_upright_by_every_route(editor, route):
    image = ROUTES[route](editor)
    assert_stored_cleanly(image)


def test_the_phone_photo_really_carries_everything_that_must_go():
    data = phone_photo()
    found = metadata_in(data)
    assert {"EXIF", "xmp", "comment", "photoshop"} <= found
    assert {
        f"tell-tale {word}" for word in ("Flora", "SERIAL-12345", "Harbour", "THUMBNAIL")
    } <= found
    exif = Image.open(io.BytesIO(data)).getexif()
    assert exif[0x0112] == 6  # to be turned 90° clockwise
    assert exif.get_ifd(0x8825)[1] == "N"  # GPS
    assert not is_upright(Image.open(io.BytesIO(data)))


# Blurring ----------------------------------------------------------------------------------


def legacy_image(title="Stored long ago", data=None):
    """A picture stored before every route cleaned it: the phone's file as it came,
    sideways, with the dimensions Wagtail read from it."""
    image = StoryImageFactory(title=title)
    storage = image.file.storage
    storage.delete(image.file.name)
    name = storage.save(image.file.name, ContentFile(data or phone_photo()))
    raw = Image.open(io.BytesIO(data or phone_photo()))
    StoryImage.objects.filter(pk=image.pk).update(
        file=name, width=raw.width, height=raw.height, file_size=None, file_hash=""
    )
    return StoryImage.objects.get(pk=image.pk)


def sharpest_edge(picture):
    width, height = picture.size
    left, right = picture.crop((0, 0, width - 1, height)), picture.crop((1, 0, width, height))
    return ImageChops.difference(left, right).convert("L").getextrema()[1]


def test_blurring_an_old_sideways_photo_blurs_where_the_editor_marked_and_stores_it_cleanly(
    editor,
):
    image = legacy_image()
    # The editor sees the photo upright and marks its top left quarter.
    response = editor.post(reverse("stories_blur_image", args=[image.pk]), {"regions": "0 0 50 50"})
    assert response.status_code == 302
    image = StoryImage.objects.get(pk=image.pk)
    assert_stored_cleanly(image)
    picture = Image.open(io.BytesIO(stored_bytes(image))).convert("RGB")
    width, height = picture.size
    top_left = picture.crop((0, 0, width // 2 - 4, height // 2 - 4))
    top_right = picture.crop((width // 2 + 4, 0, width, height // 2 - 4))
    assert sharpest_edge(top_left) < 80, "the marked region is blurred"
    assert sharpest_edge(top_right) > 150, "and nothing beside it"


def test_blurring_a_freshly_uploaded_photo_keeps_it_clean(editor):
    image = through_the_add_form(editor)
    response = editor.post(reverse("stories_blur_image", args=[image.pk]), {"regions": "0 0 50 50"})
    assert response.status_code == 302
    assert_stored_cleanly(StoryImage.objects.get(pk=image.pk))


# Renditions, whatever the source -----------------------------------------------------------


@pytest.mark.parametrize("output", RENDITION_FORMATS)
def test_no_rendition_of_an_old_photo_with_metadata_carries_any(output):
    image = legacy_image()
    assert metadata_in(stored_bytes(image))  # the old original still has it
    rendition = image.get_rendition(f"width-100|format-{output}")
    assert_clean_and_upright(stored_bytes(rendition), (100, 150), RENDITION_FORMATS[output])


def test_the_social_card_of_an_old_photo_carries_no_metadata(client):
    story = StoryPageFactory(title="An old photo on the card", hero_image=legacy_image())
    assert client.get(story.url).status_code == 200
    for rendition in story.hero_image.renditions.all():
        assert metadata_in(stored_bytes(rendition)) == set(), rendition.filter_spec


# Held uploads ------------------------------------------------------------------------------


def public_files():
    found = set()
    for folder, _dirs, files in os.walk(settings.MEDIA_ROOT):
        found |= {os.path.join(folder, name) for name in files}
    return found


def test_a_held_upload_is_kept_privately_and_already_cleaned(editor):
    before = public_files()
    answer = hold_in_the_multiple_uploader(editor)
    assert public_files() == before, "nothing lands in the public media folder"
    assert not UploadedFile.objects.exists()
    held = HeldUpload.objects.get(pk=answer["uploaded_file_id"])
    assert held.file.storage is not default_storage
    assert_clean_and_upright(stored_bytes(held), UPRIGHT_SIZE, "JPEG")


def test_finishing_a_held_upload_removes_the_held_file(editor, django_capture_on_commit_callbacks):
    answer = hold_in_the_multiple_uploader(editor)
    held = HeldUpload.objects.get(pk=answer["uploaded_file_id"])
    storage, name = held.file.storage, held.file.name
    with django_capture_on_commit_callbacks(execute=True):
        assert finish_held_upload(editor, answer)["success"]
    assert not HeldUpload.objects.exists()
    assert not storage.exists(name)


def test_a_held_upload_without_alt_text_stays_held_and_nothing_is_stored(editor):
    answer = hold_in_the_multiple_uploader(editor)
    images = StoryImage.objects.count()
    refused = finish_held_upload(editor, answer, alt_text="")
    assert not refused["success"]
    assert "Describe the picture" in refused["form"]
    assert StoryImage.objects.count() == images
    assert HeldUpload.objects.filter(pk=answer["uploaded_file_id"]).exists()


def test_finishing_a_held_upload_whose_file_has_gone_says_so_and_stores_nothing(editor):
    answer = hold_in_the_multiple_uploader(editor)
    held = HeldUpload.objects.get(pk=answer["uploaded_file_id"])
    held.file.storage.delete(held.file.name)
    images = StoryImage.objects.count()
    refused = finish_held_upload(editor, answer)
    assert not refused["success"]
    assert "upload the picture again" in refused["form"]
    assert StoryImage.objects.count() == images


def test_deleting_a_held_upload_removes_its_file(editor, django_capture_on_commit_callbacks):
    answer = hold_in_the_multiple_uploader(editor)
    held = HeldUpload.objects.get(pk=answer["uploaded_file_id"])
    storage, name = held.file.storage, held.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse("wagtailimages:delete_upload_multiple", args=[answer["uploaded_file_id"]]),
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )
    assert response.json()["success"]
    assert not HeldUpload.objects.exists()
    assert not storage.exists(name)


def test_a_held_upload_goes_with_its_uploaders_account(client, django_capture_on_commit_callbacks):
    uploader = get_user_model().objects.create_superuser("leaving", "leaving@example.org", "x")
    client.force_login(uploader)
    held = HeldUpload.objects.get(pk=hold_in_the_multiple_uploader(client)["uploaded_file_id"])
    with django_capture_on_commit_callbacks(execute=True):
        uploader.delete()
    assert not HeldUpload.objects.exists()
    assert not held.file.storage.exists(held.file.name)


def test_someone_else_cannot_finish_or_delete_a_held_upload(editor, admin_client):
    answer = hold_in_the_multiple_uploader(editor)
    upload_id = answer["uploaded_file_id"]
    for url_name in ("create_multiple_from_uploaded_image", "delete_upload_multiple"):
        response = admin_client.post(
            reverse(f"wagtailimages:{url_name}", args=[upload_id]),
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",  # as Wagtail's script sends it
        )
        assert response.status_code == 403, url_name
    assert HeldUpload.objects.filter(pk=upload_id).exists()


def test_abandoned_held_uploads_are_removed_after_a_day_by_the_hourly_sweep(
    editor, django_capture_on_commit_callbacks
):
    with freeze_time(timezone.now() - datetime.timedelta(hours=25)):
        old = HeldUpload.objects.get(pk=hold_in_the_multiple_uploader(editor)["uploaded_file_id"])
    # A day later the editor signs in again: a staff session ends after an idle hour.
    editor.logout()
    editor.force_login(get_user_model().objects.get(username="editor"))
    recent = HeldUpload.objects.get(pk=hold_in_the_multiple_uploader(editor)["uploaded_file_id"])
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("enforce_consent", stdout=out)
    assert "Removed 1 abandoned upload" in out.getvalue()
    assert list(HeldUpload.objects.all()) == [recent]
    assert not old.file.storage.exists(old.file.name)
    assert recent.file.storage.exists(recent.file.name)


def test_a_dry_run_of_the_sweep_removes_no_held_upload(editor):
    with freeze_time(timezone.now() - datetime.timedelta(days=2)):
        old = HeldUpload.objects.get(pk=hold_in_the_multiple_uploader(editor)["uploaded_file_id"])
    out = io.StringIO()
    call_command("enforce_consent", "--dry-run", stdout=out)
    assert "Would remove 1 abandoned upload" in out.getvalue()
    assert old.file.storage.exists(old.file.name)


def test_uploads_wagtail_held_in_public_storage_are_removed_by_the_sweep():
    image_type = ContentType.objects.get_for_model(StoryImage)
    left = UploadedFile.objects.create(
        for_content_type=image_type, file=ContentFile(phone_photo(), name="phone.jpg")
    )
    name = left.file.name
    assert name.startswith("wagtail_uploads/") and default_storage.exists(name)
    call_command("enforce_consent", stdout=io.StringIO())
    assert not UploadedFile.objects.filter(pk=left.pk).exists()
    assert not default_storage.exists(name)


# Formats that must be converted on the way in ---------------------------------------------


@pytest.mark.parametrize("route", ["add form", "multiple uploader"])
def test_a_heic_photo_is_kept_as_an_upright_jpeg_without_metadata(editor, route):
    image = ROUTES[route](editor, name="phone.heic", data=heic_photo())
    assert_stored_cleanly(image)


@pytest.mark.parametrize("route", ["add form", "multiple uploader"])
def test_a_photo_that_is_also_a_zip_archive_is_kept_as_a_plain_picture(editor, route):
    image = ROUTES[route](editor, name="phone.jpg", data=zip_polyglot())
    assert not zipfile.is_zipfile(io.BytesIO(stored_bytes(image)))
    assert_stored_cleanly(image)


def test_a_16_bit_png_is_kept_at_8_bits_and_its_story_page_answers(editor, client):
    image = through_the_add_form(editor, name="scan.png", data=sixteen_bit_png(), title="Scan")
    stored = Image.open(io.BytesIO(stored_bytes(image)))
    assert stored.format == "PNG" and stored.mode == "L"
    # The ramp survives: dark on the left, light on the right.
    assert stored.getpixel((0, 10)) < 10 and stored.getpixel((63, 10)) > 245
    for output in RENDITION_FORMATS:
        image.get_rendition(f"width-32|format-{output}")
    story = StoryPageFactory(title="A scanned X-ray", hero_image=image)
    assert client.get(story.url).status_code == 200


@pytest.mark.parametrize(
    "make", [palette_png_with_transparency, keyed_png_with_transparency], ids=["palette", "key"]
)
def test_a_png_with_a_transparent_colour_keeps_its_transparency(editor, make):
    image = through_the_add_form(editor, name="logo.png", data=make(), title="Logo")
    stored = Image.open(io.BytesIO(stored_bytes(image))).convert("RGBA")
    assert stored.getpixel((2, 2))[3] == 0 and stored.getpixel((60, 2))[3] == 255
    for output in ("png", "webp", "avif"):
        rendition = Image.open(
            io.BytesIO(stored_bytes(image.get_rendition(f"width-32|format-{output}")))
        ).convert("RGBA")
        assert rendition.getpixel((1, 1))[3] == 0, output
        assert rendition.getpixel((30, 1))[3] == 255, output
    jpeg = Image.open(io.BytesIO(stored_bytes(image.get_rendition("width-32|format-jpeg"))))
    assert min(jpeg.convert("RGB").getpixel((1, 1))) > 240  # white where it was transparent


@pytest.mark.parametrize("route", ["add form", "multiple uploader"])
def test_an_animated_png_is_accepted_and_kept_as_its_first_frame(editor, route):
    image = ROUTES[route](editor, name="wave.png", data=animated_png(), title="Wave")
    stored = Image.open(io.BytesIO(stored_bytes(image)))
    assert stored.format == "PNG"
    assert getattr(stored, "n_frames", 1) == 1
    assert stored.convert("RGB").getpixel((5, 5)) == (255, 140, 0)
    for output in RENDITION_FORMATS:
        image.get_rendition(f"width-32|format-{output}")


@pytest.mark.parametrize("url_name", ["wagtailimages:add", "wagtailimages:add_multiple"])
def test_the_upload_pages_say_how_pictures_are_kept(editor, url_name):
    response = editor.get(reverse(url_name))
    assert response.status_code == 200
    assert "location, camera and other details are removed" in response.content.decode()
