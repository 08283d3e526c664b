"""The campaign's image library, where the people in photos are protected.

Every image says what it shows for readers who cannot see it (alt text),
whether it shows a recognisable person, and whose story it belongs to, so
that consent can decide where it may appear.
"""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Image,
    WagtailImageField,
    get_upload_to,
)
from wagtail.search import index

from .image_privacy import without_identifying_metadata
from .media_access import image_storage


class StoryImage(AbstractImage):
    """An image with alt text, a credit and who it shows."""

    # Private storage: pictures reach readers only through the access check.
    file = WagtailImageField(
        verbose_name="file",
        upload_to=get_upload_to,
        storage=image_storage,
        width_field="width",
        height_field="height",
    )

    alt_text = models.CharField(
        max_length=255,
        blank=True,
        help_text="What the picture shows, for readers who cannot see it.",
    )
    is_decorative = models.BooleanField(
        "decorative only",
        default=False,
        help_text="Tick only if the picture adds nothing to the text; it then needs no alt text.",
    )
    shows_identifiable_person = models.BooleanField(
        "shows an identifiable person",
        default=False,
        help_text="A face, a name badge, anything that would let someone recognise them.",
    )
    storyteller = models.ForeignKey(
        "stories.Storyteller",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="images",
        help_text="The storyteller this picture shows, if any.",
    )
    credit = models.CharField(max_length=255, blank=True)

    admin_form_fields = (
        *Image.admin_form_fields[:2],  # title, file
        "alt_text",
        "is_decorative",
        "shows_identifiable_person",
        "storyteller",
        "credit",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )
    search_fields = [
        *AbstractImage.search_fields,
        index.SearchField("alt_text"),
        index.FilterField("storyteller"),
        index.FilterField("shows_identifiable_person"),
    ]

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"
        permissions = [("choose_image", "Can choose image")]

    @property
    def default_alt_text(self):
        return "" if self.is_decorative else self.alt_text

    def save(self, *args, **kwargs):
        # A newly uploaded file is stored without its metadata (see image_privacy).
        if self.file and not getattr(self.file, "_committed", True):
            self.file = without_identifying_metadata(self.file)
            self._set_image_file_metadata()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.is_decorative and not self.alt_text.strip():
            raise ValidationError(
                {"alt_text": "Describe the picture, or tick “decorative only” if it adds nothing."}
            )


class StoryRendition(AbstractRendition):
    image = models.ForeignKey(StoryImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
