"""What an uploaded photo may keep: its pixels, turned the right way up, and
its colour profile. Nothing that can identify a person or a place.

Camera files carry EXIF (GPS position, camera serial, owner name, dates),
XMP, IPTC and comments. The stored original is re-encoded without any of
them, so no rendition can copy them either.
"""

import io
import os

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


def without_identifying_metadata(uploaded):
    """A copy of the uploaded image with orientation applied and metadata gone."""
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
    upright = ImageOps.exif_transpose(image)
    upright.info = {}  # EXIF, XMP, IPTC, comments: none of it is written back
    if stored_format == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    if icc_profile:
        options = {**options, "icc_profile": icc_profile}
    buffer = io.BytesIO()
    upright.save(buffer, stored_format, **options)
    stem = os.path.splitext(os.path.basename(uploaded.name or "picture"))[0]
    return ContentFile(buffer.getvalue(), name=f"{stem}.{extension}")
