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

Both sitemaps list every language (English, and the Spanish tree under
/es/), and give each address its translations as `<xhtml:link rel="alternate"
hreflang>`: for a story, only translations the gate shows the public now.

Every answer is kept in the cache under the content generation
(stories.caching) and today's date: any publish, take-down or change to
consent starts a new generation in the same transaction, so a withdrawn
story leaves the sitemap in every process at once, and consent that ends at
midnight takes the kept copies with it.
"""

from collections import defaultdict
from functools import reduce, wraps
from operator import or_

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemaps
from wagtail.models import Locale, Page

from .caching import SHARED_CACHE_SECONDS, request_generation
from .pages import StoryPage
from .visibility import visible_stories

STORIES_PER_SITEMAP = 1_000  # the protocol allows 50,000; a run is gated in one query
SITEMAP_SECTION = "sitemap_section"


def in_every_language(site):
    """The site's pages in every language, as a condition: each language's home
    is a translation of the site's root page, with its own tree."""
    homes = site.root_page.get_translations(inclusive=True).only("path")
    return reduce(or_, (Q(path__startswith=home.path) for home in homes))


def language_codes():
    return dict(Locale.objects.values_list("pk", "language_code"))


class PagesSitemap(Sitemap):
    """The campaign's pages other than stories, in every language, as Wagtail
    lists them, each with its live translations as `hreflang` alternates."""

    def items(self):
        return (
            Page.objects.live()
            .public()
            .filter(in_every_language(self.get_wagtail_site()))
            .not_type(StoryPage)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        codes = language_codes()
        translations = defaultdict(list)
        for item in pages:
            translations[item.translation_key].append(item)
        urls = []
        for item in pages:
            alternates = [
                {"lang_code": codes[other.locale_id], "location": other.get_full_url(self.request)}
                for other in translations[item.translation_key]
            ]
            for url_info in item.get_sitemap_urls(self.request):
                if len(alternates) > 1:
                    url_info["alternates"] = alternates
                urls.append(url_info)
        return urls

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
        shown = list(
            visible_stories(None)
            .filter(path__range=(run[0], run[len(run) - 1]))
            .order_by("path")
            .values_list(
                "url_path",
                "last_published_at",
                "latest_revision_created_at",
                "translation_key",
                "locale_id",
            )
        )
        alternates = self.translations_shown([row[3] for row in shown])
        urls = []
        for url_path, published, revised, key, _locale in shown:
            url = {"location": self.location_of(url_path), "lastmod": published or revised}
            if len(alternates[key]) > 1:
                url["alternates"] = alternates[key]
            urls.append(url)
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls

    def location_of(self, url_path):
        index_path, slug = url_path.rstrip("/").rsplit("/", 1)
        return self.url_of_index(f"{index_path}/") + slug + "/"

    def translations_shown(self, keys):
        """For each of these stories (by translation key), its translations the
        public may see now, as `hreflang` alternates: one question to the gate.
        A translation still in draft, or one the public may not read, is none."""
        codes = language_codes()
        alternates = defaultdict(list)
        found = (
            visible_stories(None)
            .filter(translation_key__in=set(keys))
            .order_by("locale_id")
            .values_list("translation_key", "locale_id", "url_path")
        )
        for key, locale_id, url_path in found:
            alternates[key].append(
                {"lang_code": codes[locale_id], "location": self.location_of(url_path)}
            )
        return alternates

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
