"""What editors and consent officers see of consent beside a story or a storyteller."""

from wagtail.admin.panels import Panel

from .guard import current_terms, is_story, story_needs, story_problems
from .policy import AUDIENCE_LABELS, NAMING_LABELS


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


class StoryConsentPanel(Panel):
    """The storyteller's consent beside the story, with every problem, before Publish."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/admin/story_consent_panel.html"

        def is_shown(self):
            return is_story(self.instance) and self.instance.storyteller_id is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            story = self.instance
            terms = current_terms(story.storyteller)
            needs = story_needs(story)
            context.update(
                storyteller=story.storyteller,
                terms=describe_terms(terms),
                needs=describe_needs(needs),
                problems=story_problems(story),
            )
            return context


class StorytellerConsentPanel(Panel):
    """A storyteller's consent history and stories, on their admin page."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/admin/storyteller_consent_panel.html"

        def is_shown(self):
            return self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            from ..pages import StoryPage

            context = super().get_context_data(parent_context)
            storyteller = self.instance
            user = self.request.user
            records = storyteller.consent_records.select_related("withdrawal", "captured_by")
            current = records.filter(superseded_by__isnull=True).first()
            context.update(
                storyteller=storyteller,
                records=[(record, describe_terms(record.terms())) for record in records],
                current=current,
                stories=StoryPage.objects.filter(storyteller=storyteller).order_by("title"),
                can_capture=user.has_perm("stories.add_consentrecord"),
                can_withdraw=user.has_perm("stories.withdraw_consent")
                and current is not None
                and not hasattr(current, "withdrawal"),
                can_see_private=user.has_perm("stories.view_private_consent"),
                can_erase=user.has_perm("stories.withdraw_consent"),
            )
            return context
