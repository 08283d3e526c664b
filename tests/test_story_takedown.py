"""A consent officer can take one story down, with a reason, without withdrawing consent."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from stories.consent.story_takedown import STORY_TAKEN_DOWN
from stories.factories import StoryImageFactory, StoryPageFactory, StorytellerFactory
from stories.pages import StoryPage

REASON = "The clinic asked us to check a detail before it is shown again."


@pytest.fixture
def storyteller():
    return StorytellerFactory()


@pytest.fixture
def story(storyteller):
    portrait = StoryImageFactory(title="Only in this story", shows_identifiable_person=True)
    return StoryPageFactory(
        storyteller=storyteller, title="A story to take down", hero_image=portrait
    )


@pytest.fixture
def sibling(storyteller):
    return StoryPageFactory(storyteller=storyteller, title="A story that stays up")


def take_down_url(story):
    return reverse("stories_take_story_down", args=[story.pk])


def test_the_officer_is_told_what_will_happen_before_confirming(client, officer, story):
    client.force_login(officer)
    response = client.get(take_down_url(story))
    assert response.status_code == 200
    page = response.content.decode()
    assert "A story to take down" in page
    assert "unpublished" in page
    assert "stays as it is: their other stories stay up" in page


def test_a_story_taken_down_is_gone_for_readers_and_its_consent_untouched(
    client, officer, story, sibling, storyteller, django_capture_on_commit_callbacks
):
    story_url = story.url
    assert client.get(story_url).status_code == 200
    records_before = list(storyteller.consent_records.values())

    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(take_down_url(story), {"reason": REASON}, follow=True)
    assert response.status_code == 200
    assert "taken down" in response.content.decode()

    client.logout()
    assert client.get(story_url).status_code == 404
    assert client.get(sibling.url).status_code == 200  # the storyteller's other story stays
    assert not StoryPage.objects.get(pk=story.pk).live
    assert list(storyteller.consent_records.values()) == records_before
    assert not storyteller.consent_records.filter(withdrawal__isnull=False).exists()

    entry = PageLogEntry.objects.filter(page=story, action=STORY_TAKEN_DOWN).get()
    assert entry.user == officer
    assert entry.data["reason"] == REASON
    client.force_login(officer)
    overview = client.get(reverse("stories_story_overview", args=[story.pk]))
    assert REASON in overview.content.decode()


def test_editors_read_who_took_a_story_down_but_not_why(
    client, officer, editor, story, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(take_down_url(story), {"reason": REASON})
    client.force_login(editor)
    history = client.get(reverse("wagtailadmin_pages:history", args=[story.pk]))
    assert history.status_code == 200
    assert "Taken down by a consent officer" in history.content.decode()
    assert REASON not in history.content.decode()


def test_an_empty_reason_is_refused_and_nothing_changes(client, officer, story):
    client.force_login(officer)
    response = client.post(take_down_url(story), {"reason": "   "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert StoryPage.objects.get(pk=story.pk).live
    assert not PageLogEntry.objects.filter(page=story, action=STORY_TAKEN_DOWN).exists()


def test_an_editor_cannot_take_a_story_down(client, editor, story):
    client.force_login(editor)
    response = client.post(take_down_url(story), {"reason": REASON}, follow=True)
    assert "Sorry, you do not have permission" in response.content.decode()
    assert StoryPage.objects.get(pk=story.pk).live


def test_the_officer_finds_take_down_on_the_story_the_report_and_the_storyteller(
    client, officer, story, storyteller
):
    client.force_login(officer)
    link = take_down_url(story)
    story_page = client.get(reverse("stories_story_overview", args=[story.pk]))
    assert link in story_page.content.decode()
    report = client.get(reverse("stories_consent_coverage"))
    assert link in report.content.decode()
    storyteller_page = client.get(
        reverse("wagtailsnippets_stories_storyteller:edit", args=[storyteller.pk])
    )
    assert link in storyteller_page.content.decode()


def test_take_down_is_offered_on_a_live_storys_edit_page_to_those_who_may(
    client, admin_user, editor, story
):
    client.force_login(admin_user)
    edit = reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert take_down_url(story) in client.get(edit).content.decode()
    editors_story = StoryPageFactory(owner=editor)
    client.force_login(editor)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[editors_story.pk]))
    assert take_down_url(editors_story) not in page.content.decode()
