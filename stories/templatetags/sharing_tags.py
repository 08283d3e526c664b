"""What leaves the site: full addresses for social cards and canonical
links, and the structured description search engines read from a story."""

import json
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from stories.crawlers import public_url
from stories.naming import NamingChoice

register = template.Library()

# As Django's `json_script`: nothing in the data can close the script element
# or open a comment, whatever a title or a name says.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def absolute_url(path):
    """This site's address for a path: at SITE_URL, whatever host the reader asked."""
    return public_url(path)


@register.simple_tag
def oembed_discovery_url(page):
    """Where oEmbed consumers ask about the story: both addresses at SITE_URL."""
    query = urlencode({"url": public_url(page.url), "format": "json"})
    return f"{public_url(reverse('oembed'))}?{query}"


def article_data(page, image_url=None):
    """schema.org's Article for a public story: what a search engine may show.

    The author is the name the story is told under and nothing else (none at
    all for an anonymous storyteller); the image is the social card's picture,
    given only when the page shows one."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": page.summary,
        "url": public_url(page.url),
        "mainEntityOfPage": public_url(page.url),
        "datePublished": page.first_published_at,
        "dateModified": page.last_published_at or page.first_published_at,
        "publisher": {
            "@type": "Organization",
            "name": settings.WAGTAIL_SITE_NAME,
            "url": public_url("/"),
        },
    }
    if page.storyteller.naming != NamingChoice.ANONYMOUS:
        data["author"] = {"@type": "Person", "name": page.shown_name}
    if image_url:
        data["image"] = public_url(image_url)
    return data


@register.simple_tag
def article_json_ld(page, image_url=None):
    """The story's Article as a JSON-LD script element, safely escaped."""
    text = json.dumps(article_data(page, image_url), cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(SCRIPT_ESCAPES)),  # noqa: S308 - escaped as json_script does
    )
