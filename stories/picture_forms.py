"""The admin's image form, with the upload checks of stories.picture_checks.

Wagtail builds every image form (add, edit, and the multiple uploader) on
WAGTAILIMAGES_IMAGE_FORM_BASE, so a refused file is a form error, shown to
the editor, and nothing is stored.
"""

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .picture_checks import check_uploaded_picture


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, with the whole picture checked before Wagtail's own
    checks: those read only the header, and a truncated file crashed them."""

    def to_python(self, data):
        size = getattr(data, "size", 0)
        if data is not None and 0 < size <= (self.max_upload_size or size):
            check_uploaded_picture(data)
        return super().to_python(data)


class StoryImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            given = self.fields["file"]
            checked = CheckedImageField(label=given.label, required=given.required)
            checked.widget = given.widget
            self.fields["file"] = checked
