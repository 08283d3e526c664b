"""Where review leaves people, and who hears of it.

After a reviewer or consent officer approves a story from its edit view,
Wagtail sends them to the explorer of the story's parent, which a reviewer
could not open: they read "updated" beside "Sorry, you do not have
permission". They land on the dashboard instead (its "Awaiting your review"
panel is their work list), told the story was approved; administrators keep
Wagtail's explorer.

A review is cancelled only by the person who submitted the story, its owner,
or someone who may publish it (site administrators); reviewers approve or
reject. When a review is cancelled the author is told by e-mail, with a link.
"""

from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.action_menu import CancelWorkflowMenuItem
from wagtail.admin.views.generic.models import (
    RevisionsCompareView as GenericRevisionsCompareView,
)
from wagtail.admin.views.pages.history import PageHistoryView
from wagtail.admin.views.pages.preview import PreviewOnEditView
from wagtail.admin.views.pages.revisions import RevisionsCompareView
from wagtail.admin.views.pages.usage import UsageView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from .consent.submission import forget_updated_message

CANCEL_ACTION = CancelWorkflowMenuItem.name  # "action-cancel-workflow"


def replace_updated_message(request, words):
    """Swap Wagtail's "Page … has been updated." for what really happened."""
    forget_updated_message(request)
    messages.success(request, words)


def review_done_words(page, action):
    title = page.get_admin_display_title()
    if action == "approve":
        return f"“{title}” approved" + (" and published." if page.live else ".")
    if action == "reject":
        return f"“{title}” sent back to its author for changes."
    return f"“{title}”: your review was recorded."


def land_after_review_action(request, page):
    """`after_edit_page`: say what the review did; reviewers land on the dashboard."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    from wagtail.admin.utils import get_valid_next_url_from_request

    page.refresh_from_db()
    words = review_done_words(page, request.POST.get("workflow-action-name", ""))
    replace_updated_message(request, words)
    if get_valid_next_url_from_request(request):
        return None  # Wagtail follows `next`: whoever set it chose a page the user may see
    if page.permissions_for_user(request.user).can_publish():
        return None  # administrators go back to the explorer, as Wagtail sends them
    return redirect("wagtailadmin_home")


def may_cancel_review(user, workflow_state):
    """The submitter, the owner, or someone who may publish the page; not a reviewer."""
    if workflow_state is None or not user.is_active:
        return False
    page = workflow_state.content_object
    if user.pk in {workflow_state.requested_by_id, getattr(page, "owner_id", None)}:
        return True
    return page.permissions_for_user(user).can_publish()


def hide_cancel_from_reviewers(menu_items, request, context):
    """`construct_page_action_menu`: no "Cancel workflow" for those who may not cancel."""
    page = context.get("page")
    state = getattr(page, "current_workflow_state", None) if page else None
    if state is not None and not may_cancel_review(request.user, state):
        menu_items[:] = [item for item in menu_items if item.name != CANCEL_ACTION]


def refuse_cancel_by_reviewers(request, page):
    """`before_edit_page`: a cancellation posted by someone who may not cancel is refused."""
    if request.method != "POST" or not request.POST.get(CANCEL_ACTION):
        return None
    state = page.current_workflow_state
    if state is None or may_cancel_review(request.user, state):
        return None
    messages.error(
        request,
        "Only the author or a site administrator can cancel a review. "
        "Approve the story, or reject it with a comment to send it back.",
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def tell_the_author_review_was_cancelled(sender, instance, user=None, **kwargs):
    """`workflow_cancelled`: e-mail the submitter and the owner, unless they cancelled it."""
    page = instance.content_object
    if page is None:
        return
    people = {instance.requested_by, getattr(page, "owner", None)}
    addresses = sorted(
        {
            person.email
            for person in people
            if person is not None and person.email and person != user
        }
    )
    if not addresses:
        return
    by = (user.get_full_name() or user.get_username()) if user else "the system"
    link = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + reverse(
        "wagtailadmin_pages:edit", args=[page.pk]
    )
    title = page.get_admin_display_title()
    # robust: the cancellation stands if the mail server fails.
    transaction.on_commit(lambda: send_cancelled_mail(title, by, link, addresses), robust=True)


def send_cancelled_mail(title, by, link, addresses):
    send_mail(
        subject=f"Review cancelled: {title}",
        message=(
            f"The review of “{title}” was cancelled by {by}.\n\n"
            "Its changes will not be published until it is submitted "
            f"for review once more.\n\nOpen the story: {link}\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=addresses,
    )


# Wagtail's page history, usage, preview and comparison views first ask
# whether the user may change any page at all, then whether they may edit
# this one. A reviewer
# may edit a story only while it waits for their task, and may change no page
# otherwise, so every such link on the dashboard's "Awaiting your review"
# panel and in the story's header refused them. For stories, only the
# question about this story is asked.


class StoryHistoryView(PageHistoryView):
    any_permission_required = None  # get_object asks: may they edit or publish this story?


class StoryUsageView(UsageView):
    permission_required = None  # dispatch asks: may they edit this story?


class StoryPreviewOnEditView(PreviewOnEditView):
    permission_required = None  # get_object asks: may they edit this story?


class StoryRevisionsCompareView(RevisionsCompareView):
    def dispatch(self, request, *args, **kwargs):
        # Past Wagtail's "any page permission" decorator: get_object asks
        # whether they may edit or publish this story.
        return GenericRevisionsCompareView.dispatch(self, request, *args, **kwargs)


class StoryWorkflowActionView(WorkflowActionView):
    """An approval from the dashboard or the workflow's own URL: say what it did,
    and never send the approver to an edit view they may no longer open."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if self.action_name not in ("approve", "reject") or response.status_code >= 400:
            return response
        if self.redirect_url != self.get_redirect_url():
            return response  # the task chose where to go (a refused approval says why)
        page = self.object.specific_class.objects.get(pk=self.object.pk)
        messages.success(request, review_done_words(page, self.action_name))
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        if self.redirect_url != edit_url or page.permissions_for_user(request.user).can_edit():
            return response
        home = reverse("wagtailadmin_home")
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return self.render_modal_json(request, {"step": "success", "redirect": home})
        return redirect(home)


class StoryPageViewSet(PageViewSet):
    """Story pages' admin views, where they differ from Wagtail's for every page."""

    history_view_class = StoryHistoryView
    usage_view_class = StoryUsageView
    preview_on_edit_view_class = StoryPreviewOnEditView
    revisions_compare_view_class = StoryRevisionsCompareView
    workflow_action_view_class = StoryWorkflowActionView

    def __init__(self, *args, **kwargs):
        from .pages import StoryPage

        self.model = StoryPage
        super().__init__(*args, **kwargs)
