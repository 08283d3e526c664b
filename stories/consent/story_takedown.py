"""Taking one story down while its storyteller's consent stands.

A consent officer may need a single story out of reach (a detail to check, a
safeguarding worry) without withdrawing the storyteller's consent, which
would take every story of theirs down. It goes through the same take-down as
a withdrawal, so the story leaves every route (page, search, caches, CDN,
partners) the same way, and the reason is recorded in the audit log.
"""

from django.db import transaction
from wagtail.log_actions import log

from .audit import TAKEN_DOWN
from .takedown import take_down

PERMISSION = "stories.withdraw_consent"


class StoryTakeDownError(Exception):
    """The take-down cannot be done; nothing was changed."""


def may_take_stories_down(user):
    """Consent officers and site administrators: those who may withdraw consent."""
    return user.is_active and user.has_perm(PERMISSION)


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
        current = story.storyteller.consent_records.filter(superseded_by__isnull=True).first()
        done = take_down(
            story.storyteller,
            reason,
            user=user,
            record=current,
            stories=[story],
            reason_words="had a story taken down",
            only_these_pictures=True,
        )
        if not was_live:
            # take_down records live pages it unpublished; a draft's take-down is recorded too.
            log(instance=story, action=TAKEN_DOWN, user=user, data={"reason": reason})
    return done
