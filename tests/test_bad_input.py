"""Addresses and query strings no page can answer get 400 or 404, never a 500:
a word where a number belongs, a number larger than any database column holds,
on SQLite and on PostgreSQL alike."""

from urllib.parse import quote, urlsplit

import pytest

from stories.pages import StoryPage

FLORA = "floras-story"  # public, consent to reuse by anyone
BEYOND_BIGINT = "9223372036854775808"  # one more than the largest 64-bit integer
TWENTY_NINES = "9" * 20


def flora():
    return StoryPage.objects.get(slug=FLORA)


def message(response):
    return response.json()["message"]


def test_finding_a_page_by_an_id_that_is_not_a_number_is_a_bad_request(client):
    response = client.get("/api/v2/pages/find/?id=abc")
    assert response.status_code == 400
    assert message(response) == "id must be a positive integer"


@pytest.mark.parametrize("page_id", ["-1", BEYOND_BIGINT, TWENTY_NINES])
def test_finding_a_page_by_an_id_no_page_can_have_is_not_found(client, page_id):
    assert client.get(f"/api/v2/pages/find/?id={page_id}").status_code == 404


def test_finding_a_page_by_its_id_still_leads_to_it(client):
    response = client.get(f"/api/v2/pages/find/?id={flora().pk}")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == f"/api/v2/pages/{flora().pk}/"


@pytest.mark.parametrize("offset", [BEYOND_BIGINT, TWENTY_NINES])
def test_an_offset_beyond_what_the_database_counts_is_a_bad_request(client, offset):
    response = client.get(f"/api/v2/pages/?offset={offset}")
    assert response.status_code == 400
    assert (
        message(response) == "offset must be a positive integer no larger than 9223372036854775807"
    )


@pytest.mark.parametrize("offset", ["100000", "9223372036854775800", "9223372036854775807"])
def test_an_offset_past_the_last_page_lists_nothing(client, offset):
    response = client.get(f"/api/v2/pages/?offset={offset}")
    assert response.status_code == 200
    assert response.json()["items"] == []
    assert response.json()["meta"]["total_count"] > 0


@pytest.mark.parametrize("page_id", [BEYOND_BIGINT, TWENTY_NINES])
def test_a_page_id_beyond_what_the_database_holds_is_not_found(client, page_id):
    assert client.get(f"/api/v2/pages/{page_id}/").status_code == 404


@pytest.mark.parametrize("name", ["child_of", "descendant_of", "ancestor_of", "translation_of"])
@pytest.mark.parametrize("page_id", [BEYOND_BIGINT, TWENTY_NINES])
def test_listing_under_a_page_no_database_can_hold_is_a_bad_request(client, name, page_id):
    assert client.get(f"/api/v2/pages/?{name}={page_id}").status_code == 400


@pytest.mark.parametrize("page_id", [BEYOND_BIGINT, TWENTY_NINES, "-1"])
def test_filtering_the_api_on_an_id_no_page_can_have_lists_nothing(client, page_id):
    response = client.get(f"/api/v2/pages/?id={page_id}")
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.parametrize("story_id", [BEYOND_BIGINT, TWENTY_NINES])
def test_a_story_link_to_a_number_no_database_holds_is_not_found(client, story_id):
    assert client.get(f"/read/{story_id}/").status_code == 404


@pytest.mark.parametrize("size", [BEYOND_BIGINT, TWENTY_NINES])
def test_an_oembed_size_larger_than_any_screen_is_capped_to_the_card(client, size):
    response = client.get(
        f"/oembed/?url={quote(flora().full_url, safe='')}&maxwidth={size}&maxheight={size}"
    )
    assert response.status_code == 200
    assert response.json()["width"] == 560


def test_oembed_answers_head_as_get(client):
    address = f"/oembed/?url={quote(flora().full_url, safe='')}&format=json"
    got = client.get(address)
    head = client.head(address)
    assert head.status_code == 200
    assert head["Content-Type"] == got["Content-Type"]
    assert head.content == b""


def test_oembed_still_refuses_a_post(client):
    address = f"/oembed/?url={quote(flora().full_url, safe='')}"
    assert client.post(address).status_code == 405


@pytest.mark.parametrize("value", ["abc", "2020-13-45"])
def test_filtering_the_api_on_a_date_that_is_no_date_is_a_bad_request(client, value):
    response = client.get(f"/api/v2/pages/?type=stories.StoryPage&first_published_at={value}")
    assert response.status_code == 400
    assert message(response).startswith("field filter error")
    assert value in message(response)


def test_oembed_for_an_address_that_is_no_address_is_not_found(client):
    response = client.get("/oembed/?url=http://[::1/stories/floras-story/")
    assert response.status_code == 404


def test_oembed_with_an_empty_format_answers_in_json(client):
    response = client.get(f"/oembed/?url={quote(flora().full_url, safe='')}&format=")
    assert response.status_code == 200
    assert response.json()["type"] == "rich"
