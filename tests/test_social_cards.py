"""A public story looks right when shared (Open Graph and Twitter cards); a
story for members has no card and asks search engines not to list it."""

import re

from django.conf import settings
from django.contrib.auth import get_user_model

from stories.factories import StoryPageFactory
from stories.pages import StoryPage


def meta(html, name):
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    return found.group(1) if found else None


def test_a_public_story_has_a_card_with_its_title_summary_and_picture(client):
    flora = StoryPage.objects.get(slug="floras-story")
    html = client.get(flora.url).content.decode()
    assert meta(html, "og:title") == flora.title
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:url") == f"{settings.SITE_URL}{flora.url}"
    assert meta(html, "twitter:card") == "summary_large_image"
    image = meta(html, "og:image")
    assert image.startswith(f"{settings.SITE_URL}/images/") and image.endswith(".jpg")
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
    picture = client.get(image.removeprefix(settings.SITE_URL))
    assert picture.status_code == 200
    assert picture["Content-Type"] == "image/jpeg"
    assert f'<link rel="canonical" href="{settings.SITE_URL}{flora.url}">' in html


def test_a_story_told_in_words_only_has_a_card_without_a_picture(client):
    story = StoryPageFactory(title="Words, no pictures", hero_image=None)
    html = client.get(story.url).content.decode()
    assert meta(html, "og:title") == "Words, no pictures"
    assert meta(html, "twitter:card") == "summary"
    assert meta(html, "og:image") is None


def test_a_story_for_members_has_no_card_and_is_not_listed(client):
    client.force_login(get_user_model().objects.get(username="teacher"))
    note = StoryPage.objects.get(slug="a-teachers-note")
    html = client.get(note.url).content.decode()
    assert note.title in html  # the teacher reads it
    assert meta(html, "og:title") is None
    assert meta(html, "og:image") is None
    assert meta(html, "robots") == "noindex"
