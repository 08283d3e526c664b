"""Taking a storyteller's stories down: what withdrawal and lapsed consent share.

One function does it, so that a withdrawal, an expiry sweep and a narrowed
consent leave the site in the same state: nothing of the story reachable by
any URL, and a record of what was done.
"""

from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.db import router, transaction
from django.db.models.deletion import Collector
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Collection, Page, ReferenceIndex, Revision, WorkflowState

from ..caching import content_changed
from ..search_index import held_from_the_index, remove_from_index
from .audit import TAKEN_DOWN
from .subjects import pictures_shown, subject_model

PRIVATE_COLLECTION = "Withdrawn storytellers (private)"


def frontend_cache_enabled():
    return apps.is_installed("wagtail.contrib.frontend_cache")


def pages_of(storyteller, stories=None):
    """The storyteller's story pages with their aliases (translations are stories too)."""
    pages = (
        list(stories)
        if stories is not None
        else list(subject_model().objects.filter(storyteller=storyteller))
    )
    ids = {page.pk for page in pages}
    aliases = Page.objects.filter(alias_of_id__in=ids).exclude(pk__in=ids).specific()
    return pages + list(aliases)


def private_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=PRIVATE_COLLECTION).first()
    return existing or root.add_child(name=PRIVATE_COLLECTION)


def images_only_they_show(storyteller, pages):
    """Their own pictures, and pictures their stories use that no other page does."""
    from ..images import StoryImage

    images = {image.pk: image for image in StoryImage.objects.filter(storyteller=storyteller)}
    for image in images_only_these_show(pages, besides=images):
        images[image.pk] = image
    return list(images.values())


def images_only_these_show(pages, besides=()):
    """Pictures these pages use (live or draft) that no other page does.

    Alone, for one story taken down while its storyteller's consent stands:
    their other stories keep their pictures. Pictures in `besides` are
    already accounted for and not looked up again. A page's draft is read
    only when it differs from the page as saved, and the references to every
    picture are read in one query.
    """
    page_ids = {page.pk for page in pages}
    shown = {}
    for version in versions_of(pages):
        for image in pictures_shown(version):
            if image.pk not in besides:
                shown.setdefault(image.pk, image)
    elsewhere = used_elsewhere(shown.values(), page_ids)
    return [image for pk, image in shown.items() if pk not in elsewhere]


def versions_of(pages):
    """Each page as saved, and its latest revision where that differs (a draft
    may add pictures), the revisions read in one query."""
    drafts = {
        page.latest_revision_id
        for page in pages
        if page.latest_revision_id and page.latest_revision_id != page.live_revision_id
    }
    revisions = Revision.objects.in_bulk(drafts) if drafts else {}
    for page in pages:
        yield page
        revision = revisions.get(page.latest_revision_id)
        if revision is not None:
            yield revision.as_object()


def used_elsewhere(images, page_ids):
    """The ids of those images anything but these pages uses (another story, a logo)."""
    images = list(images)
    if not images:
        return set()
    return {
        int(reference.to_object_id)
        for reference in ReferenceIndex.get_references_to_in_bulk(images).select_related(
            "base_content_type"
        )
        if reference.base_content_type.model != "page" or int(reference.object_id) not in page_ids
    }


def withhold_images(images):
    """Delete renditions and move originals to a private collection.

    Returns the rendition URLs, for the CDN purge.
    """
    if not images:
        return []
    from ..images import StoryImage, StoryRendition

    image_ids = [image.pk for image in images]
    renditions = list(StoryRendition.objects.filter(image_id__in=image_ids).select_related("image"))
    urls = [rendition.url for rendition in renditions]
    # Deleted in one query, not one each; Wagtail's signals still forget each
    # cached rendition and delete each file once this commits.
    collector = Collector(using=router.db_for_write(StoryRendition))
    collector.collect(renditions)
    collector.delete()
    # One update, not a save per image: moving collections needs no re-indexing.
    StoryImage.objects.filter(pk__in=image_ids).update(collection=private_collection())
    return urls


def recipients(record):
    """Partner organisations the consent let receive the storyteller's stories."""
    from ..partners import PartnerOrganisation

    if record is None or record.syndication == record.Syndication.NONE:
        return []
    if record.syndication == record.Syndication.NAMED:
        partners = record.syndication_partners.all()
    else:
        kinds = []
        if record.for_schools:
            kinds.append(PartnerOrganisation.Kind.SCHOOL)
        if record.for_partners:
            kinds += [PartnerOrganisation.Kind.THERAPY_GROUP, PartnerOrganisation.Kind.WELLNESS]
        partners = PartnerOrganisation.objects.filter(kind__in=kinds)
    return [partner for partner in partners if partner.contact_email]


def notify_recipients(record, titles, reason_words):
    """Tell partner organisations that received these stories to remove them."""
    partners = recipients(record)
    for partner in partners:
        send_mail(
            subject="Please remove withdrawn stories: Histories & Smiles",
            message=(
                f"Dear {partner.name},\n\n"
                f"The storyteller behind the following stories has {reason_words}. "
                "They must come out of your materials, printed or online, now:\n\n"
                + "\n".join(f"  - {title}" for title in titles)
                + "\n\nThank you for helping us keep our promise to them.\n"
                "Histories & Smiles\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[partner.contact_email],
        )
    return partners


def take_down(
    storyteller,
    reason,
    *,
    user=None,
    record=None,
    stories=None,
    reason_words=None,
    only_these_pictures=False,
):
    """Make every page of these stories unreachable, and say what was done.

    `stories` defaults to all of the storyteller's stories. With
    `only_these_pictures`, only pictures no other page uses are withheld (one
    story taken down while consent stands); otherwise every picture of the
    storyteller is too. Must run inside a transaction; e-mails and CDN purges
    wait for it to commit.
    """
    pages = pages_of(storyteller, stories)
    page_ids = [page.pk for page in pages]
    done = []

    live_pages = [page for page in pages if page.live]
    # Each page's own address and the others it answers on (a story's embed card).
    live_urls = [
        page.get_full_url() + path.lstrip("/")
        for page in live_pages
        for path in page.specific_deferred.get_cached_paths()
    ]
    # Read before unpublishing, while each page says whether its draft differs.
    if only_these_pictures:
        images = images_only_these_show(pages)
    else:
        images = images_only_they_show(storyteller, pages)

    # Not re-indexed as each is saved: their entries are deleted below.
    with held_from_the_index(pages):
        for page in live_pages:
            # The authority here is consent itself (withdrawal, expiry), not the
            # user's page permissions: a consent officer may take any story down.
            UnpublishPageAction(page, user=user, log_action=True).execute(
                skip_permission_checks=True
            )
            log(instance=page, action=TAKEN_DOWN, user=user, data={"reason": reason})
    if live_pages:
        done.append(
            f"Unpublished {len(live_pages)} page(s): " + ", ".join(p.title for p in live_pages)
        )

    scheduled = Revision.page_revisions.filter(
        object_id__in=[str(pk) for pk in page_ids], approved_go_live_at__isnull=False
    ).update(approved_go_live_at=None)
    Page.objects.filter(pk__in=page_ids, go_live_at__isnull=False).update(go_live_at=None)
    if scheduled:
        done.append(f"Cancelled {scheduled} scheduled publication(s).")

    for state in WorkflowState.objects.active().filter(
        base_content_type__model="page", object_id__in=[str(pk) for pk in page_ids]
    ):
        state.cancel(user=user)
        done.append(f"Cancelled the review of “{state.content_object}”.")

    remove_from_index(pages)
    if pages:
        done.append(f"Removed {len(pages)} page(s) from the search index.")

    image_urls = withhold_images(images)
    if images:
        done.append(
            f"Stopped serving {len(images)} image(s): deleted {len(image_urls)} rendition(s), "
            "moved originals to a private collection."
        )

    content_changed()
    done.append("Retired every cached page fragment.")

    if frontend_cache_enabled():
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        urls = live_urls + image_urls
        # robust: the take-down is committed; a CDN or mail server that fails is logged.
        transaction.on_commit(lambda: purge_urls_from_cache(urls), robust=True)
        done.append(f"Asked the CDN to purge {len(urls)} URL(s) (pages and images).")

    if live_pages or stories is None:
        titles = [page.title for page in live_pages] or [page.title for page in pages]
        partner_names = [partner.name for partner in recipients(record)]
        if partner_names and titles:
            transaction.on_commit(
                lambda: notify_recipients(record, titles, reason_words or reason), robust=True
            )
            done.append("E-mailed " + ", ".join(partner_names) + " to remove the stories.")
    return done
