"""The admin's clip form, with the one pipeline of stories.clip_checks.

wagtailmedia builds every clip form (add, edit, and the chooser's upload
tab) on WAGTAILMEDIA["MEDIA_FORM_BASE"], so a refused file is a form error,
shown to the editor, and nothing is stored. A file that passes is cleaned
while the form validates (checked by ffprobe, written again by ffmpeg
without metadata); the model's field then stores it as it is.
"""

from django.core.files.uploadedfile import UploadedFile
from wagtail.images.widgets import AdminImageChooser
from wagtailmedia.forms import BaseMediaForm

from .clip_checks import AUDIO, VIDEO, cleaned_clip

WHAT_HAPPENS = (
    " On upload, the place, device, dates and other details are removed from the file, "
    "and it is kept as M4A (voice) or MP4 (video)."
)


class StoryClipForm(BaseMediaForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = f"{self.fields['file'].help_text}{WHAT_HAPPENS}"
        if "poster" in self.fields:
            self.fields["poster"].widget = AdminImageChooser()
        if self.instance.type == AUDIO:
            for name in ("captions", "captions_language", "poster"):
                self.fields.pop(name, None)

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not isinstance(uploaded, UploadedFile):
            return uploaded  # the file kept from before (edit without a new file)
        kind = self.instance.type if self.instance.type in (AUDIO, VIDEO) else None
        cleaned = cleaned_clip(uploaded, kind)
        self.instance.type = cleaned.media_type
        return cleaned
