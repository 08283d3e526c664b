"""The site's navigation: the main menu, the footer's links and pagination.

The menu and the footer come from one query over the children of the
site's root page (live, not behind a view restriction), shared by both and
cached with the other page fragments under the site generation (see
stories.caching): stories live under the story index, never in the menu, so
a story's publish leaves the menu be. A page pays at most one query for its
navigation and usually none.
"""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Exists, Q
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop
from wagtail.models import Site

from .. import page_cache
from ..caching import site_fragment_key
from ..pages import StandardPage, StoryIndexPage
from ..translations import in_reader_language_page
from ..visibility import restricted_here

register = template.Library()

MENU_CACHE_SECONDS = 24 * 60 * 60
STORIES_LABEL = gettext_noop("Stories")


def site_pages(request):
    """The links the header and footer show, for the request's site.

    Returns ``{"menu": [...], "footer": [...]}``, each a list of
    ``{"url", "title"}``. The story index leads the menu, labelled "Stories";
    the other menu items are the pages editors marked "show in menus"; the
    footer lists the plain pages (about, privacy, safeguarding).
    """
    if request is None:
        return {"menu": [], "footer": []}
    memo = getattr(request, "_histories_site_pages", None)
    if memo is not None:
        return memo
    site = Site.find_for_request(request)
    if site is None:
        return {"menu": [], "footer": []}
    key = f"site-pages:{site.pk}:{site_fragment_key(request)}"
    links = cache.get(key)
    if links is None:
        links = build_site_pages(site, request)
        cache.set(key, links, MENU_CACHE_SECONDS)
    request._histories_site_pages = links
    return links


def build_site_pages(site, request):
    """One query: the root page's live, public children that the menu or footer shows."""
    index_type = ContentType.objects.get_for_model(StoryIndexPage).pk  # cached per process
    standard_type = ContentType.objects.get_for_model(StandardPage).pk
    children = (
        in_reader_language_page(site.root_page)
        .get_children()
        .live()
        .exclude(Exists(restricted_here()))  # `.public()` in one query
        .filter(Q(show_in_menus=True) | Q(content_type_id__in=[index_type, standard_type]))
    )
    stories, menu, footer = [], [], []
    for child in children:
        url = child.get_url(request)
        if child.content_type_id == index_type:
            stories.append({"url": url, "title": gettext(STORIES_LABEL)})
            continue
        if child.show_in_menus:
            menu.append({"url": url, "title": child.title})
        if child.content_type_id == standard_type:
            footer.append({"url": url, "title": child.title})
    return {"menu": stories[:1] + menu, "footer": footer}


def current_state(url, path):
    """`aria-current` for a link: "page" on the page itself, "true" inside its
    section (the convention GOV.UK's service navigation uses), else None."""
    if not url:
        return None
    if path == url:
        return "page"
    if url != "/" and path.startswith(url):
        return "true"
    return None


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    path = getattr(request, "path", "")
    items = [
        {**item, "current": current_state(item["url"], path)}
        for item in site_pages(request)["menu"]
    ]
    return {"items": items}


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The plain pages for the footer: `{% footer_pages as pages %}`."""
    return site_pages(context.get("request"))["footer"]


@register.simple_tag
def elided_page_range(page_of_items, on_each_side=2, on_ends=1):
    """Page numbers around the current one, with `None` where some are left out:
    `{% elided_page_range stories as numbers %}`."""
    paginator = page_of_items.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(
            page_of_items.number, on_each_side=on_each_side, on_ends=on_ends
        )
    ]


@register.simple_tag(takes_context=True)
def own_account_links(context):
    """The reader's sign-in or sign-out links (see stories.page_cache)."""
    return mark_safe(page_cache.own_account_links(context["request"]))  # noqa: S308
