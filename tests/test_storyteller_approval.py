"""A story is published only once its storyteller (or their guardian) has
approved exactly what readers will see, on their own page; every way of
publishing asks, and a later edit needs approving again."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import APIToken, PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from stories.consent.approvals import (
    NOT_APPROVED,
    ApprovalRefused,
    StorytellerApproval,
    StorytellerApprovalTask,
    approve,
    ask_for_change,
    fingerprint,
    is_approved,
)
from stories.consent.guard import ConsentRefused
from stories.factories import (
    StoryClipFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
)
from stories.pages import StoryPage
from stories.review import ClinicalAccuracyTask, ConsentSafeguardingTask
from stories.storyteller_page.links import StorytellerLink, find_open_link, issue_link

from .clip_tools import needs_ffmpeg
from .people import act, storyteller_approves, storyteller_signed_in

NOT_APPROVED_BYTES = NOT_APPROVED.replace("'", "&#x27;").encode()


@pytest.fixture
def unapproved_draft():
    """A story consent covers, which its storyteller has not read."""
    return StoryPageFactory(title="Not yet read by its storyteller", publish=False)


def refusals(story):
    return PageLogEntry.objects.filter(page=story, action="stories.consent.publish_refused")


def assert_refused_for_want_of_approval(story):
    story = StoryPage.objects.get(pk=story.pk)
    assert not story.live
    assert story.get_latest_revision() is not None
    assert NOT_APPROVED in refusals(story).last().data["problems"]


def edit_form(client, story):
    from .test_publish_guard import edit_form as as_the_browser_submits_it

    return as_the_browser_submits_it(client, story)


def submitted(story, editor):
    story.save_revision(user=editor)
    story.get_workflow().start(story, editor)
    return StoryPage.objects.get(pk=story.pk)


def current_task(story):
    state = StoryPage.objects.get(pk=story.pk).current_workflow_state
    return state.current_task_state.task.specific if state else None


# Every way of publishing asks for the storyteller's approval


def test_revision_publish_in_a_shell_is_refused(unapproved_draft):
    with pytest.raises(ConsentRefused) as refusal:
        unapproved_draft.get_latest_revision().publish()
    assert refusal.value.problems == [NOT_APPROVED]
    assert_refused_for_want_of_approval(unapproved_draft)


def test_approved_revision_publishes(unapproved_draft):
    storyteller_approves(unapproved_draft)
    unapproved_draft.get_latest_revision().publish()
    assert StoryPage.objects.get(pk=unapproved_draft.pk).live


def test_admin_publish_button_is_refused_and_the_draft_kept(admin_client, unapproved_draft):
    data = edit_form(admin_client, unapproved_draft)
    data["action-publish"] = "action-publish"
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[unapproved_draft.pk]), data, follow=True
    )
    assert NOT_APPROVED_BYTES in response.content
    assert_refused_for_want_of_approval(unapproved_draft)


def test_bulk_publish_is_refused(admin_client, unapproved_draft):
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={unapproved_draft.pk}&next=/admin/"
    )
    response = admin_client.post(url, {"include_descendants": ""}, follow=True)
    assert NOT_APPROVED_BYTES in response.content
    assert_refused_for_want_of_approval(unapproved_draft)


def test_publish_scheduled_refuses_a_version_edited_after_approval(unapproved_draft):
    story = unapproved_draft
    story.go_live_at = timezone.now() + timedelta(days=2)
    storyteller_approves(story)  # approves this version ...
    story.save_revision().publish()  # ... scheduled as it is
    story.title = "Retitled after the storyteller read it"
    story.save_revision()
    with freeze_time(timezone.now() + timedelta(days=3)):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    story = StoryPage.objects.get(pk=story.pk)
    assert story.live  # the version they approved went out on time
    assert story.title != "Retitled after the storyteller read it"
    assert story.has_unpublished_changes


def test_publish_scheduled_refuses_an_unapproved_story(unapproved_draft):
    story = unapproved_draft
    story.go_live_at = timezone.now() + timedelta(days=2)
    revision = story.save_revision()
    revision.approved_go_live_at = story.go_live_at  # scheduled by some other route
    revision.save(update_fields=["approved_go_live_at"])
    with freeze_time(timezone.now() + timedelta(days=3)):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert_refused_for_want_of_approval(story)


@override_settings(ROOT_URLCONF="tests.urls_with_v3_api")
def test_v3_api_publish_is_refused(client, admin_user, unapproved_draft):
    _token, plaintext = APIToken.create_token(user=admin_user, name="publisher")
    response = client.post(
        f"/api/v3/pages/{unapproved_draft.pk}/actions/publish/",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {plaintext}",
    )
    assert 400 <= response.status_code < 500
    assert NOT_APPROVED in response.content.decode()
    assert_refused_for_want_of_approval(unapproved_draft)


def test_revert_to_an_unapproved_version_is_refused(admin_client):
    story = StoryPageFactory(title="Approved title")
    old = story.live_revision
    story.title = "A title nobody approved"
    unread = story.save_revision()
    story.title = "Approved title, again"
    again = story.save_revision()
    storyteller_approves(story)
    again.publish()
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[story.pk, unread.pk])
    data = querydict_from_html(
        admin_client.get(revert_url).content.decode(), form_id="page-edit-form"
    )
    from .test_publish_guard import body_form_data

    data.update(body_form_data(unread.as_object()))
    data["action-publish"] = "action-publish"
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]), data, follow=True
    )
    assert NOT_APPROVED_BYTES in response.content
    assert StoryPage.objects.get(pk=story.pk).title == "Approved title, again"
    assert old is not None


def test_a_live_copy_is_a_new_story_and_is_refused(admin_client):
    story = StoryPageFactory(title="Read and approved")
    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=[story.pk]),
        {
            "new_title": "A copy",
            "new_slug": "a-copy-of-an-approved-story",
            "new_parent_page": str(story.get_parent().pk),
            "publish_copies": "on",
        },
        follow=True,
    )
    assert b"A copy is a new story" in response.content
    assert not StoryPage.objects.filter(slug="a-copy-of-an-approved-story").exists()


def test_stories_live_before_the_approval_step_stay_live():
    story = StoryPageFactory(title="Published long ago")
    StorytellerApproval.objects.filter(story=story).delete()
    call_command("enforce_consent", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert StoryPage.objects.get(pk=story.pk).live


# What is approved


def test_a_later_edit_needs_approval_again():
    story = StoryPageFactory(title="Approved words")
    story.summary = "New words the storyteller has not seen."
    revision = story.save_revision()
    assert not is_approved(revision.as_object())
    with pytest.raises(ConsentRefused):
        revision.publish()
    storyteller_approves(story)
    revision.publish()
    assert StoryPage.objects.get(pk=story.pk).summary == "New words the storyteller has not seen."


def test_moving_or_rescheduling_needs_no_new_approval():
    story = StoryPageFactory()
    before = fingerprint(story)
    story.slug = "somewhere-else"
    story.seo_title = "A search title"
    story.go_live_at = timezone.now() + timedelta(days=3)
    assert fingerprint(story) == before


def test_a_replaced_picture_the_name_shown_or_an_audience_needs_approval_again():
    story = StoryPageFactory(hero_image=StoryImageFactory())
    before = fingerprint(story)
    story.hero_image = StoryImageFactory()
    assert fingerprint(story) != before
    story = StoryPage.objects.get(pk=story.pk)
    story.storyteller.naming = "anonymous"
    assert fingerprint(story) != before
    story = StoryPage.objects.get(pk=story.pk)
    story.for_schools = not story.for_schools
    assert fingerprint(story) != before


def test_asking_for_a_change_after_approving_withdraws_that_approval(unapproved_draft):
    storyteller_approves(unapproved_draft)
    assert is_approved(unapproved_draft)
    StorytellerApproval.objects.create(
        story=unapproved_draft,
        fingerprint=fingerprint(unapproved_draft),
        decision=StorytellerApproval.Decision.CHANGES_REQUESTED,
        comment="Not my middle name, please.",
        given_by=StorytellerApproval.GivenBy.STORYTELLER,
    )
    assert not is_approved(unapproved_draft)


# The review step


@pytest.fixture
def flora():
    return StorytellerFactory(first_name="Flora", email="flora@example.com")


@pytest.fixture
def at_the_storyteller(client, editor, reviewer, flora):
    """Flora's story, past the clinical check, waiting for her."""
    story = submitted(
        StoryPageFactory(storyteller=flora, publish=False, owner=editor, title="Flora's chair"),
        editor,
    )
    act(client, reviewer, story, "approve")
    client.logout()
    return StoryPage.objects.get(pk=story.pk)


def test_the_storyteller_step_comes_after_the_clinical_one(client, editor, reviewer, flora):
    story = submitted(StoryPageFactory(storyteller=flora, publish=False, owner=editor), editor)
    assert isinstance(current_task(story), ClinicalAccuracyTask)
    act(client, reviewer, story, "approve")
    assert isinstance(current_task(story), StorytellerApprovalTask)


def link_in(message):
    return re.search(r"(http://\S+/my-story/\S+/approve/\d+/)", message.body).group(1)


def test_the_storyteller_gets_an_email_with_a_working_link(client, at_the_storyteller):
    message = [m for m in mail.outbox if "flora@example.com" in m.to][-1]
    assert message.subject == "Your story is ready for you to read"
    url = link_in(message)
    path = url.split("127.0.0.1:8000", 1)[-1] if "127.0.0.1:8000" in url else url
    token = path.split("/my-story/")[1].split("/")[0]
    link = StorytellerLink.objects.get(storyteller=at_the_storyteller.storyteller)
    # Without a code the link asks for one; with it, the story is shown.
    assert client.get(path).status_code == 302
    response = storyteller_signed_in(client, link).get(path)
    assert response.status_code == 200
    assert b"Yes, share my story like this" in response.content
    assert response["Cache-Control"] == "private, no-store"
    preview = client.get(
        reverse(
            "storyteller_page_story_preview",
            args=[token, at_the_storyteller.pk],
        )
    )
    assert preview.status_code == 200
    assert at_the_storyteller.title.encode() in preview.content.replace(b"&#x27;", b"'")
    assert preview["Cache-Control"] == "private, no-store"


def test_an_invitation_leaves_the_link_the_storyteller_already_uses_working(
    client, editor, reviewer, flora
):
    _link, token = issue_link(flora)
    story = submitted(StoryPageFactory(storyteller=flora, publish=False, owner=editor), editor)
    act(client, reviewer, story, "approve")
    assert isinstance(current_task(story), StorytellerApprovalTask)
    assert find_open_link(token) is not None
    assert StorytellerLink.objects.filter(storyteller=flora, revoked_at__isnull=True).count() == 2


def decide(client, story, decision, comment=""):
    link, token = issue_link(story.storyteller, holder=StorytellerLink.Holder.STORYTELLER)
    storyteller_signed_in(client, link)
    url = reverse("storyteller_page_approve", args=[token, story.pk])
    revision = StoryPage.objects.get(pk=story.pk).get_latest_revision()
    return client.post(
        url, {"decision": decision, "revision": revision.pk, "comment": comment}, follow=True
    )


def test_approving_on_their_page_moves_the_story_to_the_consent_officer(
    client, at_the_storyteller, officer
):
    response = decide(client, at_the_storyteller, "approve")
    assert response.status_code == 200
    assert b"You said yes to" in response.content  # told so on their page
    assert isinstance(current_task(at_the_storyteller), ConsentSafeguardingTask)
    assert is_approved(
        StoryPage.objects.get(pk=at_the_storyteller.pk).get_latest_revision_as_object()
    )
    assert PageLogEntry.objects.filter(
        page=at_the_storyteller, action="stories.storyteller.approved"
    ).exists()
    act(client, officer, at_the_storyteller, "approve")
    assert StoryPage.objects.get(pk=at_the_storyteller.pk).live


def test_asking_for_a_change_sends_the_story_back_with_the_comment(
    client, at_the_storyteller, editor
):
    mail.outbox.clear()
    decide(client, at_the_storyteller, "change", "Please call me Flo, not Flora.")
    state = WorkflowState.objects.filter(object_id=str(at_the_storyteller.pk)).latest("created_at")
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert "Please call me Flo, not Flora." in state.current_task_state.comment
    assert any(editor.email in m.to and "Please call me Flo" in m.body for m in mail.outbox), [
        m.body for m in mail.outbox
    ]
    client.force_login(editor)
    history = client.get(reverse("wagtailadmin_pages:history", args=[at_the_storyteller.pk]))
    assert b"Please call me Flo" in history.content


def test_a_change_needs_words(client, at_the_storyteller):
    response = decide(client, at_the_storyteller, "change", "  ")
    assert b"Please tell us what you would like to change." in response.content
    assert isinstance(current_task(at_the_storyteller), StorytellerApprovalTask)


def test_nobody_in_the_admin_can_approve_for_the_storyteller(client, at_the_storyteller, officer):
    response = act(client, officer, at_the_storyteller, "approve")
    assert b"Sorry, you do not have permission" in response.content
    assert isinstance(current_task(at_the_storyteller), StorytellerApprovalTask)


def test_approving_a_version_that_is_no_longer_the_latest_is_refused(at_the_storyteller):
    story = at_the_storyteller
    shown = story.get_latest_revision()
    story.title = "Edited while Flora was reading"
    story.save_revision()
    link, _token = issue_link(story.storyteller)
    with pytest.raises(ApprovalRefused, match="changed since you opened it"):
        approve(story, shown, link)
    assert isinstance(current_task(story), StorytellerApprovalTask)


def test_a_minors_own_link_cannot_approve(editor, reviewer, client):
    teen = StorytellerFactory(
        date_of_birth=date.today() - timedelta(days=15 * 366),
        email="teen@example.com",
        guardian_email="parent@example.com",
    )
    story = submitted(StoryPageFactory(storyteller=teen, publish=False, owner=editor), editor)
    act(client, reviewer, story, "approve")
    assert any("parent@example.com" in m.to for m in mail.outbox)
    own, _token = issue_link(teen, holder=StorytellerLink.Holder.STORYTELLER)
    with pytest.raises(ApprovalRefused, match="parent or guardian"):
        approve(story, story.get_latest_revision(), own)
    guardian, _token = issue_link(teen, holder=StorytellerLink.Holder.GUARDIAN)
    decision = approve(story, story.get_latest_revision(), guardian)
    assert decision.given_by == StorytellerApproval.GivenBy.GUARDIAN


def test_another_storytellers_link_answers_404(client, at_the_storyteller):
    someone_else = StorytellerFactory(email="someone@example.com")
    link, token = issue_link(someone_else)
    storyteller_signed_in(client, link)
    url = reverse("storyteller_page_approve", args=[token, at_the_storyteller.pk])
    assert client.get(url).status_code == 404
    revision = at_the_storyteller.get_latest_revision()
    assert client.post(url, {"decision": "approve", "revision": revision.pk}).status_code == 404
    preview = reverse("storyteller_page_story_preview", args=[token, at_the_storyteller.pk])
    assert client.get(preview).status_code == 404
    with pytest.raises(ApprovalRefused):
        approve(at_the_storyteller, revision, link)
    assert isinstance(current_task(at_the_storyteller), StorytellerApprovalTask)


def test_a_storyteller_with_no_address_is_reached_through_the_editors(client, editor, reviewer):
    story = submitted(
        StoryPageFactory(storyteller=StorytellerFactory(email=""), publish=False, owner=editor),
        editor,
    )
    mail.outbox.clear()
    act(client, reviewer, story, "approve")
    told = [m for m in mail.outbox if editor.email in m.to and "cannot be reached" in m.subject]
    assert told and "printed link" in told[0].body


def test_a_version_already_approved_goes_straight_on(client, editor, reviewer, flora):
    story = StoryPageFactory(storyteller=flora, publish=False, owner=editor)
    storyteller_approves(story)
    story = submitted(story, editor)
    act(client, reviewer, story, "approve")
    assert isinstance(current_task(story), ConsentSafeguardingTask)


def test_ask_for_change_requires_a_comment(at_the_storyteller):
    link, _token = issue_link(at_the_storyteller.storyteller)
    with pytest.raises(ApprovalRefused):
        ask_for_change(at_the_storyteller, at_the_storyteller.get_latest_revision(), link, "")


def test_an_edit_after_the_storyteller_said_yes_is_not_offered_for_publishing(
    client, at_the_storyteller, editor, officer
):
    decide(client, at_the_storyteller, "approve")
    story = StoryPage.objects.get(pk=at_the_storyteller.pk).get_latest_revision_as_object()
    story.title = "Changed after she said yes"
    story.save_revision(user=editor)
    response = act(client, officer, story, "approve")
    assert b"Sorry, you do not have permission" in response.content
    assert not StoryPage.objects.get(pk=story.pk).live
    panel = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert "The storyteller has not approved this version yet." in panel


def test_the_storyteller_sees_the_new_pictures_of_the_version_they_are_asked_about(
    client, at_the_storyteller
):
    from django.test import Client

    picture = StoryImageFactory(title="A new picture, not yet published")
    story = StoryPage.objects.get(pk=at_the_storyteller.pk).get_latest_revision_as_object()
    story.hero_image = picture
    story.save_revision()
    url = picture.get_rendition("width-640").url
    assert Client().get(url).status_code == 404, "nobody else sees a draft's picture"
    link, _token = issue_link(at_the_storyteller.storyteller)
    response = storyteller_signed_in(client, link).get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    stranger, _token = issue_link(StorytellerFactory(email="stranger@example.com"))
    assert storyteller_signed_in(Client(), stranger).get(url).status_code == 404


@needs_ffmpeg
def test_the_storyteller_hears_and_sees_the_clips_of_the_version_they_are_asked_about(
    client, at_the_storyteller
):
    from django.test import Client

    flora = at_the_storyteller.storyteller
    voice = StoryClipFactory(storyteller=flora)
    video = StoryClipFactory(storyteller=flora, type="video")
    story = StoryPage.objects.get(pk=at_the_storyteller.pk).get_latest_revision_as_object()
    story.body.append(("voice_clip", {"clip": voice, "caption": ""}))
    story.body.append(("video_clip", {"clip": video, "caption": ""}))
    story.save_revision()
    addresses = [voice.url, video.url, video.captions_url, video.poster_url]
    for address in addresses:
        assert Client().get(address).status_code == 404, "nobody else hears a draft's clip"
    link, _token = issue_link(flora)
    reading = storyteller_signed_in(client, link)
    for address in addresses:
        response = reading.get(address)
        assert response.status_code == 200, address
        assert "no-store" in response["Cache-Control"], address
    stranger, _token = issue_link(StorytellerFactory(email="stranger@example.com"))
    assert storyteller_signed_in(Client(), stranger).get(voice.url).status_code == 404


def test_editors_see_the_story_waiting_for_the_storyteller(client, at_the_storyteller, editor):
    client.force_login(editor)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[at_the_storyteller.pk]))
    body = page.content.decode().replace("&#x27;", "'")
    assert "Storyteller approval" in body
    assert "Waiting for the storyteller's approval" in body
    assert 'data-workflow-action-name="approve"' not in body, "nobody approves for them"


def test_the_author_may_still_cancel_the_review_while_it_waits_for_the_storyteller(
    client, at_the_storyteller, editor
):
    from .test_no_dead_ends import cancel_from_the_editor

    cancel_from_the_editor(client, editor, at_the_storyteller)
    state = WorkflowState.objects.filter(object_id=str(at_the_storyteller.pk)).latest("created_at")
    assert state.status == WorkflowState.STATUS_CANCELLED


def test_the_stories_listing_says_a_story_waits_for_its_storyteller(
    admin_client, at_the_storyteller
):
    body = admin_client.get(reverse("stories:index")).content.decode().replace("&#x27;", "'")
    assert "Covered. Waiting for the storyteller's approval." in body
