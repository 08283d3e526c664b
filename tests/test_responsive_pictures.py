"""Readers get small, modern pictures that do not shift the page as they load."""

import re

from PIL import Image

from stories.images import StoryRendition
from stories.pages import StoryPage


def test_the_story_page_offers_avif_and_webp_with_a_jpeg_fallback_and_dimensions(client):
    html = client.get("/stories/floras-story/").content.decode()
    hero = re.search(r"<picture>.*?</picture>", html, re.S)[0]
    sources = re.findall(r"<source [^>]+>", hero)
    assert any('type="image/avif"' in source for source in sources)
    assert any('type="image/webp"' in source for source in sources)
    img = re.search(r"<img [^>]+>", hero)[0]
    assert ".jpg" in img
    assert 'width="800"' in img and 'height="450"' in img


def test_pictures_below_the_fold_load_lazily_and_the_hero_does_not(client):
    html = client.get("/stories/floras-story/").content.decode()
    pictures = re.findall(r"<picture>.*?</picture>", html, re.S)
    assert 'loading="lazy"' not in pictures[0]
    assert all('loading="lazy"' in picture for picture in pictures[1:])


def test_each_format_is_what_its_name_says_and_as_large_as_declared(client):
    story = StoryPage.objects.get(slug="floras-story")
    client.get(story.url)
    for rendition in StoryRendition.objects.filter(image=story.hero_image):
        with rendition.file.open("rb") as stored:
            picture = Image.open(stored)
            assert picture.size == (rendition.width, rendition.height)
            fmt = rendition.filter_spec.split("|")[0].removeprefix("format-")
            assert picture.format == {"jpeg": "JPEG", "webp": "WEBP", "avif": "AVIF"}.get(
                fmt, picture.format
            )
