"""Other sites show a story through a frame we serve, and only when the
storyteller let anyone reuse it: a story that leaves our site leaves theirs."""

from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from stories.consent.withdrawal import withdraw_consent
from stories.pages import StoryPage
from stories.visibility import embeddable_stories

FLORA = "floras-story"  # public, consent to reuse by anyone
OWN_PACE = "at-my-own-pace"  # public, no reuse
TEACHERS_NOTE = "a-teachers-note"  # schools only
WALKING_GROUP = "the-walking-group"  # partners only


def story(slug):
    return StoryPage.objects.get(slug=slug)


def oembed(client, url, **params):
    query = "&".join(f"{name}={value}" for name, value in params.items())
    return client.get(f"/oembed/?url={quote(url, safe='')}&{query}")


def signed_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_only_public_stories_whose_storyteller_lets_anyone_reuse_them_may_be_embedded():
    embeddable = set(embeddable_stories().values_list("slug", flat=True))
    assert FLORA in embeddable
    assert embeddable.isdisjoint({OWN_PACE, TEACHERS_NOTE, WALKING_GROUP})


def test_a_public_story_page_offers_the_code_and_announces_its_oembed(client):
    page = client.get(story(FLORA).url).content.decode()
    assert 'type="application/json+oembed"' in page
    assert "Show this story on your own site" in page
    assert "/stories/floras-story/embed/" in page


@pytest.mark.parametrize("slug", [OWN_PACE])
def test_a_story_not_for_reuse_offers_no_embedding(client, slug):
    page = client.get(story(slug).url).content.decode()
    assert "json+oembed" not in page
    assert "Show this story on your own site" not in page


def test_the_oembed_answer_is_a_frame_of_our_card_and_holds_no_story_text(client):
    flora = story(FLORA)
    response = oembed(client, flora.full_url, format="json")
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == "1.0"
    assert data["type"] == "rich"
    assert data["title"] == flora.title
    assert data["html"].startswith('<iframe src="')
    assert f"{settings.SITE_URL}{flora.url}embed/" in data["html"]
    assert data["provider_url"] == f"{settings.SITE_URL}/"
    assert "sandbox=" in data["html"]
    assert flora.summary not in data["html"]
    assert (data["width"], data["height"]) == (560, 480)


def test_oembed_answers_in_xml_for_consumers_that_ask_for_it(client):
    flora = story(FLORA)
    response = oembed(client, flora.full_url, format="xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    answer = ElementTree.fromstring(response.content)  # noqa: S314  (our own answer)
    assert answer.tag == "oembed"
    assert answer.findtext("type") == "rich"
    assert answer.findtext("title") == flora.title
    assert f"{settings.SITE_URL}{flora.url}embed/" in answer.findtext("html")
    assert answer.findtext("width") == "560"


@override_settings(SITE_URL="https://stories.example.org")
def test_the_snippet_names_the_sites_one_address_whatever_host_was_asked(client):
    flora = story(FLORA)
    response = oembed(client, f"http://testserver{flora.url}")
    assert response.status_code == 200
    answer = response.json()
    assert f'src="https://stories.example.org{flora.url}embed/"' in answer["html"]
    assert "testserver" not in answer["html"]
    assert answer["provider_url"] == "https://stories.example.org/"


def test_oembed_respects_the_largest_size_the_consumer_allows(client):
    data = oembed(client, story(FLORA).full_url, maxwidth=320, maxheight=300).json()
    assert (data["width"], data["height"]) == (320, 300)
    assert 'width="320" height="300"' in data["html"]


def test_a_narrower_frame_is_taller_so_the_card_still_fits(client):
    data = oembed(client, story(FLORA).full_url, maxwidth=320).json()
    assert (data["width"], data["height"]) == (320, 624)


def test_the_card_is_framed_by_any_site_and_links_back_to_the_story(client):
    flora = story(FLORA)
    response = client.get(f"{flora.url}embed/")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert response["X-Robots-Tag"] == "noindex"
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=60", "s-maxage=600"}
    card = response.content.decode()
    assert flora.title in card and flora.summary in card
    assert f'href="{settings.SITE_URL}{flora.url}"' in card
    assert "<source" in card and 'type="image/avif"' in card
    # The story's own page may not be framed elsewhere.
    assert client.get(flora.url)["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("slug", [OWN_PACE, TEACHERS_NOTE, WALKING_GROUP])
@pytest.mark.parametrize("reader", [None, "teacher", "partner"])
def test_no_card_and_no_oembed_for_a_story_not_for_reuse_whoever_asks(client, slug, reader):
    if reader:
        signed_in(client, reader)
    hidden = story(slug)
    card = client.get(f"{hidden.url}embed/")
    assert card.status_code == 404
    assert "X-Frame-Options" not in card  # the frame says "not shared", not a browser error
    assert hidden.title not in card.content.decode()
    answer = oembed(client, hidden.full_url)
    assert answer.status_code == 404
    assert hidden.title not in answer.content.decode()


def test_a_withdrawn_story_leaves_every_site_that_frames_it(client):
    flora = story(FLORA)
    card_url = f"{flora.url}embed/"
    assert client.get(card_url).status_code == 200
    withdraw_consent(flora.storyteller.reference, "Changed her mind")
    gone = client.get(card_url)
    assert gone.status_code == 404
    assert "This story is not shared here any more." in gone.content.decode()
    assert flora.title not in gone.content.decode()
    assert oembed(client, flora.full_url).status_code == 404


def test_wagtails_cdn_purge_of_a_story_reaches_its_card():
    flora = story(FLORA)
    batch = PurgeBatch()
    batch.add_page(flora)
    # The classroom pack's PDF too (stories.pack_pdf).
    assert set(batch.urls) == {
        flora.full_url,
        f"{flora.full_url}embed/",
        f"{flora.full_url}pack.pdf",
    }


def test_a_withdrawal_asks_the_cdn_to_forget_the_card(
    monkeypatch, django_capture_on_commit_callbacks
):
    purged = []
    monkeypatch.setattr("stories.consent.takedown.frontend_cache_enabled", lambda: True)
    monkeypatch.setattr("wagtail.contrib.frontend_cache.utils.purge_urls_from_cache", purged.extend)
    flora = story(FLORA)
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_consent(flora.storyteller.reference, "Changed her mind")
    assert f"{flora.full_url}embed/" in purged
    assert flora.full_url in purged


@pytest.mark.parametrize(
    "params, status",
    [
        ({}, 400),
        ({"url": ""}, 400),
        ({"url": "http://testserver/stories/floras-story/", "format": "yaml"}, 400),
        ({"url": "http://testserver/stories/floras-story/", "maxwidth": "wide"}, 400),
        ({"url": "http://testserver/stories/floras-story/", "maxheight": "-5"}, 400),
        ({"url": "http://elsewhere.example/stories/floras-story/"}, 404),
        ({"url": "javascript:alert(1)"}, 404),
        ({"url": "http://testserver/"}, 404),
        ({"url": "http://testserver/stories/no-such-story/"}, 404),
        ({"url": "http://testserver/somewhere/floras-story/"}, 404),
    ],
)
def test_bad_oembed_requests_get_a_clear_answer(client, params, status):
    query = "&".join(f"{name}={quote(value, safe='')}" for name, value in params.items())
    response = client.get(f"/oembed/?{query}")
    assert response.status_code == status
    assert response.json()["error"]


@pytest.mark.parametrize(
    "variant",
    [
        "http://testserver/stories/floras-story",
        "http://testserver/stories/floras-story/?utm_source=newsletter",
        "http://testserver/stories/floras-story/embed/",
        "https://testserver/stories/floras-story/#part-2",
    ],
)
def test_the_forms_of_a_story_address_people_paste_are_understood(client, variant):
    assert oembed(client, variant).status_code == 200


def test_a_frame_cannot_tell_a_draft_or_a_guessed_slug_from_a_withdrawn_story(client, draft_story):
    answers = {
        client.get(url).content
        for url in (f"{story(OWN_PACE).url}embed/", f"{draft_story.url}embed/")
    }
    answers.add(client.get("/stories/no-such-story/embed/").content)
    assert len(answers) == 1
    assert b"This story is not shared here any more." in answers.pop()


def test_oembed_only_answers_get(client):
    assert client.post("/oembed/", {"url": story(FLORA).full_url}).status_code == 405


def test_other_sites_may_keep_an_oembed_answer_for_less_than_an_hour(client):
    """A consumer re-asks within the hour, so a withdrawal leaves its pages by then."""
    response = oembed(client, story(FLORA).full_url)
    assert response.status_code == 200
    assert 0 < response.json()["cache_age"] <= 60 * 60
    cache_control = dict(
        part.split("=") for part in response["Cache-Control"].split(", ") if "=" in part
    )
    assert all(int(seconds) <= 60 * 60 for seconds in cache_control.values())
