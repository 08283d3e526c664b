"""Serving pictures and documents: each file asks the rule (stories.media_access).

Picture URLs from private storage (stories.picture_storage) lead to
`serve_image`; documents to `serve_document`, with Wagtail's
`before_serve_document` hook. Who asks is worked out once per request
(`reader_of`): an organisation's API token, else the session's reader.
What a reader may see is decided in stories.media_access; here only how the
answer is sent, and how long anyone may keep it.
"""

import mimetypes

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe

from .api_pictures import SHARED, token_sharing
from .caching import BROWSER_CACHE_SECONDS, cache_publicly
from .media_access import may_see_document, may_see_image
from .picture_storage import image_storage
from .readers.api_access import token_reader
from .readers.membership import syndicates, works_in_admin
from .storyteller_page.approving import storyteller_sees_picture


def reader_of(request):
    """Who asks for a file: (user, syndicating, in_admin).

    A valid API token speaks for its organisation, which syndicates (the
    session is then ignored, as in the API). Otherwise the session's reader;
    people who work in the admin may fetch anything with their session.
    """
    if not hasattr(request, "_file_reader"):  # a document asks twice: hook and view
        by_token = token_reader(request)
        if by_token is not None:
            user, syndicating = by_token
            request._file_reader = (user, syndicating, False)
        else:
            request._file_reader = (request.user, False, works_in_admin(request.user))
    return request._file_reader


@require_safe
def serve_image(request, name):
    """A rendition to whoever may see its picture; an original to admin users only."""
    from .images import StoryImage, StoryRendition

    if SHARED in request.GET:
        return serve_shared_image(request, name, request.GET[SHARED])
    user, syndicating, in_admin = reader_of(request)
    rendition = StoryRendition.objects.select_related("image__collection").filter(file=name).first()
    if rendition is not None:
        if not (
            in_admin
            or may_see_image(user, rendition.image, syndicating)
            or storyteller_sees_picture(request, rendition.image)
        ):
            raise Http404("No such picture.")
    elif not (in_admin and StoryImage.objects.filter(file=name).exists()):
        raise Http404("No such picture.")
    response = picture_file(name)
    if not in_admin and rendition is not None and may_see_image(_anonymous(), rendition.image):
        cache_publicly(response)
        # A token's answer can differ from the public's (syndication): keep them apart.
        patch_vary_headers(response, ["Authorization"])
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def serve_shared_image(request, name, shared):
    """A picture the API gave an organisation's token at a shared address
    (stories.api_pictures), to whoever fetches it (the readers of the
    organisation's own site, who carry no token): at every fetch, only while
    the signature holds, the token stands and the organisation may syndicate
    a live page showing the picture. Never kept by a shared cache, nor
    indexed: the take-down's purge reaches no copy made of it."""
    from .images import StoryRendition

    token = token_sharing(name, shared)
    rendition = None
    if token is not None and syndicates(token.user):
        rendition = (
            StoryRendition.objects.select_related("image__collection").filter(file=name).first()
        )
    if rendition is None or not may_see_image(token.user, rendition.image, syndication=True):
        raise Http404("No such picture.")
    response = picture_file(name)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def picture_file(name):
    """The stored picture as a response, or 404 when its file is gone."""
    storage = image_storage()
    if not storage.exists(name):
        raise Http404("No such picture.")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(storage.open(name, "rb"), content_type=content_type)


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@require_safe
def serve_document(request, document_id, document_filename):
    """Wagtail's document view, with an answer no shared cache may keep.

    Take-down purges pages and pictures from a CDN, not documents, so a CDN
    must never hold one: anyone's copy stays in their own browser for a
    minute, as a public picture does; a member's, a token's or an editor's
    is not kept at all.
    """
    from wagtail.documents.views.serve import serve

    response = serve(request, document_id, document_filename)
    user, _syndicating, _in_admin = reader_of(request)  # a token's user is signed in too
    if user.is_authenticated or response.status_code != 200:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, private=True, max_age=BROWSER_CACHE_SECONDS)
    patch_vary_headers(response, ["Authorization", "Cookie"])
    return response


def before_serve_document(document, request):
    """Wagtail's hook: a document is served only to those who may see a page using it."""
    user, syndicating, in_admin = reader_of(request)
    if not (in_admin or may_see_document(user, document, syndicating)):
        raise Http404("No such document.")
