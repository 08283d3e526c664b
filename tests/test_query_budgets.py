"""Pages answer in a fixed number of queries, however many stories there are.

Warm: the page is in the page cache (stories.page_cache), as it is for every
reader after the first. Right after a story's publish elsewhere: no whole
page nor listing is kept for the new content generation, while the parts of
other stories' pages are (stories.caching). Cold: right after a change to
consent, when no page or fragment is kept and everything is rendered again.
Wagtail's own caches of site addresses and renditions stay warm either way,
as they do after such a change. Each page is requested once first, to create
its image renditions as the first reader would.
"""

import pytest
from django.contrib.auth import get_user_model

from stories.caching import GENERATION_ROW, content_changed, start_generations
from stories.factories import StoryImageFactory, StoryPageFactory, ThemeFactory, story_index
from stories.pages import StoryPage

# Two of each are the reader's language: Wagtail's routing asks which locale
# the address is in, and the language switcher asks the gate which of the
# page's translations this reader may see (stories.translations). A story
# page asks one more: the publish of the stories it shows, which its kept
# parts vary on (StoryPage.shown_stories_stamp).
STORY_BUDGET = 13
STORY_AFTER_ANOTHER_PUBLISH_BUDGET = 10
LISTING_BUDGET = 14


def cold(client, url, django_assert_max_num_queries, budget, change=content_changed):
    assert client.get(url).status_code == 200
    change()
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200
    return response


def another_story_published():
    """What a story's publish retires: whole pages and listings."""
    start_generations((GENERATION_ROW,))


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


def test_a_story_page_rendered_afresh_needs_at_most_thirteen_queries(
    client, flora_url, django_assert_max_num_queries
):
    # Flora's story shows every kind of picture block, partners and related stories.
    cold(client, flora_url, django_assert_max_num_queries, STORY_BUDGET)


def test_a_story_page_right_after_another_storys_publish_needs_at_most_ten_queries(
    client, more_stories, flora_url, django_assert_max_num_queries
):
    cold(
        client,
        flora_url,
        django_assert_max_num_queries,
        STORY_AFTER_ANOTHER_PUBLISH_BUDGET,
        change=another_story_published,
    )


@pytest.mark.parametrize("url", ["/", "/stories/", "/stories/?theme=dental-anxiety", "/about/"])
def test_listings_right_after_a_storys_publish_keep_their_budget(
    client, more_stories, django_assert_max_num_queries, url
):
    cold(client, url, django_assert_max_num_queries, LISTING_BUDGET, change=another_story_published)


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
    for query in (
        "story index, first page",
        "feed",
        "one story for one reader",
        "related",
        "the publish of what its page shows",
    ):
        assert f"== {query}" in printed
