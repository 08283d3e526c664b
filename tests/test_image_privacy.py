"""Stored photos keep their pixels and colour profile, and nothing that could
identify a person or a place."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image, ImageCms

from stories.factories import StoryImageFactory


def camera_photo(image_format="JPEG"):
    """A photo as a phone makes it: GPS, owner, serial, dates, XMP, a comment,
    an sRGB profile, and 'rotate 90°' in its orientation tag."""
    picture = Image.new("RGB", (120, 60), "#c8644a")
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x013B] = "Flora Marsh"  # artist
    exif[0xA431] = "SERIAL-12345"  # body serial number
    exif[0x0132] = "2041:05:12 10:00:00"
    exif.get_ifd(0x8825).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    options = {"exif": exif.tobytes(), "icc_profile": icc}
    if image_format == "JPEG":
        options |= {"comment": b"Taken at 12 Harbour Lane", "xmp": b"<x:xmpmeta>Flora</x:xmpmeta>"}
    picture.save(buffer, image_format, **options)
    return buffer.getvalue(), icc


def stored(image):
    with image.open_file() as handle:
        data = handle.read()
    return Image.open(io.BytesIO(data)), data


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_the_stored_original_has_no_location_or_identity(image_format):
    data, icc = camera_photo(image_format)
    image = StoryImageFactory(
        file=ImageFile(io.BytesIO(data), name=f"phone.{image_format.lower()}")
    )
    original, raw = stored(image)
    assert not original.getexif()
    assert b"Flora" not in raw and b"SERIAL-12345" not in raw and b"Harbour" not in raw
    assert "xmp" not in original.info and "comment" not in original.info
    assert original.info.get("icc_profile") == icc  # colours stay right


def test_the_photo_is_turned_the_right_way_up():
    data, _icc = camera_photo()
    image = StoryImageFactory(file=ImageFile(io.BytesIO(data), name="phone.jpg"))
    original, _raw = stored(image)
    assert original.size == (60, 120)
    assert (image.width, image.height) == (60, 120)


@pytest.mark.parametrize("output", ["jpeg", "png", "webp", "avif"])
def test_no_rendition_carries_metadata(output):
    data, _icc = camera_photo()
    image = StoryImageFactory(file=ImageFile(io.BytesIO(data), name="phone.jpg"))
    rendition = image.get_rendition(f"fill-40x40|format-{output}")
    with rendition.file.open("rb") as handle:
        raw = handle.read()
    assert not Image.open(io.BytesIO(raw)).getexif()
    assert b"Flora" not in raw and b"SERIAL-12345" not in raw


def test_the_stored_size_and_hash_match_the_cleaned_file():
    data, _icc = camera_photo()
    image = StoryImageFactory(file=ImageFile(io.BytesIO(data), name="phone.jpg"))
    _original, raw = stored(image)
    assert image.file_size == len(raw)


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_the_camera_photo_really_carries_what_we_remove(image_format):
    data, _icc = camera_photo(image_format)
    photo = Image.open(io.BytesIO(data))
    assert photo.getexif()[0x013B] == "Flora Marsh"
    assert photo.getexif().get_ifd(0x8825)[1] == "N"
    assert b"SERIAL-12345" in data
