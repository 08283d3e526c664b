"""Local development: debug on, safe on localhost only."""

import base64
import hashlib
import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
# Personal data at rest: the environment's keys, else one derived from SECRET_KEY.
PERSONAL_DATA_KEYS = env_list("PERSONAL_DATA_KEYS") or [
    base64.urlsafe_b64encode(
        hashlib.sha256(f"personal-data:{SECRET_KEY}".encode()).digest()
    ).decode()
]
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]
DEMO_ACCOUNTS_ENABLED = True
# Password of the demo accounts that `load_demo` creates.
DEMO_PASSWORD = os.environ.get("ADMIN_PASSWORD", "changeme")
