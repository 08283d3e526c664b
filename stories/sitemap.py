"""/sitemap.xml: Wagtail's sitemaps, stories only from the gate.

Search engines are anonymous readers, so stories are those the gate shows
the public. While everything fits in one sitemap, /sitemap.xml is that
sitemap; beyond that it is an index of /sitemap-pages.xml (the campaign's
other pages) and the pages of /sitemap-stories.xml (`?p=2` and on).

Each page of stories costs the same however large the archive: the live
stories, in tree order, are cut into runs of STORIES_PER_SITEMAP, and the gate
is asked about one run only. A page lists the run's stories the public may
see, so it may list fewer than the run holds, or none. Numbering pages by
what the gate lets through would take a pass of the gate over the whole
archive on every page. (All a page count tells anyone is how many live
stories there are, to the nearest STORIES_PER_SITEMAP: no title, no address.)

Every answer is kept in the cache under the content generation
(stories.caching) and today's date: any publish, take-down or change to
consent starts a new generation in the same transaction, so a withdrawn
story leaves the sitemap in every process at once, and consent that ends at
midnight takes the kept copies with it.
"""

from functools import wraps

from django.core.cache import cache
from django.utils import timezone
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemaps
from wagtail.models import Page

from .caching import SHARED_CACHE_SECONDS, request_generation
from .pages import StoryPage
from .visibility import visible_stories

STORIES_PER_SITEMAP = 1_000  # the protocol allows 50,000; a run is gated in one query
SITEMAP_SECTION = "sitemap_section"


class PagesSitemap(Sitemap):
    """The campaign's pages other than stories, as Wagtail lists them."""

    def items(self):
        return super().items().not_type(StoryPage)

    def get_latest_lastmod(self):
        return None  # the index has no dates: working them out means reading every page


class StoriesSitemap(Sitemap):
    """Stories the public may see, a run of live stories per page.

    Addresses are worked out as Wagtail would (`Page.get_sitemap_urls`) for
    each story index, once, and a story's is its index's and its slug: a page
    of stories is read as plain rows, never as a thousand page objects.
    """

    limit = STORIES_PER_SITEMAP

    def items(self):
        # What pages are counted and cut from: every live story, ungated, by path only.
        return StoryPage.objects.live().order_by("path").values_list("path", flat=True)

    def get_latest_lastmod(self):
        return None

    def _urls(self, page, protocol, domain):
        run = self.paginator.page(page).object_list
        if not run:
            return []
        shown = (
            visible_stories(None)
            .filter(path__range=(run[0], run[len(run) - 1]))
            .order_by("path")
            .values_list("url_path", "last_published_at", "latest_revision_created_at")
        )
        urls = []
        for url_path, published, revised in shown:
            index_path, slug = url_path.rstrip("/").rsplit("/", 1)
            urls.append(
                {
                    "location": self.url_of_index(f"{index_path}/") + slug + "/",
                    "lastmod": published or revised,
                }
            )
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls

    def url_of_index(self, url_path):
        """The full address of the story index at this path, as Wagtail gives it."""
        known = self.__dict__.setdefault("index_urls", {})
        if url_path not in known:
            index = Page.objects.get(url_path=url_path)
            known[url_path] = index.get_full_url(self.request).rstrip("/") + "/"
        return known[url_path]


SITEMAPS = {"pages": PagesSitemap, "stories": StoriesSitemap}


def kept_until_content_changes(view):
    """Keep a sitemap answer under the content generation, the day, the site
    and the page number (never the raw query string, which anyone can vary)."""

    @wraps(view)
    def kept(request, section=None):
        number = request.GET.get("p", "1")
        if not (number.isascii() and number.isdigit() and len(number) <= 6):
            return view(request, section)  # Django's sitemap answers 404
        key = ":".join(
            (
                "sitemap",
                request_generation(request),
                timezone.localdate().isoformat(),
                request.scheme,
                request.get_host(),
                section or "",
                str(int(number)),
            )
        )
        response = cache.get(key)
        if response is None:
            response = view(request, section)
            if response.status_code == 200:
                response.render()
                cache.set(key, response, SHARED_CACHE_SECONDS)
        return response

    return kept


def fits_in_one(sitemaps):
    return all(sitemap.paginator.num_pages <= 1 for sitemap in sitemaps.values())


@require_safe
@kept_until_content_changes
def sitemap(request, section=None):
    """/sitemap.xml: the whole sitemap while it fits in one, else their index."""
    sitemaps = wagtail_sitemaps.prepare_sitemaps(request, SITEMAPS)
    if fits_in_one(sitemaps):
        return wagtail_sitemaps.sitemap(request, sitemaps)
    return wagtail_sitemaps.index(request, sitemaps, sitemap_url_name=SITEMAP_SECTION)


@require_safe
@kept_until_content_changes
def sitemap_section(request, section):
    """/sitemap-<section>.xml?p=<page>: one page of one sitemap."""
    return wagtail_sitemaps.sitemap(request, SITEMAPS, section=section)
