"""Stories reach readers only after clinical review, the storyteller's approval and
consent review, each doing their part."""

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import WorkflowState

from stories.consent.approvals import StorytellerApprovalTask
from stories.factories import (
    ConsentRecordFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
    story_index,
)
from stories.pages import StoryPage
from stories.review import ClinicalAccuracyTask, ConsentSafeguardingTask

from .people import act, member, storyteller_approves


@pytest.fixture
def submitted(editor):
    """A draft story its editor has submitted to "Story review"."""
    story = StoryPageFactory(title="Submitted story", publish=False, owner=editor)
    story.save_revision(user=editor)
    story.get_workflow().start(story, editor)
    return StoryPage.objects.get(pk=story.pk)


def current_task(story):
    story = StoryPage.objects.get(pk=story.pk)
    state = story.current_workflow_state
    return state.current_task_state.task.specific if state else None


def test_the_story_index_uses_story_review():
    workflow = story_index().get_workflow()
    assert workflow.name == "Story review"
    tasks = [task.specific for task in workflow.tasks]
    assert [type(task) for task in tasks] == [
        ClinicalAccuracyTask,
        StorytellerApprovalTask,
        ConsentSafeguardingTask,
    ]
    assert [g.name for g in tasks[0].groups.all()] == ["Clinical reviewers"]
    assert [g.name for g in tasks[2].groups.all()] == ["Consent officers"]


def test_a_story_goes_live_after_both_reviews_and_the_storytellers_approval(
    client, submitted, reviewer, officer
):
    assert isinstance(current_task(submitted), ClinicalAccuracyTask)
    act(client, reviewer, submitted, "approve")
    assert isinstance(current_task(submitted), StorytellerApprovalTask)
    storyteller_approves(submitted)
    assert isinstance(current_task(submitted), ConsentSafeguardingTask)
    assert not StoryPage.objects.get(pk=submitted.pk).live
    act(client, officer, submitted, "approve")
    assert StoryPage.objects.get(pk=submitted.pk).live


def test_rejection_sends_the_story_back_with_the_comment(client, submitted, reviewer):
    act(client, reviewer, submitted, "reject")
    state = WorkflowState.objects.get(object_id=str(submitted.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.task_states.last().comment == "Checked."


def test_editors_cannot_publish_outside_the_workflow(client, editor):
    story = StoryPageFactory(title="Editor's draft", publish=False, owner=editor)
    assert not story.permissions_for_user(editor).can_publish()
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    assert response.status_code == 200
    assert b'name="action-publish"' not in response.content
    assert b'name="action-submit"' in response.content


def test_an_editor_cannot_call_the_consent_approval(client, submitted, reviewer, editor):
    act(client, reviewer, submitted, "approve")
    storyteller_approves(submitted)
    response = act(client, editor, submitted, "approve")
    assert b"Sorry, you do not have permission" in response.content
    assert isinstance(current_task(submitted), ConsentSafeguardingTask)
    assert not StoryPage.objects.get(pk=submitted.pk).live


def test_a_reviewer_cannot_approve_their_own_story(client, reviewer):
    story = StoryPageFactory(title="Reviewer's own story", publish=False, owner=reviewer)
    story.save_revision(user=reviewer)
    story.get_workflow().start(story, reviewer)
    response = act(client, reviewer, StoryPage.objects.get(pk=story.pk), "approve")
    assert b"Sorry, you do not have permission" in response.content
    assert isinstance(current_task(story), ClinicalAccuracyTask)


def test_approval_is_refused_once_consent_no_longer_covers_the_story(
    client, editor, reviewer, officer
):
    storyteller = StorytellerFactory()
    photo = StoryImageFactory(shows_identifiable_person=True)
    story = StoryPageFactory(storyteller=storyteller, hero_image=photo, publish=False, owner=editor)
    story.save_revision(user=editor)
    story.get_workflow().start(story, editor)
    story = StoryPage.objects.get(pk=story.pk)
    act(client, reviewer, story, "approve")
    storyteller_approves(story)
    ConsentRecordFactory(storyteller=storyteller, identifiable_photos=False)  # changed underneath
    response = act(client, officer, story, "approve")
    assert b"Sorry, you do not have permission" in response.content
    assert isinstance(current_task(story), ConsentSafeguardingTask)
    assert not StoryPage.objects.get(pk=story.pk).live


def test_an_edit_after_approval_needs_approval_again():
    assert settings.WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT is True


def test_the_next_reviewers_hear_by_email(mailoutbox, editor, reviewer):
    story = StoryPageFactory(title="Notify me", publish=False, owner=editor)
    story.save_revision(user=editor)
    story.get_workflow().start(story, editor)
    assert any(reviewer.email in message.to for message in mailoutbox)


def test_demo_has_one_story_waiting_in_each_task():
    waiting = {
        type(state.current_task_state.task.specific)
        for state in WorkflowState.objects.active()
        if state.current_task_state
    }
    assert {ClinicalAccuracyTask, StorytellerApprovalTask, ConsentSafeguardingTask} <= waiting


@pytest.mark.parametrize(
    ("username", "group"),
    [("editor", "Editors"), ("reviewer", "Clinical reviewers"), ("consent", "Consent officers")],
)
def test_demo_has_an_account_for_each_role(client, username, group):
    assert client.login(username=username, password="changeme")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    from accounts.models import User

    assert User.objects.get(username=username).groups.filter(name=group).exists()


def reaches(client, user, url):
    client.force_login(user)
    response = client.get(url, follow=True)
    return (
        response.status_code == 200 and b"Sorry, you do not have permission" not in response.content
    )


def test_each_role_reaches_what_it_needs_and_nothing_more(
    client, editor, reviewer, officer, django_user_model
):
    administrator = member("admin-test", "Site administrators")
    index = story_index()
    add_story = reverse("wagtailadmin_pages:add", args=["stories", "storypage", index.pk])
    records = reverse("consent_records:index")
    users = reverse("wagtailusers_users:index")
    storytellers = reverse("wagtailsnippets_stories_storyteller:list")

    assert reaches(client, editor, add_story)
    assert reaches(client, editor, storytellers)
    assert not reaches(client, editor, records)
    assert not reaches(client, editor, users)

    assert not reaches(client, reviewer, add_story)
    assert not reaches(client, reviewer, records)
    assert not reaches(client, reviewer, users)

    assert reaches(client, officer, records)
    assert reaches(client, officer, storytellers)
    assert not reaches(client, officer, add_story)
    assert not reaches(client, officer, users)

    assert reaches(client, administrator, users)
    assert reaches(client, administrator, add_story)
    assert reaches(client, administrator, records)


def test_reviewers_can_open_a_story_waiting_for_them(client, submitted, reviewer, officer):
    client.force_login(reviewer)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[submitted.pk]))
    assert response.status_code == 200
    assert b"Consent covers this story from" in response.content
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Submitted story" in dashboard
