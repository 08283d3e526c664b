"""The admin's flat list of stories, filterable by what editors and officers ask:
theme, audience, storyteller, where it is in review, and the state of its consent.

Its Consent column says "Covered" or why a story is blocked ("Consent was
withdrawn on …", "Consent does not cover schools."), so a story taken down by
narrowed consent does not pass for a plain draft. The rows' storytellers,
current consent records and pictures are fetched with the page, not per row.
"""

import django_filters
from django import forms
from django.db.models import CharField, Exists, OuterRef, Prefetch
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import WorkflowState

from .audiences import Audience
from .consent.expiry import REMINDER_DAYS, in_force_ending_soon
from .consent.guard import consent_in_a_word
from .consent.records import ConsentRecord
from .pages import StoryPage
from .storytellers import Storyteller
from .taxonomy import Theme

AUDIENCE_CHOICES = [(audience.value, audience.label.capitalize()) for audience in Audience]
WORKFLOW_CHOICES = [
    ("clinicalaccuracytask", "Waiting for clinical review"),
    ("consentsafeguardingtask", "Waiting for the consent check"),
    ("needs_changes", "Sent back for changes"),
    ("none", "Not in review"),
]
CONSENT_CHOICES = [
    ("in_force", "Consent in force"),
    ("ending_soon", f"Consent ends within {max(REMINDER_DAYS)} days"),
    ("not_in_force", "No consent in force"),
]


def workflow_states(**filters):
    return WorkflowState.objects.filter(
        base_content_type__model="page",
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        **filters,
    )


class StoryFilterSet(PageFilterSet):
    themes = django_filters.ModelMultipleChoiceFilter(
        queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    audience = django_filters.ChoiceFilter(
        label="Audience", choices=AUDIENCE_CHOICES, method="filter_audience"
    )
    storyteller = django_filters.ModelChoiceFilter(queryset=Storyteller.objects.all())
    review = django_filters.ChoiceFilter(
        label="Review", choices=WORKFLOW_CHOICES, method="filter_review"
    )
    consent = django_filters.ChoiceFilter(
        label="Consent", choices=CONSENT_CHOICES, method="filter_consent"
    )

    class Meta:
        model = StoryPage
        fields = []

    def filter_audience(self, queryset, name, value):
        return queryset.filter(**{f"for_{value}": True})

    def filter_review(self, queryset, name, value):
        if value == "none":
            return queryset.exclude(
                Exists(workflow_states(status=WorkflowState.STATUS_IN_PROGRESS))
            )
        if value == "needs_changes":
            return queryset.filter(
                Exists(workflow_states(status=WorkflowState.STATUS_NEEDS_CHANGES))
            )
        return queryset.filter(
            Exists(
                workflow_states(
                    status=WorkflowState.STATUS_IN_PROGRESS,
                    current_task_state__task__content_type__model=value,
                )
            )
        )

    def filter_consent(self, queryset, name, value):
        today = timezone.localdate()
        of_storyteller = {"storyteller": OuterRef("storyteller")}
        if value == "ending_soon":
            return queryset.filter(Exists(in_force_ending_soon(today).filter(**of_storyteller)))
        in_force = ConsentRecord.objects.in_force(today).filter(**of_storyteller)
        if value == "not_in_force":
            return queryset.exclude(Exists(in_force))
        return queryset.filter(Exists(in_force))


def current_consent_prefetch():
    """Each storyteller's current consent record, with its withdrawal, as
    `storyteller.current_consent_records` (for `consent_of`)."""
    return Prefetch(
        "storyteller__consent_records",
        queryset=ConsentRecord.objects.current().select_related("withdrawal"),
        to_attr="current_consent_records",
    )


STORY_CONSENT_RELATED = ("storyteller", "hero_image")
STORY_CONSENT_PREFETCH = ("media_shown__image",)


def with_consent_at_hand(stories, **specific):
    """Stories fetched with what `consent_of` reads, so a listing asks no more per row.
    (`for_specific_subqueries=True` when the listing asks for specific pages.)"""
    return stories.select_related(*STORY_CONSENT_RELATED, **specific).prefetch_related(
        current_consent_prefetch(), *STORY_CONSENT_PREFETCH, **specific
    )


def consent_of(story):
    """The Consent column: "Covered", or the reasons the story is blocked."""
    storyteller = story.storyteller
    if hasattr(storyteller, "current_consent_records"):
        records = storyteller.current_consent_records
    else:
        records = list(ConsentRecord.objects.current().filter(storyteller=storyteller))
    return consent_in_a_word(story, records[0] if records else None)


class StoryIndexView(IndexView):
    def annotate_queryset(self, pages):
        pages = super().annotate_queryset(pages)
        return with_consent_at_hand(pages, for_specific_subqueries=True)


class StoryListingViewSet(PageListingViewSet):
    model = StoryPage
    name = "stories"
    icon = "doc-full-inverse"
    menu_label = "Stories"
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = StoryFilterSet
    index_view_class = StoryIndexView
    columns = [
        *PageListingViewSet.columns,
        Column("storyteller", label="Storyteller", accessor="storyteller.reference"),
        Column("consent", label="Consent", accessor=consent_of),
    ]
