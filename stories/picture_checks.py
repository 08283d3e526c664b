"""What an uploaded picture must be before anything is stored: judged by its
content, never its name.

Wagtail's image field already refuses files over the size limit, files it
cannot recognise, extensions outside the list, extensions that disagree with
the content, and too many pixels. These checks add what a patient-story
library needs: the whole picture must decode (a truncated file is refused,
not half-stored), it must be one of the formats we keep, it must not carry
HTML or script (a polyglot), and an animation may have at most
STORY_IMAGE_MAX_FRAMES frames.
"""

import re
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile

from .image_privacy import STORED_AS

ACCEPTED = "Upload a JPEG, PNG, WebP, AVIF or HEIC picture."
# Markers of a web page or script hidden inside a picture file.
ACTIVE_CONTENT = re.compile(rb"<\s*(script|html|svg|iframe|body|\?php)|<!doctype|javascript:", re.I)


def load_every_byte(picture):
    """Decode the (first) picture to its end, failing on a truncated file even
    where a library has told Pillow, for the whole process, to fill truncated
    pictures in (WeasyPrint does so when imported, to make a pack's PDF)."""
    relaxed = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        picture.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = relaxed


def check_uploaded_picture(uploaded):
    """Raise ValidationError, in an editor's words, unless the file is a picture we keep."""
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    if not data:
        raise ValidationError("This file is empty. " + ACCEPTED)
    if ACTIVE_CONTENT.search(data):
        raise ValidationError(
            "This file contains web page or script code as well as (or instead of) a picture, "
            "so it is not accepted. Export the photo again from the camera or editor. " + ACCEPTED
        )
    max_pixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = Image.open(uploaded)
            width, height = picture.size
            if width * height > max_pixels:
                raise ValidationError(
                    f"This picture is {width} × {height} pixels, more than the "
                    f"{max_pixels / 1_000_000:g} megapixels allowed. Make it smaller and try again."
                )
            if picture.format not in STORED_AS:
                raise ValidationError(
                    f"{picture.format or 'This'} files are not accepted. " + ACCEPTED
                )
            frames = getattr(picture, "n_frames", 1)
            if frames > settings.STORY_IMAGE_MAX_FRAMES:
                raise ValidationError(
                    f"This animation has {frames} frames; at most "
                    f"{settings.STORY_IMAGE_MAX_FRAMES} are accepted."
                )
            load_every_byte(picture)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            f"This picture declares more than {max_pixels / 1_000_000:g} megapixels. "
            "Make it smaller and try again."
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(
            "This picture is damaged or incomplete (it could not be read to the end). "
            "Upload it again, or export it again from the camera or editor."
        ) from error
    finally:
        uploaded.seek(0)
