"""Where the admin, its API and the scheduler meet the publish guard.

These give the editor the guard's reasons as a message (or the API caller
a 400 with them) and keep the draft, instead of an error page; the
scheduler refuses that one story and carries on with the rest. The guard
itself (guard.py) still refuses anything that slips past them.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.api.actions.publish import PublishPageAPIAction
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.models import Page, Revision

from .guard import (
    ConsentGuardedPublishAction,
    ConsentRefused,
    publish_problems,
    record_refusal,
    refuse_unapproved_copy,
    refuse_unconsented_publish,
)
from .subjects import is_subject, subject_model

SCHEDULED_PUBLISH = "wagtail.publish.scheduled"  # the log action Wagtail's scheduler uses


def tell_editor(request, page, problems):
    messages.error(
        request,
        f"“{page.get_admin_display_title()}” was not published: "
        + " ".join(problems)
        + " The draft is saved.",
    )


def back_to_the_draft_unless_consented(request, page):
    """None when the guard allows publishing; otherwise the reasons, and the editor
    sent back to the kept draft."""
    try:
        refuse_unconsented_publish(page, user=request.user)
    except ConsentRefused as refusal:
        tell_editor(request, page, refusal.problems)
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


def before_publish_page(request, page):
    """The edit and create views' Publish (and schedule) button."""
    page = page.specific_deferred if type(page) is Page else page
    return back_to_the_draft_unless_consented(request, page)


def before_copy_page(request, page):
    """Copying a live story with "publish copies" (or as an alias) publishes it again."""
    page = page.specific
    wants_live_copy = request.POST.get("publish_copies") or request.POST.get("alias")
    if request.method != "POST" or not wants_live_copy or not (is_subject(page) and page.live):
        return None
    if not request.POST.get("publish_copies"):  # an alias shows what was approved
        return back_to_the_draft_unless_consented(request, page)
    try:
        refuse_unapproved_copy(page, user=request.user)
    except ConsentRefused as refusal:
        tell_editor(request, page, refusal.problems)
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


def before_bulk_publish(request, action_type, objects, action):
    """Bulk publish refuses as a whole when any story in it is not covered."""
    if action_type != "publish":
        return None
    pages = list(objects)
    form = getattr(action, "cleaned_form", None)
    if form is None or form.cleaned_data.get("include_descendants"):
        for page in list(pages):
            pages.extend(page.get_descendants().not_live().specific())
    refused = []
    for page in pages:
        page = page.specific
        if not is_subject(page):
            continue
        revision = page.get_latest_revision()
        candidate = revision.as_object() if revision else page
        try:
            refuse_unconsented_publish(candidate, user=request.user)
        except ConsentRefused as refusal:
            refused.append((candidate, refusal.problems))
    if not refused:
        return None
    for page, problems in refused:
        tell_editor(request, page, problems)
    return redirect(action.next_url or reverse("wagtailadmin_explore_root"))


def due_story_revisions(now):
    """Revisions of stories whose scheduled publication time has come, oldest first."""
    return Revision.objects.filter(
        approved_go_live_at__lt=now, content_type=ContentType.objects.get_for_model(subject_model())
    ).order_by("approved_go_live_at", "pk")


def publish_due_stories(dry_run=False, now=None):
    """Publish the stories whose scheduled time has come, one at a time.

    A story consent no longer covers is refused: the publish is undone whole,
    the refusal logged, its schedule cancelled (so no later run meets it
    again) and its draft kept; the stories due after it still go live.
    Returns (revision, problems) for each refusal; with dry_run, says which
    would be refused and changes nothing.
    """
    refused = []
    for revision in due_story_revisions(now or timezone.now()):
        if dry_run:
            candidate = revision.as_object()
            candidate.go_live_at = None  # due now: judge it as of now
            problems = publish_problems(candidate)
            if problems:
                refused.append((revision, problems))
            continue
        try:
            with transaction.atomic():
                revision.publish(log_action=SCHEDULED_PUBLISH)
        except ConsentRefused as refusal:
            # The refusal the guard logged went with the undone publish: log it again.
            record_refusal(revision.as_object(), refusal.problems)
            Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
            refused.append((revision, refusal.problems))
    return refused


class RefusalAsValidationError(ConsentGuardedPublishAction):
    """The guarded publish, undone whole when refused, the refusal a validation
    error keyed `consent` (what the admin API turns into a 400)."""

    def execute(self, skip_permission_checks=False):
        try:
            with transaction.atomic():
                return super().execute(skip_permission_checks=skip_permission_checks)
        except ConsentRefused as refusal:
            record_refusal(self.object, refusal.problems, self.user)  # the first went with it
            raise ValidationError({"consent": refusal.problems}) from refusal


class PublishStoryAPIAction(PublishPageAPIAction):
    """The admin API's publish, through the guard: a refusal answers 400 with the reasons."""

    def _action_from_data(self, instance, data):
        action = super()._action_from_data(instance, data)
        return RefusalAsValidationError(action.revision, user=action.user)


class ConsentAwarePagesAdminAPIViewSet(PagesAdminAPIViewSet):
    actions = {**PagesAdminAPIViewSet.actions, "publish": PublishStoryAPIAction}
