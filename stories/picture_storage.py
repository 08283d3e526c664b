"""Where pictures are kept: private storage whose URLs lead to the access check.

Originals and renditions never get a URL that serves the file itself: every
address leads to `stories.media_serving.serve_image`, which asks the gate. On
disk they live outside the public media folder; in production in a private
bucket (stories.s3).
"""

from django.core.files.storage import FileSystemStorage, storages
from django.urls import reverse


class AccessCheckedURLs:
    """A storage whose file URLs lead to the view that checks who is asking."""

    def url(self, name):
        return reverse("story_image_file", args=[name])


class ImageStorage(AccessCheckedURLs, FileSystemStorage):
    """Originals and renditions on disk, outside the public media folder."""


def image_storage():
    return storages["images"]
