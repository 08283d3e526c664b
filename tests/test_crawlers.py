"""What search engines and browsers ask of every site: /robots.txt, a favicon,
one canonical address per page at SITE_URL, and listings that are not
worth listing marked so."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import override_settings

from stories.factories import StandardPageFactory, StoryPageFactory, story_index
from stories.pages import StoryPage
from stories.site_address import align_default_site

SITE = "https://stories.example.org"


@pytest.fixture
def at_site_address():
    """The site served at SITE, as SITE_URL=SITE makes the settings, and the
    Site record as `migrate` leaves it for that address."""
    with override_settings(SITE_URL=SITE, WAGTAILADMIN_BASE_URL=SITE, WAGTAILAPI_BASE_URL=SITE):
        align_default_site()
        yield


def canonical(html):
    links = re.findall(r'<link rel="canonical" href="([^"]*)">', html)
    assert len(links) <= 1, links
    return links[0] if links else None


def robots_meta(html):
    found = re.search(r'<meta name="robots" content="([^"]*)">', html)
    return found.group(1) if found else None


def flora():
    return StoryPage.objects.get(slug="floras-story")


# /robots.txt


def test_robots_txt_names_the_sitemap_at_the_site_address(client, at_site_address):
    response = client.get("/robots.txt", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert "User-agent: *" in lines


@pytest.mark.parametrize(
    "path",
    ["/admin/", "/api/", "/search/", "/read/", "/my-story/", "/account/", "/oembed/"],
)
def test_robots_txt_keeps_private_and_machine_routes_out_of_indexes(client, path):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert f"Disallow: {path}" in lines


def test_robots_txt_keeps_embed_cards_out_of_indexes_but_not_the_stories(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /stories/*/embed/" in lines
    disallowed = [line.split(":", 1)[1].strip() for line in lines if line.startswith("Disallow")]
    story = flora().url
    assert not any(story.startswith(path) for path in disallowed)
    assert "/" not in disallowed and "" not in disallowed


def test_robots_txt_only_answers_reading(client):
    assert client.post("/robots.txt").status_code == 405


# The favicon


def static_file(url):
    """The file a static URL serves (static files are served by WhiteNoise
    from what `collectstatic` gathers, which tests do not run)."""
    found = finders.find(url.removeprefix(settings.STATIC_URL))
    assert found, url
    return Path(found).read_bytes()


def test_favicon_ico_leads_for_good_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("favicon.ico")
    assert static_file(response["Location"])[:4] == b"\x00\x00\x01\x00"  # an icon file


def test_every_page_names_its_icons(client):
    html = client.get("/").content.decode()
    icons = re.findall(r'<link rel="icon" href="([^"]+)"', html)
    assert {icon.rsplit("/", 1)[1] for icon in icons} == {"favicon.ico", "favicon.svg"}
    svg = static_file(next(icon for icon in icons if icon.endswith(".svg")))
    assert svg.startswith(b"<svg ")


# Canonical links at the site address


@pytest.mark.parametrize("which", ["home", "index", "standard", "story"])
def test_every_public_page_type_has_a_canonical_link_at_the_site_address(
    client, at_site_address, which
):
    url = {
        "home": lambda: "/",
        "index": lambda: story_index().url,
        "standard": lambda: StandardPageFactory(title="Volunteering").url,
        "story": lambda: flora().url,
    }[which]()
    html = client.get(url, HTTP_HOST="127.0.0.1").content.decode()
    assert canonical(html) == SITE + url
    assert "http://127.0.0.1" not in html.split("</head>")[0]


def test_open_graph_addresses_are_at_the_site_address_whatever_host_was_asked(
    client, at_site_address
):
    html = client.get(flora().url, HTTP_HOST="localhost").content.decode()
    og_url = re.search(r'<meta property="og:url" content="([^"]*)"', html).group(1)
    og_image = re.search(r'<meta property="og:image" content="([^"]*)"', html).group(1)
    assert og_url == SITE + flora().url
    assert og_image.startswith(SITE + "/images/")


def test_the_head_kept_for_one_host_is_right_for_another(client):
    client.get(flora().url, HTTP_HOST="localhost")
    html = client.get(flora().url, HTTP_HOST="127.0.0.1").content.decode()
    assert canonical(html) == settings.SITE_URL + flora().url
    assert "http://localhost" not in html.split("</head>")[0]


def test_an_embed_card_names_the_story_at_the_site_address_as_its_canonical(
    client, at_site_address
):
    html = client.get(f"{flora().url}embed/", HTTP_HOST="localhost").content.decode()
    assert canonical(html) == SITE + flora().url
    assert robots_meta(html) == "noindex"


def test_a_story_for_members_keeps_its_canonical_but_asks_not_to_be_listed(client):
    client.force_login(get_user_model().objects.get(username="teacher"))
    note = StoryPage.objects.get(slug="a-teachers-note")
    html = client.get(note.url).content.decode()
    assert canonical(html) == settings.SITE_URL + note.url
    assert robots_meta(html) == "noindex"


# What is worth listing


def test_the_story_index_itself_may_be_listed(client):
    html = client.get(story_index().url).content.decode()
    assert robots_meta(html) is None


@pytest.mark.parametrize(
    "query", ["?theme=dental-anxiety", "?age=adult", "?page=2", "?theme=dental-anxiety&age=adult"]
)
def test_filtered_and_later_pages_of_the_index_ask_not_to_be_listed(client, query):
    for number in range(13):  # a second page
        StoryPageFactory(title=f"Another story {number}")
    response = client.get(story_index().url + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert robots_meta(html) == "noindex, follow"
    assert canonical(html) == settings.SITE_URL + story_index().url


def test_public_pages_may_be_listed(client):
    for url in ("/", flora().url):
        assert robots_meta(client.get(url).content.decode()) is None


@pytest.mark.parametrize(
    "path",
    [
        "/account/sign-in/",
        "/account/password-reset/",
        "/account/invitation/not-a-real-invitation/",
    ],
)
def test_readers_account_pages_are_kept_out_of_indexes(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert robots_meta(response.content.decode()) == "noindex"
