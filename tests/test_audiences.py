"""Each reader sees exactly the stories meant for an audience they belong to and
that consent covers; a story they may not see never shows its title."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import PageViewRestriction

from stories.factories import PartnerOrganisationFactory, StoryPageFactory, StorytellerFactory
from stories.pages import StoryPage
from stories.readers.membership import Membership, audience_key
from stories.visibility import visible_stories

TEACHERS_NOTE = "A teacher’s note"
WALKING_GROUP = "The walking group that walked me to the dentist"


def reader(username):
    return get_user_model().objects.get(username=username)


def client_for(username):
    client = Client()
    if username:
        client.force_login(reader(username))
    return client


@pytest.mark.parametrize(
    # People who work in the admin read every audience ("View live" works for them).
    ("username", "sees", "does_not_see"),
    [
        (None, [], [TEACHERS_NOTE, WALKING_GROUP]),
        ("teacher", [TEACHERS_NOTE], [WALKING_GROUP]),
        ("partner", [WALKING_GROUP], [TEACHERS_NOTE]),
        ("editor", [TEACHERS_NOTE, WALKING_GROUP], []),
    ],
)
def test_the_index_lists_the_stories_for_the_readers_audiences(username, sees, does_not_see):
    html = client_for(username).get("/stories/").content.decode()
    html += client_for(username).get("/stories/?page=2").content.decode()
    for title in sees:
        assert title in html
    for title in does_not_see:
        assert title not in html
    assert "Flora’s story" in html


def test_a_signed_out_visitor_asking_for_a_members_story_gets_the_sign_in_page(client):
    response = client.get("/stories/a-teachers-note/")
    assert response.status_code == 302
    assert response["Location"] == (
        "/account/sign-in/?shared_with=schools&next=/stories/a-teachers-note/"
    )
    page = client.get(response["Location"]).content.decode()
    assert "teacher’s note" not in page.lower()


def test_a_signed_in_reader_of_another_audience_gets_a_404():
    response = client_for("partner").get("/stories/a-teachers-note/")
    assert response.status_code == 404
    assert TEACHERS_NOTE not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/stories/a-teachers-note/?preview=1",
        "/stories/a-teachers-note/?format=json",
        "/stories/a-teachers-note/feed/",
        "/stories/A-TEACHERS-NOTE/",
        "/stories/a-teachers-note//",
        "/stories/a-teachers-note/index.html",
        "/stories/a-teachers-note%2F",
    ],
)
def test_variants_of_a_restricted_url_never_show_the_story(path):
    for username in (None, "partner"):
        response = client_for(username).get(path)
        assert response.status_code in (301, 302, 404), (username, path, response.status_code)
        assert TEACHERS_NOTE not in response.content.decode()


def test_a_story_no_one_may_see_is_a_404_even_signed_out(client):
    storyteller = StorytellerFactory(consent__for_schools=True)
    story = StoryPageFactory(storyteller=storyteller, for_public=False, for_schools=True)
    assert client.get(story.url).status_code == 302
    storyteller.consent_records.update(for_schools=False)  # as if lapsed, between sweeps
    assert client.get(story.url).status_code == 404


def test_a_story_whose_consent_no_longer_covers_schools_disappears_for_teachers():
    storyteller = StorytellerFactory(consent__for_schools=True)
    story = StoryPageFactory(storyteller=storyteller, for_public=False, for_schools=True)
    teacher = reader("teacher")
    assert visible_stories(teacher).filter(pk=story.pk).exists()
    storyteller.consent_records.update(for_schools=False)  # as if lapsed, between sweeps
    assert not visible_stories(teacher).filter(pk=story.pk).exists()
    assert client_for("teacher").get(story.url).status_code == 404


def test_members_of_a_suspended_organisation_are_the_public():
    school = PartnerOrganisationFactory(name="Paused", kind="school", is_suspended=True)
    user = get_user_model().objects.create_user("paused@example.com")
    Membership.objects.create(user=user, organisation=school)
    assert audience_key(user) == "public"
    assert set(visible_stories(user)) == set(visible_stories(None))


def test_wagtail_view_restrictions_still_hide_a_story_from_members():
    story = StoryPage.objects.get(slug="a-teachers-note")
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    assert not visible_stories(reader("teacher")).filter(pk=story.pk).exists()


def test_a_newly_restricted_story_leaves_cached_listings_at_once():
    client = client_for("teacher")
    assert TEACHERS_NOTE in client.get("/stories/").content.decode()
    story = StoryPage.objects.get(slug="a-teachers-note")
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    assert TEACHERS_NOTE not in client.get("/stories/").content.decode()


@pytest.mark.parametrize(("username", "expected"), [("teacher", True), ("partner", False)])
def test_search_finds_a_members_story_for_its_audience_only(username, expected):
    html = client_for(username).get("/search/?q=teacher").content.decode()
    assert (TEACHERS_NOTE in html) is expected


def test_feeds_and_the_sitemap_list_public_stories_even_for_members():
    client = client_for("teacher")
    for url in ("/stories/feed/", "/sitemap.xml"):
        assert "a-teachers-note" not in client.get(url).content.decode()


def test_related_and_featured_stories_come_through_the_gate():
    teacher_home = client_for("teacher").get("/").content.decode()
    public_home = Client().get("/").content.decode()
    assert TEACHERS_NOTE not in public_home
    assert WALKING_GROUP not in teacher_home


def test_pages_a_member_sees_are_never_kept_by_a_shared_cache():
    response = client_for("teacher").get("/stories/")
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


@pytest.mark.parametrize(
    "path",
    [
        "/stories/%00/",
        "/search/?q=%00",
        "/images/%00",
        "/api/v2/pages/find/?html_path=/stories/%00/",
        "/account/invitation/%00/",
    ],
)
def test_a_nul_character_in_an_address_is_a_clear_400_not_an_error(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "cannot have" in response.content.decode()


def test_people_who_work_in_the_admin_can_view_a_members_story_live():
    assert client_for("editor").get("/stories/a-teachers-note/").status_code == 200
    assert client_for("reviewer").get("/stories/the-walking-group/").status_code == 200
