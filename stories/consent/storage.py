"""Private storage for consent evidence: files that no public URL serves.

On disk it lives outside MEDIA_ROOT; in production it is a private bucket or
prefix (STORAGES["private"]). Consent officers read files through an admin
view that logs each access, never through a storage URL.
"""

from django.core.files.storage import storages


def private_storage():
    return storages["private"]
