"""The Atom feed and the sitemap list what an anonymous reader may see."""

from stories.factories import StandardPageFactory, story_index
from stories.pages import StoryPage


def test_feed_lists_public_stories_newest_first(client):
    response = client.get("/stories/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    newest, older = StoryPage.objects.live().order_by("-first_published_at")[:2]
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
