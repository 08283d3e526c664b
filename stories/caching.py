"""Rendered fragments of public pages, cached until content changes.

Templates cache the parts of a page that cost queries (a story's body and
related stories, listings, the menu) under a key that carries the content
generation, the reader's audience and today's date. Any publish, unpublish,
deletion, take-down or change to consent or snippets starts a new
generation, so no fragment outlives the content it shows; the date in the
key retires fragments at midnight, when consent may have ended.
"""

import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail.signals import page_published, page_unpublished

GENERATION_KEY = "stories:content-generation"
SHARED_CACHE_SECONDS = 10 * 60  # a CDN copy, which take-down and unpublishing purge
BROWSER_CACHE_SECONDS = 60  # a reader's own copy, which no purge reaches


def cache_publicly(response):
    """Let a CDN keep what anyone may see; a browser only briefly, because a
    withdrawn story must leave the reader's screen too, and no purge reaches it."""
    patch_cache_control(
        response, public=True, max_age=BROWSER_CACHE_SECONDS, s_maxage=SHARED_CACHE_SECONDS
    )
    return response


def content_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def content_changed(*args, **kwargs):
    """Retire every cached fragment at once."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def fragment_key(request):
    """What every cached fragment varies on besides its own name."""
    from .visibility import audience_key

    user = getattr(request, "user", None)
    return f"{content_generation()}:{audience_key(user)}:{timezone.localdate().isoformat()}"


def cache_context(request):
    """Context processor: `fragment_key` for `{% cache %}` tags in templates."""
    return {"fragment_key": fragment_key(request)}


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
