"""A database that cannot be reached is "back in a moment" (503), not a 500.

Django turns every exception, in a view or in a middleware (the page cache
reads the content generation before any view runs), into the answer of
`handler500`, called while the exception is being handled. This handler
looks at it: when the database refused or lost the connection
(`OperationalError`, `InterfaceError`), the reader gets the site's 503 page
with `Retry-After`, and anything else gets the 500 page as before.

Nothing here holds on to the broken connection: Django marks a connection
that raised as unusable and closes it when the request ends, and production
checks a kept connection before reusing it (`CONN_HEALTH_CHECKS`), so the
first request after the database is back is served as usual, without a
restart.

The 503 page needs neither the database nor a request context (no menu, no
account links, no search); it links the site's stylesheet and has no inline
script or style, so the readers' Content-Security-Policy holds.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.defaults import server_error

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
UNREACHABLE = (OperationalError, InterfaceError)


def database_unreachable(error):
    """Whether this error, or one it was raised from, says the database is out of reach."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, UNREACHABLE):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def unavailable(request):
    """The site's 503 page: try again shortly, never kept by any cache."""
    try:
        body = loader.get_template("503.html").render({"path": request.path})
    except Exception:  # the page must show even when its template cannot render
        logger.exception("The 503 page could not be rendered.")
        body = loader.get_template("500.html").render({})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def server_error_or_unavailable(request, template_name="500.html"):
    """handler500: 503 while the database is out of reach, the 500 page otherwise."""
    if database_unreachable(sys.exception()):
        return unavailable(request)
    try:
        return server_error(request, template_name=template_name)
    except Exception:  # as Django's own fallback: a bare 500
        return HttpResponseServerError("<h1>Server Error (500)</h1>")
