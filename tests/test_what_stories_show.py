"""The gate reads what a story's body shows from a summary (stories.shown),
which follows every change to the pictures behind it at once: re-tagging a
picture in the library, deleting it, or saving the story. A story with no
summary reaches no one."""

import pytest
from django.test import Client

from stories.factories import StoryImageFactory, StoryPageFactory, StorytellerFactory
from stories.pages import StoryPage
from stories.shown import PersonShown, StoryShows
from stories.visibility import visible_stories

pytestmark = pytest.mark.django_db


def in_body(picture):
    return [("image", {"image": picture, "caption": ""})]


def is_reachable(story):
    return (
        visible_stories(None).filter(pk=story.pk).exists()
        and Client().get(story.url).status_code == 200
    )


def test_a_body_picture_re_tagged_as_the_storyteller_takes_down_a_words_only_story():
    storyteller = StorytellerFactory(consent__identifiable_photos=False)
    garden = StoryImageFactory(title="The clinic garden")
    story = StoryPageFactory(storyteller=storyteller, body=in_body(garden))
    assert is_reachable(story)

    garden.shows_identifiable_person = True
    garden.storyteller = storyteller
    garden.save()

    assert StoryShows.objects.get(story=story).storyteller_recognisably
    assert not is_reachable(story)


def test_a_body_picture_re_tagged_as_someone_without_consent_to_photos_hides_the_story():
    other = StorytellerFactory(consent__identifiable_photos=False)
    waiting_room = StoryImageFactory(title="The waiting room")
    story = StoryPageFactory(storyteller=StorytellerFactory(), body=in_body(waiting_room))
    assert is_reachable(story)

    waiting_room.shows_identifiable_person = True
    waiting_room.storyteller = other
    waiting_room.save()

    assert list(PersonShown.objects.filter(story=story).values_list("storyteller", flat=True)) == [
        other.pk
    ]
    assert not visible_stories(None).filter(pk=story.pk).exists()


def test_deleting_the_only_recognisable_picture_frees_the_story_again():
    """Consent to words only: once the face is gone from the library, the
    story (published with it by a route no guard saw) is covered again."""
    storyteller = StorytellerFactory(consent__identifiable_photos=False)
    face = StoryImageFactory(shows_identifiable_person=True, storyteller=storyteller)
    story = StoryPageFactory(storyteller=storyteller, body=in_body(StoryImageFactory()))
    StoryPage.objects.filter(pk=story.pk).update(live=False)
    story.refresh_from_db()
    story.body = in_body(face)
    story.save()  # a draft saved into the row, as a script might
    StoryPage.objects.filter(pk=story.pk).update(live=True)
    assert not visible_stories(None).filter(pk=story.pk).exists()

    face.delete()

    assert not StoryShows.objects.get(story=story).storyteller_recognisably
    assert visible_stories(None).filter(pk=story.pk).exists()


def test_a_story_without_a_summary_reaches_no_one():
    """A row written behind the ORM's back (a restored table, a bulk import)
    has no summary until it is saved: the gate refuses it rather than guess."""
    story = StoryPageFactory(storyteller=StorytellerFactory())
    assert is_reachable(story)

    StoryShows.objects.filter(story=story).delete()

    assert not is_reachable(story)
    story.save_revision().publish()
    assert is_reachable(story)


def test_other_storytellers_in_the_hero_are_read_from_the_page_row_as_it_is_now():
    """The hero is not summed up: a hero put back by a restored row counts at once."""
    other = StorytellerFactory(consent__identifiable_photos=False)
    story = StoryPageFactory(storyteller=StorytellerFactory())
    assert is_reachable(story)

    portrait = StoryImageFactory(shows_identifiable_person=True, storyteller=other)
    StoryPage.objects.filter(pk=story.pk).update(hero_image=portrait)

    assert not is_reachable(story)


def test_a_deleted_storytellers_pictures_count_as_the_storyteller_of_the_story():
    """Once the person a picture names is deleted, the picture names no one,
    and a recognisable person no one is named for counts as the storyteller:
    their consent to words only still keeps the story down."""
    visitor = StorytellerFactory(consent=None)
    portrait = StoryImageFactory(shows_identifiable_person=True, storyteller=visitor)
    storyteller = StorytellerFactory(consent__identifiable_photos=False)
    story = StoryPageFactory(storyteller=storyteller, body=in_body(StoryImageFactory()))
    story.body = in_body(portrait)
    story.save()  # the row now shows the visitor, as a script might leave it
    assert not visible_stories(None).filter(pk=story.pk).exists()

    visitor.delete()

    shows = StoryShows.objects.get(story=story)
    assert shows.storyteller_recognisably
    assert not PersonShown.objects.filter(story=story).exists()
    assert not visible_stories(None).filter(pk=story.pk).exists()
