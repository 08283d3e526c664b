"""Media follow pages: every picture and document URL passes an access check.

Originals and renditions live in private storage. Their URLs lead to
`serve_image`, which serves a picture to a reader only while a page that
reader may see now uses it in its live content: a story the gate
(stories.visibility) lets them read, with their audiences and, for an
organisation's API token, its syndication rights; or a live, public page
other than a story (a partner's logo is on the home page). Drafts use
nothing: a picture only a draft shows, or no page at all, answers 404 to
every reader, however its URL came to exist. People who work in the admin
fetch any picture with their session (that is how previews show drafts),
never kept by a shared cache. Guessing a file name gets a 404.

A picture the API gave an organisation's token at a shared address
(`?shared=`, stories.api_pictures) is served to whoever fetches it, the
readers of the organisation's own site, by `serve_shared_image`: only while
the token stands and the organisation may syndicate a live page using it.

Documents get the same rule through Wagtail's `before_serve_document` hook.

"Uses" means the page row, never a revision: for a live page that is what
readers see. A story's pictures are its hero and the record its body leaves
when saved (stories.pages.StoryMedium); other pages' uses, and documents
linked from any page, come from Wagtail's reference index, which also
indexes the page row and not its drafts.
"""

import mimetypes

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe
from wagtail.models import Page, ReferenceIndex

from .caching import (
    BROWSER_CACHE_SECONDS,
    SHARED_CACHE_SECONDS,
    cache_publicly,
    content_generation,
)
from .consent.subjects import pictures_shown
from .picture_storage import image_storage
from .readers.membership import organisation_of, syndicates, works_in_admin
from .visibility import audience_key, restricted_here, visible_stories


def references_from_pages(obj):
    """Wagtail's reference index: page rows (never revisions) that use this object."""
    return ReferenceIndex.get_references_to(obj).filter(
        base_content_type__app_label="wagtailcore", base_content_type__model="page"
    )


def pages_using(document):
    """The condition for a page whose live content uses this document."""
    return Q(Exists(references_from_pages(document).filter(object_id=as_text(OuterRef("pk")))))


def other_pages_using(document):
    """Live, public pages other than stories whose content uses this document."""
    from .pages import StoryPage

    return (
        Page.objects.live()
        .exclude(Exists(restricted_here()))
        .exclude(content_type=ContentType.objects.get_for_model(StoryPage))
        .filter(pages_using(document))
    )


def as_text(expression):
    return Cast(expression, output_field=CharField())


def may_see_document(user, document, syndication=False):
    """Whether this reader may fetch this document now: only while a page they
    may see uses it in its live content. With `syndication` (an organisation's
    API token), only stories the organisation may syndicate."""
    stories = visible_stories(user, syndication=syndication).filter(pages_using(document))
    return stories.exists() or other_pages_using(document).exists()


def consenting_storytellers(pictures, on=None):
    """(storytellers whose consent holds today, those of them whose consent covers
    photos that show them), for the storytellers these pictures belong to."""
    from .consent.records import ConsentRecord

    owners = {picture.storyteller_id for picture in pictures if picture.storyteller_id}
    if not owners:
        return set(), set()
    records = (
        ConsentRecord.objects.in_force(on or timezone.localdate())
        .filter(storyteller_id__in=owners)
        .values_list("storyteller_id", "identifiable_photos")
    )
    holding, photos = set(), set()
    for storyteller_id, identifiable_photos in records:
        holding.add(storyteller_id)
        if identifiable_photos:
            photos.add(storyteller_id)
    return holding, photos


def used_by_other_pages(ids):
    """Of these picture ids, those a live, public page other than a story uses
    (Wagtail's reference index, page rows only), and partners' logos while the
    home page shows them: `other_pages_using`, for many pictures at once."""
    from .images import StoryImage
    from .pages import HomePage, StoryPage
    from .partners import PartnerOrganisation
    from .visibility import restricted_here

    if not ids:
        return set()
    pages = (
        Page.objects.live()
        .exclude(Exists(restricted_here()))
        .exclude(content_type=ContentType.objects.get_for_model(StoryPage))
    )
    referenced = ReferenceIndex.objects.filter(
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        to_content_type=ContentType.objects.get_for_model(StoryImage),
        to_object_id__in=[str(pk) for pk in ids],
        object_id__in=pages.values_list(Cast("pk", output_field=CharField())),
    ).values_list("to_object_id", flat=True)
    used = {int(pk) for pk in referenced}
    home_page_live = pages.filter(content_type=ContentType.objects.get_for_model(HomePage))
    logos = PartnerOrganisation.objects.filter(logo_id__in=set(ids) - used).filter(
        Exists(home_page_live)
    )
    return used | set(logos.values_list("logo_id", flat=True))


def readable_pictures(user, pictures, syndication=False, on=None):
    """The ids of these pictures (with their collections) this reader may be
    served now: the rule for pictures, asked of all of them
    in a constant number of queries. Not in the library's private collection,
    their storyteller's consent holding (to photos that show them, if they
    do), and used by a story the reader may see (with `syndication`, one their
    organisation may syndicate) or a live, public page other than a story."""
    from .consent.takedown import PRIVATE_COLLECTION
    from .images import StoryImage
    from .pages import StoryMedium
    from .visibility import visible_stories

    holding, photos = consenting_storytellers(pictures, on)
    candidates = {
        picture.pk
        for picture in pictures
        if picture.collection.name != PRIVATE_COLLECTION
        and (
            picture.storyteller_id is None
            or (
                picture.storyteller_id in holding
                and (not picture.shows_identifiable_person or picture.storyteller_id in photos)
            )
        )
    }
    if not candidates:
        return set()
    # Asked picture by picture inside the database (EXISTS), so that it looks
    # only at the stories showing these pictures, never at every visible story.
    stories = visible_stories(user, on=on, syndication=syndication)
    as_hero = stories.filter(hero_image=OuterRef("pk"))
    in_body = StoryMedium.objects.filter(image=OuterRef("pk")).filter(
        Exists(stories.filter(pk=OuterRef("story_id")))
    )
    in_stories = set(
        StoryImage.objects.filter(pk__in=candidates)
        .filter(Q(Exists(as_hero)) | Q(Exists(in_body)))
        .values_list("pk", flat=True)
    )
    return in_stories | used_by_other_pages(candidates - in_stories)


# A change that starts no new generation (a raw update in a shell or a
# migration) reaches pictures within the time a CDN may keep one anyway.
ACCESS_REMEMBERED_SECONDS = SHARED_CACHE_SECONDS


def may_see_image(user, image, syndication=False):
    """The rule for pictures, remembered until content changes or the day ends:
    per audience, and for a token per organisation and syndication."""
    organisation = organisation_of(user) if syndication else None
    reads_for = f"syndicates-{organisation.pk}" if organisation else "reads"
    key = (
        f"image-access:{content_generation()}:{audience_key(user)}:{reads_for}:"
        f"{timezone.localdate().isoformat()}:{image.pk}"
    )
    allowed = cache.get(key)
    if allowed is None:
        allowed = image.pk in readable_pictures(user, [image], syndication)
        cache.set(key, allowed, ACCESS_REMEMBERED_SECONDS)
    return allowed


def storyteller_sees_picture(request, image):
    """A storyteller reading the version of their story they are asked to approve."""
    from .storyteller_page.approving import storyteller_sees_picture as sees

    return sees(request, image)


def reader_of(request):
    """Who asks for a file: (user, syndicating, in_admin).

    A valid API token speaks for its organisation, which syndicates (the
    session is then ignored, as in the API). Otherwise the session's reader;
    people who work in the admin may fetch anything with their session.
    """
    from .api import token_reader

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
    from .api_pictures import SHARED
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
    from .api_pictures import token_sharing
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


def purge_pictures_of_members_story(sender, instance, **kwargs):
    """`page_published` receiver: a story published for members only may have
    been public before; ask the CDN to forget its pictures' public copies."""
    from .consent.takedown import frontend_cache_enabled
    from .pages import StoryPage

    if not isinstance(instance, StoryPage) or instance.for_public or not frontend_cache_enabled():
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    from .images import StoryRendition

    renditions = StoryRendition.objects.filter(image__in=pictures_shown(instance))
    urls = [rendition.url for rendition in renditions]
    if urls:
        transaction.on_commit(lambda: purge_urls_from_cache(urls), robust=True)
