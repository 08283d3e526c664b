"""Pictures follow their stories: a picture's URL answers only to those who may
see a story (or another public page) showing it."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from stories.factories import StoryImageFactory, StoryPageFactory, StorytellerFactory
from stories.images import StoryRendition
from stories.pages import StoryPage
from stories.partners import PartnerOrganisation

from .people import storyteller_approves


def rendition_url(image, spec="fill-400x300"):
    return image.get_rendition(spec).url


def signed_in(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.fixture
def schools_only_story():
    storyteller = StorytellerFactory(consent__for_schools=True)
    image = StoryImageFactory(title="Only in a schools story", storyteller=storyteller)
    return StoryPageFactory(
        title="For schools only",
        storyteller=storyteller,
        hero_image=image,
        for_public=False,
        for_schools=True,
    )


def test_a_public_storys_picture_is_served_to_anyone_and_may_be_cached(client):
    flora = StoryPage.objects.get(slug="floras-story")
    response = client.get(rendition_url(flora.hero_image))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    # The CDN, which take-down purges, for ten minutes; a browser, which it cannot, for one.
    cache_control = set(response["Cache-Control"].split(", "))
    assert cache_control == {"public", "max-age=60", "s-maxage=600"}


def test_a_picture_only_a_schools_story_shows_is_served_to_schools_only(client, schools_only_story):
    url = rendition_url(schools_only_story.hero_image)
    assert url.startswith("/images/")
    assert client.get(url).status_code == 404
    assert signed_in("partner").get(url).status_code == 404
    response = signed_in("teacher").get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_the_stored_file_is_not_in_any_public_folder(client, schools_only_story):
    url = rendition_url(schools_only_story.hero_image)
    name = url.removeprefix("/images/")
    assert client.get(f"/media/{name}").status_code == 404
    original = schools_only_story.hero_image.file.name
    assert client.get(f"/media/{original}").status_code == 404


def test_originals_are_served_to_the_admin_only(client):
    flora = StoryPage.objects.get(slug="floras-story")
    url = flora.hero_image.file.url
    assert client.get(url).status_code == 404
    assert signed_in("teacher").get(url).status_code == 404
    assert signed_in("editor").get(url).status_code == 200


def test_a_storytellers_picture_no_story_shows_yet_is_not_served(client):
    image = StoryImageFactory(title="Waiting for a story", storyteller=StorytellerFactory())
    assert client.get(rendition_url(image)).status_code == 404
    assert signed_in("editor").get(rendition_url(image)).status_code == 200


def test_a_partners_logo_is_served_to_anyone(client):
    logo = PartnerOrganisation.objects.exclude(logo=None).first().logo
    assert client.get(rendition_url(logo)).status_code == 200


def test_a_withdrawn_storytellers_pictures_are_not_served(client):
    from stories.consent.withdrawal import withdraw_consent

    flora = StoryPage.objects.get(slug="floras-story")
    image = flora.hero_image
    url = rendition_url(image)
    withdraw_consent(flora.storyteller.reference, "Test")
    assert client.get(url).status_code == 404
    assert client.get(rendition_url(image)).status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/images/", "/images/../../etc/passwd", "/images/images/nothing.jpg"],
)
def test_guessed_picture_urls_get_a_404(client, path):
    assert client.get(path).status_code == 404


def test_a_rendition_name_is_looked_up_not_trusted(client, schools_only_story):
    url = rendition_url(schools_only_story.hero_image)
    assert client.get(url + "?download=1").status_code == 404
    assert StoryRendition.objects.filter(file=url.removeprefix("/images/")).exists()


def test_narrowing_a_story_to_members_asks_the_cdn_to_forget_its_pictures(
    monkeypatch, django_capture_on_commit_callbacks
):
    purged = []
    monkeypatch.setattr("stories.consent.takedown.frontend_cache_enabled", lambda: True)
    monkeypatch.setattr("wagtail.contrib.frontend_cache.utils.purge_urls_from_cache", purged.extend)
    storyteller = StorytellerFactory(consent__for_schools=True)
    story = StoryPageFactory(storyteller=storyteller, hero_image=StoryImageFactory())
    url = rendition_url(story.hero_image)
    story.for_public, story.for_schools = False, True
    revision = story.save_revision()
    storyteller_approves(story)
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert url in purged
