""" "Did you mean" respells a query after the words of the stories the reader
may see. Those words are read once per content generation and audience, not
on every search: what readers notice is that a story just published lends
its words at once, a story taken down stops at once, and a member's words
never reach the public, however recently a member searched."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from stories.factories import StoryPageFactory


def searched(client, query):
    """The search page as the next reader gets it: nothing cleared in between."""
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response


def signed_in(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_a_story_just_published_lends_its_words_at_once(client):
    assert searched(client, "quokkabery").context["suggestion"] is None
    story = StoryPageFactory(title="The quokkaberry jam", summary="Sticky fingers, no fear.")
    response = searched(client, "quokkabery")
    assert response.context["suggestion"] == "quokkaberry"
    assert [found.slug for found in response.context["results"]] == [story.slug]


def test_a_story_taken_down_stops_lending_its_words_at_once(client):
    story = StoryPageFactory(title="Zephyrine mornings", summary="A breeze through the window.")
    assert searched(client, "zephyrne").context["suggestion"] == "zephyrine"
    story.unpublish()
    response = searched(client, "zephyrne")
    assert response.context["suggestion"] is None
    assert "zephyrine" not in response.content.decode().lower()


def test_a_members_words_never_reach_the_public_even_just_after_a_member_searched(client):
    # Marlow is the name the partners' walking-group story shows, and no other.
    partner = signed_in("partner")
    assert searched(partner, "marlw").context["suggestion"] == "marlow"
    response = searched(client, "marlw")
    assert response.context["suggestion"] is None
    assert "marlow" not in response.content.decode().lower()


def test_the_stories_words_are_read_once_until_content_changes(client):
    def queries_for(query):
        with CaptureQueriesContext(connection) as queries:
            searched(client, query)
        return len(queries)

    searched(client, "dentist")  # the rest of the page (the menu) rendered for this generation
    reading = queries_for("dentsit")
    assert queries_for("dentsist") < reading
    StoryPageFactory(title="A new story", summary="Published in between.")
    searched(client, "dentist")
    assert queries_for("dentsitt") == reading
