"""The dashboard's "Awaiting your review", with each story's consent beside it.

Wagtail's panel lists what waits for the signed-in reviewer; a clinical
reviewer or consent officer also needs to see, before opening a story, whether
consent still covers it ("Covered") or why not ("Consent was withdrawn on …"),
since consent can change while a story waits. The statuses are read as the
Stories listing reads them, for all the panel's stories in one go.
"""

from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page

from .listing import consent_of, with_consent_at_hand
from .pages import StoryPage


class AwaitingReviewWithConsentPanel(WorkflowObjectsToModeratePanel):
    template_name = "wagtailadmin/home/awaiting_review_with_consent.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        rows = context["states"]
        pages = [row["obj"].pk for row in rows if isinstance(row["obj"], Page)]
        stories = with_consent_at_hand(StoryPage.objects).in_bulk(pages) if pages else {}
        for row in rows:
            story = stories.get(row["obj"].pk) if isinstance(row["obj"], Page) else None
            row["consent"] = consent_of(story) if story is not None else None
        return context


def show_consent_awaiting_review(request, panels):
    """construct_homepage_panels: Wagtail's review panel, with consent beside each story."""
    for index, panel in enumerate(panels):
        if type(panel) is WorkflowObjectsToModeratePanel:
            panels[index] = AwaitingReviewWithConsentPanel()
