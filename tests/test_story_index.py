"""The story index: newest first, twelve a page, filters that compose with pages."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from stories.factories import StoryPageFactory, ThemeFactory, story_index
from stories.pages import STORIES_PER_PAGE


def index_url():
    return story_index().url


def titles(response):
    return [story.title for story in response.context["stories"]]


@pytest.fixture
def fifteen_river_stories():
    """Fifteen stories with a theme of their own, a day apart, newest last."""
    river = ThemeFactory(name="Rivers")
    start = timezone.now() - timedelta(days=30)
    stories = []
    for number in range(15):
        story = StoryPageFactory(
            title=f"River story {number:02d}",
            themes=[river],
            age_bands=["secondary"] if number % 2 else ["adult"],
        )
        Page.objects.filter(pk=story.pk).update(first_published_at=start + timedelta(days=number))
        stories.append(story)
    return stories


def test_index_lists_stories_newest_first(client):
    response = client.get(index_url())
    assert response.status_code == 200
    dates = [story.first_published_at for story in response.context["stories"]]
    assert dates == sorted(dates, reverse=True)


def test_index_shows_twelve_stories_a_page(client, fifteen_river_stories):
    response = client.get(index_url(), {"theme": "rivers"})
    assert titles(response) == [f"River story {n:02d}" for n in range(14, 2, -1)]
    assert len(titles(response)) == STORIES_PER_PAGE
    second = client.get(index_url(), {"theme": "rivers", "page": 2})
    assert titles(second) == ["River story 02", "River story 01", "River story 00"]


def test_theme_and_age_filters_compose(client, fifteen_river_stories):
    response = client.get(index_url(), {"theme": "rivers", "age": "secondary"})
    assert titles(response) == [f"River story {n:02d}" for n in range(13, 0, -2)]


def test_pagination_links_keep_the_filters(client, fifteen_river_stories):
    response = client.get(index_url(), {"theme": "rivers"})
    assert b"theme=rivers&amp;page=2" in response.content


def test_filtered_listing_shows_only_that_theme(client, fifteen_river_stories):
    other = StoryPageFactory(title="A story about mountains")
    response = client.get(index_url(), {"theme": "rivers", "page": 2})
    assert other.title not in titles(response)


def test_unknown_filter_values_show_all_stories(client):
    everything = titles(client.get(index_url()))
    response = client.get(index_url(), {"theme": "no-such-theme", "age": "ancient"})
    assert response.status_code == 200
    assert titles(response) == everything


def test_a_page_number_that_is_not_a_number_shows_the_first_page(client):
    response = client.get(index_url(), {"page": "abc"})
    assert response.status_code == 200
    assert response.context["stories"].number == 1


def test_a_page_beyond_the_end_is_not_found(client):
    response = client.get(index_url(), {"page": "99999"})
    assert response.status_code == 404


def test_drafts_and_restricted_stories_are_not_listed(client, draft_story, restricted_story):
    response = client.get(index_url(), {"theme": "test-theme"})
    assert response.status_code == 200
    assert titles(response) == []
    assert b"secret lighthouse" not in response.content
    assert b"unfinished bridge" not in response.content


def counts_in(queries):
    return [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]


def test_each_page_of_the_index_is_numbered_from_one_count_per_generation(
    client, fifteen_river_stories
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from stories.consent.withdrawal import withdraw_consent

    with CaptureQueriesContext(connection) as first:
        page_one = client.get(f"{index_url()}?theme=rivers")
    with CaptureQueriesContext(connection) as second:
        page_two = client.get(f"{index_url()}?theme=rivers&page=2")
    assert page_one.context["stories"].paginator.count == 15
    assert len(counts_in(first.captured_queries)) == 1
    assert counts_in(second.captured_queries) == [], "page 2 reuses the count"
    assert titles(page_two) == ["River story 02", "River story 01", "River story 00"]

    withdraw_consent(fifteen_river_stories[0].storyteller.reference, "No longer")
    with CaptureQueriesContext(connection) as after:
        page_two = client.get(f"{index_url()}?theme=rivers&page=2")
    assert len(counts_in(after.captured_queries)) == 1, "a withdrawal counts anew"
    assert page_two.context["stories"].paginator.count == 14
    assert titles(page_two) == ["River story 02", "River story 01"]
