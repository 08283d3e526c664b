"""Story review: two people and the storyteller look before a story goes out.

Wagtail's workflow runs the steps; these tasks add what a clinic needs. The
clinical reviewer may not approve a story they wrote themselves; the consent
officer may not approve while the consent policy reports a problem, and sees
the consent panel beside the story to know why. Between them, the
storyteller (or their guardian) reads the exact version on their own page and
approves it or asks for a change (consent.approvals.StorytellerApprovalTask).
An action a task does not offer is refused by Wagtail's workflow view,
whoever posts it, and the state stays as it was.
"""

from django.urls import reverse
from wagtail.models import AbstractGroupApprovalTask

from .consent.guard import publish_problems
from .consent.subjects import is_subject
from .consent.workflow import refused_approval

CLINICAL_REVIEWERS = "Clinical reviewers"
CONSENT_OFFICERS = "Consent officers"
EDITORS = "Editors"
SITE_ADMINISTRATORS = "Site administrators"
WORKFLOW_NAME = "Story review"
STORYTELLER_APPROVAL = "Storyteller approval"


def without_approval(actions):
    return [action for action in actions if action[0] != "approve"]


def approval_reads(actions, label):
    """The approve actions relabelled: the consent officer's approval publishes."""
    named = {False: label, True: f"{label} with comment"}
    return [
        (name, named[modal] if name == "approve" else verbose, modal)
        for name, verbose, modal in actions
    ]


def wrote_it(obj, user):
    revision = obj.get_latest_revision() if hasattr(obj, "get_latest_revision") else None
    authors = {getattr(obj, "owner_id", None), getattr(revision, "user_id", None)}
    return user.pk in authors


class ClinicalAccuracyTask(AbstractGroupApprovalTask):
    """A clinician checks the story is accurate; never their own story."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        return without_approval(actions) if wrote_it(obj, user) else actions

    @classmethod
    def get_description(cls):
        return "A clinician in the chosen groups checks accuracy; authors cannot approve their own."

    class Meta:
        verbose_name = "clinical accuracy task"
        verbose_name_plural = "clinical accuracy tasks"


class ConsentSafeguardingTask(AbstractGroupApprovalTask):
    """A consent officer checks consent and safeguarding; refused while consent falls short."""

    def get_actions(self, obj, user):
        actions = approval_reads(super().get_actions(obj, user), "Approve and publish")
        if wrote_it(obj, user) or self.consent_problems(obj):
            return without_approval(actions)
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        """Approve or reject; an approval the publish guard then refuses sends the
        approver to a page saying why (Wagtail's workflow view follows the URL)."""
        refused_approval.set(None)
        result = super().on_action(task_state, user, action_name, **kwargs)
        if refused_approval.get() is not None:
            story_id = task_state.workflow_state.object_id
            return reverse("stories_approval_refused", args=[story_id])
        return result

    @staticmethod
    def consent_problems(obj):
        if hasattr(obj, "get_latest_revision_as_object"):
            obj = obj.get_latest_revision_as_object()
        return publish_problems(obj) if is_subject(obj) else []

    @classmethod
    def get_description(cls):
        return (
            "A consent officer approves once consent covers the story and safeguarding is checked."
        )

    class Meta:
        verbose_name = "consent and safeguarding task"
        verbose_name_plural = "consent and safeguarding tasks"
