"""A visitor who follows a link to a story for members is told why the site asks
them to sign in: who the story is shared with, never which story it is."""

import pytest
from django.core.management import call_command

from stories.factories import StoryPageFactory, StorytellerFactory
from stories.pages import StoryPage

SIGN_IN = "/account/sign-in/"
TEACHERS_NOTE = "/stories/a-teachers-note/"


def members_story(title, **audiences):
    storyteller = StorytellerFactory(
        first_name="Philippa",
        consent__for_public=False,
        **{f"consent__{audience}": True for audience in audiences},
    )
    return StoryPageFactory(title=title, storyteller=storyteller, for_public=False, **audiences)


def followed(client, path):
    """The sign-in page a signed-out visitor lands on after following `path`."""
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)
    return client.get(response["Location"]).content.decode()


def test_a_schools_story_sends_its_visitor_to_a_sign_in_page_that_says_it_is_for_schools(client):
    story = StoryPage.objects.get(url_path__endswith="/a-teachers-note/")
    page = followed(client, TEACHERS_NOTE)
    assert "Sign in to read this story" in page
    assert "shared with schools only" in page
    assert story.title not in page
    assert "teacher’s note" not in page.lower()
    assert story.shown_name not in page


def test_a_story_for_partner_organisations_says_so(client):
    story = members_story("The kitchen table where I learnt to breathe", for_partners=True)
    page = followed(client, story.url)
    assert "shared with partner organisations only" in page
    assert "schools" not in page.split("audience-notice", 1)[1].split("</p>", 1)[0]
    assert "kitchen table" not in page.lower()
    assert "Philippa" not in page


def test_a_story_for_schools_and_partners_names_both(client):
    story = members_story("Both doors open", for_schools=True, for_partners=True)
    page = followed(client, story.url)
    assert "shared with schools and partner organisations only" in page
    assert "Both doors open" not in page


def test_a_rich_text_link_to_a_members_story_gives_the_same_reason(client):
    story = StoryPage.objects.get(url_path__endswith="/a-teachers-note/")
    page = followed(client, f"/read/{story.pk}/")
    assert "shared with schools only" in page
    assert story.title not in page


def test_the_reason_stays_when_a_password_is_mistyped(client):
    response = client.get(TEACHERS_NOTE)
    sign_in = response["Location"]
    page = client.get(sign_in).content.decode()
    assert 'action="/account/sign-in/?shared_with=schools"' in page
    again = client.post(
        "/account/sign-in/?shared_with=schools",
        {"username": "teacher", "password": "not the password", "next": TEACHERS_NOTE},
    )
    assert again.status_code == 200
    assert "shared with schools only" in again.content.decode()


@pytest.mark.parametrize(
    "marker",
    [
        "everyone-at-all",
        "<script>alert(1)</script>",
        "schools partners",
        "SCHOOLS",
        "",
        "partners-and-the-public",
    ],
)
def test_a_forged_marker_shows_the_plain_sign_in_page(client, marker):
    response = client.get(SIGN_IN, {"shared_with": marker, "next": TEACHERS_NOTE})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sign in to read this story" not in page
    assert "audience-notice" not in page
    assert "shared_with" not in page
    if marker:
        assert marker not in page


def test_the_sign_in_link_of_the_header_shows_the_plain_page(client):
    page = client.get(SIGN_IN).content.decode()
    assert "<h1>Sign in</h1>" in page
    assert "audience-notice" not in page


def test_a_public_story_opens_without_signing_in(client):
    response = client.get("/stories/floras-story/")
    assert response.status_code == 200


def test_a_withdrawn_members_story_gives_no_reason_only_the_404(client):
    story = members_story("Gone before the bell", for_schools=True)
    assert client.get(story.url).status_code == 302
    call_command("withdraw_consent", story.storyteller.reference, reason="Changed their mind.")
    response = client.get(story.url)
    assert response.status_code == 404
    assert "Gone before the bell" not in response.content.decode()
