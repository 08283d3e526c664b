"""Pages answer in a fixed number of queries, however many stories there are.

Each page is requested once to create its image renditions (as the first
reader would), then counted on the second request.
"""

import pytest

from stories.factories import StoryImageFactory, StoryPageFactory, ThemeFactory, story_index
from stories.pages import StoryPage


def count_after_warm_up(client, url, django_assert_max_num_queries, budget):
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.fixture
def more_stories():
    """Twenty more stories with pictures and themes, so growth would show."""
    theme = ThemeFactory(name="Dental anxiety")
    for number in range(20):
        StoryPageFactory(
            title=f"Extra story {number}",
            hero_image=StoryImageFactory(),
            themes=[theme],
            age_bands=["adult"],
        )


def test_story_page_needs_at_most_ten_queries(client, django_assert_max_num_queries):
    flora = StoryPage.objects.get(slug="floras-story")
    count_after_warm_up(client, flora.url, django_assert_max_num_queries, 10)


def test_story_page_budget_holds_with_more_stories(
    client, more_stories, django_assert_max_num_queries
):
    flora = StoryPage.objects.get(slug="floras-story")
    count_after_warm_up(client, flora.url, django_assert_max_num_queries, 10)


@pytest.mark.parametrize("query", ["", "?theme=dental-anxiety", "?theme=dental-anxiety&age=adult"])
def test_story_index_needs_at_most_twelve_queries(
    client, more_stories, django_assert_max_num_queries, query
):
    count_after_warm_up(client, story_index().url + query, django_assert_max_num_queries, 12)


def test_home_page_needs_at_most_twelve_queries(
    client, more_stories, django_assert_max_num_queries
):
    count_after_warm_up(client, "/", django_assert_max_num_queries, 12)


def test_a_signed_in_reader_costs_only_their_session_and_user(client, django_assert_num_queries):
    from django.contrib.auth import get_user_model

    # Four, and one read of the content generation that every process shares.
    client.get("/")
    with django_assert_num_queries(5):
        client.get("/")
    client.force_login(get_user_model().objects.get(username="teacher"))
    client.get("/")
    with django_assert_num_queries(7):
        client.get("/")
