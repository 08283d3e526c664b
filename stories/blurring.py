"""Blurring the parts of a photo that would let someone be recognised.

An editor marks regions (faces, a name badge, a street sign); face detection
suggests them when the optional OpenCV extra is installed (Willow ships the
face cascade, so nothing is downloaded), and they are drawn by hand
otherwise. The blur is in the pixels: each region is pixelated into coarse
blocks and then blurred, which cannot be undone. The library image is
replaced by the blurred picture, so every story using it shows the blurred
one at once; the unblurred original is kept in private storage, for consent
officers only, and each opening is logged.
"""

import functools
import importlib.util
import io
import os
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from PIL import Image, ImageFilter, ImageOps

from .consent.storage import delete_file_with_row, private_storage
from .image_privacy import STORED_AS

BLURRED = "stories.images.blurred"
UNBLURRED_VIEWED = "stories.images.unblurred_viewed"
# A region becomes at most 6 blocks across, then blurred by a block: at 8 blocks and
# half a block, OpenCV still found a face in a blurred test face. Tests check it no longer does.
BLOCKS_ACROSS = 6


@dataclass(frozen=True)
class Region:
    """A rectangle in percent of the picture's width and height."""

    left: float
    top: float
    width: float
    height: float

    def box(self, size):
        """The region in pixels, clipped to the picture."""
        width, height = size
        left = max(0, min(width, round(self.left * width / 100)))
        top = max(0, min(height, round(self.top * height / 100)))
        right = max(left, min(width, round((self.left + self.width) * width / 100)))
        bottom = max(top, min(height, round((self.top + self.height) * height / 100)))
        return left, top, right, bottom

    def as_line(self):
        return " ".join(f"{value:g}" for value in (self.left, self.top, self.width, self.height))


def parse_regions(text):
    """Regions from lines of four numbers (left top width height, in percent)."""
    regions = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.replace(",", " ").split()
        try:
            values = [float(part) for part in parts]
        except ValueError:
            values = []
        if len(values) != 4 or any(not 0 <= value <= 100 for value in values):
            raise ValidationError(
                f"Line {number} should be four numbers from 0 to 100: left, top, width, height."
            )
        if values[2] <= 0 or values[3] <= 0:
            raise ValidationError(f"Line {number} has no area: give it a width and a height.")
        regions.append(Region(*values))
    if not regions:
        raise ValidationError("Mark at least one region to blur.")
    return regions


@functools.cache
def face_detection_available():
    """Whether OpenCV is installed with the cascade detector Willow calls
    (OpenCV 5 moved it out of the main package)."""
    if importlib.util.find_spec("cv2") is None:
        return False
    import cv2

    return hasattr(cv2, "CascadeClassifier")


def detected_faces(image):
    """Boxes (left, top, right, bottom), in whole pixels, around the faces OpenCV finds."""
    with image.get_willow_image() as willow:
        return [tuple(int(edge) for edge in face) for face in willow.detect_faces() or []]


def suggested_regions(image):
    """Faces OpenCV finds, as regions with a margin; none without OpenCV."""
    if not face_detection_available():
        return []
    faces = detected_faces(image)
    width, height = image.width, image.height
    regions = []
    for left, top, right, bottom in faces:
        margin_x, margin_y = (right - left) * 0.2, (bottom - top) * 0.2
        regions.append(
            Region(
                left=max(0.0, (left - margin_x) * 100 / width),
                top=max(0.0, (top - margin_y) * 100 / height),
                width=min(100.0, (right - left + 2 * margin_x) * 100 / width),
                height=min(100.0, (bottom - top + 2 * margin_y) * 100 / height),
            )
        )
    return regions


def blurred_pixels(picture, regions):
    """A copy of the picture with each region pixelated and blurred."""
    result = picture.copy()
    for region in regions:
        left, top, right, bottom = region.box(result.size)
        if right - left < 1 or bottom - top < 1:
            continue
        patch = result.crop((left, top, right, bottom))
        block = max(1, max(patch.width, patch.height) // BLOCKS_ACROSS)
        small = patch.resize(
            (max(1, patch.width // block), max(1, patch.height // block)), Image.Resampling.BOX
        )
        coarse = small.resize(patch.size, Image.Resampling.NEAREST)
        result.paste(coarse.filter(ImageFilter.GaussianBlur(radius=block)), (left, top))
    return result


class UnblurredOriginal(models.Model):
    """The picture as it was before blurring: private, for consent officers."""

    image = models.ForeignKey(
        "stories.StoryImage", on_delete=models.CASCADE, related_name="unblurred_originals"
    )
    file = models.FileField(storage=private_storage, upload_to="unblurred/")
    regions = models.JSONField(help_text="What was blurred, in percent of the picture.")
    blurred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    blurred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-blurred_at"]

    def __str__(self):
        return f"{self.image} before blurring on {self.blurred_at:%d %b %Y}"


def blur_image(image, regions, user=None):
    """Blur regions of a library image in place, keeping the original privately."""
    from wagtail.log_actions import log

    with image.open_file() as stored:
        original = stored.read()
    picture = Image.open(io.BytesIO(original))
    picture.load()
    stored_format, extension, options = STORED_AS.get(picture.format, STORED_AS["JPEG"])
    if picture.info.get("icc_profile"):
        options = {**options, "icc_profile": picture.info["icc_profile"]}
    # Regions are marked on the picture the right way up; one stored before every
    # route cleaned it may still be sideways, with an orientation tag.
    blurred = blurred_pixels(ImageOps.exif_transpose(picture), regions)
    if stored_format == "JPEG" and blurred.mode not in ("RGB", "L", "CMYK"):
        blurred = blurred.convert("RGB")
    buffer = io.BytesIO()
    blurred.save(buffer, stored_format, **options)

    old_name = image.file.name
    stem = os.path.splitext(os.path.basename(old_name))[0]
    with transaction.atomic():
        UnblurredOriginal.objects.create(
            image=image,
            file=ContentFile(original, name=os.path.basename(old_name)),
            regions=[region.__dict__ for region in regions],
            blurred_by=user,
        )
        for rendition in image.renditions.all():
            rendition.delete()  # Wagtail deletes each file with it
        image.file = ContentFile(buffer.getvalue(), name=f"{stem}-blurred.{extension}")
        image.save()
        log(instance=image, action=BLURRED, user=user, data={"regions": len(regions)})
        transaction.on_commit(lambda: image.file.storage.delete(old_name))
    return image


# Deleting a blurred image, or erasing the storyteller it shows, leaves no face
# behind in private storage.
models.signals.post_delete.connect(
    delete_file_with_row, sender=UnblurredOriginal, dispatch_uid="stories-unblurred-file"
)
