"""Private storage for consent evidence: files that no public URL serves.

On disk it lives outside MEDIA_ROOT; in production it is a private bucket or
prefix (STORAGES["private"]). Consent officers read files through an admin
view that logs each access, never through a storage URL.
"""

from django.core.files.storage import storages
from django.db import transaction


def private_storage():
    return storages["private"]


def delete_file_with_row(sender, instance, **kwargs):
    """`post_delete` receiver for a model whose `file` is private: the file goes
    with its row once the deletion commits (a deletion undone keeps it)."""
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
