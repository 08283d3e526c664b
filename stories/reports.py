"""Admin reports for the people who answer for the campaign: consent coverage of
every live story, and stories waiting in review. Both export as CSV and XLSX."""

from django.utils import timezone
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import TaskState
from wagtail.permission_policies import ModelPermissionPolicy

from .admin_links import story_admin_url, take_down_link
from .consent.admin import ConsentRecordPermissionPolicy
from .consent.guard import current_terms, story_problems
from .consent.policy import AUDIENCE_LABELS
from .consent.records import ConsentRecord
from .exports import SafeSpreadsheetExportMixin
from .listing import consent_of, with_consent_at_hand
from .pages import StoryPage
from .storytellers import Storyteller


def edit_story_url(obj):
    # Decorated with the page of the story its reader may open (see admin_links).
    return getattr(obj, "story_admin_url", None)


class ConsentCoverageReport(SafeSpreadsheetExportMixin, ReportView):
    """Every live story, its storyteller, audiences, consent end and problems."""

    page_title = "Consent coverage"
    header_icon = "doc-full"
    index_url_name = "stories_consent_coverage"
    index_results_url_name = "stories_consent_coverage_results"
    # Consent officers and site administrators: those who may read consent records.
    permission_policy = ConsentRecordPermissionPolicy(ConsentRecord)
    any_permission_required = ["view"]
    export_filename = "consent-coverage"
    list_export = ["title", "reference", "audience_list", "consent_ends_on", "problem_text"]
    export_headings = {
        "title": "Story",
        "reference": "Storyteller",
        "audience_list": "Audiences",
        "consent_ends_on": "Consent holds until",
        "problem_text": "Problems",
    }
    columns = [
        TitleColumn("title", label="Story", get_url=lambda story: story.story_admin_url),
        Column("reference", label="Storyteller"),
        Column("audience_list", label="Audiences"),
        DateColumn("consent_ends_on", label="Consent holds until"),
        Column("problem_text", label="Problems"),
        TitleColumn("take_down_label", label="Take down", get_url=lambda s: s.take_down_url),
    ]

    def get_queryset(self):
        return (
            StoryPage.objects.live().select_related("storyteller", "hero_image").order_by("title")
        )

    def decorate_paginated_queryset(self, object_list):
        stories = list(object_list)
        for story in stories:
            terms = current_terms(story.storyteller)
            story.reference = story.storyteller.reference
            story.audience_list = ", ".join(AUDIENCE_LABELS[a] for a in sorted(story.audiences))
            story.consent_ends_on = terms.ends_on if terms else None
            story.problem_text = " ".join(story_problems(story)) or "None"
            story.story_admin_url = story_admin_url(story, self.request.user)
            story.take_down_url, story.take_down_label = take_down_link(story, self.request.user)
        return stories


class StoriesAwaitingReviewReport(SafeSpreadsheetExportMixin, ReportView):
    """Stories waiting in each review task, oldest first, with how long they have waited."""

    page_title = "Stories awaiting review"
    header_icon = "tasks"
    index_url_name = "stories_awaiting_review"
    index_results_url_name = "stories_awaiting_review_results"
    # Everyone with a part in review: editors, reviewers, consent officers.
    permission_policy = ModelPermissionPolicy(Storyteller)
    any_permission_required = ["view", "change"]
    export_filename = "awaiting-review"
    list_export = ["story_title", "task_name", "started_at", "days_waiting", "consent"]
    export_headings = {
        "story_title": "Story",
        "task_name": "Waiting for",
        "started_at": "Since",
        "days_waiting": "Days waiting",
        "consent": "Consent",
    }
    columns = [
        TitleColumn("story_title", label="Story", get_url=edit_story_url),
        Column("task_name", label="Waiting for"),
        DateColumn("started_at", label="Since"),
        Column("days_waiting", label="Days waiting"),
        Column("consent", label="Consent"),
    ]

    def get_queryset(self):
        story_ids = [str(pk) for pk in StoryPage.objects.values_list("pk", flat=True)]
        return (
            TaskState.objects.filter(
                status=TaskState.STATUS_IN_PROGRESS,
                workflow_state__base_content_type__model="page",
                workflow_state__object_id__in=story_ids,
            )
            .select_related("task", "workflow_state")
            .order_by("started_at")
        )

    def decorate_paginated_queryset(self, object_list):
        states = list(object_list)
        stories = with_consent_at_hand(StoryPage.objects).in_bulk(
            [int(state.workflow_state.object_id) for state in states]
        )
        now = timezone.now()
        for state in states:
            state.story_id = int(state.workflow_state.object_id)
            story = stories.get(state.story_id)
            state.story_title = story.draft_title if story else ""
            state.story_admin_url = story_admin_url(story, self.request.user) if story else None
            state.task_name = state.task.name
            state.days_waiting = (now - state.started_at).days
            state.consent = consent_of(story) if story else ""
        return states
