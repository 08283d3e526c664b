"""The API answers in the same few queries however many stories and pictures a
page of its answer holds, for the public and for a partner's token, with
nothing cached (right after a publish) and with the caches warm. A partner's
newsletter that lists twenty stories with their bodies costs no more queries
than one that lists two.

The embed card other sites frame keeps within a budget of its own too."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories.consent.records import ConsentRecord
from stories.factories import StoryImageFactory, StoryPageFactory, StorytellerFactory
from stories.pages import StoryPage
from stories.partners import PartnerOrganisation
from stories.readers import api_access
from stories.renditions import pictures_to_prepare

# Every field a story has in the API: its body's pictures, hero, storyteller's shown name, themes.
EVERYTHING = "/api/v2/pages/?type=stories.StoryPage&fields=*&limit=50"
# Queries for a page of the answer, whatever it holds: the token, the site, the
# gate, the content generation and the count it keeps (stories.api.CountedOnce),
# the page, its storytellers, themes, pictures, their renditions and what the
# rule allows of them, the pages' locales (Wagtail's `locale` field, shown
# since the site is in more than one language), and the voice and video clips
# their bodies show (one query for every page, when any shows one: the demo's
# Tomasz does).
LISTING_BUDGET = 17
DETAIL_BUDGET = 13
EMBED_BUDGET = 12


def prepared(story):
    """A story whose picture sizes were made when it was published (in the
    background in production; the test settings leave it to the first reader)."""
    for image, specs in pictures_to_prepare(story):
        image.get_renditions(*specs)
    return story


def story_with_pictures(public=True):
    """A story with a hero, a picture and a before-and-after pair in its body:
    for the public, or else for partner organisations, which may syndicate it."""
    storyteller = StorytellerFactory(
        consent__for_public=public,
        consent__for_partners=not public,
        consent__syndication=ConsentRecord.Syndication.ANY,
    )
    story = StoryPageFactory(
        storyteller=storyteller,
        hero_image=StoryImageFactory(),
        for_public=public,
        for_partners=not public,
        body=[
            ("image", {"image": StoryImageFactory(), "caption": "Week 4"}),
            (
                "before_after",
                {"before": StoryImageFactory(), "after": StoryImageFactory(), "caption": ""},
            ),
        ],
    )
    assert story.live
    return prepared(StoryPage.objects.get(pk=story.pk))


def queries_for(client, url, token=None, cold=True):
    """(queries, answer) of one request; `cold` first empties every cache."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if cold:
        cache.clear()
    else:
        client.get(url, **headers)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    return len(queries), response


def pictures_given(response):
    """How many picture objects with addresses the answer holds."""
    items = response.json().get("items", [response.json()])
    count = 0
    for item in items:
        count += bool(item.get("hero"))
        for block in item.get("body", []):
            value = block["value"] if isinstance(block["value"], dict) else {}
            count += sum(bool(value.get(key)) for key in ("image", "before", "after"))
    return count


@pytest.fixture(autouse=True)
def _demo_pictures_prepared():
    """The demo's stories were published with their picture sizes made, as in production."""
    for story in StoryPage.objects.live():
        prepared(story)


@pytest.fixture
def therapy_token():
    group = PartnerOrganisation.objects.get(name="Quiet Harbour Therapy Group")
    return api_access.create_token(group, "Newsletter")[1]


@pytest.mark.parametrize("cold", [True, False], ids=["cold", "warm"])
def test_listing_stories_with_their_pictures_costs_the_same_queries_for_more_stories(client, cold):
    story_with_pictures()
    fewer, answer = queries_for(client, EVERYTHING, cold=cold)
    shown = pictures_given(answer)
    for _ in range(4):
        story_with_pictures()
    more, answer = queries_for(client, EVERYTHING, cold=cold)
    assert pictures_given(answer) == shown + 16
    assert more == fewer
    assert more <= LISTING_BUDGET


@pytest.mark.parametrize("cold", [True, False], ids=["cold", "warm"])
def test_a_partners_listing_with_shared_pictures_costs_the_same_queries_for_more_stories(
    client, therapy_token, cold
):
    story_with_pictures(public=False)
    fewer, answer = queries_for(client, EVERYTHING, therapy_token, cold=cold)
    shown = pictures_given(answer)
    for _ in range(4):
        story_with_pictures(public=False)
    more, answer = queries_for(client, EVERYTHING, therapy_token, cold=cold)
    assert pictures_given(answer) == shown + 16
    assert "?shared=" in answer.content.decode()
    assert more == fewer
    assert more <= LISTING_BUDGET


@pytest.mark.parametrize("cold", [True, False], ids=["cold", "warm"])
def test_a_story_with_many_pictures_costs_what_one_with_a_hero_alone_costs(client, cold):
    plain = prepared(StoryPageFactory(hero_image=StoryImageFactory()))
    rich = story_with_pictures()
    for story in (plain, rich):
        # Its pictures are given: each an address, not null.
        assert pictures_given(queries_for(client, f"/api/v2/pages/{story.pk}/")[1]) >= 1
    one, _ = queries_for(client, f"/api/v2/pages/{plain.pk}/", cold=cold)
    four, answer = queries_for(client, f"/api/v2/pages/{rich.pk}/", cold=cold)
    assert pictures_given(answer) == 4
    assert four == one
    assert four <= DETAIL_BUDGET


@pytest.mark.parametrize("cold", [True, False], ids=["cold", "warm"])
def test_listing_every_page_without_fields_costs_the_same_queries_for_more_stories(client, cold):
    url = "/api/v2/pages/?limit=50"
    fewer, _ = queries_for(client, url, cold=cold)
    for _ in range(3):
        StoryPageFactory()
    more, answer = queries_for(client, url, cold=cold)
    assert more == fewer
    assert more <= LISTING_BUDGET


@pytest.mark.parametrize("cold", [True, False], ids=["cold", "warm"])
def test_the_embed_card_keeps_within_its_budget(client, cold):
    story = story_with_pictures()
    url = f"{story.url}embed/"
    queries, answer = queries_for(client, url, cold=cold)
    assert story.title in answer.content.decode()
    assert queries <= EMBED_BUDGET
