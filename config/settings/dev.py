"""Local development: debug on, safe on localhost only."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]
DEMO_ACCOUNTS_ENABLED = True
# Password of the demo accounts that `load_demo` creates.
DEMO_PASSWORD = os.environ.get("ADMIN_PASSWORD", "changeme")
