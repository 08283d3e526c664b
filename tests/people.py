"""The campaign's staff and what they do in the admin, as tests meet them:
one shared way to make a member of a role, act on a review step, and fill in
the consent form."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from stories.pages import StoryPage
from stories.review import CLINICAL_REVIEWERS, CONSENT_OFFICERS, EDITORS

__all__ = [
    "CLINICAL_REVIEWERS",
    "CONSENT_OFFICERS",
    "EDITORS",
    "act",
    "consent_form",
    "member",
    "storyteller_approves",
]


def member(username, group, **extra):
    """A staff user in one of the groups the migrations create (password "pw")."""
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw", **extra)
    user.groups.add(Group.objects.get(name=group))
    return user


def act(client, user, story, action):
    """The user takes an action ("approve", "reject") on the story's current
    review step, as the dashboard's buttons post it, with a comment."""
    state = StoryPage.objects.get(pk=story.pk).current_workflow_state
    client.force_login(user)
    return client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[story.pk, action, state.current_task_state.pk],
        ),
        {"comment": "Checked."},
        follow=True,
    )


def storyteller_approves(story, comment=""):
    """The storyteller (or guardian, for a minor) has read the story's latest
    version and approved it: on their page when the review waits for them
    (the step moves on), else recorded as read, so that version may be published."""
    from stories.consent import approvals
    from stories.storyteller_page.links import decides_for, issue_link

    story = StoryPage.objects.get(pk=story.pk)
    revision = story.get_latest_revision()
    if approvals.waiting_task_state(story) is None:
        return approvals.record_approval(story, revision)
    link, _token = issue_link(story.storyteller, holder=decides_for(story.storyteller))
    return approvals.approve(story, revision, link, comment)


def consent_form(storyteller, **changes):
    """What a consent officer submits to record consent (public, a pseudonym,
    for a year from today), with changes."""
    today = timezone.localdate()
    data = {
        "storyteller": storyteller.pk,
        "for_public": "on",
        "syndication": "none",
        "naming_allowed": "pseudonym",
        "given_by": "storyteller",
        "given_on": today.isoformat(),
        "expires_on": (today + timedelta(days=365)).isoformat(),
    }
    data.update(changes)
    return data
