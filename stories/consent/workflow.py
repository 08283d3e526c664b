"""A workflow's final approval publishes through the guard, or sends the story back.

Named by WAGTAIL_FINISH_WORKFLOW_ACTION, which Wagtail imports while its own
models load: hence the imports inside the function.
"""


def finish_workflow_and_publish(workflow_state, user=None):
    """Publish the approved revision; if consent does not cover it, the
    workflow ends as needing changes, the refusal is logged, the draft kept."""
    from .guard import ConsentRefused

    revision = workflow_state.content_object.get_latest_revision()
    try:
        # Approving the last task is the authority to publish: reviewers need
        # no publish permission of their own. The consent guard still applies.
        revision.publish(user=user, skip_permission_checks=True)
    except ConsentRefused:
        workflow_state.status = workflow_state.STATUS_NEEDS_CHANGES
        workflow_state.save(update_fields=["status"])
