"""Other sites show a story in a frame: an oEmbed endpoint and the card it frames.

A partner's blog or a school's newsletter pastes a story's address, and its
software asks `/oembed/?url=…` what to show. The answer is a window, not a
copy: an `<iframe>` of `<story>/embed/`, a small card served by us on every
view, so a story that is withdrawn or whose consent ends disappears from
every site that shows it. Only stories the gate calls embeddable (for the
public, with consent to reuse by anyone) have a card or an oEmbed answer;
anything else gets the same 404, which never names the story.

Every address it gives (the frame's, the card's link, the provider's) is at
the site's one address, SITE_URL, whatever host the asker used: the snippet
is pasted once and kept for years, and the card is kept in caches shared by
every host.
"""

from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from .caching import cache_publicly
from .crawlers import public_url
from .visibility import embeddable_stories

EMBED_PATH = "embed/"
PROVIDER_NAME = "Histories & Smiles"
CARD_WIDTH = 560
CARD_HEIGHT = 480  # with a picture
CARD_HEIGHT_WORDS_ONLY = 340
# How long a consumer (WordPress, a newsletter tool) may keep our answer: it
# names the story, so it must ask again within the hour a withdrawal allows.
CONSUMER_CACHE_SECONDS = 30 * 60
NOT_FOUND = "No story that may be embedded is at that address."


def is_embeddable(story):
    answer = getattr(story, "gate_answer", None)
    if answer is not None:
        return answer.embeddable
    return embeddable_stories().filter(pk=story.pk).exists()


def page_address(story, request):
    """The story's full address at the site's one address (SITE_URL)."""
    return public_url(story.get_url(request))


def card_size(story, maxwidth=None, maxheight=None):
    """The frame's size: narrower frames wrap more lines, so they are taller."""
    width = CARD_WIDTH if maxwidth is None else min(CARD_WIDTH, maxwidth)
    height = CARD_HEIGHT if story.hero_image_id else CARD_HEIGHT_WORDS_ONLY
    height += round((CARD_WIDTH - width) * 0.6)
    return width, height if maxheight is None else min(height, maxheight)


def embed_snippet(story, request, maxwidth=None, maxheight=None):
    """The HTML another site pastes: a sandboxed frame of the story's card."""
    width, height = card_size(story, maxwidth, maxheight)
    return format_html(
        '<iframe src="{}" width="{}" height="{}" title="{} (a story from {})" '
        'loading="lazy" style="border:0;max-width:100%" '
        'sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>',
        page_address(story, request) + EMBED_PATH,
        width,
        height,
        story.title,
        PROVIDER_NAME,
    )


def embedding_of(story, request):
    """For the story's own page: the snippet to offer and the oEmbed discovery
    address, or an empty dict for a story that may not be embedded."""
    if not story.for_public or not is_embeddable(story):
        return {}
    page_url = page_address(story, request)
    return {
        "snippet": embed_snippet(story, request),
        "oembed_url": public_url(reverse("oembed"))
        + "?"
        + urlencode({"url": page_url, "format": "json"}),
    }


@xframe_options_exempt
def embed_unavailable(request):
    """What a frame shows for a story withdrawn, restricted or never there:
    the same words and status in every case, so nothing can be told apart."""
    response = TemplateResponse(request, "stories/story_embed_unavailable.html", status=404)
    return cache_publicly(response)


@xframe_options_exempt
def serve_embed(story, request):
    """The card another site frames, or a neutral 'not available' in its place."""
    if not is_embeddable(story):
        return embed_unavailable(request)
    response = TemplateResponse(
        request,
        "stories/story_embed.html",
        {"page": story, "story_url": page_address(story, request)},
    )
    cache_publicly(response)
    # The story's own page is the one to index, not each site's copy of the card.
    response["X-Robots-Tag"] = "noindex"
    return response


def positive_number(request, name):
    """An optional positive whole number from the query string; ValueError otherwise."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    value = int(raw)
    if value <= 0:
        raise ValueError(name)
    return value


def story_at(url, request):
    """The embeddable story whose page is at this address on this site, or None."""
    try:
        parts = urlsplit(url)
    except ValueError:  # not an address at all, e.g. "http://[::1/"
        return None
    if parts.scheme not in ("http", "https") or not parts.path:
        return None
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    if path.endswith("/" + EMBED_PATH):
        path = path.removesuffix(EMBED_PATH)
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    if not slug:
        return None
    for story in embeddable_stories().filter(slug=slug).select_related("hero_image"):
        page_url = urlsplit(page_address(story, request))
        # The address as the site gives it, as Wagtail's Site record names it,
        # or as the asker reached it (a host Django has already accepted).
        hosts = (page_url.netloc, urlsplit(story.full_url or "").netloc, request.get_host())
        if page_url.path == path and parts.netloc.lower() in hosts:
            return story
    return None


OEMBED_FORMATS = ("json", "xml")


def oembed_error(message, status):
    return JsonResponse({"error": message}, status=status)


def oembed_xml(answer):
    """The answer as oEmbed's XML format: an <oembed> element of plain children."""
    root = ElementTree.Element("oembed")
    for name, value in answer.items():
        ElementTree.SubElement(root, name).text = str(value)
    body = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


@require_safe
def oembed(request):
    """oEmbed 1.0, in JSON (the default) or XML: what to show for a story's
    address on another site. HEAD answers as GET (Django's handler drops the
    body), as consumers that check an address first expect. Any other format
    is a request we cannot read (400), never a failure of ours."""
    answer_format = request.GET.get("format") or "json"
    if answer_format not in OEMBED_FORMATS:
        return oembed_error("format must be json or xml.", 400)
    url = request.GET.get("url", "").strip()
    if not url:
        return oembed_error("Give the address of a story as ?url=…", 400)
    try:
        maxwidth = positive_number(request, "maxwidth")
        maxheight = positive_number(request, "maxheight")
    except ValueError:
        return oembed_error("maxwidth and maxheight must be positive whole numbers.", 400)
    story = story_at(url, request)
    if story is None:
        return oembed_error(NOT_FOUND, 404)
    width, height = card_size(story, maxwidth, maxheight)
    answer = {
        "version": "1.0",
        "type": "rich",
        "provider_name": PROVIDER_NAME,
        "provider_url": settings.SITE_URL.rstrip("/") + "/",
        "title": story.title,
        "html": embed_snippet(story, request, maxwidth, maxheight),
        "width": width,
        "height": height,
        "cache_age": CONSUMER_CACHE_SECONDS,
    }
    response = oembed_xml(answer) if answer_format == "xml" else JsonResponse(answer)
    return cache_publicly(response)
