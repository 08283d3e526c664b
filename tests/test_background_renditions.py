"""Publishing a story prepares its pictures in the background, so its first
reader never waits for them; the sizes prepared are the ones templates use."""

import re
from pathlib import Path

from django.conf import settings
from django.test import override_settings
from wagtail.images.models import Filter

from stories.factories import StoryImageFactory, StoryPageFactory, StorytellerFactory
from stories.images import StoryRendition
from stories.renditions import STORY_PAGE_PICTURES, prepare_story_renditions, specs


def picture_patterns_in_templates():
    patterns = set()
    for template in Path(settings.BASE_DIR, "site", "templates").rglob("*.html"):
        text = template.read_text()
        tags = re.findall(r"{% picture (.+?) %}", text)
        tags += re.findall(r"{% image (.+?) as social_image %}", text)
        for tag in tags:
            words = [w for w in tag.split() if re.match(r"^(format|fill|width|max)-", w)]
            patterns.add(" ".join(words))
    return patterns


def test_the_prepared_sizes_are_exactly_those_the_templates_ask_for():
    assert picture_patterns_in_templates() == set(STORY_PAGE_PICTURES.values())


@override_settings(PREPARE_RENDITIONS_ON_PUBLISH=True)
def test_publishing_a_story_prepares_every_size_its_page_shows():
    hero, inline = StoryImageFactory(), StoryImageFactory()
    story = StoryPageFactory(
        hero_image=hero,
        body=[("image", {"image": inline, "caption": "A picture in the story"})],
    )
    assert story.live
    hero_specs = set(
        StoryRendition.objects.filter(image=hero).values_list("filter_spec", flat=True)
    )
    assert hero_specs == set(specs("hero") + specs("card") + specs("social"))
    assert {"format-avif|fill-800x450", "format-jpeg|fill-640x400"} <= hero_specs
    inline_specs = StoryRendition.objects.filter(image=inline).values_list("filter_spec", flat=True)
    assert set(inline_specs) == set(specs("image"))


@override_settings(PREPARE_RENDITIONS_ON_PUBLISH=True)
def test_the_first_reader_of_a_new_story_makes_no_rendition_of_its_pictures(client):
    hero = StoryImageFactory()
    story = StoryPageFactory(hero_image=hero)
    before = set(StoryRendition.objects.filter(image=hero).values_list("pk", flat=True))
    assert client.get(story.url).status_code == 200
    assert set(StoryRendition.objects.filter(image=hero).values_list("pk", flat=True)) == before


def test_a_draft_gets_nothing_prepared():
    story = StoryPageFactory(hero_image=StoryImageFactory(), publish=False)
    assert prepare_story_renditions.call(story.pk) == 0


def test_every_picture_in_a_page_expands_to_avif_webp_and_jpeg():
    for place, pattern in STORY_PAGE_PICTURES.items():
        formats = {spec.split("|")[0] for spec in Filter().expand_spec(pattern)}
        if place == "social":  # link previews on other sites read JPEG everywhere
            assert formats == {"format-jpeg"}
        else:
            assert formats == {"format-avif", "format-webp", "format-jpeg"}


@override_settings(PREPARE_RENDITIONS_ON_PUBLISH=True)
def test_a_story_for_members_gets_no_social_card_picture():
    hero = StoryImageFactory()
    storyteller = StorytellerFactory(consent__for_schools=True)
    StoryPageFactory(storyteller=storyteller, hero_image=hero, for_public=False, for_schools=True)
    prepared = set(StoryRendition.objects.filter(image=hero).values_list("filter_spec", flat=True))
    assert prepared == set(specs("hero") + specs("card"))
