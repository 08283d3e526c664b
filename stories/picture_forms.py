"""The admin's image form, with the upload checks of stories.picture_checks
and the one pipeline of stories.image_privacy.

Wagtail builds every image form (add, edit, the multiple uploader and the
chooser's upload tab) on WAGTAILIMAGES_IMAGE_FORM_BASE, so a refused file is
a form error, shown to the editor, and nothing is stored. A file that passes
is cleaned while the form validates: whatever the pipeline cannot handle is
a form error too, never a failure when the image is saved.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .image_privacy import without_identifying_metadata
from .picture_checks import check_uploaded_picture

WHAT_HAPPENS = (
    " On upload, the location, camera and other details are removed from the file and "
    "photos are turned the right way up; HEIC photos are kept as JPEG, and animations "
    "as their first frame."
)


def still_if_animated_png(uploaded):
    """An animated PNG as its first frame, which Wagtail's checks can read; any
    other file as it is. (The pipeline keeps the first frame of any animation.)"""
    uploaded.seek(0)
    with Image.open(uploaded) as picture:
        animated = picture.format == "PNG" and getattr(picture, "n_frames", 1) > 1
        if animated:
            picture.seek(0)
            buffer = io.BytesIO()
            picture.save(buffer, "PNG")
    uploaded.seek(0)
    if not animated:
        return uploaded
    return SimpleUploadedFile(uploaded.name, buffer.getvalue(), content_type="image/png")


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, with the whole picture checked before Wagtail's own
    checks (those read only the header, and a truncated file crashed them), and
    the accepted file cleaned by the pipeline."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.help_text = f"{self.help_text}{WHAT_HAPPENS}"

    def to_python(self, data):
        size = getattr(data, "size", 0)
        if data is not None and 0 < size <= (self.max_upload_size or size):
            check_uploaded_picture(data)
            data = still_if_animated_png(data)
        checked = super().to_python(data)
        if checked is None:
            return None
        return without_identifying_metadata(checked)


class StoryImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            given = self.fields["file"]
            checked = CheckedImageField(label=given.label, required=given.required)
            checked.widget = given.widget
            self.fields["file"] = checked
