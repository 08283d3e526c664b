"""Rendered fragments of public pages, cached until content changes.

Templates cache the parts of a page that cost queries (a story's body and
related stories, listings, the menu) under a key that carries a generation,
the reader's audience and today's date; the date retires fragments at
midnight, when consent may have ended. There are two generations:

- the content generation, which any publish, unpublish, move, deletion,
  take-down or change to consent, pictures or snippets replaces. Whole pages
  (stories.page_cache) and listings, which may show any story, vary on it;
- the site generation, which every one of those changes replaces except a
  story's own publish. The parts of a story's page (its head, body and
  related stories) vary on it and on the publish of each story they show
  (`StoryPage.shown_stories_stamp`), so a publish elsewhere leaves them be,
  while a story re-published with a new title, or for fewer readers, leaves
  every page that shows it at once.

Both live in the database, in the same transaction as the change that
replaces them: every process (each web worker, the tasks worker, cron, a
command typed at a terminal) sees them the moment that change commits, and
never before. The cache (local memory in each process, or Redis) holds only
the fragments; losing it, or finding old fragments in it after an outage,
costs a re-render and never shows what was withdrawn.
"""

import uuid

from django.apps import apps
from django.conf import settings
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
SITE_GENERATION_ROW = 2
GENERATION_ROWS = (GENERATION_ROW, SITE_GENERATION_ROW)


class ContentGeneration(models.Model):
    """A row that names a generation of published content: the content
    generation (GENERATION_ROW) or the site generation (SITE_GENERATION_ROW).

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


def generations():
    """The content and site generations every process sees now: one query."""
    found = dict(
        ContentGeneration.objects.filter(pk__in=GENERATION_ROWS).values_list("pk", "value")
    )
    for row in GENERATION_ROWS:
        if row not in found:
            found[row] = ContentGeneration.objects.get_or_create(
                pk=row, defaults={"value": new_generation()}
            )[0].value
    return found[GENERATION_ROW], found[SITE_GENERATION_ROW]


def content_generation():
    """The generation every process sees now."""
    return generations()[0]


def content_changed(*args, **kwargs):
    """Retire every cached page and fragment at once, in every process, when
    this commits."""
    start_generations(GENERATION_ROWS)


def story_published(sender, instance, **kwargs):
    """A story's publish retires whole pages and listings; the parts of other
    stories' pages know by its publish time whether they show it."""
    story_model = apps.get_model(settings.CONSENT_SUBJECT_MODEL)  # the story page
    start_generations((GENERATION_ROW,) if isinstance(instance, story_model) else GENERATION_ROWS)


def start_generations(rows):
    """Replace these generations (GENERATION_ROW, SITE_GENERATION_ROW) with new
    random values, as part of the transaction that changed content."""
    updated = ContentGeneration.objects.filter(pk__in=rows).update(
        value=new_generation(), changed_at=timezone.now()
    )
    if updated < len(rows):
        for row in rows:
            ContentGeneration.objects.get_or_create(pk=row, defaults={"value": new_generation()})


def read_generations(request):
    """Both generations for this request, read once however many fragments ask
    (the benchmark may have set either beforehand: stories.benchmark)."""
    if not hasattr(request, "_content_generation") or not hasattr(request, "_site_generation"):
        content, site = generations()
        request.__dict__.setdefault("_content_generation", content)
        request.__dict__.setdefault("_site_generation", site)


def request_generation(request):
    """The content generation for this request."""
    if request is None:
        return content_generation()
    if not hasattr(request, "_content_generation"):
        read_generations(request)
    return request._content_generation


def request_site_generation(request):
    """The site generation for this request."""
    if request is None:
        return generations()[1]
    read_generations(request)
    return request._site_generation


def fragment_key(request):
    """What every cached fragment that may show any story varies on besides
    its own name."""
    return reader_key(request, request_generation(request))


def site_fragment_key(request):
    """What a fragment varies on when it shows no story, or names each story it
    shows by its publish (`StoryPage.shown_stories_stamp`)."""
    return reader_key(request, request_site_generation(request))


def reader_key(request, generation):
    user = getattr(request, "user", None)
    day = timezone.localdate().isoformat()
    # The language too: a fragment holds the site's own words (stories.translations).
    return f"{generation}:{audience_key(user)}:{day}:{get_language()}"


def cache_context(request):
    """Context processor: `fragment_key` and `site_fragment_key` for `{% cache %}`
    tags in templates, worked out only by a template that caches something
    (the admin never does)."""
    return {
        "fragment_key": lazy(fragment_key, str)(request),
        "site_fragment_key": lazy(site_fragment_key, str)(request),
    }


def connect():
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction

    from .consent.records import ConsentRecord, ConsentWithdrawal
    from .partners import PartnerOrganisation
    from .storytellers import Storyteller
    from .taxonomy import Theme

    page_published.connect(story_published, dispatch_uid="stories-cache-published")
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
