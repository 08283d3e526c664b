"""Media follow pages, for clips: every clip, captions and poster address asks the gate.

A clip's file lives in private storage (stories.clips); its addresses lead
here. A clip is served to a reader only while a live story the reader may
see now (the gate, stories.visibility) shows it: the record its body leaves
when saved (stories.shown.StoryMedium, `clip`). For an organisation's API
token, only a story the organisation may syndicate. A clip only a draft
shows, or no story at all, answers 404 to every reader. People who work in
the admin fetch any clip with their session (previews), never kept by any
cache. The captions and the poster of a clip follow the same rule; the
poster, a picture, must also be one the picture rule lets this reader see.

Players seek: a `Range: bytes=…` request gets 206 with just those bytes
(416 when none of them exist), and every answer says `Accept-Ranges: bytes`.

No shared cache (CDN) keeps a clip: a take-down purges pages and pictures,
not clips, so, like documents, a clip of a public story stays only in the
reader's own browser for a minute, and any other is not kept at all.
"""

import re

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.urls import path
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe

from .caching import BROWSER_CACHE_SECONDS
from .clips import StoryClip
from .media_access import may_see_image
from .media_serving import picture_file, reader_of
from .picture_storage import image_storage
from .shown import StoryMedium
from .storyteller_page.approving import storyteller_hears_clip, storyteller_sees_picture
from .visibility import visible_stories

CHUNK_BYTES = 64 * 1024
SINGLE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
POSTER_FILTER = "format-jpeg|width-1280"  # one of the sizes prepared on publish


def stories_showing(clip, user, syndication=False):
    """The stories this reader may see now that show this clip in their live content."""
    shows = StoryMedium.objects.filter(clip=clip, story_id=OuterRef("pk"))
    return visible_stories(user, syndication=syndication).filter(Exists(shows))


def may_see_clip(user, clip, syndication=False):
    """Whether this reader may be served this clip now (see the module's rule)."""
    return stories_showing(clip, user, syndication).exists()


def clip_for(request, pk):
    """(clip, whether anyone at all may see it now) for a reader allowed it; else 404."""
    clip = StoryClip.objects.filter(pk=pk).select_related("poster").first()
    if clip is None:
        raise Http404("No such clip.")
    user, syndicating, in_admin = reader_of(request)
    allowed = in_admin or may_see_clip(user, clip, syndicating)
    if not (allowed or storyteller_hears_clip(request, clip)):
        raise Http404("No such clip.")
    if in_admin:
        return clip, False
    # A signed-out reader has just been asked the public's question (a player
    # asks again for every range it seeks to): ask it again only for others.
    anonymous = not user.is_authenticated and not syndicating
    public = allowed if anonymous else may_see_clip(AnonymousUser(), clip)
    return clip, public


def kept_as(response, public):
    """A public story's clip in the reader's own browser for a minute; any other not kept."""
    if public:
        patch_cache_control(response, private=True, max_age=BROWSER_CACHE_SECONDS)
    else:
        patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Authorization", "Cookie"])
    return response


def byte_range(header, size):
    """(start, end) inclusive for a `Range` header of one range, None to send
    the whole file (no header, or one we do not answer: several ranges or
    another unit), or "unsatisfiable"."""
    match = SINGLE_RANGE.match((header or "").strip())
    if not match or not any(match.groups()):
        return None
    first, last = match.groups()
    if not first:  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            return "unsatisfiable"
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or (last and int(last) < start):
        return "unsatisfiable"
    return start, end


def read_part(opened, start, length):
    try:
        opened.seek(start)
        left = length
        while left > 0:
            chunk = opened.read(min(CHUNK_BYTES, left))
            if not chunk:
                break
            left -= len(chunk)
            yield chunk
    finally:
        opened.close()


def ranged_file(request, name, content_type):
    """The stored file, whole (200) or the one range asked for (206), or 416."""
    storage = image_storage()
    if not storage.exists(name):
        raise Http404("No such clip.")
    size = storage.size(name)
    wanted = byte_range(request.headers.get("Range"), size)
    if wanted == "unsatisfiable":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response
    start, end = wanted or (0, size - 1)
    length = max(end - start + 1, 0)
    response = StreamingHttpResponse(
        read_part(storage.open(name, "rb"), start, length),
        status=206 if wanted else 200,
        content_type=content_type,
    )
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    if wanted:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return response


@require_safe
def serve_clip(request, pk, filename):
    """A clip's file to whoever may hear or see it now, with seeking."""
    clip, public = clip_for(request, pk)
    if filename != clip.filename or not clip.file:
        raise Http404("No such clip.")
    response = ranged_file(request, clip.file.name, clip.content_type)
    response["X-Robots-Tag"] = "noindex"
    return kept_as(response, public)


@require_safe
def serve_captions(request, pk):
    clip, public = clip_for(request, pk)
    if not clip.captions:
        raise Http404("No captions.")
    storage = image_storage()
    if not storage.exists(clip.captions.name):
        raise Http404("No captions.")
    with storage.open(clip.captions.name, "rb") as captions:
        response = HttpResponse(captions.read(), content_type="text/vtt; charset=utf-8")
    return kept_as(response, public)


@require_safe
def serve_poster(request, pk):
    """A video's poster, a rendition of its library picture, to whoever may see
    the clip and the picture both."""
    clip, public = clip_for(request, pk)
    user, syndicating, in_admin = reader_of(request)
    if clip.poster is None or not (
        in_admin
        or may_see_image(user, clip.poster, syndicating)
        or storyteller_sees_picture(request, clip.poster)
    ):
        raise Http404("No poster.")
    rendition = clip.poster.get_rendition(POSTER_FILTER)
    response = picture_file(rendition.file.name)
    return kept_as(response, public and may_see_image(AnonymousUser(), clip.poster))


def clip_for_api(clip, context):
    """A clip in the API: its address, transcript and captions only for a token
    whose organisation may syndicate; for anyone else only what kind it is.

    The story is in the answer because the gate lets this token syndicate it,
    and the clip's address answers that token for the same reason (`may_see_clip`
    asks the same question of the same rows), so nothing more is asked here."""
    from .api_pictures import PictureAddresses

    if clip is None:
        return None
    request = (context or {}).get("request")
    shown = {"type": clip.type}  # never the library's title, which may name someone
    if request is None or not PictureAddresses.for_request(request).syndicating:
        return shown
    return {
        **shown,
        "url": request.build_absolute_uri(clip.url),
        "duration": clip.duration,
        "transcript": clip.transcript,
        "captions_url": request.build_absolute_uri(clip.captions_url) if clip.captions else None,
        "content_note": clip.content_note,
    }


urlpatterns = [
    path("<int:pk>/captions.vtt", serve_captions, name="story_clip_captions"),
    path("<int:pk>/poster.jpg", serve_poster, name="story_clip_poster"),
    path("<int:pk>/<str:filename>", serve_clip, name="story_clip_file"),
]
