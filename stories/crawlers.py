"""What crawlers and feed readers are told: the site's one address, /robots.txt
and /favicon.ico.

Search engines and feed readers keep the addresses they are given. Each one
starts with SITE_URL (config.settings), whatever host the request used, so a
page read through a loopback address, a proxy's internal name or an old
domain is still listed, shared and followed at the one address the site is
served at.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

ROBOTS_CACHE_SECONDS = 24 * 60 * 60

# Never a page a search engine should list: the admin and the API, search
# results, links that lead members to a story (/read/), a storyteller's own
# page, readers' accounts, the cards other sites frame and oEmbed's answers.
NOT_FOR_INDEXES = (
    "/admin/",
    "/api/",
    "/search/",
    "/read/",
    "/my-story/",
    "/account/",
    "/stories/*/embed/",
    "/oembed/",
)


def public_url(url):
    """The address of a path (or of a URL on any host) at SITE_URL."""
    parts = urlsplit(url or "/")
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return settings.SITE_URL.rstrip("/") + path


def robots_lines():
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in NOT_FOR_INDEXES]
    lines += ["", f"Sitemap: {public_url('/sitemap.xml')}"]
    return lines


@require_safe
@cache_control(public=True, max_age=ROBOTS_CACHE_SECONDS)
def robots_txt(request):
    """/robots.txt: where the sitemap is, and what no index should hold."""
    return HttpResponse("\n".join(robots_lines()) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """/favicon.ico, which browsers and readers' apps ask for whatever a page
    names: the site's icon, served as a static file."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))
