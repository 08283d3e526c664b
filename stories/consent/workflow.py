"""A workflow's final approval publishes through the guard, or sends the story back.

Named by WAGTAIL_FINISH_WORKFLOW_ACTION, which Wagtail imports while its own
models load: hence the imports inside the functions.

When the guard refuses, nobody is told "approved": the approver is sent to a
page saying why (see `ConsentSafeguardingTask.on_action` and the
`after_edit_page` hook), the person who submitted the story and its owner get
an e-mail with the reasons, and Wagtail's "has been approved" e-mail, sent on
`workflow_approved` after this function returns, is replaced by one that
stays silent for a workflow that did not end approved.
"""

from contextvars import ContextVar

# The problems of an approval the guard refused in this request (or task), for
# whoever performed the approval to tell the approver.
refused_approval = ContextVar("refused_approval", default=None)

WAGTAIL_APPROVAL_NOTIFIER = "workflow_state_approved_email_notification"
APPROVAL_NOTIFIER = "stories_workflow_state_approved_email_notification"


def finish_workflow_and_publish(workflow_state, user=None):
    """Publish the approved revision; if consent does not cover it, the
    workflow ends as needing changes, the refusal is logged, the draft kept,
    and the editor is told why."""
    from .guard import ConsentRefused

    approve_only_what_was_approved()
    revision = workflow_state.content_object.get_latest_revision()
    try:
        # Approving the last task is the authority to publish: reviewers need
        # no publish permission of their own. The consent guard still applies.
        revision.publish(user=user, skip_permission_checks=True)
    except ConsentRefused as refusal:
        workflow_state.status = workflow_state.STATUS_NEEDS_CHANGES
        workflow_state.save(update_fields=["status"])
        refused_approval.set(refusal.problems)
        tell_the_editors(workflow_state, refusal.problems, user)


def tell_the_editors(workflow_state, problems, approver=None):
    """E-mail the person who submitted the story, and its owner, why it was not published."""
    from wagtail.admin.mail import send_mail

    story = workflow_state.content_object.specific
    recipients = {
        person.email
        for person in (workflow_state.requested_by, getattr(story, "owner", None))
        if person is not None and person.email and person != approver
    }
    if not recipients:
        return
    from .approvals import NOT_APPROVED

    title = story.get_admin_display_title()
    reason = (
        "the storyteller has not approved this version"
        if problems == [NOT_APPROVED]
        else "consent does not cover it"
    )
    send_mail(
        f"“{title}” was not published: {reason}",
        f"The final review of “{title}” was refused by the consent guard, so the story "
        "was not published and has been sent back for changes.\n\n"
        + "\n".join(f"- {problem}" for problem in problems)
        + "\n\nThe draft is kept. Once these are resolved, submit it for review again.\n",
        sorted(recipients),
    )


def approve_only_what_was_approved():
    """Swap Wagtail's "has been approved" e-mail for one that checks the
    workflow really ended approved (idempotent; dispatch_uid as Wagtail names it)."""
    from wagtail.admin.mail import WorkflowStateApprovalEmailNotifier
    from wagtail.models import WorkflowState
    from wagtail.signals import workflow_approved

    class ApprovedOnlyNotifier(WorkflowStateApprovalEmailNotifier):
        def can_handle(self, instance, **kwargs):
            return (
                super().can_handle(instance, **kwargs)
                and instance.status == WorkflowState.STATUS_APPROVED
            )

    workflow_approved.disconnect(sender=WorkflowState, dispatch_uid=WAGTAIL_APPROVAL_NOTIFIER)
    workflow_approved.connect(
        ApprovedOnlyNotifier(), sender=WorkflowState, dispatch_uid=APPROVAL_NOTIFIER, weak=False
    )
