"""Pictures follow their stories: every image URL passes an access check.

Originals and renditions live in private storage. Their URLs lead to
`serve_image`, which shows a picture to a reader only if a story they may
see uses it (the gate in stories.visibility decides), or a live, public page
other than a story does. A picture no page uses is shown only if it belongs
to no storyteller (a partner's logo). People who work in the admin see every
picture. Nothing about a restricted story's pictures is in a public folder,
so guessing a file name gets a 404.

Documents get the same rule through Wagtail's `before_serve_document` hook.
"""

import mimetypes

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, storages
from django.db import transaction
from django.db.models import Exists
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Page, ReferenceIndex

from .caching import cache_publicly, content_generation
from .readers.membership import works_in_admin
from .visibility import audience_key, restricted_here, visible_stories


class AccessCheckedURLs:
    """A storage whose file URLs lead to the view that checks who is asking."""

    def url(self, name):
        return reverse("story_image_file", args=[name])


class ImageStorage(AccessCheckedURLs, FileSystemStorage):
    """Originals and renditions on disk, outside the public media folder."""


def image_storage():
    return storages["images"]


def pages_using(obj):
    """Ids of stories and of other pages whose saved content uses this image or document."""
    from .pages import StoryPage

    story_ids, other_ids = set(), set()
    story_type = ContentType.objects.get_for_model(StoryPage).pk
    for content_type_id, object_id in (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type__app_label="wagtailcore", base_content_type__model="page")
        .values_list("content_type_id", "object_id")
    ):
        (story_ids if content_type_id == story_type else other_ids).add(int(object_id))
    return story_ids, other_ids


def may_see(user, obj, hero_of=()):
    """Whether this reader may fetch this image or document."""
    if works_in_admin(user):
        return True
    story_ids, other_ids = pages_using(obj)
    story_ids |= set(hero_of)
    if story_ids and visible_stories(user).filter(pk__in=story_ids).exists():
        return True
    if other_ids and (
        Page.objects.live().exclude(Exists(restricted_here())).filter(pk__in=other_ids).exists()
    ):
        return True
    if story_ids or other_ids:
        return False
    return getattr(obj, "storyteller_id", None) is None


def storyteller_consents(image, on=None):
    """A picture the library says is a storyteller's is served only while their
    consent holds (to photos that show them, if it does), whichever story
    shows it: between sweeps, this keeps it off every page at midnight."""
    from .consent.records import ConsentRecord

    if image.storyteller_id is None:
        return True
    consent = ConsentRecord.objects.in_force(on or timezone.localdate()).filter(
        storyteller_id=image.storyteller_id
    )
    if image.shows_identifiable_person:
        consent = consent.filter(identifiable_photos=True)
    return consent.exists()


def may_see_image(user, image):
    """The rule for pictures, remembered until content changes or the day ends."""
    from .consent.takedown import PRIVATE_COLLECTION
    from .pages import StoryPage

    if works_in_admin(user):
        return True
    key = (
        f"image-access:{content_generation()}:{audience_key(user)}:"
        f"{timezone.localdate().isoformat()}:{image.pk}"
    )
    allowed = cache.get(key)
    if allowed is None:
        heroes = StoryPage.objects.filter(hero_image=image).values_list("pk", flat=True)
        allowed = (
            image.collection.name != PRIVATE_COLLECTION
            and storyteller_consents(image)
            and may_see(user, image, heroes)
        )
        cache.set(key, allowed, 60 * 60)
    return allowed


@require_safe
def serve_image(request, name):
    """A rendition to whoever may see its picture; an original to admin users only."""
    from .api import token_user
    from .images import StoryImage, StoryRendition

    user = token_user(request) or request.user
    rendition = StoryRendition.objects.select_related("image__collection").filter(file=name).first()
    if rendition is not None:
        image = rendition.image
        if not may_see_image(user, image):
            raise Http404("No such picture.")
    elif not (works_in_admin(user) and StoryImage.objects.filter(file=name).exists()):
        raise Http404("No such picture.")
    storage = image_storage()
    if not storage.exists(name):
        raise Http404("No such picture.")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    if rendition is not None and may_see_image(_anonymous(), rendition.image):
        cache_publicly(response)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def before_serve_document(document, request):
    """Wagtail's hook: a document is served only to those who may see a page using it."""
    from .api import token_user

    if not may_see(token_user(request) or request.user, document):
        raise Http404("No such document.")


def purge_pictures_of_members_story(sender, instance, **kwargs):
    """`page_published` receiver: a story published for members only may have
    been public before; ask the CDN to forget its pictures' public copies."""
    from .consent.guard import story_images
    from .consent.takedown import frontend_cache_enabled
    from .pages import StoryPage

    if not isinstance(instance, StoryPage) or instance.for_public or not frontend_cache_enabled():
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    from .images import StoryRendition

    renditions = StoryRendition.objects.filter(image__in=story_images(instance))
    urls = [rendition.url for rendition in renditions]
    if urls:
        transaction.on_commit(lambda: purge_urls_from_cache(urls))
