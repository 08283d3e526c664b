"""Classroom packs: teaching material an editor adds to a story, shown,
printed and downloaded exactly while the story may be read."""

from django.contrib.auth import get_user_model

from stories.classroom_packs import stories_with_packs
from stories.factories import StoryPageFactory, StorytellerFactory, classroom_pack
from stories.pages import StoryPage


def reader(username):
    return get_user_model().objects.get(username=username)


def test_a_story_with_a_filled_pack_is_listed_among_stories_with_packs():
    with_pack = StoryPageFactory(title="A story with a pack", classroom_pack=classroom_pack())
    without = StoryPageFactory(title="A story without one")
    listed = set(stories_with_packs(None).values_list("pk", flat=True))
    assert with_pack.pk in listed
    assert without.pk not in listed
    assert StoryPage.objects.get(pk=with_pack.pk).has_classroom_pack


def test_stories_with_packs_lists_only_what_the_reader_may_see():
    for_schools = StoryPageFactory(
        title="A schools story with a pack",
        storyteller=StorytellerFactory(consent__for_schools=True),
        classroom_pack=classroom_pack(),
        for_public=False,
        for_schools=True,
    )
    assert for_schools.live
    assert for_schools not in stories_with_packs(None)
    assert for_schools in stories_with_packs(reader("teacher"))
    assert for_schools not in stories_with_packs(reader("partner"))


def test_emptying_the_pack_takes_the_story_off_the_list():
    story = StoryPageFactory(classroom_pack=classroom_pack())
    story.classroom_pack = []
    story.save_revision().publish()
    assert not StoryPage.objects.get(pk=story.pk).has_classroom_pack
    assert story not in stories_with_packs(None)
