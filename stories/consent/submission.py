"""Consent before review: a story consent does not cover is not submitted.

Wagtail's create and edit views start the review workflow themselves
(`action-submit`, and `action-restart-workflow` on the edit view) with no hook
between saving the draft and starting the workflow. So the `before_create_page`
and `before_edit_page` hooks judge the story as posted; while the consent
policy reports a problem, they turn the submission into a plain save (the
view keeps the draft as usual) and tell the editor why. Reviewers never see
a story that cannot go live.

An approval the publish guard refuses at the end of the workflow is told to
the approver here too (`approval_refused`), never "approved".
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect

from .guard import publish_problems, story_problems
from .subjects import is_subject, subject_model
from .workflow import refused_approval

SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


def wants_review(request):
    return request.method == "POST" and any(request.POST.get(name) for name in SUBMIT_ACTIONS)


def story_as_posted(request, instance, parent):
    """The story the posted form describes, unsaved; None when the form is not
    valid (the view then shows its own errors and submits nothing)."""
    form_class = type(instance).get_edit_handler().get_form_class()
    form = form_class(
        request.POST, request.FILES, instance=instance, parent_page=parent, for_user=request.user
    )
    return form.instance if form.is_valid() else None


def save_as_draft_instead(request, story, problems):
    post = request.POST.copy()
    for name in SUBMIT_ACTIONS:
        post.pop(name, None)
    request.POST = post
    messages.error(
        request,
        f"“{story.title or 'This story'}” was not submitted for review: "
        + " ".join(problems)
        + " The draft is saved; submit it again once consent covers it.",
    )


def refuse_submission_unless_consented(request, story, parent):
    if not wants_review(request) or not is_subject(story):
        return None
    posted = story_as_posted(request, story, parent)
    if posted is None or posted.storyteller_id is None:
        return None
    problems = story_problems(posted)
    if problems:
        save_as_draft_instead(request, posted, problems)
    return None


def before_edit_page(request, page):
    """The edit view's "Submit for review" (and restart, and resume after changes)."""
    page = page.specific
    if not (is_subject(page) and wants_review(request)):
        return None
    return refuse_submission_unless_consented(
        request, page.get_latest_revision_as_object(), page.get_parent()
    )


def before_create_page(request, parent_page, page_class):
    """The create view's "Submit for review"."""
    if not (issubclass(page_class, subject_model()) and wants_review(request)):
        return None
    return refuse_submission_unless_consented(request, page_class(owner=request.user), parent_page)


def after_edit_page(request, page):
    """An approval made from the edit view that the guard refused: say why."""
    if request.POST.get("action-workflow-action") and refused_approval.get() is not None:
        refused_approval.set(None)
        forget_updated_message(request)
        return redirect("stories_approval_refused", page.pk)
    return None


def forget_updated_message(request):
    """Drop Wagtail's "Page … has been updated.", which a review action does not mean."""
    storage = messages.get_messages(request)
    kept = [message for message in storage if "has been updated." not in str(message.message)]
    for message in kept:
        messages.add_message(request, message.level, message.message, message.extra_tags)


def approval_refused(request, pk):
    """Where an approver lands when the guard refused to publish what they approved."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    page = get_object_or_404(subject_model(), pk=pk)
    story = page.get_latest_revision_as_object()
    problems = publish_problems(story)
    messages.error(
        request,
        f"“{story.get_admin_display_title()}” was not approved or published: "
        + (" ".join(problems) or "consent did not cover it when you approved it.")
        + " It has gone back to its editor for changes, with these reasons.",
    )
    return redirect("wagtailadmin_home")
