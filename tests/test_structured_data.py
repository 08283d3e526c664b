"""Search engines read a public story as a schema.org Article: its title, the
name it is told under and nothing more of the storyteller, its dates, its
picture and the campaign behind it. A story for members describes nothing."""

import json
import re

from django.conf import settings
from django.contrib.auth import get_user_model

from stories.factories import StoryPageFactory, StorytellerFactory
from stories.naming import NamingChoice
from stories.pages import StoryPage


def articles(html):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(text) for text in found]


def article_of(client, story):
    response = client.get(story.url)
    assert response.status_code == 200
    (article,) = articles(response.content.decode())
    return article


def test_a_public_story_is_described_as_an_article(client):
    flora = StoryPage.objects.get(slug="floras-story")
    article = article_of(client, flora)
    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "Article"
    assert article["headline"] == flora.title
    assert article["author"] == {"@type": "Person", "name": flora.shown_name}
    assert article["datePublished"].startswith(flora.first_published_at.date().isoformat())
    assert article["dateModified"].startswith(flora.last_published_at.date().isoformat())
    assert article["publisher"]["@type"] == "Organization"
    assert article["publisher"]["name"] == "Histories & Smiles"
    assert article["url"] == settings.SITE_URL + flora.url
    assert article["image"].startswith(settings.SITE_URL + "/images/")
    assert article["image"].endswith(".jpg")
    assert client.get(article["image"].removeprefix(settings.SITE_URL)).status_code == 200


def test_the_article_names_the_storyteller_only_as_the_story_does(client):
    storyteller = StorytellerFactory(
        naming=NamingChoice.PSEUDONYM,
        pseudonym="Sea Glass",
        first_name="Margarethe",
        last_name="Oyelaran-Fitzgerald",
    )
    story = StoryPageFactory(storyteller=storyteller, title="Told under another name")
    response = client.get(story.url).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', response, re.S)[1]
    assert article_of(client, story)["author"] == {"@type": "Person", "name": "Sea Glass"}
    assert "Margarethe" not in script and "Oyelaran" not in script


def test_an_anonymous_storyteller_is_no_author_at_all(client):
    storyteller = StorytellerFactory(
        naming=NamingChoice.ANONYMOUS, first_name="Ingrid", last_name="Halvorsen"
    )
    story = StoryPageFactory(storyteller=storyteller, title="Told by no one in particular")
    article = article_of(client, story)
    assert "author" not in article
    assert "Ingrid" not in json.dumps(article)


def test_a_story_without_a_picture_describes_none(client):
    story = StoryPageFactory(title="Words alone", hero_image=None)
    assert "image" not in article_of(client, story)


def test_nothing_in_a_story_can_break_out_of_its_description(client):
    story = StoryPageFactory(
        title="</script><script>alert(1)</script> & <!-- more",
        summary="A summary that closes tags: </script>",
    )
    html = client.get(story.url).content.decode()
    (article,) = articles(html)
    assert article["headline"] == "</script><script>alert(1)</script> & <!-- more"
    assert "<script>alert(1)" not in html


def test_a_story_for_members_is_described_to_no_one(client):
    client.force_login(get_user_model().objects.get(username="teacher"))
    note = StoryPage.objects.get(slug="a-teachers-note")
    response = client.get(note.url)
    assert response.status_code == 200
    assert articles(response.content.decode()) == []
    assert "application/ld+json" not in response.content.decode()


def test_pages_that_are_not_stories_describe_no_article(client):
    for url in ("/", "/stories/", "/about/"):
        assert articles(client.get(url).content.decode()) == []
