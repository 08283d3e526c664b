"""Editors blur faces and other details in the pixels; the unblurred original is
kept privately, for consent officers only."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image, ImageChops, ImageDraw
from wagtail.models import ModelLogEntry

from stories.blurring import (
    BLURRED,
    UNBLURRED_VIEWED,
    Region,
    UnblurredOriginal,
    blur_image,
    detected_faces,
    face_detection_available,
    parse_regions,
    suggested_regions,
)
from stories.factories import StoryImageFactory, drawn_face_picture
from stories.images import StoryImage


def checkerboard():
    """A sharp pattern: any blur of it is easy to see and impossible to undo."""
    picture = Image.new("RGB", (400, 300), "white")
    draw = ImageDraw.Draw(picture)
    for x in range(0, 400, 10):
        for y in range(0, 300, 10):
            if (x + y) // 10 % 2:
                draw.rectangle((x, y, x + 9, y + 9), fill="black")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def photo():
    return StoryImageFactory(
        title="Class photo",
        shows_identifiable_person=True,
        file=ImageFile(io.BytesIO(checkerboard()), name="class.png"),
    )


def pixels(image):
    with image.open_file() as stored:
        picture = Image.open(io.BytesIO(stored.read()))
        picture.load()
    return picture.convert("RGB")


def sharpest_edge(picture):
    """The largest difference between a pixel and its right-hand neighbour."""
    width, height = picture.size
    left, right = picture.crop((0, 0, width - 1, height)), picture.crop((1, 0, width, height))
    return ImageChops.difference(left, right).convert("L").getextrema()[1]


def signed_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_blurring_changes_the_pixels_inside_the_region_only(photo):
    before = pixels(photo)
    blur_image(photo, [Region(25, 25, 50, 50)])
    after = pixels(StoryImage.objects.get(pk=photo.pk))
    assert after.size == before.size
    inside, outside = (100, 75, 300, 225), (0, 0, 100, 75)
    assert ImageChops.difference(before.crop(inside), after.crop(inside)).getbbox()
    assert not ImageChops.difference(before.crop(outside), after.crop(outside)).getbbox()
    # The 10-pixel squares are gone: no sharp edge is left between neighbouring pixels.
    assert sharpest_edge(before.crop(inside)) == 255
    assert sharpest_edge(after.crop(inside)) < 80


def test_the_original_is_kept_privately_and_the_old_renditions_are_gone(photo):
    photo.get_rendition("fill-100x100")
    blur_image(photo, [Region(0, 0, 50, 50)])
    original = UnblurredOriginal.objects.get(image=photo)
    with original.file.open("rb") as stored:
        assert Image.open(stored).size == (400, 300)
    assert not photo.renditions.exists()
    assert not original.file.url.startswith("/media/")
    assert ModelLogEntry.objects.filter(action=BLURRED, object_id=str(photo.pk)).exists()


def test_an_editor_blurs_a_photo_in_the_admin(client, photo):
    signed_in(client, "editor")
    page = client.get(f"/admin/images/{photo.pk}/blur/")
    assert page.status_code == 200
    if not face_detection_available():
        assert "Face detection is unavailable" in page.content.decode()
    response = client.post(
        f"/admin/images/{photo.pk}/blur/",
        {"regions": "10 10 30 40\n60 10 30 40", "no_longer_identifiable": "on"},
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert not photo.shows_identifiable_person
    assert UnblurredOriginal.objects.get(image=photo).regions[1]["left"] == 60


def test_the_image_edit_page_offers_blurring(client, photo):
    signed_in(client, "editor")
    html = client.get(f"/admin/images/{photo.pk}/").content.decode()
    assert f"/admin/images/{photo.pk}/blur/" in html


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Mark at least one region"),
        ("10 10 30", "four numbers"),
        ("a b c d", "four numbers"),
        ("10 10 300 40", "four numbers"),
        ("10 10 0 40", "no area"),
    ],
)
def test_bad_regions_get_a_clear_message_and_change_nothing(client, photo, text, message):
    signed_in(client, "editor")
    response = client.post(f"/admin/images/{photo.pk}/blur/", {"regions": text})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not UnblurredOriginal.objects.exists()
    with pytest.raises(ValidationError):
        parse_regions(text)


def test_only_consent_officers_open_the_unblurred_original(client, photo):
    blur_image(photo, [Region(0, 0, 50, 50)])
    original = UnblurredOriginal.objects.get(image=photo)
    url = f"/admin/images/unblurred/{original.pk}/"
    assert signed_in(client, "editor").get(url).status_code in (302, 403)
    response = signed_in(client, "consent").get(url)
    assert response.status_code == 200
    assert ModelLogEntry.objects.filter(action=UNBLURRED_VIEWED, object_id=str(photo.pk)).exists()


def test_readers_cannot_blur(client, photo):
    response = signed_in(client, "teacher").get(f"/admin/images/{photo.pk}/blur/")
    assert response.status_code in (302, 403)


def test_with_opencv_detected_faces_are_suggested_with_a_margin(client, photo, monkeypatch):
    monkeypatch.setattr("stories.blurring.face_detection_available", lambda: True)
    monkeypatch.setattr("stories.blurring_views.face_detection_available", lambda: True)
    monkeypatch.setattr("stories.blurring.detected_faces", lambda image: [(100, 75, 200, 150)])
    html = signed_in(client, "editor").get(f"/admin/images/{photo.pk}/blur/").content.decode()
    assert "Face detection suggested 1 region" in html
    # 100..200 of 400 wide, 75..150 of 300 high, with a fifth of the face added each side.
    assert "20 20 35 35" in html


def test_without_opencv_the_admin_says_detection_is_unavailable_and_blurring_still_works(
    client, photo, monkeypatch
):
    monkeypatch.setattr("stories.blurring.face_detection_available", lambda: False)
    monkeypatch.setattr("stories.blurring_views.face_detection_available", lambda: False)
    signed_in(client, "editor")
    page = client.get(f"/admin/images/{photo.pk}/blur/").content.decode()
    assert "Face detection is unavailable" in page
    response = client.post(f"/admin/images/{photo.pk}/blur/", {"regions": "10 10 30 40"})
    assert response.status_code == 302
    assert UnblurredOriginal.objects.filter(image=photo).exists()


needs_opencv = pytest.mark.skipif(
    not face_detection_available(), reason="needs the optional faces extra (OpenCV)"
)
FACE_AT, FACE_HEIGHT = (160, 60), 200  # the drawn face's oval: x 190..330, y 60..260


@pytest.fixture
def face_photo():
    return StoryImageFactory(
        title="Portrait",
        shows_identifiable_person=True,
        file=ImageFile(
            io.BytesIO(drawn_face_picture(at=FACE_AT, height=FACE_HEIGHT)), name="face.jpg"
        ),
    )


@needs_opencv
def test_opencv_finds_the_face_and_suggests_a_region_that_covers_it(client, face_photo):
    (region,) = suggested_regions(face_photo)
    left, top, right, bottom = region.box((face_photo.width, face_photo.height))
    assert left <= 190 and right >= 330
    assert top <= 100 and bottom >= 240
    page = signed_in(client, "editor").get(f"/admin/images/{face_photo.pk}/blur/")
    assert "Face detection suggested 1 region" in page.content.decode()
    assert region.as_line() in page.content.decode()


@needs_opencv
@pytest.mark.parametrize(
    "size, at, height", [((480, 360), (160, 60), 200), ((1200, 900), (300, 300), 400)]
)
def test_once_the_suggested_region_is_blurred_opencv_finds_no_face(client, size, at, height):
    face_photo = StoryImageFactory(
        file=ImageFile(io.BytesIO(drawn_face_picture(size, at, height)), name="face.jpg")
    )
    assert detected_faces(face_photo)
    regions = "\n".join(region.as_line() for region in suggested_regions(face_photo))
    signed_in(client, "editor").post(f"/admin/images/{face_photo.pk}/blur/", {"regions": regions})
    face_photo.refresh_from_db()
    assert detected_faces(face_photo) == []
