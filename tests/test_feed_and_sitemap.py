"""The Atom feed and the sitemap list what an anonymous reader may see."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories.consent.withdrawal import withdraw_consent
from stories.factories import StandardPageFactory, StoryPageFactory, story_index
from stories.pages import StoryIndexPage, StoryPage
from stories.sitemap import StoriesSitemap
from stories.visibility import visible_stories


def test_feed_lists_public_stories_newest_first(client):
    response = client.get("/stories/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    in_english = StoryPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)
    newest, older = in_english.order_by("-first_published_at")[:2]
    assert body.index(f"/{newest.slug}/") < body.index(f"/{older.slug}/")


def test_feed_leaves_out_drafts_and_restricted_stories(client, draft_story, restricted_story):
    body = client.get("/stories/feed/").content.decode()
    assert "secret lighthouse" not in body
    assert "unfinished bridge" not in body


def test_feed_gives_the_shown_name_not_the_real_one(client):
    body = client.get("/stories/feed/").content.decode()
    flora = StoryPage.objects.get(slug="floras-story")
    assert f"<name>{flora.shown_name}</name>" in body


def test_sitemap_lists_pages_and_public_stories(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert story_index().url in body
    assert "/stories/floras-story/" in body


def test_sitemap_leaves_out_drafts_and_restricted_stories(client, draft_story, restricted_story):
    body = client.get("/sitemap.xml").content.decode()
    assert restricted_story.slug not in body
    assert draft_story.slug not in body


def test_sitemap_keeps_ordinary_pages(client):
    page = StandardPageFactory(title="Volunteering", slug="volunteering")
    assert "/volunteering/" in client.get("/sitemap.xml").content.decode()
    assert page.live


def sitemap_locations(client, url="/sitemap.xml"):
    response = client.get(url)
    assert response.status_code == 200, url
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def every_url_in_the_sitemap(client):
    """The pages' addresses, following /sitemap.xml when it is an index."""
    body = client.get("/sitemap.xml").content.decode()
    locations = sitemap_locations(client)
    if "<sitemapindex" not in body:
        return locations
    urls = []
    for sitemap in locations:
        urls += sitemap_locations(client, sitemap.removeprefix("http://testserver"))
    return urls


@pytest.fixture
def two_stories_per_sitemap(monkeypatch):
    monkeypatch.setattr(StoriesSitemap, "limit", 2)


def test_beyond_one_sitemap_the_sitemap_is_an_index_of_pages_of_stories(
    client, two_stories_per_sitemap
):
    body = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in body
    assert "http://testserver/sitemap-pages.xml" in body
    assert "http://testserver/sitemap-stories.xml?p=2" in body
    for sitemap in sitemap_locations(client):
        if "/sitemap-stories.xml" in sitemap:
            assert len(sitemap_locations(client, sitemap.removeprefix("http://testserver"))) <= 2


def test_the_pages_of_the_index_list_each_public_story_once_and_nothing_the_gate_hides(
    client, two_stories_per_sitemap, draft_story, restricted_story
):
    urls = every_url_in_the_sitemap(client)
    public = [story.full_url for story in visible_stories(None)]
    assert sorted(url for url in urls if url in public) == sorted(public)
    assert len(urls) == len(set(urls))
    indexes = [index.full_url for index in StoryIndexPage.objects.all()]  # in each language
    listed_stories = [url for url in urls if "/stories/" in url and url not in indexes]
    assert sorted(listed_stories) == sorted(public)
    assert story_index().full_url in urls
    assert not any(story.slug in url for url in urls for story in (draft_story, restricted_story))


def test_a_withdrawal_takes_the_story_out_of_the_kept_sitemap_at_once(
    client, two_stories_per_sitemap
):
    story = StoryPageFactory(title="Withdrawn from the sitemap")
    assert story.full_url in every_url_in_the_sitemap(client)
    withdraw_consent(story.storyteller.reference, "Changed their mind.")
    assert story.full_url not in every_url_in_the_sitemap(client)


def test_the_sitemap_is_kept_until_content_changes(client, two_stories_per_sitemap):
    every_url_in_the_sitemap(client)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap-stories.xml?p=2").status_code == 200
    assert len(queries) == 1  # the content generation, nothing else


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap.xml?p=2",
        "/sitemap-stories.xml?p=abc",
        "/sitemap-stories.xml?p=0",
        "/sitemap-stories.xml?p=-1",
        "/sitemap-stories.xml?p=99999",
        "/sitemap-stories.xml?p=" + "9" * 5000,
        "/sitemap-nothing.xml",
    ],
)
def test_a_sitemap_page_that_does_not_exist_is_not_found(client, url):
    assert client.get(url).status_code == 404


def test_the_sitemap_only_answers_reading(client):
    assert client.post("/sitemap.xml").status_code == 405


def feed_entries(client, **extra):
    """(id, link) of each entry of the feed, as a feed reader stores them."""
    body = client.get("/stories/feed/", **extra).content.decode()
    entries = re.findall(r"<entry>(.*?)</entry>", body, re.S)
    return [
        (re.search(r"<id>([^<]+)</id>", entry)[1], re.search(r'<link href="([^"]+)"', entry)[1])
        for entry in entries
    ]


def test_the_feeds_links_are_at_the_site_address_whatever_host_it_was_read_on(client):
    body = client.get("/stories/feed/", HTTP_HOST="localhost").content.decode()
    links = re.findall(r'href="([^"]+)"', body)
    assert links
    assert all(link.startswith(settings.SITE_URL + "/") for link in links), links
    assert f'href="{settings.SITE_URL}/stories/floras-story/"' in body
    assert "localhost" not in body and "testserver" not in body


def test_a_storys_entry_id_is_the_same_on_every_host(client):
    on_one_host = dict(feed_entries(client, HTTP_HOST="localhost"))
    cache.clear()  # the feed is kept per host
    on_another = dict(feed_entries(client, HTTP_HOST="127.0.0.1"))
    assert on_one_host.keys() == on_another.keys()
    assert all(entry_id.startswith("urn:uuid:") for entry_id in on_one_host)


def test_a_storys_entry_id_survives_a_new_slug(client):
    story = StoryPageFactory(title="Renamed later", slug="renamed-later")
    before = {link: entry_id for entry_id, link in feed_entries(client)}
    entry_id = before[f"{settings.SITE_URL}/stories/renamed-later/"]

    story.slug = "a-better-name"
    story.save_revision().publish()

    after = {link: entry_id for entry_id, link in feed_entries(client)}
    assert after[f"{settings.SITE_URL}/stories/a-better-name/"] == entry_id
    assert len(set(after.values())) == len(after)  # one id per story
