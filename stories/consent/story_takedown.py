"""Taking one story down while its storyteller's consent stands.

A consent officer may need a single story out of reach (a detail to check, a
safeguarding worry) without withdrawing the storyteller's consent, which
would take every story of theirs down. It goes through the same take-down as
a withdrawal, so the story leaves every route (page, search, caches, CDN,
partners) the same way. Who did it and why are recorded in the audit log;
the story's history shows everyone who took it down, and only consent
officers read why (in the story's overview).
"""

from django.db import transaction
from wagtail.log_actions import LogFormatter, log

from .permissions import may_take_stories_down
from .takedown import take_down

STORY_TAKEN_DOWN = "stories.consent.story_taken_down"
# What the take-down's own entries and partners' e-mails say: the officer's
# reason is for consent officers (it may name the storyteller's circumstances).
NEUTRAL_REASON = "a consent officer took this story down"


class StoryTakenDown(LogFormatter):
    """Who took the story down; the reason stays in the entry's data, for consent officers."""

    label = "Story taken down by a consent officer"
    message = "Taken down by a consent officer; their reason is recorded for consent officers"


def register(actions):
    actions.register_action(STORY_TAKEN_DOWN)(StoryTakenDown)


def reason_given(story):
    """The reason of the story's latest take-down, for those who may read it."""
    from wagtail.models import PageLogEntry

    entry = (
        PageLogEntry.objects.filter(page=story, action=STORY_TAKEN_DOWN)
        .order_by("-timestamp")
        .first()
    )
    return entry.data.get("reason") if entry else None


class StoryTakeDownError(Exception):
    """The take-down cannot be done; nothing was changed."""


def take_story_down(story, reason, *, user):
    """Unpublish one story and everything that shows it; the consent records stay as they are.

    Returns what was done, in plain words, for the officer.
    """
    reason = (reason or "").strip()
    if not reason:
        raise StoryTakeDownError("Give the reason for taking the story down.")
    if user is not None and not may_take_stories_down(user):
        raise StoryTakeDownError("Only consent officers may take a story down.")
    with transaction.atomic():
        was_live = story.live
        current = story.storyteller.consent_records.current().first()
        done = take_down(
            story.storyteller,
            NEUTRAL_REASON,
            user=user,
            record=current,
            stories=[story],
            reason_words="had a story taken down",
            only_these_pictures=True,
        )
        log(
            instance=story,
            action=STORY_TAKEN_DOWN,
            user=user,
            data={"reason": reason, "was_live": was_live},
        )
    return done
