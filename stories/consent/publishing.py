"""Where the admin and the scheduler meet the publish guard.

These give the editor the guard's reasons as a message and keep the draft,
instead of an error page; the guard itself (guard.py) still refuses anything
that slips past them.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from .guard import (
    ConsentRefused,
    is_story,
    record_refusal,
    refuse_unconsented_publish,
    story_problems,
)


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
    if request.method != "POST" or not wants_live_copy or not (is_story(page) and page.live):
        return None
    return back_to_the_draft_unless_consented(request, page)


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
        if not is_story(page):
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


def refuse_due_scheduled_stories(revisions, dry_run=False, now=None):
    """Cancel the scheduled publications of stories consent no longer covers.

    Returns (revision, problems) for each refusal; with dry_run nothing changes.
    """
    now = now or timezone.now()
    refused = []
    for revision in revisions.filter(approved_go_live_at__lt=now):
        candidate = revision.as_object()
        if not is_story(candidate):
            continue
        candidate.go_live_at = None  # due now: judge it as of now
        problems = story_problems(candidate)
        if not problems:
            continue
        refused.append((revision, problems))
        if not dry_run:
            record_refusal(candidate, problems)
            revision.approved_go_live_at = None
            revision.save(update_fields=["approved_go_live_at"])
    return refused
