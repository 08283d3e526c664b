"""Whole public pages, kept per audience until content changes.

Readers arrive in bursts (an assembly, a partner newsletter, a press story),
and almost all of them ask for the same few pages. A page the site has
rendered for one reader is given to the next reader of the same audiences
without routing, consent checks or templates, under a key that carries:

- the content generation (stories.caching), which every publish, take-down
  and change to consent replaces in the same transaction, so a withdrawal
  empties this cache in every process at once;
- the reader's audiences and whether they are signed in, so no member's page
  is ever given to the public, nor a schools page to a partner;
- today's date, because consent ends at midnight;
- the language the page is in (read from the address: stories.translations);
- the host and the full path with its query string.

A page is kept only when its view says it may be (`keep_for_readers`), it
answered 200, sets no cookie and is not a preview; and never for people who
work in the admin, who see drafts and the user bar. Like the CDN in front of
it, a kept page is not checked against the gate again: what retires it is the
generation, and at the latest `PAGE_CACHE_SECONDS`. The one part of a page
that belongs to a single reader (their sign-out form and organisation) is
left as a marker in what is kept and filled in for each reader.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from .caching import SHARED_CACHE_SECONDS, request_generation
from .readers.membership import audience_key, membership_of, works_in_admin

PAGE_CACHE_SECONDS = SHARED_CACHE_SECONDS
# Routes that are never whole public pages: looking them up would only cost a miss.
NOT_PAGES = (
    "/admin/",
    "/account/",
    "/api/",
    "/documents/",
    "/images/",
    "/static/",
    "/oembed/",
    "/read/",
)
OWN_ACCOUNT_MARKER = "<!-- the reader's own account links -->"
OWN_ACCOUNT_TEMPLATE = "includes/site_account.html"


def keep_for_readers(response):
    """Let the page cache keep this response for readers of the same audiences."""
    response.may_keep_for_audience = True
    return response


def kept_for_readers(view):
    """A view whose answers the page cache may keep (see `keep_for_readers`)."""

    @wraps(view)
    def view_kept_for_readers(request, *args, **kwargs):
        return keep_for_readers(view(request, *args, **kwargs))

    return view_kept_for_readers


class KeptForReaders:
    """A page type whose pages the page cache may keep for readers."""

    def serve(self, request, *args, **kwargs):
        return keep_for_readers(super().serve(request, *args, **kwargs))


def page_key(request):
    """The key this request's page is kept under, or None if it is never kept."""
    if request.method != "GET" or request.path.startswith(NOT_PAGES):
        return None
    # No session cookie: the public, without a session read.
    signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated
    if signed_in and membership_of(request.user) is None and works_in_admin(request.user):
        return None
    reader = request.user if signed_in else None
    parts = (
        request_generation(request),
        audience_key(reader),
        "signed-in" if signed_in else "signed-out",
        timezone.localdate().isoformat(),
        translation.get_language(),  # from the address (stories.translations)
        request.get_host(),
        request.get_full_path(),
    )
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def may_keep(request, response):
    return (
        getattr(response, "may_keep_for_audience", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not getattr(request, "is_preview", False)
    )


def kept(response):
    """What the cache holds of a response: its status, headers and bytes."""
    return {
        "content": response.content,
        "headers": [(name, value) for name, value in response.items()],
        "xframe_options_exempt": getattr(response, "xframe_options_exempt", False),
    }


def response_from(kept_page):
    response = HttpResponse(kept_page["content"])
    for name, value in kept_page["headers"]:
        response[name] = value
    if kept_page["xframe_options_exempt"]:
        response.xframe_options_exempt = True
    response.may_keep_for_audience = True
    return response


def for_this_reader(response, request):
    """Fill in the part of a page that belongs to the reader alone."""
    # A page differs for signed-in readers, whether or not this one was rendered.
    patch_vary_headers(response, ("Cookie",))
    if response.streaming:
        return response
    marker = OWN_ACCOUNT_MARKER.encode()
    if marker in response.content:
        own = render_to_string(OWN_ACCOUNT_TEMPLATE, request=request).encode()
        response.content = response.content.replace(marker, own)
    return response


def own_account_links(request):
    """The reader's sign-in or sign-out links, or the marker in their place
    while the page is rendered to be kept for everyone of their audiences."""
    if getattr(request, "page_cache_key", None) and request.user.is_authenticated:
        return OWN_ACCOUNT_MARKER
    return render_to_string(OWN_ACCOUNT_TEMPLATE, request=request)


def page_cache(get_response):
    """Middleware: answer from the page cache when it holds this page."""

    def middleware(request):
        key = page_key(request)
        if key is None:
            return get_response(request)
        kept_page = cache.get(key)
        if kept_page is not None:
            return for_this_reader(response_from(kept_page), request)
        request.page_cache_key = key
        response = get_response(request)
        if may_keep(request, response):
            cache.set(key, kept(response), PAGE_CACHE_SECONDS)
        return for_this_reader(response, request)

    return middleware
