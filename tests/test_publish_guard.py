"""No story goes live without consent that covers it, whichever way it is published.

One test per way of publishing. Each uses a story whose storyteller consented
to words, voice and video but not to photos that show them, while the story
shows such a photo; each checks the story stays unpublished, the draft is
kept, and the reason reaches the editor or the audit log.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from wagtail.actions import action_registry
from wagtail.models import (
    APIToken,
    GroupApprovalTask,
    Page,
    PageLogEntry,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from stories.consent.guard import ConsentGuardedPublishAction, ConsentRefused
from stories.factories import (
    ConsentRecordFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
    story_index,
)
from stories.pages import StoryPage

from .people import storyteller_approves

PHOTO_PROBLEM = "Photo ‘Flora at the clinic’ shows a recognisable person"


@pytest.fixture
def photo():
    return StoryImageFactory(title="Flora at the clinic", shows_identifiable_person=True)


@pytest.fixture
def words_only_storyteller():
    return StorytellerFactory(consent__identifiable_photos=False)


@pytest.fixture
def uncovered_draft(words_only_storyteller, photo):
    return StoryPageFactory(
        title="A story with a face in it",
        storyteller=words_only_storyteller,
        hero_image=photo,
        publish=False,
    )


def refusals(page):
    return PageLogEntry.objects.filter(page=page, action="stories.consent.publish_refused")


def assert_refused(page):
    page = StoryPage.objects.get(pk=page.pk)
    assert not page.live
    assert page.has_unpublished_changes
    assert page.get_latest_revision() is not None
    assert refusals(page).exists()
    assert PHOTO_PROBLEM in " ".join(refusals(page).last().data["problems"])


def body_form_data(story):
    """The StreamField part of the edit form, which the admin builds in JavaScript."""
    blocks = []
    for block in story.body:
        if block.block_type == "paragraph":
            blocks.append(("paragraph", rich_text(block.value.source)))
        elif block.block_type == "pull_quote":
            blocks.append(("pull_quote", dict(block.value)))
    return nested_form_data({"body": streamfield(blocks)})


def edit_form(client, page, url=None, revision=None):
    """The edit form as the browser would submit it."""
    response = client.get(url or reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    story = (revision or page.get_latest_revision()).as_object()
    data.update(body_form_data(story))
    return data


def test_revision_publish_in_a_shell_is_refused(uncovered_draft):
    with pytest.raises(ConsentRefused) as refusal:
        uncovered_draft.get_latest_revision().publish()
    assert PHOTO_PROBLEM in refusal.value.problems[0]
    assert_refused(uncovered_draft)


def test_the_guard_allows_a_covered_story(words_only_storyteller):
    story = StoryPageFactory(storyteller=words_only_storyteller)
    assert StoryPage.objects.get(pk=story.pk).live


def test_admin_publish_button_is_refused_and_the_draft_kept(admin_client, uncovered_draft):
    data = edit_form(admin_client, uncovered_draft)
    data["title"] = "A story with a face in it, edited"
    data["action-publish"] = "action-publish"
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[uncovered_draft.pk]), data, follow=True
    )
    assert response.status_code == 200
    assert PHOTO_PROBLEM.encode() in response.content
    assert_refused(uncovered_draft)
    latest = StoryPage.objects.get(pk=uncovered_draft.pk).get_latest_revision_as_object()
    assert latest.title == "A story with a face in it, edited"


def test_admin_create_and_publish_is_refused(admin_client, words_only_storyteller, photo):
    index = story_index()
    add_url = reverse("wagtailadmin_pages:add", args=["stories", "storypage", index.pk])
    data = querydict_from_html(admin_client.get(add_url).content.decode(), form_id="page-edit-form")
    data.update(
        {
            "title": "Brand new story with a face",
            "slug": "brand-new-story-with-a-face",
            "summary": "A new story.",
            "storyteller": str(words_only_storyteller.pk),
            "hero_image": str(photo.pk),
            "body-count": "1",
            "body-0-type": "pull_quote",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-value-quote": "I smiled.",
            "body-0-value-attribution": "",
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(add_url, data, follow=True)
    assert response.status_code == 200
    story = StoryPage.objects.get(slug="brand-new-story-with-a-face")
    assert PHOTO_PROBLEM.encode() in response.content
    assert_refused(story)


def approve_current_task(client, story):
    state = StoryPage.objects.get(pk=story.pk).current_workflow_state
    return client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[story.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": "Approved."},
        follow=True,
    )


def test_story_review_does_not_offer_the_final_approval(admin_client, admin_user, uncovered_draft):
    uncovered_draft.get_workflow().start(uncovered_draft, admin_user)
    approve_current_task(admin_client, uncovered_draft)  # clinical accuracy
    storyteller_approves(uncovered_draft)  # on their own page
    response = approve_current_task(admin_client, uncovered_draft)  # consent check
    assert b"Sorry, you do not have permission" in response.content
    state = StoryPage.objects.get(pk=uncovered_draft.pk).current_workflow_state
    assert state.current_task_state.task.name == "Consent and safeguarding check"
    assert not StoryPage.objects.get(pk=uncovered_draft.pk).live


def test_any_workflows_final_approval_is_refused(admin_client, admin_user, uncovered_draft):
    """Even a workflow without the consent task publishes through the guard."""
    workflow = Workflow.objects.create(name="One-step approval")
    task = GroupApprovalTask.objects.create(name="Approve")
    task.groups.set([Group.objects.get(name="Site administrators")])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=story_index(), defaults={"workflow": workflow})
    state = workflow.start(uncovered_draft, admin_user)
    response = approve_current_task(admin_client, uncovered_draft)
    assert response.status_code == 200
    state.refresh_from_db()
    assert state.status == state.STATUS_NEEDS_CHANGES
    assert_refused(uncovered_draft)


def test_bulk_publish_is_refused(admin_client, uncovered_draft):
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={uncovered_draft.pk}&next=/admin/"
    )
    response = admin_client.post(url, {"include_descendants": ""}, follow=True)
    assert response.status_code == 200
    assert PHOTO_PROBLEM.encode() in response.content
    assert_refused(uncovered_draft)


@pytest.fixture
def lapsed_live_story(photo):
    """A live story whose consent ended today, before the sweep has run."""
    storyteller = StorytellerFactory(consent=None)
    today = timezone.localdate()
    ConsentRecordFactory(
        storyteller=storyteller,
        given_on=today - timedelta(days=400),
        expires_on=today - timedelta(days=1),
    )
    story = StoryPageFactory(storyteller=storyteller, publish=False, title="Lapsed story")
    # It went live while consent held; consent has since ended.
    storyteller_approves(story)
    with freeze_time(today - timedelta(days=30)):
        story.get_latest_revision().publish()
    story = StoryPage.objects.get(pk=story.pk)
    assert story.live
    return story


def test_copy_with_publish_is_refused(admin_client, lapsed_live_story):
    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=[lapsed_live_story.pk]),
        {
            "new_title": "Copy of a lapsed story",
            "new_slug": "copy-of-a-lapsed-story",
            "new_parent_page": str(story_index().pk),
            "publish_copies": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert b"Consent expired on" in response.content
    assert not Page.objects.filter(slug="copy-of-a-lapsed-story").exists()


def test_copy_with_publish_in_a_shell_is_refused(lapsed_live_story):
    with pytest.raises(ConsentRefused):
        lapsed_live_story.copy(
            to=story_index(), update_attrs={"title": "Copy", "slug": "copy-in-shell"}
        )
    assert not Page.objects.filter(slug="copy-in-shell").exists()


def test_revert_and_publish_is_refused(admin_client, photo):
    storyteller = StorytellerFactory()  # consent covers photos, for now
    story = StoryPageFactory(storyteller=storyteller, hero_image=photo, title="Revertable")
    with_photo = story.live_revision
    story.hero_image = None
    photo_free = story.save_revision()
    storyteller_approves(story)
    photo_free.publish()
    ConsentRecordFactory(storyteller=storyteller, identifiable_photos=False)  # narrows consent

    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[story.pk, with_photo.pk])
    data = edit_form(admin_client, story, url=revert_url, revision=with_photo)
    data["action-publish"] = "action-publish"
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]), data, follow=True
    )
    assert response.status_code == 200
    assert PHOTO_PROBLEM.encode() in response.content
    story.refresh_from_db()
    assert story.live  # still the photo-free version
    assert story.specific.hero_image is None


def test_scheduling_past_the_end_of_consent_is_refused(admin_client):
    storyteller = StorytellerFactory(consent=None)
    today = timezone.localdate()
    ConsentRecordFactory(storyteller=storyteller, expires_on=today + timedelta(days=10))
    story = StoryPageFactory(storyteller=storyteller, publish=False, title="Scheduled too late")
    data = edit_form(admin_client, story)
    go_live = timezone.now() + timedelta(days=20)
    data["go_live_at"] = go_live.strftime("%Y-%m-%d %H:%M")
    data["action-publish"] = "action-publish"
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]), data, follow=True
    )
    assert b"after consent ends on" in response.content
    story.refresh_from_db()
    assert not story.live
    assert not story.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_publish_scheduled_refuses_a_story_consent_no_longer_covers(photo):
    storyteller = StorytellerFactory()
    story = StoryPageFactory(
        storyteller=storyteller, hero_image=photo, publish=False, title="Scheduled story"
    )
    story.go_live_at = timezone.now() + timedelta(days=2)
    revision = story.save_revision()
    storyteller_approves(story)
    revision.publish()
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    ConsentRecordFactory(storyteller=storyteller, identifiable_photos=False)

    with freeze_time(timezone.now() + timedelta(days=3)):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert_refused(story)
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None


def test_the_action_registry_gives_the_guarded_publish_action():
    assert action_registry.get_action_class(Page, "publish") is ConsentGuardedPublishAction


@override_settings(ROOT_URLCONF="tests.urls_with_v3_api")
def test_v3_api_publish_action_is_refused(client, admin_user, uncovered_draft):
    _token, plaintext = APIToken.create_token(user=admin_user, name="publisher")
    response = client.post(
        f"/api/v3/pages/{uncovered_draft.pk}/actions/publish/",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {plaintext}",
    )
    assert 400 <= response.status_code < 500
    assert PHOTO_PROBLEM in response.content.decode()
    assert_refused(uncovered_draft)


def test_bulk_publish_of_the_index_alone_ignores_draft_stories(admin_client, uncovered_draft):
    index = story_index()
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={index.pk}&next=/admin/"
    )
    response = admin_client.post(url, {"include_descendants": ""}, follow=True)
    assert PHOTO_PROBLEM.encode() not in response.content
    assert not StoryPage.objects.get(pk=uncovered_draft.pk).live


def test_bulk_publish_with_descendants_is_refused_for_an_uncovered_story(
    admin_client, uncovered_draft
):
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={story_index().pk}&next=/admin/"
    )
    response = admin_client.post(url, {"include_descendants": "on"}, follow=True)
    assert PHOTO_PROBLEM.encode() in response.content
    assert_refused(uncovered_draft)
