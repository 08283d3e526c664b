"""Search finds what readers type: other forms of a word, the words readers
use for the same thing, quoted phrases, the name a story shows, and a close
spelling when a word is misspelt, on the search page and in the API alike,
and only among the stories the reader may see."""

import pytest
from django.core.cache import cache

from stories.consent.self_service import narrow_on_own_page
from stories.factories import StoryPageFactory, StorytellerFactory
from stories.naming import NamingChoice
from stories.pages import StoryPage
from stories.storyteller_page.links import issue_link
from stories.visibility import visible_stories

from .search_relevance import ANXIETY


def page_for(client, query, **params):
    cache.clear()  # rendered afresh, not the page kept for the last reader who asked
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def found(client, query, **params):
    results = page_for(client, query, **params).context["results"]
    return [story.slug for story in results]


def api_found(client, query, **params):
    response = client.get(
        "/api/v2/pages/", {"search": query, "type": "stories.StoryPage", "limit": 50, **params}
    )
    assert response.status_code == 200, response.content
    return [item["meta"]["slug"] for item in response.json()["items"]]


def test_dentist_and_dentists_find_the_same_stories(client):
    assert set(found(client, "dentists")) == set(found(client, "dentist"))
    one = StoryPageFactory(title="Two orthodontists", summary="They waved from the door.")
    assert one.slug in found(client, "orthodontist")


def test_anxious_finds_the_stories_of_dental_anxiety(client):
    assert set(found(client, "anxious")) == ANXIETY


def test_fear_finds_eighty_one_and_finally_unafraid(client):
    assert "eighty-one-and-unafraid" in found(client, "fear")


def test_a_quoted_phrase_finds_only_the_words_together(client):
    together = StoryPageFactory(title="Quiet harbour", summary="A blue whale sang to us.")
    apart = StoryPageFactory(title="Open sky", summary="A blue kite, then a whale far off.")
    assert set(found(client, "blue whale")) >= {together.slug, apart.slug}
    assert found(client, '"blue whale"') == [together.slug]
    assert api_found(client, '"blue whale"') == [together.slug]


def test_the_quoted_theme_finds_the_anxiety_stories(client):
    assert set(found(client, '"dental anxiety"')) == ANXIETY


@pytest.mark.parametrize("query", ['"', '""', '"dental anxiety', 'dental" anxiety"', '"*"'])
def test_lone_and_unbalanced_quotes_are_never_an_error(client, query):
    assert client.get("/search/", {"q": query}).status_code == 200
    api = client.get("/api/v2/pages/", {"search": query})
    assert api.status_code == 200, api.content


def test_an_unclosed_quote_searches_the_words(client):
    assert set(found(client, '"dental anxiety')) == ANXIETY


def test_a_storytellers_shown_name_finds_their_stories(client):
    nowaks = {"smiling-in-photographs", "learning-to-floss-at-forty-five"}
    assert set(found(client, "Nowak")) == nowaks
    assert set(api_found(client, "Nowak")) == nowaks


def test_the_real_name_behind_a_pseudonym_or_anonymity_finds_nothing(client):
    masked = StorytellerFactory(
        naming=NamingChoice.PSEUDONYM,
        first_name="Zebedee",
        last_name="Quillfeather",
        pseudonym="Moth Lantern",
    )
    unnamed = StorytellerFactory(
        naming=NamingChoice.ANONYMOUS, first_name="Ottilie", last_name="Vantongeren"
    )
    masked_story = StoryPageFactory(storyteller=masked, title="Night bus to the clinic")
    StoryPageFactory(storyteller=unnamed, title="A letter to my younger self")
    assert found(client, "Lantern") == [masked_story.slug]
    for real in ("Zebedee", "Quillfeather", "Ottilie", "Vantongeren"):
        assert found(client, real) == []
        assert api_found(client, real) == []


def test_after_narrowing_to_a_pseudonym_the_old_name_finds_nothing(client):
    storyteller = StorytellerFactory(
        naming=NamingChoice.FULL_NAME, first_name="Ottoline", last_name="Brackenridge"
    )
    story = StoryPageFactory(storyteller=storyteller, title="Words about a new smile")
    assert found(client, "Brackenridge") == [story.slug]
    link, _token = issue_link(storyteller)
    narrow_on_own_page(link, pseudonym="Kestrel Vane")
    assert found(client, "Brackenridge") == []
    assert found(client, "Ottoline") == []
    assert api_found(client, "Brackenridge") == []
    assert found(client, "Kestrel") == [story.slug]


def test_an_editor_renaming_a_storyteller_reindexes_their_stories(client):
    storyteller = StorytellerFactory(first_name="Perpetua", last_name="Oddfellow")
    story = StoryPageFactory(storyteller=storyteller)
    storyteller.naming = NamingChoice.ANONYMOUS
    storyteller.save()
    assert found(client, "Perpetua") == []
    assert story.slug in found(client, "Anonymous")


def test_a_misspelt_word_shows_what_its_close_spelling_finds_and_says_so(client):
    response = page_for(client, "dentsit")
    assert response.context["suggestion"] == "dentist"
    assert set(found(client, "dentsit")) == set(found(client, "dentist"))
    page = response.content.decode()
    assert "Did you mean" in page
    assert 'href="/search/?q=dentist"' in page


def test_no_suggestion_comes_from_a_story_the_reader_may_not_see(
    client, restricted_story, draft_story
):
    StoryPage.objects.filter(pk=restricted_story.pk).update(title="A zanzibarine lighthouse")
    StoryPage.objects.filter(pk=draft_story.pk).update(title="A quixotical bridge")
    hidden = visible_stories().filter(pk__in=[restricted_story.pk, draft_story.pk])
    assert not hidden.exists()
    for typed, word in (("zanzibarin", "zanzibarine"), ("quixoticl", "quixotical")):
        response = page_for(client, typed)
        assert response.context["suggestion"] is None
        assert response.context["results"].paginator.count == 0
        assert word not in response.content.decode()


def test_nothing_close_says_nothing_matched(client):
    response = page_for(client, "qxjvvz")
    assert response.context["suggestion"] is None
    assert "No stories match" in response.content.decode()


def test_a_name_no_story_shows_is_never_respelled_into_a_little_word(client):
    # "flora" is three letters from "for", in nearly every summary; a reader
    # looking for a storyteller whose stories are not here meant no "for".
    StoryPage.objects.filter(slug__in=["floras-story", "flora-one-year-on"]).update(live=False)
    response = page_for(client, "Flora")
    assert response.context["suggestion"] is None
    assert "No stories match" in response.content.decode()


def test_search_results_ask_search_engines_not_to_index_them(client):
    assert '<meta name="robots" content="noindex">' in page_for(client, "dentist").content.decode()


def test_the_api_search_is_ranked_then_gated_like_the_search_page(client):
    # The search page answers in its reader's language; the API in the one asked for.
    assert set(api_found(client, "anxious", locale="en-gb")) == ANXIETY
    assert "a-teachers-note" not in api_found(client, "teacher")
    assert set(api_found(client, "dentsit")) == set()  # the API answers what was asked


def test_the_api_search_operator(client):
    both = StoryPageFactory(title="Marzipan", summary="A quokka ate the marzipan.")
    one = StoryPageFactory(title="Marzipan again", summary="Only sweets this time.")
    assert api_found(client, "marzipan quokka") == [both.slug]
    assert api_found(client, "marzipan quokka", search_operator="and") == [both.slug]
    assert set(api_found(client, "marzipan quokka", search_operator="or")) == {both.slug, one.slug}
    bad = client.get("/api/v2/pages/", {"search": "floss", "search_operator": "xor"})
    assert bad.status_code == 400
