"""The campaign's image library, where the people in photos are protected.

Every image says what it shows for readers who cannot see it (alt text),
whether it shows a recognisable person, and whose story it belongs to, so
that consent can decide where it may appear.

Whatever the route a file takes into the library (the admin's add form, the
multiple uploader, the chooser's upload tab, blurring, factories, the shell),
it is stored by the image's file field, and that field passes it through the
one pipeline (stories.image_privacy) first. Renditions are stored by a field
that re-encodes any rendition carrying metadata. Pictures the multiple
uploader holds for their alt text are `HeldUpload`s (see stories.uploads).
"""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Image,
    WagtailImageField,
    WagtailImageFieldFile,
    get_rendition_storage,
    get_rendition_upload_to,
    get_upload_to,
)
from wagtail.search import index

from .consent.storage import delete_file_with_row, private_storage
from .image_privacy import rendition_without_metadata, without_identifying_metadata
from .picture_storage import image_storage


class CleanedImageFieldFile(WagtailImageFieldFile):
    """A stored picture: whatever is saved here goes through the pipeline first,
    and the image's size, hash and dimensions then describe the stored file."""

    def save(self, name, content, save=True):
        cleaned = without_identifying_metadata(content)
        stem = os.path.splitext(os.path.basename(name))[0]
        extension = os.path.splitext(cleaned.name)[1]
        super().save(f"{stem}{extension}", cleaned, save=False)
        describe = getattr(self.instance, "_set_image_file_metadata", None)
        if describe is not None:
            describe()
        if save:
            self.instance.save()

    save.alters_data = True


class CleanedImageField(WagtailImageField):
    """Wagtail's image field, storing only what the pipeline wrote."""

    attr_class = CleanedImageFieldFile


class RenditionFieldFile(WagtailImageFieldFile):
    """A stored rendition, re-encoded if it carries metadata (copied by
    Wagtail from an original stored before the pipeline)."""

    def save(self, name, content, save=True):
        super().save(name, rendition_without_metadata(content), save)

    save.alters_data = True


class RenditionImageField(WagtailImageField):
    attr_class = RenditionFieldFile


class StoryImage(AbstractImage):
    """An image with alt text, a credit and who it shows."""

    # Private storage: pictures reach readers only through the access check.
    file = CleanedImageField(
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
        # A new file is stored first, through the pipeline of its field, so that the
        # size, hash and dimensions saved with the image describe the stored file.
        if self.file and not self.file._committed:
            self.file.save(self.file.name, self.file.file, save=False)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.is_decorative and not self.alt_text.strip():
            raise ValidationError(
                {"alt_text": "Describe the picture, or tick “decorative only” if it adds nothing."}
            )


class StoryRendition(AbstractRendition):
    image = models.ForeignKey(StoryImage, on_delete=models.CASCADE, related_name="renditions")
    file = RenditionImageField(
        upload_to=get_rendition_upload_to,
        storage=get_rendition_storage,
        width_field="width",
        height_field="height",
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class HeldUpload(models.Model):
    """A picture from the multiple uploader, waiting for the alt text and the
    facts consent needs before it joins the library.

    Wagtail holds such a file as an UploadedFile, as it came, in public
    storage. Here it is held already cleaned by the pipeline, in private
    storage that no URL serves, and only its uploader may finish or delete
    it. One not finished within a day is removed by the hourly
    `enforce_consent` run (stories.uploads.remove_abandoned_uploads).
    """

    file = CleanedImageField(storage=private_storage, upload_to="held-uploads/", max_length=200)
    uploaded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    held_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["held_at"]

    def __str__(self):
        return f"{os.path.basename(self.file.name)}, held since {self.held_at:%d %b %Y %H:%M}"


# When the editor finishes or deletes it, when the sweep removes it, and when
# its uploader's account is deleted.
models.signals.post_delete.connect(
    delete_file_with_row, sender=HeldUpload, dispatch_uid="stories-held-upload-file"
)
