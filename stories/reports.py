"""Admin reports for the people who answer for the campaign: consent coverage of
every live story, and stories waiting in review. Both export as CSV and XLSX."""

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import TaskState
from wagtail.permission_policies import ModelPermissionPolicy

from .consent.admin import ConsentRecordPermissionPolicy
from .consent.guard import current_terms, story_problems
from .consent.policy import AUDIENCE_LABELS
from .consent.records import ConsentRecord
from .pages import StoryPage
from .storytellers import Storyteller


def edit_story_url(obj):
    return reverse("wagtailadmin_pages:edit", args=[obj.story_id])


class ConsentCoverageReport(ReportView):
    """Every live story, its storyteller, audiences, consent end and problems."""

    page_title = "Consent coverage"
    header_icon = "doc-full"
    index_url_name = "stories_consent_coverage"
    index_results_url_name = "stories_consent_coverage_results"
    # Consent officers and site administrators: those who may read consent records.
    permission_policy = ConsentRecordPermissionPolicy(ConsentRecord)
    any_permission_required = ["view"]
    list_export = ["title", "reference", "audience_list", "consent_ends_on", "problem_text"]
    export_headings = {
        "title": "Story",
        "reference": "Storyteller",
        "audience_list": "Audiences",
        "consent_ends_on": "Consent holds until",
        "problem_text": "Problems",
    }
    columns = [
        TitleColumn("title", label="Story", url_name="wagtailadmin_pages:edit"),
        Column("reference", label="Storyteller"),
        Column("audience_list", label="Audiences"),
        DateColumn("consent_ends_on", label="Consent holds until"),
        Column("problem_text", label="Problems"),
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
        return stories


class StoriesAwaitingReviewReport(ReportView):
    """Stories waiting in each review task, oldest first, with how long they have waited."""

    page_title = "Stories awaiting review"
    header_icon = "tasks"
    index_url_name = "stories_awaiting_review"
    index_results_url_name = "stories_awaiting_review_results"
    # Everyone with a part in review: editors, reviewers, consent officers.
    permission_policy = ModelPermissionPolicy(Storyteller)
    any_permission_required = ["view", "change"]
    list_export = ["story_title", "task_name", "started_at", "days_waiting"]
    export_headings = {
        "story_title": "Story",
        "task_name": "Waiting for",
        "started_at": "Since",
        "days_waiting": "Days waiting",
    }
    columns = [
        TitleColumn("story_title", label="Story", get_url=edit_story_url),
        Column("task_name", label="Waiting for"),
        DateColumn("started_at", label="Since"),
        Column("days_waiting", label="Days waiting"),
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
        titles = dict(
            StoryPage.objects.filter(
                pk__in=[int(state.workflow_state.object_id) for state in states]
            ).values_list("pk", "draft_title")
        )
        now = timezone.now()
        for state in states:
            state.story_id = int(state.workflow_state.object_id)
            state.story_title = titles.get(state.story_id, "")
            state.task_name = state.task.name
            state.days_waiting = (now - state.started_at).days
        return states
