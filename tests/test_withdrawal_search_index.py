"""A withdrawn story leaves the search index itself, not only what the gate lets through.

Unpublishing saves each page, and a save re-indexes it; a story coming down
is not re-indexed first (on PostgreSQL each addition reads the whole index),
and its entry is deleted in the same transaction as the withdrawal.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from stories.consent.withdrawal import withdraw_consent
from stories.factories import StoryPageFactory, StorytellerFactory
from stories.naming import NamingChoice
from stories.pages import StoryPage

from .people import storyteller_approves


def found(words):
    """Stories the index finds for these words, before any gate."""
    backend = get_search_backend()
    return {page.title for page in backend.search(words, StoryPage.objects.all())}


@pytest.fixture
def juniper():
    storyteller = StorytellerFactory(
        naming=NamingChoice.FULL_NAME, first_name="Juniper", last_name="Quillfeather"
    )
    for title in ("Juniper and the quiet chair", "Juniper one year on"):
        StoryPageFactory(storyteller=storyteller, title=title, summary="Quillfeather smiles.")
    return storyteller


def test_the_index_finds_the_stories_before_the_withdrawal(juniper):
    assert found("Quillfeather") == {"Juniper and the quiet chair", "Juniper one year on"}


def test_a_withdrawn_story_is_no_longer_in_the_search_index(juniper):
    withdraw_consent(juniper.reference, "I would rather not be online.")
    assert found("Quillfeather") == set()
    assert found("Juniper") == set()


def test_a_withdrawn_story_is_not_found_by_readers_searching(client, juniper):
    withdraw_consent(juniper.reference, "I would rather not be online.")
    page = client.get("/search/", {"q": "Quillfeather"}).content.decode()
    assert "Juniper and the quiet chair" not in page
    assert "Juniper one year on" not in page


def test_other_stories_are_still_indexed_when_saved_after_a_withdrawal(juniper):
    withdraw_consent(juniper.reference, "I would rather not be online.")
    other = StoryPageFactory(title="Marram grass by the clinic", summary="Windswept dunes.")
    other.summary = "Windswept dunes and a sandpiper."
    revision = other.save_revision()
    storyteller_approves(other)
    revision.publish()
    assert found("windswept") == {"Marram grass by the clinic"}
    assert found("sandpiper") == {"Marram grass by the clinic"}


def test_a_withdrawn_story_edited_later_is_indexed_again_for_editors(juniper):
    """The hold lasts only for the take-down: an editor's later draft is indexed
    (the admin finds it), and the gate still keeps it from readers."""
    withdraw_consent(juniper.reference, "I would rather not be online.")
    story = StoryPage.objects.get(title="Juniper one year on")
    story.summary = "Quillfeather, edited after the withdrawal."
    story.save()
    assert found("Quillfeather") == {"Juniper one year on"}


def test_a_withdrawal_undone_midway_leaves_the_index_as_it_was(juniper, monkeypatch):
    def fail(images):
        raise RuntimeError("storage unavailable")

    monkeypatch.setattr("stories.consent.takedown.withhold_images", fail)
    with pytest.raises(RuntimeError):
        withdraw_consent(juniper.reference, "I would rather not be online.")
    assert found("Quillfeather") == {"Juniper and the quiet chair", "Juniper one year on"}


def test_the_withdrawal_only_deletes_index_entries_and_never_rebuilds_them(juniper):
    """Re-indexing a story about to leave the index is wasted work that, on
    PostgreSQL, reads every entry in the index: the take-down skips it."""
    with CaptureQueriesContext(connection) as queries:
        withdraw_consent(juniper.reference, "I would rather not be online.")
    touching_the_index = [
        query["sql"] for query in queries if "wagtailsearch_indexentry" in query["sql"]
    ]
    assert touching_the_index
    assert all(sql.lstrip().upper().startswith("DELETE") for sql in touching_the_index)
