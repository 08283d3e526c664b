"""Rendered fragments of public pages, cached until content changes.

Templates cache the parts of a page that cost queries (a story's body and
related stories, listings, the menu) under a key that carries the content
generation, the reader's audience and today's date. Any publish, unpublish,
deletion, take-down or change to consent or snippets starts a new
generation, so no fragment outlives the content it shows; the date in the
key retires fragments at midnight, when consent may have ended.

The generation lives in the database, in the same transaction as the change
that starts it: every process (each web worker, the tasks worker, cron, a
command typed at a terminal) sees it the moment that change commits, and
never before. The cache (local memory in each process, or Redis) holds only
the fragments; losing it, or finding old fragments in it after an outage,
costs a re-render and never shows what was withdrawn.
"""

import uuid

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import lazy
from django.utils.translation import get_language
from wagtail.signals import page_published, page_unpublished

from .readers.membership import audience_key

SHARED_CACHE_SECONDS = 10 * 60  # a CDN copy, which take-down and unpublishing purge
BROWSER_CACHE_SECONDS = 60  # a reader's own copy, which no purge reaches
GENERATION_ROW = 1


class ContentGeneration(models.Model):
    """The one row that names the current generation of published content.

    A new random value, not a counter, so that a database rebuilt from
    nothing can never meet fragments a shared cache kept from before.
    """

    value = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "content generation"

    def __str__(self):
        return self.value


def new_generation():
    return uuid.uuid4().hex


def cache_publicly(response):
    """Let a CDN keep what anyone may see; a browser only briefly, because a
    withdrawn story must leave the reader's screen too, and no purge reaches it."""
    patch_cache_control(
        response, public=True, max_age=BROWSER_CACHE_SECONDS, s_maxage=SHARED_CACHE_SECONDS
    )
    return response


def content_generation():
    """The generation every process sees now: one primary-key read."""
    value = (
        ContentGeneration.objects.filter(pk=GENERATION_ROW).values_list("value", flat=True).first()
    )
    if value is None:
        value = ContentGeneration.objects.get_or_create(
            pk=GENERATION_ROW, defaults={"value": new_generation()}
        )[0].value
    return value


def content_changed(*args, **kwargs):
    """Retire every cached fragment at once, in every process, when this commits."""
    updated = ContentGeneration.objects.filter(pk=GENERATION_ROW).update(
        value=new_generation(), changed_at=timezone.now()
    )
    if not updated:
        ContentGeneration.objects.get_or_create(
            pk=GENERATION_ROW, defaults={"value": new_generation()}
        )


def request_generation(request):
    """The generation for this request, read once however many fragments ask."""
    if request is None:
        return content_generation()
    if not hasattr(request, "_content_generation"):
        request._content_generation = content_generation()
    return request._content_generation


def fragment_key(request):
    """What every cached fragment varies on besides its own name."""
    user = getattr(request, "user", None)
    day = timezone.localdate().isoformat()
    # The language too: a fragment holds the site's own words (stories.translations).
    return f"{request_generation(request)}:{audience_key(user)}:{day}:{get_language()}"


def cache_context(request):
    """Context processor: `fragment_key` for `{% cache %}` tags in templates,
    worked out only by a template that caches something (the admin never does)."""
    return {"fragment_key": lazy(fragment_key, str)(request)}


def connect():
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction

    from .consent.records import ConsentRecord, ConsentWithdrawal
    from .partners import PartnerOrganisation
    from .storytellers import Storyteller
    from .taxonomy import Theme

    page_published.connect(content_changed, dispatch_uid="stories-cache-published")
    page_unpublished.connect(content_changed, dispatch_uid="stories-cache-unpublished")
    for model in (
        Page,
        # Privacy set in the admin saves a restriction, not the page.
        PageViewRestriction,
        get_image_model(),
        Storyteller,
        PartnerOrganisation,
        Theme,
        ConsentRecord,
        ConsentWithdrawal,
    ):
        post_save.connect(content_changed, sender=model, weak=False)
        post_delete.connect(content_changed, sender=model, weak=False)
