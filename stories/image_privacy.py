"""What a stored picture may keep: its pixels, turned the right way up, its
colour profile and its transparency. Nothing that can identify a person or a place.

Camera files carry EXIF (GPS position, camera serial, owner name, dates, and
a thumbnail with GPS of its own), XMP, IPTC and comments, and some files are
also something else (a zip archive appended to a JPEG). Every file that
enters the library, by any route, is re-encoded from its pixels by
`without_identifying_metadata`, the one pipeline: the image model's file
field calls it on every save (stories.images), and the upload forms call it
while they validate, so a file it cannot handle is a form error. The result
is a `CleanedPicture`, which the field stores as it is.

On the way it also makes the picture one that every rendition can be made
from: HEIC becomes JPEG, an animation keeps its first frame (Wagtail's
renditions are still pictures), 16-bit greyscale becomes 8-bit, and palette
or keyed transparency becomes an alpha channel, so it survives.

Renditions are made from these clean originals. Wagtail copies EXIF and
comments into JPEG and PNG renditions, so a rendition of a picture stored
before this pipeline existed would carry them: `rendition_without_metadata`
re-encodes any rendition in which it finds metadata.
"""

import io
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

try:  # HEIC from phones; Wagtail's Willow depends on pillow-heif
    from pillow_heif import register_heif_opener
except ImportError:  # pragma: no cover
    register_heif_opener = None
else:
    register_heif_opener()

# Format Pillow detects -> (format to store, file extension, encoder options)
STORED_AS = {
    "JPEG": ("JPEG", "jpg", {"quality": 92, "optimize": True}),
    "MPO": ("JPEG", "jpg", {"quality": 92, "optimize": True}),  # phone JPEGs with a depth map
    "PNG": ("PNG", "png", {"optimize": True}),
    "WEBP": ("WEBP", "webp", {"quality": 90}),
    "AVIF": ("AVIF", "avif", {"quality": 80}),
    "HEIF": ("JPEG", "jpg", {"quality": 92}),  # browsers cannot show HEIC: keep a JPEG
}
SIXTEEN_BIT_GREY = ("I;16", "I;16B", "I;16L", "I;16N", "I")
# Modes every rendition format can be written from.
KEPT_MODES = ("RGB", "RGBA", "L", "LA", "CMYK")

# What a picture file may say about itself besides its pixels: how to decode
# and show them. Anything else Pillow reads from a file counts as metadata.
HARMLESS_INFO = {
    "icc_profile",
    "dpi",
    "jfif",
    "jfif_version",
    "jfif_unit",
    "jfif_density",
    "adobe",
    "adobe_transform",
    "progression",
    "progressive",
    "transparency",
    "gamma",
    "srgb",
    "chromaticity",
    "aspect",
    "interlace",
    "background",
    "loop",
    "duration",
    "timestamp",
}
# JPEG application segments that only describe how to decode the pixels.
HARMLESS_JPEG_SEGMENTS = {("APP0", b"JFIF"), ("APP2", b"ICC_PROFILE"), ("APP14", b"Adobe")}


class CleanedPicture(ContentFile):
    """Picture bytes written by `without_identifying_metadata`: upright, in a
    format the library keeps, with no metadata. Only the pipeline makes them."""


def without_identifying_metadata(uploaded):
    """A copy of the uploaded image with orientation applied and metadata gone.

    Raises ValidationError, in an editor's words, if the file is not a picture
    the library keeps."""
    if isinstance(uploaded, CleanedPicture):
        return uploaded
    uploaded.seek(0)
    try:
        image = Image.open(uploaded)
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(f"This file could not be read as a picture: {error}") from error
    if image.format not in STORED_AS:
        kind = image.format or "This format"
        raise ValidationError(f"{kind} is not accepted: upload a JPEG, PNG, WebP, AVIF or HEIC.")
    stored_format, extension, options = STORED_AS[image.format]
    icc_profile = image.info.get("icc_profile")
    try:
        picture = _ready_for_renditions(ImageOps.exif_transpose(image), stored_format)
        picture.info = {}  # EXIF, XMP, IPTC, comments: none of it is written back
        if icc_profile:
            options = {**options, "icc_profile": icc_profile}
        buffer = io.BytesIO()
        picture.save(buffer, stored_format, **options)
    except (OSError, ValueError) as error:
        raise ValidationError(
            f"This picture could not be converted for the library ({error}). "
            "Export it again as an 8-bit JPEG or PNG and upload that."
        ) from error
    stem = os.path.splitext(os.path.basename(getattr(uploaded, "name", None) or "picture"))[0]
    return CleanedPicture(buffer.getvalue(), name=f"{stem}.{extension}")


def _ready_for_renditions(picture, stored_format):
    """The picture in a mode every rendition format can be written from,
    keeping its transparency."""
    if picture.mode in SIXTEEN_BIT_GREY:
        # 0-65535 down to 0-255, not clipped: Pillow's own conversion clips at 255.
        picture = picture.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    transparent = "transparency" in picture.info  # a palette entry or a colour key
    if picture.mode == "1":
        picture = picture.convert("L")
    if (picture.mode == "L" and transparent) or picture.mode == "La":
        picture = picture.convert("LA")
    elif transparent or picture.mode in ("PA", "RGBa"):
        picture = picture.convert("RGBA")
    elif picture.mode not in KEPT_MODES:
        picture = picture.convert("RGB")
    if stored_format == "JPEG" and picture.mode in ("RGBA", "LA"):
        # JPEG has no transparency: what was transparent becomes white, as in renditions.
        background = Image.new("RGB", picture.size, (255, 255, 255))
        background.paste(picture.convert("RGBA"), mask=picture.convert("RGBA").getchannel("A"))
        picture = background
    return picture


def identifying_metadata(data):
    """The kinds of metadata found in picture bytes: EXIF, XMP, IPTC, comments,
    text chunks; an empty list for a clean picture."""
    picture = Image.open(io.BytesIO(data))
    found = sorted(set(picture.info) - HARMLESS_INFO)
    if picture.getexif():
        found.append("EXIF")
    for marker, payload in getattr(picture, "applist", []):
        signature = payload.split(b"\0", 1)[0]
        if (marker, signature) not in HARMLESS_JPEG_SEGMENTS:
            found.append(f"{marker} {signature[:20]!r}")
    return found


def rendition_without_metadata(content):
    """The rendition as made, or, if it carries any metadata (copied from an
    original stored before the pipeline), re-encoded without it. Its size,
    format and orientation stay as they are."""
    content.seek(0)
    data = content.read()
    content.seek(0)
    if not identifying_metadata(data):
        return content
    picture = Image.open(io.BytesIO(data))
    picture.load()
    image_format = picture.format
    options = {"icc_profile": picture.info["icc_profile"]} if "icc_profile" in picture.info else {}
    if image_format == "JPEG":
        options |= {"quality": "keep", "optimize": True, "progressive": True}
    elif image_format == "WEBP":
        options["quality"] = getattr(settings, "WAGTAILIMAGES_WEBP_QUALITY", 80)
    elif image_format == "AVIF":
        options["quality"] = getattr(settings, "WAGTAILIMAGES_AVIF_QUALITY", 80)
    elif image_format == "PNG":
        options["optimize"] = True
        if "transparency" in picture.info:
            options["transparency"] = picture.info["transparency"]
    clean = picture.copy() if image_format != "JPEG" else picture
    clean.info = {}
    buffer = io.BytesIO()
    clean.save(buffer, image_format, **options)
    return ContentFile(buffer.getvalue(), name=getattr(content, "name", None))
