"""Pages answer in a fixed number of queries, however many stories there are.

Warm: the page is in the page cache (stories.page_cache), as it is for every
reader after the first. Cold: right after a publish elsewhere, when no page
or fragment is kept for the new content generation and everything is
rendered again (Wagtail's own caches of site addresses and renditions stay
warm, as they do after a publish). Each page is requested once first, to
create its image renditions as the first reader would.
"""

import pytest
from django.contrib.auth import get_user_model

from stories.caching import content_changed
from stories.factories import StoryImageFactory, StoryPageFactory, ThemeFactory, story_index
from stories.pages import StoryPage

# Two of each are the reader's language: Wagtail's routing asks which locale
# the address is in, and the language switcher asks the gate which of the
# page's translations this reader may see (stories.translations).
STORY_BUDGET = 12
LISTING_BUDGET = 14


def cold(client, url, django_assert_max_num_queries, budget):
    assert client.get(url).status_code == 200
    content_changed()
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


@pytest.fixture
def flora_url():
    return StoryPage.objects.get(slug="floras-story").url


def test_a_story_page_rendered_afresh_needs_at_most_twelve_queries(
    client, flora_url, django_assert_max_num_queries
):
    # Flora's story shows every kind of picture block, partners and related stories.
    cold(client, flora_url, django_assert_max_num_queries, STORY_BUDGET)


def test_the_story_page_budget_holds_with_more_stories(
    client, more_stories, flora_url, django_assert_max_num_queries
):
    cold(client, flora_url, django_assert_max_num_queries, STORY_BUDGET)


@pytest.mark.parametrize("query", ["", "?theme=dental-anxiety", "?theme=dental-anxiety&age=adult"])
def test_the_story_index_rendered_afresh_needs_at_most_fourteen_queries(
    client, more_stories, django_assert_max_num_queries, query
):
    cold(client, story_index().url + query, django_assert_max_num_queries, LISTING_BUDGET)


def test_the_home_page_rendered_afresh_needs_at_most_fourteen_queries(
    client, more_stories, django_assert_max_num_queries
):
    cold(client, "/", django_assert_max_num_queries, LISTING_BUDGET)


@pytest.mark.parametrize("url", ["/", "/stories/", "/stories/?theme=dental-anxiety", "FLORA"])
def test_a_page_kept_for_readers_costs_one_query(
    client, more_stories, flora_url, django_assert_num_queries, url
):
    url = flora_url if url == "FLORA" else url
    client.get(url)
    with django_assert_num_queries(1):  # the content generation every process shares
        assert client.get(url).status_code == 200


def test_a_signed_in_reader_costs_only_their_session_and_user(
    client, flora_url, django_assert_num_queries
):
    client.force_login(get_user_model().objects.get(username="teacher"))
    client.get(flora_url)
    # Their session, their user with their membership, and the content generation.
    with django_assert_num_queries(3):
        assert client.get(flora_url).status_code == 200


def test_a_plain_page_with_story_cards_rendered_afresh_needs_at_most_fourteen_queries(
    client, more_stories, django_assert_max_num_queries
):
    # The about page leads to three stories: the gate is asked about all of them at once.
    cold(client, "/about/", django_assert_max_num_queries, LISTING_BUDGET)


def test_the_gates_plans_can_be_printed_for_any_database():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("explain_gate", stdout=out)
    printed = out.getvalue()
    for query in ("story index, first page", "feed", "one story for one reader", "related"):
        assert f"== {query}" in printed
