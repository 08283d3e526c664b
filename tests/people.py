"""The campaign's staff and what they do in the admin, as tests meet them:
one shared way to make a member of a role, act on a review step, and fill in
the consent form."""

import re
import time
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


def code_in(message):
    """The one-time code in the e-mail that carried it."""
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def open_own_page(client, token, capture_on_commit):
    """The storyteller presses "Send me a code" and types the code from the
    e-mail (`capture_on_commit` is pytest-django's
    django_capture_on_commit_callbacks); returns their page as it then opens."""
    from django.core import mail

    code_url = reverse("storyteller_page_code", args=[token])
    with capture_on_commit(execute=True):
        client.post(code_url, {"send": "1"})
    typed = client.post(code_url, {"code": code_in(mail.outbox[-1])})
    assert typed.status_code == 302, "the code did not open the page"
    return client.get(reverse("storyteller_page", args=[token]))


def storyteller_signed_in(client, link):
    """The link's holder has already typed the right code in this browser."""
    from stories.storyteller_page.access import SESSION_KEY

    session = client.session
    session[SESSION_KEY] = {"link": link.pk, "seen": time.time()}
    session.save()
    return client
