"""Search at /search/?q=: finds what a reader may see and nothing else."""

import pytest

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
    response = client.get("/search/", {"q": "lighthouse"})
    assert b"secret lighthouse" not in response.content
    assert found(client, "lighthouse") == []
    assert found(client, "bridge") == []


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
