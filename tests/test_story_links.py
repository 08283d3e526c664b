"""A link in a page's text to a story for members never names the story to
readers outside its audiences, and takes those inside straight to it."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.rich_text import RichText

from stories.factories import StandardPageFactory
from stories.pages import StoryPage


def page_linking_to(*stories):
    links = "".join(
        f'<p>Read <a linktype="page" id="{story.pk}">this one</a>.</p>' for story in stories
    )
    return StandardPageFactory(
        title="Stories we recommend",
        slug="recommended",
        body=[("paragraph", RichText(links))],
    )


def signed_in(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.fixture
def teachers_note():
    return StoryPage.objects.get(slug="a-teachers-note")


def test_a_link_to_a_story_for_members_does_not_show_its_address(client, teachers_note):
    page_linking_to(teachers_note)
    html = client.get("/recommended/").content.decode()
    assert "a-teachers-note" not in html
    assert f'href="/read/{teachers_note.pk}/"' in html


def test_a_link_to_a_public_story_keeps_its_address(client):
    flora = StoryPage.objects.get(slug="floras-story")
    page_linking_to(flora)
    assert f'href="{flora.url}"' in client.get("/recommended/").content.decode()


def test_the_link_takes_a_teacher_to_the_story(client, teachers_note):
    response = signed_in(client, "teacher").get(f"/read/{teachers_note.pk}/")
    assert response.status_code == 302
    assert response["Location"] == teachers_note.url


def test_the_link_asks_a_visitor_to_sign_in_without_naming_the_story(client, teachers_note):
    response = client.get(f"/read/{teachers_note.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")
    assert "teachers-note" not in response["Location"]


def test_outside_the_audience_the_link_leads_nowhere(client):
    walking_group = StoryPage.objects.get(slug="the-walking-group")  # for partners
    response = signed_in(client, "teacher").get(f"/read/{walking_group.pk}/")
    assert response.status_code == 404
    assert b"walking" not in response.content.lower()


@pytest.mark.parametrize("path", ["/read/999999/", "/read/0/", "/read/abc/"])
def test_guessed_links_get_a_404(client, path):
    assert client.get(path).status_code == 404
