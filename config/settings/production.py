"""Production: everything that matters comes from the environment.

Refuses to start without SECRET_KEY or PERSONAL_DATA_KEYS. Object storage
and CDN purge switch on only when their variables are set.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS, STORAGES, env_list, logging_settings

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment to run in production.")
PERSONAL_DATA_KEYS = env_list("PERSONAL_DATA_KEYS")
if not PERSONAL_DATA_KEYS:
    raise ImproperlyConfigured(
        "Set PERSONAL_DATA_KEYS in the environment to run in production: one or more Fernet "
        "keys, separated by commas (README, personal data at rest)."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")


def site_address(given, hosts, origins):
    """SITE_URL, or the site's address as the host settings name it: the first
    trusted origin, else https:// and the first host that is not a pattern."""
    if given:
        return given.rstrip("/")
    if origins:
        return origins[0].rstrip("/")
    named = [host for host in hosts if "*" not in host and not host.startswith(".")]
    if named:
        return f"https://{named[0]}"
    if hosts:
        raise ImproperlyConfigured(
            "Set SITE_URL (e.g. https://stories.example.org): ALLOWED_HOSTS names no one "
            "address for the links in e-mails."
        )
    return ""  # no host allowed: the site answers no request, and links nowhere


SITE_URL = site_address(os.environ.get("SITE_URL", ""), ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS)
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = SITE_URL

# Each worker keeps its database connection between requests instead of
# opening one per request, and checks it is still alive before reusing it.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "600"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Asking browsers to preload HTTPS for the domain is a promise for every
# subdomain that takes months to undo, so the operator makes it:
# SECURE_HSTS_PRELOAD=true. Until then `check --deploy` is told it is a choice.
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "false").lower() == "true"
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# Consent officers and administrators sign in with a code as well as a
# password (stories.two_factor); STAFF_TWO_FACTOR=optional or off to relax it.
STAFF_TWO_FACTOR = os.environ.get("STAFF_TWO_FACTOR", "required")

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = True


def s3_storage(bucket, **options):
    """A private S3-compatible bucket (django-storages); files reach readers by signed URL."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            **options,
        },
    }


# Uploaded media on S3-compatible object storage.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = s3_storage(
        os.environ["AWS_STORAGE_BUCKET_NAME"],
        custom_domain=os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
    )

# Consent evidence in its own private bucket: never public, never a custom domain.
if os.environ.get("AWS_PRIVATE_BUCKET_NAME"):
    STORAGES["private"] = s3_storage(os.environ["AWS_PRIVATE_BUCKET_NAME"])
    # Pictures in the private bucket too; their URLs still lead to the access check.
    STORAGES["images"] = s3_storage(os.environ["AWS_PRIVATE_BUCKET_NAME"], location="images") | {
        "BACKEND": "stories.s3.S3ImageStorage"
    }

# CDN purge on publish and unpublish (Wagtail's frontend cache).
WAGTAILFRONTENDCACHE = {}
if os.environ.get("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_BEARER_TOKEN"],
        "ZONEID": os.environ["CLOUDFLARE_ZONEID"],
    }
if os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]

# Background tasks in a worker (`manage.py db_worker`) when configured.
if os.environ.get("TASKS_BACKEND") == "django_tasks_db.DatabaseBackend":
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]

# Logs: one JSON object a line (LOG_FORMAT=text for lines a person reads),
# without personal data (stories.log_privacy).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING = logging_settings(LOG_FORMAT)

# Errors to Sentry when SENTRY_DSN is set (the `sentry` extra). Nothing that
# says who: no user, cookies, request bodies or local variables, and e-mail
# addresses, phone numbers and private links redacted from the rest.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    try:
        import sentry_sdk
    except ImportError as missing:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install '.[sentry]'."
        ) from missing
    from stories.log_privacy import scrub_event

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrub_event,
        traces_sample_rate=0,
    )
