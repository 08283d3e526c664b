"""Media follow pages: every picture and document URL passes an access check.

Originals and renditions live in private storage. Their URLs lead to
`serve_image` (stories.media_serving), which serves a picture to a reader only while a page that
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
when saved (stories.shown.StoryMedium); other pages' uses, and documents
linked from any page, come from Wagtail's reference index, which also
indexes the page row and not its drafts.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex, Site

from .caching import (
    SHARED_CACHE_SECONDS,
    content_generation,
)
from .consent.subjects import is_subject, pictures_shown, subject_model
from .readers.membership import audience_key, organisation_of
from .visibility import restricted_here, visible_stories


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
    return (
        Page.objects.live()
        .exclude(Exists(restricted_here()))
        .exclude(content_type=ContentType.objects.get_for_model(subject_model()))
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
    from .partners import PartnerOrganisation

    if not ids:
        return set()
    pages = (
        Page.objects.live()
        .exclude(Exists(restricted_here()))
        .exclude(content_type=ContentType.objects.get_for_model(subject_model()))
    )
    referenced = ReferenceIndex.objects.filter(
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        to_content_type=ContentType.objects.get_for_model(StoryImage),
        to_object_id__in=[str(pk) for pk in ids],
        object_id__in=pages.values_list(Cast("pk", output_field=CharField())),
    ).values_list("to_object_id", flat=True)
    used = {int(pk) for pk in referenced}
    home_page_live = pages.filter(pk__in=Site.objects.values("root_page"))
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
    from .shown import StoryMedium
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


def purge_pictures_of_members_story(sender, instance, **kwargs):
    """`page_published` receiver: a story published for members only may have
    been public before; ask the CDN to forget its pictures' public copies."""
    from .consent.takedown import frontend_cache_enabled

    if not is_subject(instance) or instance.for_public or not frontend_cache_enabled():
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    from .images import StoryRendition

    renditions = StoryRendition.objects.filter(image__in=pictures_shown(instance))
    urls = [rendition.url for rendition in renditions]
    if urls:
        transaction.on_commit(lambda: purge_urls_from_cache(urls), robust=True)
