"""The language switcher and a page's `hreflang` alternates (stories.translations)."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, override

from ..translations import alternates, language_links

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, nothing_here=False):
    """Links to this page in each language the reader may read it in, else to
    that language's home page: `{% language_switcher %}`. On a page not found
    (`nothing_here=True`) every link leads to a home page."""
    request = context.get("request")
    if request is None:
        return {"languages": []}
    return {"languages": language_links(request, page_of(context), nothing_here=nothing_here)}


@register.simple_tag(takes_context=True)
def hreflang_alternates(context):
    """This page's translations the reader may see, with full addresses:
    `{% hreflang_alternates as alternates %}`."""
    request = context.get("request")
    page = page_of(context)
    if request is None or page is None:
        return []
    return alternates(request, page)


def page_of(context):
    """The Wagtail page being shown, if the template shows one."""
    page = context.get("page")
    return page if getattr(page, "translation_key", None) else None


@register.simple_tag
def in_reader_language(path):
    """A path of the site as the reader's language gives it: `/stories/feed/`
    is `/es/stories/feed/` to a reader in Spanish."""
    language = get_language()
    with override(settings.LANGUAGE_CODE):  # the path as the site's first language gives it
        return translate_url(path, language)
