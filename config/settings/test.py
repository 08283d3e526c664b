"""The test suite: fast hashing, no real email, files in a scratch folder."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import CACHES, REDIS_URL, STORAGES

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
# Generated for the tests alone; it encrypts only the tests' invented people.
PERSONAL_DATA_KEYS = ["LhUuTbIrP3zUrMNIsvy_FSyJAymAVvEECxe1XIHtSDA="]
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Scratch folders named, not made: storage creates them on the first write and
# the suite removes them afterwards, so `manage.py check` leaves nothing behind.
_SCRATCH = os.path.join(tempfile.gettempdir(), f"histories-and-smiles-test-{os.getpid()}")
MEDIA_ROOT = os.path.join(_SCRATCH, "media")
DEMO_ACCOUNTS_ENABLED = True
# Most tests publish stories and look at none of their pictures; the tests
# of background renditions turn this back on.
PREPARE_RENDITIONS_ON_PUBLISH = False

if REDIS_URL:
    # Keep runs apart from one another on a shared Redis.
    CACHES["default"]["KEY_PREFIX"] = f"hs-test-{os.getpid()}"
    CACHES["rate_limits"]["KEY_PREFIX"] = f"hs-test-{os.getpid()}"
else:
    # The suite is one process: rate limits count in its memory, so the API's
    # query budgets measure the API alone, and in the default cache's own
    # store, so that each test starts with a full allowance when the suite
    # empties that cache. The database table the embedded default counts in
    # is proven across workers by the deployed-shape test
    # (tests/test_rate_limits.py).
    CACHES["rate_limits"] = {**CACHES["default"]}
DEMO_PASSWORD = "changeme"
_PRIVATE_ROOT = os.path.join(_SCRATCH, "private")
STORAGES = {
    **STORAGES,
    "images": {
        "BACKEND": "stories.picture_storage.ImageStorage",
        "OPTIONS": {"location": os.path.join(_PRIVATE_ROOT, "images")},
    },
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": _PRIVATE_ROOT,
            "base_url": "/private-files-are-not-served/",
        },
    },
}
