"""What editors and consent officers see of consent beside a story or a storyteller."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import Panel

from .guard import covered_until, current_terms, story_needs, story_problems
from .permissions import may_take_stories_down
from .policy import AUDIENCE_LABELS, NAMING_LABELS
from .subjects import is_subject, subject_model


def describe_terms(terms):
    if terms is None:
        return None
    return {
        "audiences": ", ".join(AUDIENCE_LABELS[a] for a in sorted(terms.audiences)) or "nobody",
        "naming": NAMING_LABELS[terms.naming_allowed],
        "media": terms.media_words(),
        "starts_on": terms.starts_on,
        "ends_on": terms.ends_on,
        "ends_because": terms.ends_because,
        "withdrawn_on": terms.withdrawn_on,
    }


def describe_needs(needs):
    media = ["words"]
    if needs.identifiable_photos:
        media.append(f"{len(needs.identifiable_photos)} identifiable photo(s)")
    if needs.voice:
        media.append("a voice recording")
    if needs.video:
        media.append("a video")
    return {
        "audiences": ", ".join(AUDIENCE_LABELS[a] for a in sorted(needs.audiences))
        or "none chosen",
        "naming": NAMING_LABELS[needs.naming],
        "media": ", ".join(media),
    }


def describe_story_consent(story):
    """What the consent panel shows of a story (saved or not): the
    storyteller's consent, what the story needs, the problems on the day it
    would go live, and until when consent covers it."""
    if getattr(story, "storyteller_id", None) is None:
        return {"storyteller": None, "problems": []}
    problems = story_problems(story)
    covered = None if problems else covered_until(story)
    return {
        "storyteller": story.storyteller,
        "terms": describe_terms(current_terms(story.storyteller)),
        "needs": describe_needs(story_needs(story)),
        "problems": problems,
        "covered_from": covered[0] if covered else None,
        "covered_until": covered[1] if covered else None,
        "scheduled": story.go_live_at is not None and story.go_live_at > timezone.now(),
        "storyteller_approval": storyteller_approval_words(story),
    }


def storyteller_approval_words(story):
    """Where the storyteller's approval of this version stands, in a sentence."""
    from .approvals import WAITING, is_approved, waiting_task_state

    if is_approved(story):
        return "The storyteller has approved this version."
    if story.pk is not None and waiting_task_state(story) is not None:
        return f"{WAITING}: they have been sent a private link to read it."
    return (
        "The storyteller has not approved this version yet. "
        "Review asks them after the clinical check."
    )


class StoryConsentPanel(Panel):
    """The storyteller's consent beside the story, with every problem, before
    it is submitted: on the create form (refreshed as the storyteller and
    audiences are chosen) and beside every review step."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/admin/story_consent_panel.html"

        def is_shown(self):
            return is_subject(self.instance)

        @property
        def media(self):
            return forms.Media(js=["stories/admin/story_consent_panel.js"])

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(describe_story_consent(self.instance))
            context["refresh_url"] = reverse("stories_story_consent_panel")
            context["story_id"] = self.instance.pk or ""
            return context


class StorytellerConsentPanel(Panel):
    """A storyteller's consent history and stories, on their admin page."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/admin/storyteller_consent_panel.html"

        def is_shown(self):
            return self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            from ..admin_links import story_admin_url

            context = super().get_context_data(parent_context)
            storyteller = self.instance
            user = self.request.user
            records = storyteller.consent_records.select_related("withdrawal", "captured_by")
            current = records.current().first()
            context.update(
                storyteller=storyteller,
                records=[(record, describe_terms(record.terms())) for record in records],
                current=current,
                stories=[
                    (story, story_admin_url(story, user))
                    for story in subject_model()
                    .objects.filter(storyteller=storyteller)
                    .order_by("title")
                ],
                can_take_down=may_take_stories_down(user),
                can_capture=user.has_perm("stories.add_consentrecord"),
                can_withdraw=user.has_perm("stories.withdraw_consent")
                and current is not None
                and not hasattr(current, "withdrawal"),
                can_see_private=user.has_perm("stories.view_private_consent"),
                can_erase=user.has_perm("stories.withdraw_consent"),
            )
            return context
