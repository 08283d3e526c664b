"""The storyteller's approval of the exact words, name and pictures to be published.

Recorded against a revision and against the fingerprint of what a reader
would see in it, so that any later edit of what is shown needs approving
again, whichever revision carries it.
"""

import hashlib
import json

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Task

from ..storyteller_page.links import StorytellerLink, address_of, decides_for, may_act_for_minor
from .subjects import is_subject, pictures_shown, subject_model


class StorytellerApproval(models.Model):
    """The storyteller (or guardian) approved a version of their story, or asked for a change."""

    class Decision(models.TextChoices):
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes_requested", "Asked for a change"

    class GivenBy(models.TextChoices):
        STORYTELLER = "storyteller", "The storyteller"
        GUARDIAN = "guardian", "Their parent or guardian"

    story = models.ForeignKey(
        settings.CONSENT_SUBJECT_MODEL,
        on_delete=models.CASCADE,
        related_name="storyteller_approvals",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fingerprint = models.CharField(
        max_length=64, db_index=True, help_text="Digest of what a reader would see."
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    comment = models.TextField(blank=True)
    given_by = models.CharField(max_length=20, choices=GivenBy.choices)
    link = models.ForeignKey(
        "stories.StorytellerLink",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self):
        return f"{self.get_decision_display()} by {self.get_given_by_display().lower()}"


# What the storyteller approves -------------------------------------------------

NOT_APPROVED = "The storyteller has not approved this version of the story."
COPY_NOT_APPROVED = (
    "A copy is a new story: it is published only once the storyteller has approved it. "
    "Copy it without publishing and send the copy for review."
)
WAITING = "Waiting for the storyteller's approval"

APPROVED_ACTION = "stories.storyteller.approved"
CHANGE_ASKED_ACTION = "stories.storyteller.change_asked"


class ApprovalRefused(Exception):
    """A decision the storyteller's page may not record, with words to show them."""


def fingerprint(page):
    """SHA-256 of what a reader would see of this version of the story.

    In it: the title, summary, content notes and body (the raw stream data,
    so every word, caption and block, less the blocks' internal ids); the
    hero image and every picture the body shows, each by id and file name
    (a re-blurred or replaced picture is a new file, so it needs approving
    again); the name shown and the
    naming choice behind it; the audiences; and the partner organisations
    named. Not in it: the slug, dates, schedule, SEO fields, themes and age
    bands (how editors file the story, not what it says of the storyteller),
    so moving or rescheduling a story needs no new approval.

    `page` may be a saved story or a revision's object (`revision.as_object()`).
    """
    storyteller = page.storyteller
    shown = {
        "title": page.title,
        "summary": page.summary,
        "content_notes": page.content_notes,
        "body": without_block_ids(list(page.body.raw_data)),
        "hero_image": picture_print(page.hero_image) if page.hero_image_id else None,
        "pictures": [picture_print(image) for image in pictures_shown(page)],
        "name_shown": storyteller.shown_name,
        "naming": storyteller.naming,
        "audiences": sorted(page.audiences),
        "partners": sorted(
            (partner.pk, partner.name) for partner in page.partner_organisations.all()
        ),
    }
    text = json.dumps(shown, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def without_block_ids(data):
    """Stream data without the block ids Wagtail assigns (readers never see them,
    and a page in memory may not have them yet)."""
    if isinstance(data, dict):
        is_block = "type" in data and "value" in data
        return {
            key: without_block_ids(value)
            for key, value in data.items()
            if not (is_block and key == "id")
        }
    if isinstance(data, list | tuple):
        return [without_block_ids(item) for item in data]
    return data


def picture_print(image):
    return [image.pk, image.file.name, getattr(image, "file_hash", "")]


def latest_decision(page, print_=None):
    """The storyteller's last decision on this story with this page's fingerprint."""
    story_id = getattr(page, "alias_of_id", None) or page.pk
    if story_id is None:
        return None
    print_ = print_ or fingerprint(page)
    return (
        StorytellerApproval.objects.filter(story_id=story_id, fingerprint=print_)
        .order_by("-decided_at", "-pk")
        .first()
    )


def is_approved(page):
    """The storyteller approved exactly what this version shows, and did not
    ask for a change to it since. An alias is the original story shown at a
    second address (Wagtail republishes it with the original), so the
    original's approval holds for it; a copy is a story of its own."""
    decision = latest_decision(page)
    return decision is not None and decision.decision == StorytellerApproval.Decision.APPROVED


def approval_problems(page):
    """[] when the storyteller approved this version of the story, else why not."""
    return [] if is_approved(page) else [NOT_APPROVED]


# Deciding, from the storyteller's page -----------------------------------------


def waiting_task_state(story):
    """The story's review step waiting for the storyteller, or None."""
    workflow_state = story.current_workflow_state
    if workflow_state is None:
        return None
    task_state = workflow_state.current_task_state
    if task_state is None or task_state.status != task_state.STATUS_IN_PROGRESS:
        return None
    if not isinstance(task_state.task.specific, StorytellerApprovalTask):
        return None
    return task_state.specific


def stories_waiting_for(storyteller):
    """The storyteller's stories whose review waits for their approval."""
    return [
        story
        for story in subject_model().objects.filter(storyteller=storyteller).order_by("title")
        if waiting_task_state(story) is not None
    ]


def check_decision(story, revision, link):
    """The task state to act on, or ApprovalRefused saying why not."""
    if story.storyteller_id != link.storyteller_id:
        raise ApprovalRefused("This is not your story.")
    if not may_act_for_minor(link):
        raise ApprovalRefused(
            "Your parent or guardian needs to decide this with their own link. "
            "We have not changed anything."
        )
    task_state = waiting_task_state(story)
    if task_state is None:
        raise ApprovalRefused("This story is not waiting for you to read it just now.")
    latest = story.get_latest_revision()
    if revision is None or latest is None or revision.pk != latest.pk:
        raise ApprovalRefused(
            "The story has changed since you opened it. Please read the new version."
        )
    return task_state


def given_by(link):
    if link.holder == StorytellerLink.Holder.GUARDIAN:
        return StorytellerApproval.GivenBy.GUARDIAN
    return StorytellerApproval.GivenBy.STORYTELLER


@transaction.atomic
def approve(story, revision, link, comment=""):
    """The storyteller (or guardian) approves this revision: recorded, logged,
    and the review moves on to the next step."""
    story = lock(story)
    task_state = check_decision(story, revision, link)
    decision = record(story, revision, StorytellerApproval.Decision.APPROVED, link, comment)
    task_state.approve(user=None, comment=decision_comment(decision))
    return decision


@transaction.atomic
def ask_for_change(story, revision, link, comment):
    """The storyteller (or guardian) asks for a change: recorded, logged, and
    the story goes back to its editors with their words."""
    if not (comment or "").strip():
        raise ApprovalRefused("Please tell us what you would like to change.")
    story = lock(story)
    task_state = check_decision(story, revision, link)
    decision = record(
        story, revision, StorytellerApproval.Decision.CHANGES_REQUESTED, link, comment.strip()
    )
    task_state.reject(user=None, comment=decision_comment(decision))
    return decision


def lock(story):
    """The story's row, locked until the decision is recorded (two clicks, one decision)."""
    return subject_model().objects.select_for_update().get(pk=story.pk)


def decision_comment(decision):
    who = decision.get_given_by_display()
    if decision.decision == StorytellerApproval.Decision.APPROVED:
        said = f"{who} approved this version on their page."
    else:
        said = f"{who} asked for a change on their page."
    return f"{said} “{decision.comment}”" if decision.comment else said


def record(story, revision, decision, link, comment=""):
    approval = StorytellerApproval.objects.create(
        story=story,
        revision=revision,
        fingerprint=fingerprint(revision.as_object()),
        decision=decision,
        comment=comment,
        given_by=given_by(link),
        link=link,
    )
    log_decision(story, approval, revision)
    return approval


def log_decision(story, approval, revision=None):
    action = (
        APPROVED_ACTION
        if approval.decision == StorytellerApproval.Decision.APPROVED
        else CHANGE_ASKED_ACTION
    )
    log(
        instance=story,
        action=action,
        revision=revision,
        data={"given_by": approval.given_by, "comment": approval.comment},
    )


def record_approval(story, revision=None, given_by=StorytellerApproval.GivenBy.STORYTELLER):
    """Record that the storyteller approved a version (default: the latest),
    outside the review: for demo content, generated data and tests, which
    publish stories their storytellers are taken to have read."""
    revision = revision or story.get_latest_revision()
    shown = revision.as_object() if revision else story
    approval = StorytellerApproval.objects.create(
        story_id=story.pk,
        revision=revision,
        fingerprint=fingerprint(shown),
        decision=StorytellerApproval.Decision.APPROVED,
        given_by=given_by,
    )
    log_decision(story, approval, revision)
    return approval


# The audit log ---------------------------------------------------------------


class Approved(LogFormatter):
    label = "Storyteller approved"

    def format_message(self, log_entry):
        who = dict(StorytellerApproval.GivenBy.choices).get(log_entry.data.get("given_by"), "")
        return f"{who or 'The storyteller'} approved this version of the story"


class ChangeAsked(LogFormatter):
    label = "Storyteller asked for a change"

    def format_message(self, log_entry):
        who = dict(StorytellerApproval.GivenBy.choices).get(log_entry.data.get("given_by"), "")
        comment = log_entry.data.get("comment", "")
        return f"{who or 'The storyteller'} asked for a change: “{comment}”"


def register(actions):
    actions.register_action(APPROVED_ACTION)(Approved)
    actions.register_action(CHANGE_ASKED_ACTION)(ChangeAsked)


# Asking the storyteller ------------------------------------------------------


def invite_to_approve(task_state, user=None):
    """E-mail the storyteller (or guardian) that their story is ready to read,
    with a fresh private link to it; if there is no address to write to, tell
    the editors instead. Returns the link issued, or None."""
    from django.conf import settings
    from django.urls import reverse
    from wagtail.admin.mail import send_mail

    from ..storyteller_page.links import issue_link

    story = task_state.workflow_state.content_object.specific
    storyteller = story.storyteller
    holder = decides_for(storyteller)
    address = address_of(storyteller, holder)
    if not address:
        tell_editors_unreachable(task_state.workflow_state, story, holder)
        return None
    # Added beside the link they may already use, which keeps working.
    link, token = issue_link(storyteller, holder=holder, user=user, replace=False)
    url = settings.SITE_URL.rstrip("/") + reverse(
        "storyteller_page_approve", args=[token, story.pk]
    )
    whose = "your child's story" if holder == StorytellerLink.Holder.GUARDIAN else "your story"
    send_mail(
        "Your story is ready for you to read",
        f"Hello,\n\n{whose.capitalize()} “{story.title}” is ready. Before anyone else reads "
        f"it, we would like you to read it, just as readers will see it.\n\n"
        f"Open this private link:\n{url}\n\n"
        "We will send a short code to this e-mail address to check it is you. Then you can "
        "say “yes, share it like this”, or tell us what you would like to change.\n\n"
        "Nothing is shared until you say yes. Please do not pass this link on: it opens "
        "your own page.\n\nHistories & Smiles\n",
        [address],
    )
    return link


def tell_editors_unreachable(workflow_state, story, holder):
    """No address for the storyteller (or guardian): the person who submitted
    the story, and its owner, learn that a consent officer must print a link."""
    from wagtail.admin.mail import send_mail

    people = (workflow_state.requested_by, getattr(story, "owner", None))
    recipients = sorted({person.email for person in people if person and person.email})
    if not recipients:
        return
    who = "their guardian" if holder == StorytellerLink.Holder.GUARDIAN else "the storyteller"
    title = story.get_admin_display_title()
    send_mail(
        f"“{title}” is waiting for the storyteller, who cannot be reached by e-mail",
        f"“{title}” has reached the storyteller's approval step, but there is no e-mail "
        f"address for {who} of {story.storyteller.reference}.\n\n"
        "A consent officer must issue a private link and give it to them on paper "
        "(a printed link or QR code), so that they can read and approve the story. "
        "It cannot be published before they do.\n",
        recipients,
    )


class StorytellerApprovalTask(Task):
    """The storyteller (or their guardian) approves the exact version to be
    published, on their own page; nobody in the admin can approve for them.

    On starting, it e-mails them a fresh private link to read the story (or,
    with no address, tells the editors a consent officer must print one). A
    version they already approved goes straight on. Admin users see the step
    waiting, with no approve or reject buttons; the story's editors may still
    cancel the review as on any step. Their answer, given on their page
    (consent.approvals), approves this step or sends the story back with their
    comment, as a reviewer would.
    """

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        story = workflow_state.content_object.specific
        latest = story.get_latest_revision()
        if is_subject(story) and latest is not None and is_approved(latest.as_object()):
            task_state.approve(
                user=None, update=False, comment="The storyteller had already approved it."
            )
            return task_state
        invite_to_approve(task_state, user=user)
        return task_state

    def get_actions(self, obj, user):
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return self.task_states.none()

    def user_can_access_editor(self, obj, user):
        return False

    def locked_for_user(self, obj, user):
        return False

    @classmethod
    def get_description(cls):
        return "The storyteller, or their guardian, approves the story on their own page."

    class Meta:
        verbose_name = "storyteller approval task"
        verbose_name_plural = "storyteller approval tasks"
