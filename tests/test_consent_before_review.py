"""Editors meet consent before their work is wasted; reviewers and consent
officers see it beside every step, and nobody is told "approved" for a story
the guard would not publish."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from stories.consent.policy import long_date
from stories.consent.withdrawal import withdraw_consent
from stories.factories import (
    ConsentRecordFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
    story_index,
)
from stories.pages import StoryPage
from stories.review import ConsentSafeguardingTask

from .people import act, storyteller_approves

TODAY = timezone.localdate
APPROVE_BUTTON = 'data-workflow-action-name="approve"'


@pytest.fixture
def public_only():
    """A storyteller whose consent covers the public only, for 90 days."""
    return StorytellerFactory(reference="HS-7001", consent__expires_on=TODAY() + timedelta(days=90))


def edit_url(story):
    return reverse("wagtailadmin_pages:edit", args=[story.pk])


def add_url():
    return reverse("wagtailadmin_pages:add", args=["stories", "storypage", story_index().pk])


def story_form(storyteller, **changes):
    """What the editor's form posts for a story, with changes."""
    data = {
        "title": "Finding my smile again",
        "slug": "finding-my-smile-again",
        "summary": "A short story about a long road.",
        "storyteller": storyteller.pk,
        "content_notes": "",
        "body-count": "1",
        "body-0-type": "pull_quote",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-value-quote": "I smiled.",
        "body-0-value-attribution": "",
        "for_public": "on",
        "related_stories-TOTAL_FORMS": "0",
        "related_stories-INITIAL_FORMS": "0",
        "related_stories-MIN_NUM_FORMS": "0",
        "related_stories-MAX_NUM_FORMS": "3",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def body_as_posted(story):
    """The story's body as the edit form posts it (the admin builds it in JavaScript)."""
    blocks = []
    for block in story.body:
        if block.block_type == "paragraph":
            blocks.append(("paragraph", rich_text(block.value.source)))
        elif block.block_type == "pull_quote":
            blocks.append(("pull_quote", dict(block.value)))
    return nested_form_data({"body": streamfield(blocks)})


def submitted_story(editor, **fields):
    story = StoryPageFactory(publish=False, owner=editor, **fields)
    story.save_revision(user=editor)
    story.get_workflow().start(story, editor)
    return StoryPage.objects.get(pk=story.pk)


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


# 1. The panel on the create form, and beside every step


def test_the_create_form_asks_for_a_storyteller_to_show_their_consent(client, editor):
    client.force_login(editor)
    body = client.get(add_url()).content.decode()
    assert "Choose a storyteller to see their consent." in body
    assert "stories/admin/story_consent_panel.js" in body


def test_the_panel_follows_the_storyteller_and_audiences_chosen_before_saving(
    client, editor, public_only
):
    client.force_login(editor)
    url = reverse("stories_story_consent_panel")
    covered = client.get(url, {"storyteller": public_only.pk, "for_public": "on"})
    assert "Consent covers this story from" in covered.content.decode()
    schools = client.get(url, {"storyteller": public_only.pk, "for_schools": "on"})
    body = schools.content.decode()
    assert "HS-7001" in body
    assert "Consent does not cover schools." in body
    nobody = client.get(url, {"storyteller": "not-a-number"})
    assert "Choose a storyteller to see their consent." in nobody.content.decode()


def test_the_panel_follows_the_hero_picture_chosen_before_saving(client, editor):
    client.force_login(editor)
    portrait = StoryImageFactory(title="Smiling at the door", shows_identifiable_person=True)
    landscape = StoryImageFactory(title="The waiting room")
    url = reverse("stories_story_consent_panel")
    words_only = StorytellerFactory(reference="HS-7002", consent__identifiable_photos=False)
    chosen = {"storyteller": words_only.pk, "for_public": "on"}
    body = client.get(url, {**chosen, "hero_image": portrait.pk}).content.decode()
    assert "Smiling at the door" in body
    assert "cannot be published" in body
    body = client.get(url, {**chosen, "hero_image": landscape.pk}).content.decode()
    assert "Consent covers this story from" in body
    unknown = client.get(url, {**chosen, "hero_image": "99999999999999999999"})
    assert unknown.status_code == 200


def test_the_panel_follows_the_go_live_date_chosen_before_saving(client, editor, public_only):
    client.force_login(editor)
    go_live = TODAY() + timedelta(days=120)
    response = client.get(
        reverse("stories_story_consent_panel"),
        {
            "storyteller": public_only.pk,
            "for_public": "on",
            "go_live_at": f"{go_live.isoformat()} 09:00",
        },
    )
    ends = long_date(TODAY() + timedelta(days=90))
    assert (
        f"The story goes live on {long_date(go_live)}, after consent ends on {ends}."
        in response.content.decode()
    )
    garbled = client.get(
        reverse("stories_story_consent_panel"),
        {"storyteller": public_only.pk, "for_public": "on", "go_live_at": "next Tuesday"},
    )
    assert garbled.status_code == 200
    assert "Consent covers this story from" in garbled.content.decode()


def test_the_panel_needs_a_user_who_may_see_storytellers(client, django_user_model, public_only):
    reader = django_user_model.objects.create_user("reader", "reader@example.com", "pw")
    client.force_login(reader)
    response = client.get(reverse("stories_story_consent_panel"), {"storyteller": public_only.pk})
    assert b"HS-7001" not in response.content


def test_reviewers_and_consent_officers_see_the_panel_when_they_open_a_story(
    client, editor, reviewer, officer
):
    story = submitted_story(editor)
    client.force_login(reviewer)
    assert b"Consent covers this story from" in client.get(edit_url(story)).content
    act(client, reviewer, story, "approve")
    storyteller_approves(story)
    client.force_login(officer)
    body = client.get(edit_url(story)).content.decode()
    assert "Consent covers this story from" in body
    assert "The storyteller has approved this version." in body
    assert APPROVE_BUTTON in body
    assert "Approve and publish" in body


# 2. Judged for the day the story goes live, until consent ends


def test_the_panel_says_until_when_consent_covers_the_story(admin_client, public_only):
    story = StoryPageFactory(storyteller=public_only, publish=False)
    body = admin_client.get(edit_url(story)).content.decode()
    ends = long_date(TODAY() + timedelta(days=90))
    assert f"Consent covers this story from {long_date(TODAY())} until {ends}." in body


def test_a_story_scheduled_after_consent_ends_is_told_so_and_not_offered_for_approval(
    client, editor, reviewer, officer, public_only
):
    go_live = timezone.now() + timedelta(days=120)
    story = submitted_story(editor, storyteller=public_only, go_live_at=go_live)
    client.force_login(editor)
    body = client.get(edit_url(story)).content.decode()
    ends = long_date(TODAY() + timedelta(days=90))
    expected = (
        f"The story goes live on {long_date(timezone.localdate(go_live))}, "
        f"after consent ends on {ends}."
    )
    assert expected in body
    assert "Consent covers this story" not in body
    assert "Consent in force" not in body

    act(client, reviewer, story, "approve")
    storyteller_approves(story)
    client.force_login(officer)
    assert APPROVE_BUTTON not in client.get(edit_url(story)).content.decode()
    response = act(client, officer, story, "approve")
    assert b"Sorry, you do not have permission" in response.content
    assert not StoryPage.objects.get(pk=story.pk).live


# 3. Submission refused while the policy reports a problem


def test_submitting_a_story_consent_does_not_cover_is_refused_and_the_draft_kept(
    client, editor, public_only
):
    story = StoryPageFactory(storyteller=public_only, publish=False, owner=editor)
    client.force_login(editor)
    response = client.post(
        edit_url(story),
        story_form(public_only, title="Now for schools too", **{"for_schools": "on"})
        | {"slug": story.slug, "action-submit": "Submit for review"},
        follow=True,
    )
    said = " ".join(messages_of(response))
    assert "“Now for schools too” was not submitted for review" in said
    assert "Consent does not cover schools." in said
    assert not WorkflowState.objects.filter(object_id=str(story.pk)).exists()
    draft = StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object()
    assert draft.title == "Now for schools too"
    assert draft.for_schools


def test_submitting_from_the_create_form_is_refused_with_the_reason(client, editor, public_only):
    client.force_login(editor)
    response = client.post(
        add_url(),
        story_form(public_only, for_partners="on") | {"action-submit": "Submit for review"},
        follow=True,
    )
    said = " ".join(messages_of(response))
    assert "was not submitted for review" in said
    assert "Consent does not cover partner organisations." in said
    story = StoryPage.objects.get(slug="finding-my-smile-again")
    assert not story.live
    assert not WorkflowState.objects.filter(object_id=str(story.pk)).exists()


def test_a_story_consent_covers_is_submitted_as_before(client, editor, public_only):
    story = StoryPageFactory(storyteller=public_only, publish=False, owner=editor)
    client.force_login(editor)
    client.post(
        edit_url(story),
        story_form(public_only) | {"slug": story.slug, "action-submit": "Submit for review"},
    )
    assert WorkflowState.objects.active().filter(object_id=str(story.pk)).exists()


# 4 and 6. What the consent officer sees


def test_the_heading_does_not_say_in_force_while_there_are_problems(admin_client, public_only):
    withdraw_consent(public_only.reference, "Changed her mind.")
    story = StoryPageFactory(storyteller=public_only, publish=False)
    body = admin_client.get(edit_url(story)).content.decode()
    assert "Consent was withdrawn on" in body
    assert "Consent in force" not in body
    assert "the consent officer is not offered “Approve and publish”" in body


def test_the_officers_final_action_reads_approve_and_publish(editor, officer):
    story = submitted_story(editor)
    storyteller_approves(story)
    task = ConsentSafeguardingTask.objects.get()
    labels = [label for _name, label, _modal in task.get_actions(story, officer)]
    assert "Approve and publish" in labels
    assert "Approve" not in labels


# 5. An approval the guard refuses is told, never "approved"


def test_an_approval_the_guard_refuses_tells_the_approver_and_the_editor(
    client, editor, reviewer, officer, public_only, mailoutbox, monkeypatch
):
    story = submitted_story(editor, storyteller=public_only, title="Too late")
    act(client, reviewer, story, "approve")
    storyteller_approves(story)
    # The officer's screen was judged before the storyteller withdrew.
    monkeypatch.setattr(ConsentSafeguardingTask, "consent_problems", staticmethod(lambda obj: []))
    ConsentRecordFactory(storyteller=public_only, for_public=False, for_schools=True)
    mailoutbox.clear()

    response = act(client, officer, story, "approve")

    said = " ".join(messages_of(response))
    assert "“Too late” was not approved or published" in said
    assert "Consent does not cover the public." in said
    assert "approved in" not in said
    assert not StoryPage.objects.get(pk=story.pk).live
    state = WorkflowState.objects.get(object_id=str(story.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    to_editor = [message for message in mailoutbox if editor.email in message.to]
    assert to_editor, "the editor hears why"
    assert all("has been approved" not in message.subject for message in mailoutbox)
    assert any("was not published" in message.subject for message in to_editor)
    assert any("Consent does not cover the public." in message.body for message in to_editor)


def test_an_approval_from_the_edit_view_the_guard_refuses_is_explained_too(
    client, editor, reviewer, officer, public_only, monkeypatch, settings
):
    # The form posts back as a new revision; keep the clinical approval for it.
    settings.WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = False
    story = submitted_story(editor, storyteller=public_only, title="Edited too late")
    act(client, reviewer, story, "approve")
    storyteller_approves(story)
    monkeypatch.setattr(ConsentSafeguardingTask, "consent_problems", staticmethod(lambda obj: []))
    ConsentRecordFactory(storyteller=public_only, for_public=False, for_schools=True)
    client.force_login(officer)
    page = client.get(edit_url(story)).content.decode()
    data = querydict_from_html(page, form_id="page-edit-form")
    data.update(body_as_posted(story))
    data["for_public"] = "on"
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})

    response = client.post(edit_url(story), data, follow=True)

    said = " ".join(messages_of(response))
    assert "“Edited too late” was not approved or published" in said
    assert "Consent does not cover the public." in said
    assert "has been updated" not in said
    assert not StoryPage.objects.get(pk=story.pk).live


def test_an_approval_that_publishes_still_tells_the_editor_it_was_approved(
    client, editor, reviewer, officer, mailoutbox
):
    story = submitted_story(editor, title="Good news")
    act(client, reviewer, story, "approve")
    storyteller_approves(story)
    mailoutbox.clear()
    act(client, officer, story, "approve")
    assert StoryPage.objects.get(pk=story.pk).live
    assert any("has been approved" in message.subject for message in mailoutbox)


# 7. A Consent column in the Stories listing and the awaiting-review report


def test_the_stories_listing_says_why_a_story_is_blocked(admin_client, public_only):
    StoryPageFactory(title="Plain story", storyteller=public_only, publish=False)
    StoryPageFactory(
        title="Schools story", storyteller=public_only, for_schools=True, publish=False
    )
    withdrawn = StorytellerFactory()
    StoryPageFactory(title="Taken down story", storyteller=withdrawn, publish=False)
    withdraw_consent(withdrawn.reference, "Changed his mind.")
    body = admin_client.get(reverse("stories:index")).content.decode()
    assert "Consent" in body
    assert "Covered" in body
    assert "Consent does not cover schools." in body
    assert f"Consent was withdrawn on {long_date(TODAY())}." in body


def test_the_stories_listing_asks_no_more_per_row(admin_client, django_assert_max_num_queries):
    for _ in range(2):
        StoryPageFactory(publish=False)
    admin_client.get(reverse("stories:index"))  # warm caches (content types, sites)
    with django_assert_max_num_queries(200) as few:
        admin_client.get(reverse("stories:index"))
    for _ in range(6):
        StoryPageFactory(publish=False)
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get(reverse("stories:index"))


def test_the_awaiting_review_report_has_a_consent_column(client, editor, public_only):
    submitted_story(editor, storyteller=public_only, title="Waiting story")
    ConsentRecordFactory(storyteller=public_only, for_public=False, for_schools=True)
    submitted_story(editor, title="Fine and waiting")
    client.force_login(editor)
    body = client.get(reverse("stories_awaiting_review")).content.decode()
    assert "Waiting story" in body
    assert "Consent does not cover the public." in body
    assert "Covered" in body
