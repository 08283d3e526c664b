"""A plain page may lead to stories with their cards; each reader sees only the
cards of stories the gate lets them read, and a story that goes leaves no gap."""

import pytest
from django.contrib.auth import get_user_model

from stories.consent.withdrawal import withdraw_consent
from stories.pages import StoryPage

FLORA = "Flora’s story: the chair I could not sit in"
TEACHERS_NOTE = "A teacher’s note"
WALKING_GROUP = "The walking group that walked me to the dentist"


def about_page(client, username=None):
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    response = client.get("/about/")
    assert response.status_code == 200
    return response.content.decode()


def title_of(slug):
    return StoryPage.objects.get(slug=slug).title


@pytest.mark.parametrize(
    "reader, shown, hidden",
    [
        (None, ["floras-story"], ["a-teachers-note", "the-walking-group"]),
        ("teacher", ["floras-story", "a-teachers-note"], ["the-walking-group"]),
        ("partner", ["floras-story", "the-walking-group"], ["a-teachers-note"]),
    ],
)
def test_each_reader_sees_the_cards_of_the_stories_they_may_read(client, reader, shown, hidden):
    page = about_page(client, reader)
    for slug in shown:
        assert title_of(slug) in page
        assert f'href="/stories/{slug}/"' in page
    for slug in hidden:
        assert title_of(slug) not in page
        assert f"/stories/{slug}/" not in page


def test_a_withdrawn_story_leaves_the_page_without_a_gap(client):
    flora = StoryPage.objects.get(slug="floras-story")
    withdraw_consent(flora.storyteller.reference, "No longer wishes to share")
    page = about_page(client)
    assert flora.title not in page
    assert 'class="story-in-page"' not in page


def test_a_deleted_story_does_not_break_the_page(client):
    StoryPage.objects.get(slug="floras-story").delete()
    assert "About the campaign" in about_page(client)


def test_in_the_api_a_story_block_names_its_story_only_to_readers_who_may_read_it(rf):
    from django.contrib.auth.models import AnonymousUser

    from stories.blocks import StoryCardBlock

    block = StoryCardBlock()
    request = rf.get("/api/v2/pages/")
    request.user = AnonymousUser()
    teachers_note = StoryPage.objects.get(slug="a-teachers-note")
    assert block.get_api_representation(teachers_note, {"request": request}) is None
    request.user = get_user_model().objects.get(username="teacher")
    assert block.get_api_representation(teachers_note, {"request": request}) == teachers_note.pk
