"""The API's `total_count` is what the gate lets this caller list, counted once
for each listing until anything is published or consent changes: a partner
paging through a long listing does not make the database count every
visible story again for each page, and a withdrawal shows in the count at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories.consent.withdrawal import withdraw_consent
from stories.pages import StoryPage
from stories.partners import PartnerOrganisation
from stories.readers import api_access
from stories.visibility import visible_stories

LISTING = "/api/v2/pages/?type=stories.StoryPage&fields=title&limit=2"


def read(client, url, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    counted = [
        q for q in queries if "COUNT(" in q["sql"].upper() and "wagtailcore_page" in q["sql"]
    ]
    return response.json(), counted


def therapy_token():
    group = PartnerOrganisation.objects.get(name="Quiet Harbour Therapy Group")
    return api_access.create_token(group, "Newsletter")[1]


def test_the_count_is_what_the_gate_lets_each_caller_list(client):
    public, _ = read(client, LISTING)
    syndicated, _ = read(client, LISTING, token=therapy_token())
    assert public["meta"]["total_count"] == visible_stories(None).count()
    assert syndicated["meta"]["total_count"] != public["meta"]["total_count"]


def test_the_next_page_of_a_listing_is_not_counted_again(client):
    first, counted_first = read(client, LISTING)
    second, counted_second = read(client, f"{LISTING}&offset=2")
    assert counted_first and not counted_second
    assert second["meta"]["total_count"] == first["meta"]["total_count"]
    assert {item["id"] for item in first["items"]}.isdisjoint(
        item["id"] for item in second["items"]
    )


def test_other_filters_are_counted_apart(client):
    everything, _ = read(client, LISTING)
    story = visible_stories(None).order_by("pk").first()
    one, counted = read(client, f"{LISTING}&slug={story.slug}")
    assert counted
    assert one["meta"]["total_count"] == 1 < everything["meta"]["total_count"]


def test_a_withdrawal_shows_in_the_count_at_once(client):
    before, _ = read(client, LISTING)
    story = StoryPage.objects.get(slug="at-my-own-pace")
    withdraw_consent(story.storyteller.reference, "She asked us to take it down.")
    after, counted = read(client, LISTING)
    assert counted
    assert after["meta"]["total_count"] == visible_stories(None).count()
    assert after["meta"]["total_count"] < before["meta"]["total_count"]
