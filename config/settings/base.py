"""Settings shared by every environment.

Everything that differs between a laptop and production comes from the
environment; the defaults here are the embedded ones a newcomer needs
(SQLite, local-memory cache, immediate background tasks, files on disk).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Personal data at rest (stories.personal_data): Fernet keys separated by
# commas; the first encrypts, every one decrypts (key rotation: README).
# Production refuses to start without them; dev and test set local ones.
PERSONAL_DATA_KEYS = env_list("PERSONAL_DATA_KEYS")


INSTALLED_APPS = [
    "accounts",
    "stories",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    # Stories in English and Spanish: locales, and a translation as a copy of
    # the page that goes through the same review and publish guard (README).
    "wagtail.locales",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    # Voice and video clips (stories.clips), through the pipeline of stories.clip_checks.
    "wagtailmedia",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "rest_framework",
    "wagtail.api.v2",
    # Two-step sign-in for staff (stories.two_factor): apps and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    # First: a load balancer's /health/ is answered before host checks, the
    # HTTPS redirect, sessions or the page cache (stories.health).
    "stories.health.answer_health_checks",
    # Each request's id and path on every log line written while serving it.
    "stories.log_privacy.request_context",
    "django.middleware.security.SecurityMiddleware",
    # Above the middleware that answer, frame and keep pages: every response,
    # a kept page included, gets the policies (see the security headers below).
    "stories.security_headers.ContentSecurityPolicy",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "config.middleware.refuse_nul_characters",
    "config.middleware.refuse_oversized_requests",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An ETag of each page as sent, and 304 to a reader whose copy is still that page.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the address (/es/...; none is English), before the page cache keys on it.
    "stories.translations.LanguageFromAddress",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "stories.staff_sessions.staff_sessions_expire",
    "stories.readers.middleware.private_when_signed_in",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Which app verified the session (django-otp), then no admin page before
    # the code for staff who owe one (stories.two_factor).
    "django_otp.middleware.OTPMiddleware",
    "stories.two_factor.TwoFactorForStaff",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Answers a locked-out sign-in with its own page (stories.readers.lockout).
    "axes.middleware.AxesMiddleware",
    # Last, so that a kept page still passes every middleware above on its way out.
    "stories.page_cache.page_cache",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stories.caching.cache_context",
            ],
        },
    },
]

# Database: SQLite under the repository unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes share the file (web workers, the worker, a command at a
    # terminal): a transaction takes the write lock when it begins, and waits
    # for it, so two withdrawals at once queue instead of one failing with
    # "database is locked"; readers never block the writer (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        # secure_delete: an erased storyteller's rows are overwritten, not left in free pages.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
        ),
        **DATABASES["default"].get("OPTIONS", {}),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL compiles a query to machine code (JIT) when its estimated cost
    # is high, as the gate's queries over the whole archive are: at 10,000
    # stories that took 160 ms of a 330 ms count, every time, to save nothing.
    # Pages ask short queries; JIT pays off only for long reports.
    DATABASES["default"]["OPTIONS"] = {
        "options": "-c jit=off",
        # A server that does not answer is given up on in seconds, not minutes:
        # readers get the 503 page and /health/ its answer while it is away.
        "connect_timeout": int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")),
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, local memory otherwise. Either way it
# only holds rendered fragments: what retires them is the content generation
# in the database (stories.caching), so every process agrees on it. Redis is
# an accelerator: when it is down or slow, a page is rendered afresh (the
# error is logged) instead of failing.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT_SECONDS = float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.25"))


def cache_settings(redis_url):
    """Redis when a URL is given, local memory otherwise."""
    if not redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "histories-and-smiles",
            },
            # Rate limits must be counted once for every worker: without Redis,
            # in a table of the database (made by `migrate`, stories.apps).
            "rate_limits": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "rate_limits_cache",
            },
        }
    redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": redis_url,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "histories-and-smiles"),
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            # Down or hanging: a miss, logged, never an error page.
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT_SECONDS,
            "SOCKET_TIMEOUT": REDIS_TIMEOUT_SECONDS,
        },
    }
    # Rate limits on the same Redis every worker shares.
    return {"default": redis, "rate_limits": {**redis, "OPTIONS": {**redis["OPTIONS"]}}}


CACHES = cache_settings(REDIS_URL)
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Background work (search indexing, reference index, renditions) runs at once
# by default; production switches to a database-backed worker.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "ENQUEUE_ON_COMMIT": True,
    }
}

AUTH_USER_MODEL = "accounts.User"
# What consent acts on (stories.consent.subjects): the consent code finds it here,
# as Django finds the user model, and never imports it.
CONSENT_SUBJECT_MODEL = "stories.StoryPage"
# Members of a suspended partner organisation are locked out at once. First,
# django-axes refuses anyone locked out after repeated failures (below).
AUTHENTICATION_BACKENDS = [
    "stories.readers.backends.LockoutBackend",
    "stories.readers.backends.MemberAwareBackend",
]
# Readers sign in on the site, in its own look; the admin has its own page.
LOGIN_URL = "reader_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# Two-step sign-in for staff (stories.two_factor): "required" (consent
# officers and administrators give a code from an authenticator app after
# their password; other staff may), "optional" (any member of staff may) or
# "off". Production requires it; development and tests leave it off.
STAFF_TWO_FACTOR = os.environ.get("STAFF_TWO_FACTOR", "off")
# The name authenticator apps show beside the code.
OTP_TOTP_ISSUER = "Histories & Smiles"
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

# Sign-in lockout (django-axes), for readers' sign-in and the admin's alike:
# after AXES_FAILURE_LIMIT failures in a row for one username, or from one
# client address, sign-in is refused for AXES_COOLOFF_MINUTES, whether or not
# the account exists. Counted in the database, so every worker agrees.
# Administrators unlock early with `manage.py axes_reset_username NAME`,
# `axes_reset_ip ADDRESS` or `axes_reset` (README: Sign-in protection).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "stories.client_address.client_address"
AXES_USERNAME_CALLABLE = "stories.readers.lockout.username_tried"
AXES_LOCKOUT_CALLABLE = "stories.readers.lockout.locked_out_response"
# Its log lines name the page only: usernames and addresses are personal data.
AXES_CLIENT_STR_CALLABLE = "stories.readers.lockout.described_in_logs"
# Successful sign-ins are not logged (addresses are personal data); failures are.
AXES_DISABLE_ACCESS_LOG = True
AXES_SENSITIVE_PARAMETERS = ["password"]
# Behind proxies: how many put their entry in X-Forwarded-For (counted from
# the right). 0 reads the connection's own address and ignores the header.
# Sign-in lockout and the API's rate limit key on that one address
# (stories.client_address).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# People who work in the admin are signed out after this many idle minutes,
# and when the browser closes (stories.staff_sessions); readers keep Django's
# two-week sessions.
STAFF_SESSION_IDLE_MINUTES = int(os.environ.get("STAFF_SESSION_IDLE_MINUTES", "60"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
# English at the addresses it always had, Spanish under /es/ (config.urls).
# The content locales use the same codes: the site's first locale is "en-gb",
# as Wagtail made it from LANGUAGE_CODE; Spanish is added by stories 0021.
LANGUAGES = [("en-gb", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATICFILES_DIRS = [SITE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", BASE_DIR / "private"))
# Options are plain strings: Wagtail deletes files in a background task,
# which must serialise each storage's options.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Consent evidence: outside MEDIA_ROOT, so nothing serves it by URL.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_ROOT), "base_url": "/private-files-are-not-served/"},
    },
    # Pictures, originals and renditions: private too; their URLs lead to a
    # view that checks the reader may see a story using them.
    "images": {
        "BACKEND": "stories.picture_storage.ImageStorage",
        "OPTIONS": {"location": str(PRIVATE_ROOT / "images")},
    },
}
WAGTAILIMAGES_RENDITION_STORAGE = "images"
# Documents always go through Wagtail's serve view, where the access check runs.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security headers that cost nothing anywhere.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page is framed, except those whose view says so: the story card other
# sites embed (any site) and the previews the site frames itself (same origin:
# the storyteller's approval page, Wagtail's preview). The Content-Security-
# Policy's frame-ancestors follows the same rule (stories.security_headers).
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp). Readers' pages run no inline script or
# style, so the policy needs neither 'unsafe-inline' nor a nonce, and a page
# kept whole for many readers carries no per-reader value. Pictures and clips
# served from object storage or a CDN need their origin named in
# CSP_MEDIA_SOURCES (comma-separated, e.g. https://media.example.org).
CSP_MEDIA_SOURCES = env_list("CSP_MEDIA_SOURCES")
# Players of the recordings a story embeds (wagtail.embeds' oEmbed providers).
CSP_PLAYER_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://w.soundcloud.com",
    *env_list("CSP_PLAYER_SOURCES"),
]
# The one inline style the site keeps: the 500 page's, which must show when
# nothing else can (tests/test_security_headers.py checks it still matches).
ERROR_PAGE_STYLE = "'sha256-KnQWP6qam1aLyXlDRbu6jxs2irsPCV02VQxTJna1NMo='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", ERROR_PAGE_STYLE],
        "img-src": ["'self'", *CSP_MEDIA_SOURCES],
        "media-src": ["'self'", *CSP_MEDIA_SOURCES],
        "frame-src": ["'self'", *CSP_PLAYER_SOURCES],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        # Replaced per response by the framing rule above.
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail 8's admin sets styles inline and starts some widgets with inline
# scripts (the date filters' initDateChooser(...)), without nonces; its image
# previews use data: and blob: addresses. A looser policy for /admin/ only:
# still no script from another site and no eval.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *CSP_MEDIA_SOURCES],
        "font-src": ["'self'", "data:"],
    }
}
# Powerful browser features the site never uses are refused to it and to
# every frame it shows (django-permissions-policy).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
        "browsing-topics",
    )
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# For the file-based backend: a folder where each message is written as a file.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH") or None
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "stories@histories-and-smiles.invalid")

# Visit requests (stories.visits): where they are mailed when the form page
# names no address, how many one address may send an hour, and how many days
# they are kept before purge_visit_requests deletes them.
VISIT_REQUESTS_TO = os.environ.get("VISIT_REQUESTS_TO", "visits@histories-and-smiles.invalid")
VISIT_REQUESTS_PER_HOUR = int(os.environ.get("VISIT_REQUESTS_PER_HOUR", "5"))
VISIT_REQUEST_RETENTION_DAYS = int(os.environ.get("VISIT_REQUEST_RETENTION_DAYS", "180"))

# Wagtail
WAGTAIL_SITE_NAME = "Histories & Smiles"
# The one address the site is served at (SITE_URL): every link in Wagtail's
# and the project's own e-mails, and the API's URLs, start with it. On a
# laptop, loopback at the port `make run` serves on; production sets it (see
# production.py). The public pages' canonical address is the Wagtail Site
# record's, which is to say the same.
SITE_URL = (
    os.environ.get("SITE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"
).rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILIMAGES_IMAGE_MODEL = "stories.StoryImage"
WAGTAILSEARCH_BACKENDS = {
    # English stems on PostgreSQL ("dentists" finds "dentist"), whatever the
    # server's default; SQLite stems with the porter tokenizer (stories 0018).
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILIMAGES_EXTENSIONS = ["avif", "jpg", "jpeg", "png", "webp", "heic"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No outside calls from the admin: avatars are Wagtail's own, never Gravatar's.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Shared-password page privacy stores passwords in plain text; restrictions
# are by login and group only.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Demo accounts exist only where a settings module says so (never production).
DEMO_ACCOUNTS_ENABLED = False


def logging_settings(log_format):
    """Every record to standard error through one filter (stories.log_privacy),
    so no e-mail address, phone number or private link is written; with
    LOG_FORMAT=json (production's default) one JSON object a line."""
    if log_format == "json":
        formatter = {"()": "stories.log_privacy.JsonFormatter"}
    else:
        formatter = {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    private = {"filters": ["personal_data"]}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"personal_data": {"()": "stories.log_privacy.PersonalDataFilter"}},
        "formatters": {
            "site": formatter,
            "django.server": {
                "()": "django.utils.log.ServerFormatter",
                "format": "[{server_time}] {message}",
                "style": "{",
            },
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "site", **private},
            "django.server": {
                "class": "logging.StreamHandler",
                "formatter": "django.server",
                **private,
            },
        },
        "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
        "loggers": {
            # Django's own handlers (its console under DEBUG, mail to ADMINS)
            # would write around the filter: its records go to the root's.
            "django": {"handlers": [], "level": "INFO"},
            # runserver's request lines name paths, a storyteller's link among them.
            "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        },
    }


LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = logging_settings(LOG_FORMAT)
WAGTAIL_FINISH_WORKFLOW_ACTION = "stories.consent.workflow.finish_workflow_and_publish"

# Editorial workflow: an edit after approval needs approval again; reviewers
# and authors hear by e-mail (Wagtail's notifications).
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# Uploads: at most 25 MB and 40 megapixels (decompression bombs are refused).
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Animations longer than this are refused; every upload is checked by content
# (stories.picture_checks) in the admin's image forms.
STORY_IMAGE_MAX_FRAMES = 100
WAGTAILIMAGES_IMAGE_FORM_BASE = "stories.picture_forms.StoryImageForm"
# No request may declare a body larger than the largest upload (a 25 MB
# picture) plus its form: larger ones are refused before they are read.
MAX_REQUEST_BYTES = 30 * 1024 * 1024

# Voice and video clips: the library's model and form (stories.clips, stories.clip_forms).
# Every clip is read by ffprobe and written again by ffmpeg (stories.clip_checks):
# at most CLIP_MAX_BYTES and CLIP_MAX_SECONDS; the extensions only tell the
# browser's file picker what to offer, the content decides.
CLIP_MAX_BYTES = 50 * 1024 * 1024
CLIP_MAX_SECONDS = 10 * 60
WAGTAILMEDIA = {
    "MEDIA_MODEL": "stories.StoryClip",
    "MEDIA_FORM_BASE": "stories.clip_forms.StoryClipForm",
    "AUDIO_EXTENSIONS": ["m4a", "mp3", "aac", "wav", "ogg", "oga", "opus", "flac", "webm"],
    "VIDEO_EXTENSIONS": ["mp4", "m4v", "mov", "webm"],
}
# A clip's upload is the largest request the site takes.
MAX_REQUEST_BYTES = max(MAX_REQUEST_BYTES, CLIP_MAX_BYTES + 5 * 1024 * 1024)
# Publishing a story queues its pictures' renditions (stories.renditions).
PREPARE_RENDITIONS_ON_PUBLISH = True

# The read-only API (stories.api): requests allowed per API token, and per
# address for callers without one.
API_RATE_PER_TOKEN = os.environ.get("API_RATE_PER_TOKEN", "1000/hour")
API_RATE_ANONYMOUS = os.environ.get("API_RATE_ANONYMOUS", "300/hour")
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = SITE_URL
# Only API tokens count there (stories.api sets them on its endpoint), never a session.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # stories.api keys its rate limit on stories.client_address; the same count here.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
