"""A story's entry in the search index follows the name it shows.

A story is indexed with its storyteller's shown name (StoryPage.search_fields),
which lives on the storyteller: Wagtail re-indexes the storyteller when it is
saved, not the stories showing its name. When consent narrows the name (a
storyteller choosing a pseudonym on their own page, an officer recording
narrower consent, an editor changing how they are named), each of their
stories is indexed again at once, so the old name finds nothing.
"""

import threading
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_save
from django.dispatch import receiver
from modelsearch.signal_handlers import post_save_signal_handler as modelsearch_post_save
from wagtail.search import index

from .consent.subjects import subject_model
from .storytellers import Storyteller

NAME_FIELDS = {"naming", "first_name", "last_name", "pseudonym"}


@receiver(post_save, sender=Storyteller, dispatch_uid="reindex-stories-under-their-name")
def reindex_stories_under_the_name_shown(sender, instance, created, raw=False, **kwargs):
    update_fields = kwargs.get("update_fields")
    if created or raw or (update_fields is not None and not NAME_FIELDS & set(update_fields)):
        return
    for story in subject_model().objects.filter(storyteller=instance).select_related("storyteller"):
        story.storyteller = instance  # the name as just saved
        index.insert_or_update_object(story)


# Taking stories down: their entries leave the index, and are not rebuilt first.
#
# Unpublishing saves each page, and modelsearch re-indexes a page on every
# save. For a story coming down that work is wasted (its entry is deleted a
# moment later) and, on PostgreSQL, it grows with the archive: each addition
# recomputes the average title length over every entry in the index. While
# `held_from_the_index` holds a story, its saves are not re-indexed; the
# take-down then deletes its entry in the same transaction. Search results
# pass through the gate, so the index is never what keeps a story from readers.

_held = ContextVar("stories_held_from_the_index", default=frozenset())
_gate_lock = threading.Lock()
_swapped = False
GATED_UID = "index-stories-unless-taken-down"


def index_unless_held(sender, instance, **kwargs):
    """modelsearch's re-index on save, except for a story being taken down."""
    if instance.pk is not None and instance.pk in _held.get():
        return
    modelsearch_post_save(sender=sender, instance=instance, **kwargs)


def gate_reindexing_on_save():
    """Put `index_unless_held` in place of modelsearch's receiver for stories.

    modelsearch connects its receivers when its app is ready, after this one,
    so the swap is made the first time it is needed, and lasts for the
    process. Ours is connected before theirs is removed, so no save in
    another thread goes unindexed meanwhile.
    """
    global _swapped  # noqa: PLW0603 (once per process)
    stories = subject_model()
    with _gate_lock:
        if _swapped:
            return
        post_save.connect(index_unless_held, sender=stories, dispatch_uid=GATED_UID)
        if not post_save.disconnect(modelsearch_post_save, sender=stories):
            # modelsearch does not index stories on save (auto-update is off): nor do we.
            post_save.disconnect(sender=stories, dispatch_uid=GATED_UID)
        _swapped = True


@contextmanager
def held_from_the_index(pages):
    """Saves of these pages inside the block are not re-indexed (see above)."""
    gate_reindexing_on_save()
    token = _held.set(_held.get() | {page.pk for page in pages})
    try:
        yield
    finally:
        _held.reset(token)


def remove_from_index(pages):
    """Delete these pages' entries from the search index."""
    for page in pages:
        index.remove_object(page)
