"""The read-only API shows what the gate allows: the public without a token,
and, with an organisation's token, the stories it may syndicate."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import APIToken

from stories.factories import PartnerOrganisationFactory, StoryPageFactory
from stories.pages import StoryPage
from stories.partners import PartnerOrganisation
from stories.readers import api_access
from stories.visibility import visible_stories

LISTING = "/api/v2/pages/?type=stories.StoryPage&limit=100&fields=title"


def titles(response):
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


def with_token(client, plaintext, url=LISTING, **extra):
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {plaintext}", **extra)


@pytest.fixture
def therapy_group():
    return PartnerOrganisation.objects.get(name="Quiet Harbour Therapy Group")


@pytest.fixture
def therapy_token(therapy_group):
    return api_access.create_token(therapy_group, "Test")[1]


def test_without_a_token_the_api_lists_public_stories_only(client):
    listed = titles(client.get(LISTING))
    public = set(visible_stories(None).values_list("title", flat=True))
    assert listed == public
    assert "The walking group that walked me to the dentist" not in listed
    assert not any("teacher’s note" in title for title in listed)


def test_a_restricted_story_is_not_found_by_id_or_path(client):
    story = StoryPage.objects.get(slug="a-teachers-note")
    assert client.get(f"/api/v2/pages/{story.pk}/").status_code == 404
    found = client.get(f"/api/v2/pages/find/?html_path={story.url}")
    assert found.status_code == 404
    assert "teacher" not in found.content.decode().lower()


def test_a_partners_token_sees_what_it_may_syndicate(client, therapy_token, therapy_group):
    listed = titles(with_token(client, therapy_token))
    assert "The walking group that walked me to the dentist" in listed
    assert "Flora’s story: the chair I could not sit in" in listed
    # Public, but its storyteller did not agree to syndication.
    assert "At my own pace" not in listed
    assert not any("teacher’s note" in title for title in listed)
    members_may_read = visible_stories(api_access.service_account_for(therapy_group))
    assert listed < set(members_may_read.values_list("title", flat=True))


def test_a_schools_token_does_not_see_the_partners_story(client):
    school = PartnerOrganisation.objects.get(name="Harbour Lane Primary School")
    plaintext = api_access.create_token(school, "School site")[1]
    listed = titles(with_token(client, plaintext))
    assert "The walking group that walked me to the dentist" not in listed
    assert "Flora’s story: the chair I could not sit in" in listed


def test_the_detail_of_a_syndicated_story_gives_the_shown_name_never_the_record(
    client, therapy_token
):
    story = StoryPage.objects.get(slug="the-walking-group")
    response = with_token(client, therapy_token, url=f"/api/v2/pages/{story.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["shown_name"] == story.shown_name
    assert "storyteller" not in data


@pytest.mark.parametrize(
    "header",
    [
        "Bearer wagtail_notarealtoken",
        "Bearer",
        "Bearer a b",
        "Bearer " + "x" * 5000,
    ],
)
def test_a_bad_token_is_refused_with_403_and_no_content(client, header):
    response = client.get(LISTING, HTTP_AUTHORIZATION=header)
    assert response.status_code == 403
    assert "items" not in response.json()


def test_a_revoked_token_stops_working_at_once(client, therapy_group, therapy_token):
    token = APIToken.objects.get(user__membership__organisation=therapy_group, name="Test")
    api_access.revoke_token(therapy_group, token.pk)
    assert with_token(client, therapy_token).status_code == 403


def test_a_suspended_organisations_token_is_refused(client, therapy_group, therapy_token):
    therapy_group.is_suspended = True
    therapy_group.save()
    response = with_token(client, therapy_token)
    assert response.status_code == 403
    assert "walking group" not in response.content.decode()


def test_a_signed_in_session_does_not_count_in_the_api(client):
    client.force_login(get_user_model().objects.get(username="teacher"))
    assert not any("teacher’s note" in title for title in titles(client.get(LISTING)))


def test_tokens_can_only_read(client, therapy_token):
    for method in (client.post, client.put, client.patch, client.delete):
        response = method(
            "/api/v2/pages/",
            data={},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {therapy_token}",
        )
        assert response.status_code == 405


@override_settings(API_RATE_PER_TOKEN="2/hour", API_RATE_ANONYMOUS="1/hour")
def test_each_token_has_its_own_rate_limit(client, therapy_token):
    assert with_token(client, therapy_token).status_code == 200
    assert with_token(client, therapy_token).status_code == 200
    assert with_token(client, therapy_token).status_code == 429
    # Another organisation's allowance is untouched.
    other = api_access.create_token(PartnerOrganisationFactory(name="Other group"), "x")[1]
    assert with_token(client, other).status_code == 200
    assert client.get(LISTING).status_code == 200
    assert client.get(LISTING).status_code == 429


def test_an_editor_creates_a_token_seen_once_and_revokes_it(client, therapy_group):
    client.force_login(get_user_model().objects.get(username="editor"))
    url = f"/admin/partners/{therapy_group.pk}/access/"
    response = client.post(url, {"action": "create", "name": "Newsletter site"})
    assert response.status_code == 200
    plaintext = response.context["new_token"]
    assert plaintext.startswith("wagtail_")
    assert plaintext in response.content.decode()
    assert plaintext not in client.get(url).content.decode()
    token = APIToken.objects.get(name="Newsletter site")
    assert with_token(client, plaintext).status_code == 200
    client.post(url, {"action": "revoke", "token": token.pk})
    assert with_token(client, plaintext).status_code == 403


def test_one_organisations_page_cannot_revoke_anothers_token(client, therapy_group, therapy_token):
    school = PartnerOrganisation.objects.get(name="Harbour Lane Primary School")
    token = APIToken.objects.get(user__membership__organisation=therapy_group, name="Test")
    client.force_login(get_user_model().objects.get(username="editor"))
    client.post(f"/admin/partners/{school.pk}/access/", {"action": "revoke", "token": token.pk})
    assert with_token(client, therapy_token).status_code == 200


def test_reviewers_cannot_manage_tokens(client, therapy_group):
    client.force_login(get_user_model().objects.get(username="reviewer"))
    response = client.get(f"/admin/partners/{therapy_group.pk}/access/")
    assert response.status_code in (302, 403)


def test_the_service_account_cannot_sign_in(client, therapy_group):
    user = api_access.service_account_for(therapy_group)
    assert not user.has_usable_password()
    assert not user.is_staff


def test_the_partner_listing_links_each_organisation_to_its_readers_and_tokens(
    client, therapy_group
):
    client.force_login(get_user_model().objects.get(username="editor"))
    response = client.get("/admin/snippets/stories/partnerorganisation/")
    assert response.status_code == 200
    assert f"/admin/partners/{therapy_group.pk}/access/" in response.content.decode()
    page = client.get(f"/admin/partners/{therapy_group.pk}/access/").content.decode()
    assert "partner@quiet-harbour.example" in page
    assert "Demo token" in page


def test_searching_the_api_goes_through_the_gate_too(client, therapy_token):
    public = titles(client.get("/api/v2/pages/?search=walking&fields=title"))
    assert "The walking group that walked me to the dentist" not in public
    syndicated = titles(with_token(client, therapy_token, url="/api/v2/pages/?search=walking"))
    assert "The walking group that walked me to the dentist" in syndicated


def test_searching_stories_of_one_type_goes_through_the_gate_too(client, therapy_token):
    url = "/api/v2/pages/?type=stories.StoryPage&search=walking&fields=title"
    assert "The walking group that walked me to the dentist" not in titles(client.get(url))
    syndicated = titles(with_token(client, therapy_token, url=url))
    assert "The walking group that walked me to the dentist" in syndicated


def sql_sent_for_a_listing(client):
    cache.clear()  # counted anew each time (stories.api.CountedOnce)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LISTING.replace("limit=100", "limit=1")).status_code == 200
    return [query["sql"] for query in queries]


def test_the_gate_goes_to_the_database_as_a_subquery_not_a_list_of_every_visible_id(client):
    sql_sent_for_a_listing(client)  # content types are looked up once per process
    before = sql_sent_for_a_listing(client)
    for number in range(5):
        StoryPageFactory(title=f"One more public story {number}")
    after = sql_sent_for_a_listing(client)
    assert [len(sql) for sql in after] == [len(sql) for sql in before]
