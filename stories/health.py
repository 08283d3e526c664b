"""`/health/`: whether this web worker can serve, for a load balancer to ask.

Answered by the first middleware, before anything else runs: no host check
(a load balancer often probes by the worker's address), no HTTPS redirect
(it probes the worker over plain HTTP), no session, page cache or template.

Three checks, each cheap and each bounded in time: the database answers a
trivial query, the cache stores and returns a short-lived key, and both
storages (uploads and pictures) answer whether a file exists. The answer is
200 when all three pass and 503 otherwise, with a body that names only which
part is "ok" or "unavailable": no error text, host, version or path, since
anyone may ask.

Redis is an accelerator (see `stories.caching`): the site serves without it,
so a load balancer that takes a worker out of rotation when the cache is down
would take out every worker at once. The body still says so, for monitoring;
`?strict=1` makes a missing cache a 503 too, for a probe that wants it.

Why not django-health-check: it brings an app, templates and a check per
backend to install and configure, and its pages name the exceptions; these
three checks are a dozen lines, and the body is ours to keep bare.
"""

import logging
import uuid

from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

HEALTH_PATH = "/health/"
OK = "ok"
UNAVAILABLE = "unavailable"
# A name no upload ever has: asking whether it exists reaches the storage
# (the disk, or the bucket) without reading or listing anything.
PROBE_NAME = "health-check-probe-never-stored"
STORAGES_CHECKED = ("default", "images")


def database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_answers():
    """Store a key of this request's own for a few seconds and read it back.

    django-redis is told to ignore Redis's errors (a miss instead of a 500),
    so an unreachable Redis shows here as a value that did not come back.
    """
    key = f"health-check:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    cache.set(key, value, timeout=5)
    answered = cache.get(key) == value
    cache.delete(key)
    return answered


def storage_answers():
    for alias in STORAGES_CHECKED:
        storages[alias].exists(PROBE_NAME)
    return True


CHECKS = {"database": database_answers, "cache": cache_answers, "storage": storage_answers}


def run(check, name):
    try:
        return OK if check() else UNAVAILABLE
    except Exception:  # any failure is "unavailable"; the log has the details
        logger.warning("Health check: the %s is unavailable.", name, exc_info=True)
        return UNAVAILABLE


@never_cache
@require_safe
def health(request):
    """200 with {"database": "ok", "cache": "ok", "storage": "ok"}, else 503."""
    states = {name: run(check, name) for name, check in CHECKS.items()}
    required = set(CHECKS) if request.GET.get("strict") else {"database", "storage"}
    healthy = all(states[name] == OK for name in required)
    return JsonResponse(states, status=200 if healthy else 503)


def answer_health_checks(get_response):
    """First in MIDDLEWARE: `/health/` is answered here and goes no further."""

    def middleware(request):
        if request.path_info == HEALTH_PATH:
            return health(request)
        return get_response(request)

    return middleware
