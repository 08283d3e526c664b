"""The leak hunt: crawl every URL the site links to, as each kind of reader, and
check that no story they may not see shows up (title, summary, body text or
picture), and that every story they may see does.

Crawls start where a reader or a machine would: the home page, the index,
search, the feed, the sitemap and the API listing, and follow every link,
picture, frame, social card and feed, oEmbed or API address on the site
from there.
"""

import html
import io
import json
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.html import strip_tags
from pypdf import PdfReader

from stories.consent.subjects import pictures_shown
from stories.factories import PartnerOrganisationFactory
from stories.images import StoryRendition
from stories.pages import StoryPage
from stories.readers import api_access
from stories.readers.membership import Membership
from stories.visibility import visible_stories

STARTS = [
    "/",
    "/stories/",
    "/search/?q=story",
    "/search/?q=teacher",
    "/search/?q=walking",
    "/stories/feed/",
    "/sitemap.xml",
    "/api/v2/pages/?limit=100",
]
# The admin is not for readers; the sign-in page is the same whatever it returns to.
SKIP = ("/admin/", "/account/sign-out/", "/account/sign-in/?", "/static/")
CRAWL_LIMIT = 800
IMAGE_URL = re.compile(r"/images/([\w./-]+)")


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            if name in ("href", "src"):
                self.links.append(value)
            elif tag == "meta" and name == "content" and value.startswith("http"):
                self.links.append(value)  # a social card's page and picture
            elif name == "srcset":
                self.links += [part.strip().split(" ")[0] for part in value.split(",")]


def json_strings(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from json_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from json_strings(value)
    elif isinstance(data, str):
        yield data


def text_and_links(response):
    """What a reader of this response could read, and the addresses in it."""
    content_type = response.get("Content-Type", "")
    if content_type == "application/pdf":  # a classroom pack: its text is read too
        pages = PdfReader(io.BytesIO(response.content)).pages
        return "\n".join(page.extract_text() for page in pages), []
    raw = response.content.decode()
    if "json" in content_type:
        strings = list(json_strings(json.loads(raw)))
        links = [s for s in strings if s.startswith(("/", "http://testserver/", site_address()))]
        for markup in (s for s in strings if s.startswith("<")):  # an oEmbed answer's frame
            parser = LinkParser()
            parser.feed(markup)
            links += parser.links
        return "\n".join(strings), links
    if "html" in content_type:
        parser = LinkParser()
        parser.feed(raw)
        return html.unescape(raw), parser.links
    if "xml" in content_type:
        links = re.findall(r"<loc>([^<]+)</loc>", raw) + re.findall(r'href="([^"]+)"', raw)
        return html.unescape(raw), [html.unescape(link) for link in links]
    return "", []


def site_address():
    """The site's one address (SITE_URL), which every link it gives away starts with."""
    return settings.SITE_URL.rstrip("/") + "/"


def local(url, base):
    """The path and query of a link on this site (at the test client's host or
    at SITE_URL), or None for elsewhere."""
    parts = urlsplit(urljoin(base, url))
    hosts = ("testserver", "", urlsplit(settings.SITE_URL).netloc)
    if parts.scheme not in ("http", "https") or parts.netloc not in hosts:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if path.startswith(SKIP) else path


def crawl(client, starts=STARTS, only=None, **headers):
    """Every response reachable from the starts; returns {url: (status, text)}."""
    seen, queue, found = set(), deque(starts), {}
    while queue and len(seen) < CRAWL_LIMIT:
        url = queue.popleft()
        if url in seen or (only and not url.startswith(only)):
            continue
        seen.add(url)
        response = client.get(url, **headers)
        if response.status_code in (301, 302):
            target = local(response["Location"], "http://testserver" + url)
            if target:
                queue.append(target)
            found[url] = (response.status_code, "")
            continue
        if hasattr(response, "streaming_content"):
            found[url] = (response.status_code, "")
            continue
        text, links = text_and_links(response)
        found[url] = (response.status_code, text)
        for link in links:
            target = local(link, "http://testserver" + url)
            if target and target not in seen:
                queue.append(target)
    assert len(seen) < CRAWL_LIMIT, "the crawl did not finish: raise CRAWL_LIMIT"
    return found


def body_sample(story):
    """Forty-odd characters of the story's own words, as a reader would see them."""
    for block in story.body:
        if block.block_type == "paragraph":
            words = html.unescape(strip_tags(str(block.value.source))).split()
            if len(words) >= 8:
                return " ".join(words[:8])
    return None


def pictures_only_in(hidden, shown):
    """Pictures the hidden stories show that no shown story does."""
    allowed = {image.pk for story in shown for image in pictures_shown(story)}
    return {image.pk for story in hidden for image in pictures_shown(story)} - allowed


def assert_no_leak(found, reader_sees, role):
    shown = list(reader_sees)
    hidden = list(StoryPage.objects.exclude(pk__in=[story.pk for story in shown]))
    corpus = "\n".join(text for _status, text in found.values())
    for story in hidden:
        for fact in (story.title, story.summary, body_sample(story)):
            assert not fact or fact not in corpus, f"{role} can read “{fact}” of {story.slug}"
    served_pictures = set(
        StoryRendition.objects.filter(file__in=IMAGE_URL.findall(corpus)).values_list(
            "image_id", flat=True
        )
    )
    served_pictures |= {
        rendition.image_id
        for url, (status, _text) in found.items()
        if status == 200 and url.startswith("/images/")
        for rendition in StoryRendition.objects.filter(file=url.removeprefix("/images/"))
    }
    leaked = served_pictures & pictures_only_in(hidden, shown)
    assert not leaked, f"{role} is shown pictures of stories they may not see: {leaked}"
    assert all(status < 500 for status, _text in found.values())


def assert_all_found(found, reader_sees, role, api_only=False):
    corpus = "\n".join(text for _status, text in found.values())
    for story in reader_sees:
        assert story.title in corpus, f"{role} never meets {story.slug}"
        if not api_only:
            assert found.get(story.url, (None,))[0] == 200, f"{role} cannot open {story.url}"


def suspended_member():
    school = PartnerOrganisationFactory(name="Suspended Primary", kind="school")
    user = get_user_model().objects.create_user("suspended@example.com")
    Membership.objects.create(user=user, organisation=school)
    school.is_suspended = True
    school.save()
    return user


ROLES = {
    "anonymous": lambda: None,
    "teacher": lambda: get_user_model().objects.get(username="teacher"),
    "partner": lambda: get_user_model().objects.get(username="partner"),
    "suspended": suspended_member,
}


@pytest.mark.parametrize("role", ROLES)
def test_no_reader_meets_a_story_outside_their_audiences(role):
    user = ROLES[role]()
    client = Client()
    if user is not None:
        client.force_login(user)
    found = crawl(client)
    sees = list(visible_stories(user))
    assert_no_leak(found, sees, role)
    assert_all_found(found, sees, role)
    frames = [url for url, (status, _text) in found.items() if url.endswith("/embed/")]
    assert frames, "the crawl reaches the cards other sites frame, through oEmbed"


@pytest.mark.parametrize(
    "organisation", ["Quiet Harbour Therapy Group", "Harbour Lane Primary School"]
)
def test_an_organisations_api_token_meets_only_what_it_may_syndicate(organisation):
    from stories.partners import PartnerOrganisation

    partner = PartnerOrganisation.objects.get(name=organisation)
    plaintext = api_access.create_token(partner, "Leak hunt")[1]
    found = crawl(
        Client(),
        starts=["/api/v2/pages/?limit=100"],
        only="/api/",
        HTTP_AUTHORIZATION=f"Bearer {plaintext}",
    )
    sees = list(visible_stories(api_access.service_account_for(partner), syndication=True))
    assert sees, "the demo gives every partner kind something to syndicate"
    assert_no_leak(found, sees, organisation)
    assert_all_found(found, sees, organisation, api_only=True)


def test_pictures_a_teacher_was_shown_are_refused_to_outsiders():
    teacher = Client()
    teacher.force_login(get_user_model().objects.get(username="teacher"))
    note = StoryPage.objects.get(slug="a-teachers-note")
    page = teacher.get(note.url).content.decode()
    exclusive = pictures_only_in([note], visible_stories(None))
    urls = [
        f"/images/{name}"
        for name in IMAGE_URL.findall(page)
        if StoryRendition.objects.filter(file=name, image_id__in=exclusive).exists()
    ]
    assert urls, "the teacher's note shows pictures of its own"
    partner = Client()
    partner.force_login(get_user_model().objects.get(username="partner"))
    for url in urls:
        assert teacher.get(url).status_code == 200
        assert Client().get(url).status_code == 404
        assert partner.get(url).status_code == 404
