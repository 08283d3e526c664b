"""A reader (or a feed reader, or a crawler) who already holds a page is told
it has not changed instead of being sent it again, and never so for a page
that has gone."""

import pytest
from django.contrib.auth import get_user_model

from stories.consent.withdrawal import withdraw_consent
from stories.factories import StandardPageFactory, story_index
from stories.pages import StoryPage


def flora_url():
    return StoryPage.objects.get(slug="floras-story").url


PUBLIC_PAGES = {
    "home": lambda: "/",
    "index": lambda: story_index().url,
    "filtered index": lambda: story_index().url + "?theme=dental-anxiety",
    "story": flora_url,
    "standard page": lambda: StandardPageFactory(title="Volunteering").url,
    "feed": lambda: story_index().url + "feed/",
    "embed card": lambda: flora_url() + "embed/",
}


@pytest.mark.parametrize("which", PUBLIC_PAGES)
def test_a_public_page_unchanged_since_the_reader_fetched_it_answers_304(client, which):
    url = PUBLIC_PAGES[which]()
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)  # from the page cache now
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_a_kept_page_has_the_same_etag_as_the_page_first_rendered(client):
    first = client.get(flora_url())
    kept = client.get(flora_url())
    assert kept.content == first.content
    assert kept["ETag"] == first["ETag"]


def test_a_reader_with_an_older_copy_gets_the_page(client):
    response = client.get(flora_url(), HTTP_IF_NONE_MATCH='"an-older-copy"')
    assert response.status_code == 200
    assert b"Flora" in response.content


def test_a_changed_page_is_sent_again(client):
    index = story_index()
    etag = client.get(index.url)["ETag"]
    index.title = "Every story"
    index.save_revision().publish()
    response = client.get(index.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert b"Every story" in response.content


def test_a_withdrawn_story_is_not_found_never_unchanged(client):
    url = flora_url()
    etag = client.get(url)["ETag"]
    withdraw_consent("HS-0001", "She asked us to take it down.")
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 404
    assert b"Flora" not in response.content


def test_a_withdrawn_storys_card_leaves_the_frame_of_a_site_that_had_it(client):
    url = flora_url() + "embed/"
    etag = client.get(url)["ETag"]
    withdraw_consent("HS-0001", "She asked us to take it down.")
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 404


def test_the_feed_without_a_withdrawn_story_is_sent_again(client):
    url = story_index().url + "feed/"
    etag = client.get(url)["ETag"]
    withdraw_consent("HS-0001", "She asked us to take it down.")
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert b"floras-story" not in response.content


def test_a_story_for_members_is_never_answered_from_a_copy(client):
    client.force_login(get_user_model().objects.get(username="teacher"))
    note = StoryPage.objects.get(slug="a-teachers-note")
    response = client.get(note.url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert not response.has_header("ETag")
    assert client.get(note.url, HTTP_IF_NONE_MATCH="*").status_code == 200


def test_a_signed_in_readers_page_stays_private_when_it_answers_304(client):
    client.force_login(get_user_model().objects.get(username="teacher"))
    first = client.get("/stories/")
    assert "private" in first["Cache-Control"]
    again = client.get("/stories/", HTTP_IF_NONE_MATCH=first["ETag"])
    # Each page carries the reader's own sign-out form, with a fresh token:
    # sent again, or unchanged, it is theirs alone.
    assert again.status_code in (200, 304)
    assert "private" in again["Cache-Control"]


def test_a_page_a_reader_may_no_longer_see_is_not_answered_304_after_signing_out(client):
    teacher = get_user_model().objects.get(username="teacher")
    client.force_login(teacher)
    note = StoryPage.objects.get(slug="a-teachers-note")
    client.get("/stories/")
    etag = client.get("/stories/")["ETag"]
    client.logout()
    public = client.get("/stories/", HTTP_IF_NONE_MATCH=etag)
    assert public.status_code == 200
    assert note.title.encode() not in public.content
