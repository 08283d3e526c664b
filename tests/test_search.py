"""Search at /search/?q=: finds what a reader may see and nothing else."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories.factories import StoryPageFactory, ThemeFactory
from stories.pages import StoryPage


def found(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return [story.title for story in response.context["results"]]


def test_search_finds_floras_story_by_her_name(client):
    flora = StoryPage.objects.get(slug="floras-story")
    assert flora.title in found(client, "Flora")


def test_search_finds_stories_by_summary_body_and_theme(client):
    theme = ThemeFactory(name="Marmalade")
    story = StoryPageFactory(
        title="Quiet morning",
        summary="About a kingfisher by the canal.",
        body=[("paragraph", "<p>The hygienist hummed a lullaby called Periwinkle.</p>")],
        themes=[theme],
    )
    assert story.title in found(client, "kingfisher")
    assert story.title in found(client, "Periwinkle")
    assert story.title in found(client, "Marmalade")


def test_search_never_shows_drafts_or_restricted_stories(client, draft_story, restricted_story):
    assert found(client, "lighthouse") == []
    assert found(client, "bridge") == []
    kept = client.get("/search/", {"q": "lighthouse"})  # as kept for the next reader
    assert b"secret lighthouse" not in kept.content


def test_empty_query_shows_the_search_form(client):
    response = client.get("/search/", {"q": ""})
    assert response.status_code == 200
    assert response.context["results"] is None
    assert b'name="q"' in response.content


def test_a_very_long_query_gets_a_normal_page(client):
    response = client.get("/search/", {"q": "smile " * 400})
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["abc", "-3", ""])
def test_bad_page_numbers_show_the_first_page_of_results(client, page):
    response = client.get("/search/", {"q": "dentist", "page": page})
    assert response.status_code == 200


def test_a_results_page_beyond_the_end_is_not_found(client):
    response = client.get("/search/", {"q": "dentist", "page": 99999})
    assert response.status_code == 404


def test_search_results_are_paginated(client):
    for number in range(12):
        StoryPageFactory(title=f"Zebra crossing {number}", summary="Stripes everywhere.")
    first = found(client, "zebra")
    second = found(client, "zebra", page=2)
    assert len(first) == 10
    assert len(second) == 2
    assert not set(first) & set(second)


@pytest.mark.parametrize(
    "query", ['"', 'tooth"ache', "'", "*", "AND", "NEAR(", "{title}:x", "-", "\\"]
)
def test_punctuation_and_search_syntax_are_words_not_errors(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_a_search_matching_more_stories_than_are_ranked_shows_the_closest_and_says_so(
    client, monkeypatch
):
    monkeypatch.setattr("stories.search.MOST_RELEVANT", 3)
    for number in range(5):
        StoryPageFactory(title=f"Heron at dawn {number}", summary="A heron on the weir.")
    response = client.get("/search/", {"q": "heron"})
    assert len(response.context["results"]) == 3
    assert response.context["closest_only"]
    assert "these are the 3 closest" in response.content.decode()


def test_stories_the_gate_hides_take_no_place_among_the_results(
    client, monkeypatch, draft_story, restricted_story
):
    monkeypatch.setattr("stories.search.MOST_RELEVANT", 3)
    public = StoryPageFactory(title="A lighthouse keeper's smile", summary="Lighthouse.")
    assert found(client, "lighthouse") == [public.title]
    response = client.get("/search/", {"q": "lighthouse", "page": 1})
    assert response.context["results"].paginator.count == 1
    assert not response.context["closest_only"]


def queries_for_a_search(client, query):
    # Asked twice: the first renders the menu afresh after content changed; the
    # second, at another address, is rendered afresh rather than kept.
    client.get("/search/", {"q": query})
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/search/", {"q": query, "page": 1}).status_code == 200
    return len(queries)


def test_a_search_costs_the_same_queries_however_many_stories_match(client):
    def add_otter_stories(count):
        for _ in range(count):
            StoryPageFactory(summary="An otter in the reeds.")

    add_otter_stories(11)  # more than one page of results
    eleven_matches = queries_for_a_search(client, "otter")
    add_otter_stories(30)
    assert queries_for_a_search(client, "otter") == eleven_matches
