"""The PDF of a story and its classroom pack, for teachers to print or share.

`/stories/<slug>/pack.pdf` (routed by StoryPage.route) answers exactly as the
story's own page does: the gate (stories.visibility.refusal_for) is asked on
every request before anything else, so a signed-out visitor to a
members-only story is sent to sign in, anybody else the gate refuses gets
the same 404 as for no story, and a story withdrawn, narrowed or expired is
gone at once even while a copy is kept.

A story without a pack still has its PDF, of the story alone: teachers print
stories too, and the page offers the link only where there is a pack.

Making a PDF takes a second or more, so it is kept in the default cache under
the story's live revision, the content generation (stories.caching), which
every publish, take-down and change to consent replaces, and today's date
(the footer carries it; consent ends at midnight). A kept PDF is a copy of
what the gate allowed; it is given out only after the gate has allowed it
again. The PDF is the same for every reader who may see the story: it shows
the name the story shows, never the storyteller's record.

WeasyPrint fetches nothing over the network: its fetcher reads the story's own
picture renditions from image storage and refuses every other address.
"""

import logging
import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from .blocks import pictures_at_hand
from .caching import cache_publicly, content_generation
from .reading_level import story_reading_level

logger = logging.getLogger(__name__)

PACK_PDF_PATH = "pack.pdf"
PACK_PDF_CACHE_SECONDS = 24 * 60 * 60
PDF_HOST = "story.invalid"  # the base address the PDF's pictures are read from, never asked
STYLESHEET = "css/pack_pdf.css"


class PackPDFFailed(Exception):
    """WeasyPrint could not make the PDF."""


def pack_pdf_url(story):
    url = story.url
    return f"{url}{PACK_PDF_PATH}" if url else None


def cache_key(story):
    day = timezone.localdate().isoformat()
    return f"pack-pdf:{story.pk}:{story.live_revision_id}:{content_generation()}:{day}"


def audience_line(story):
    """Who the PDF may be passed on to, as its footer says."""
    if story.for_public:
        return ""
    if story.for_schools and story.for_partners:
        return "shared with schools and partner organisations only: do not pass it on"
    if story.for_schools:
        return "shared with schools only: do not pass it on"
    return "shared with partner organisations only: do not pass it on"


def pack_html(story):
    """The PDF's HTML: title, the name shown, content notes, reading level,
    pictures and body, then the pack; the same for every reader."""
    with pictures_at_hand(story.pictures_in_body()):
        return render_to_string(
            "stories/pack_pdf.html",
            {
                "page": story,
                "reading_level": story_reading_level(story),
                "campaign": settings.WAGTAIL_SITE_NAME,
                "today": timezone.localdate(),
                "audience_line": audience_line(story),
                "story_url": story.full_url,
            },
        )


def story_image_names(story):
    """The stored names of the renditions of the pictures this story shows."""
    from .images import StoryRendition

    image_ids = set(story.pictures_in_body().values_list("pk", flat=True))
    if story.hero_image_id:
        image_ids.add(story.hero_image_id)
    return set(StoryRendition.objects.filter(image_id__in=image_ids).values_list("file", flat=True))


def story_fetcher(story):
    """A WeasyPrint fetcher that reads this story's pictures from storage and
    nothing else: no network, no other file."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    from .picture_storage import image_storage

    prefix = reverse("story_image_file", args=["-"])[:-1]  # "/images/"

    class StoryPicturesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            name = unquote(parts.path).removeprefix(prefix)
            if parts.netloc != PDF_HOST or not parts.path.startswith(prefix):
                raise ValueError(f"Not one of the story's pictures: {url}")
            if name not in allowed:
                raise ValueError(f"Not one of the story's pictures: {url}")
            with image_storage().open(name, "rb") as stored:
                body = stored.read()
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    allowed = story_image_names(story)
    return StoryPicturesOnly()


def make_pack_pdf(story):
    """The PDF's bytes, made now. Raises PackPDFFailed when WeasyPrint fails."""
    from weasyprint import CSS, HTML

    html = pack_html(story)
    try:
        stylesheet = CSS(filename=finders.find(STYLESHEET))
        document = HTML(
            string=html, base_url=f"https://{PDF_HOST}/", url_fetcher=story_fetcher(story)
        )
        return document.write_pdf(stylesheets=[stylesheet])
    except Exception as error:
        raise PackPDFFailed(str(error)) from error


def pack_pdf(story):
    """The PDF, kept until the story, its consent or the date changes."""
    key = cache_key(story)
    pdf = cache.get(key)
    if pdf is None:
        pdf = make_pack_pdf(story)
        cache.set(key, pdf, PACK_PDF_CACHE_SECONDS)
    return pdf


def serve_pack_pdf(story, request):
    """The PDF to a reader the gate has just let see the story (StoryPage.serve
    asks it first); a clear 503 page, logged, when it cannot be made."""
    try:
        pdf = pack_pdf(story)
    except PackPDFFailed:
        logger.exception("The classroom pack PDF of story %s could not be made", story.pk)
        response = HttpResponse(
            render_to_string("stories/pack_pdf_failed.html", {"page": story}, request=request),
            status=503,
        )
        response["Retry-After"] = "300"
        patch_cache_control(response, no_store=True)
        return response
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{story.slug}-classroom-pack.pdf"'
    if story.for_public:
        # Like the page: the CDN's copy is purged with it (StoryPage.get_cached_paths).
        cache_publicly(response)
    else:
        # Shown because of who is asking: no shared cache may keep it.
        patch_cache_control(response, private=True, no_store=True)
    return response
