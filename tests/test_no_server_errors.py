"""Whatever a reader, a crawler or a partner's script sends, the site answers
a page, a redirect, 400, 403, 404 or 405, never a server error (5xx).

Hypothesis drives every public address and every query parameter the site
reads with arbitrary text, numbers far beyond any database column, negative
numbers, NUL and control characters, other scripts, quotes and URLs, as the
public, with an organisation's API token and signed in as a school's member.
oEmbed offers JSON and XML and answers any other format with 400.

A fixed, modest number of examples keeps the file quick on each database;
`NO_SERVER_ERRORS_EXAMPLES=4000 pytest tests/test_no_server_errors.py -s`
runs a longer fuzz and prints the answers counted by status.
"""

import os
from collections import Counter
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from stories.factories import PartnerOrganisationFactory
from stories.pages import StoryPage
from stories.readers import api_access
from stories.taxonomy import AgeBand, Theme

EXAMPLES = int(os.environ.get("NO_SERVER_ERRORS_EXAMPLES", "100"))
ANSWERS = Counter()

FLORA = "floras-story"  # public, consent to reuse by anyone
TEACHERS_NOTE = "a-teachers-note"  # schools only
BEYOND_BIGINT = "9223372036854775808"
BEYOND_INTEGER = "2147483648"  # PostgreSQL's `integer` ends one below

# What the demo gives each placeholder, filled in per test (see `demo`).
PLACES = ("<flora>", "<flora-id>", "<flora-url>", "<members-id>", "<picture>", "<theme>", "<age>")

ADDRESSES = [
    "/",
    "/stories/",
    "/stories/<flora>/",
    "/stories/<flora>/embed/",
    "/stories/feed/",
    "/oembed/",
    "/search/",
    "/sitemap.xml",
    "/sitemap-stories.xml",
    "/sitemap-pages.xml",
    "/api/v2/pages/",
    "/api/v2/pages/<flora-id>/",
    "/api/v2/pages/find/",
    "/read/<members-id>/",
    "/images/<picture>",
    "/account/sign-in/",
    "/account/password-reset/",
]
# Addresses with a part anyone can type: {} takes a number or arbitrary text.
NUMBERED = ["/api/v2/pages/{}/", "/read/{}/"]
NAMED = [
    "/stories/{}/",
    "/stories/{}/embed/",
    "/images/{}",
    "/my-story/{}/",
    "/sitemap-{}.xml",
    "/account/invitation/{}/",
    "/{}/",
]
PARAMETERS = [
    "page",
    "p",
    "theme",
    "age",
    "q",
    "url",
    "maxwidth",
    "maxheight",
    "format",
    "fields",
    "type",
    "limit",
    "offset",
    "order",
    "search",
    "search_operator",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
    "locale",
    "find",
    "id",
    "title",
    "slug",
    "first_published_at",
    "last_published_at",
    "show_in_menus",
    "html_path",
    "next",
    "shared",
]
EDGES = [
    "",
    "0",
    "1",
    "-1",
    "2",
    "20",
    "21",
    BEYOND_INTEGER,
    "9223372036854775807",
    BEYOND_BIGINT,
    "9" * 20,
    "-" + "9" * 20,
    "1e9",
    "1.5",
    "NaN",
    "inf",
    " 7 ",
    "٣",
    "root",
    "*",
    "-",
    "_",
    ",",
    "title",
    "-title",
    "random",
    "-id,title",
    "first_published_at",
    "title,-",
    "*,-title",
    "id(",
    "title(id)",
    "parent(title,id)",
    "body",
    "wagtailcore.Page",
    "stories.StoryPage",
    "stories.Nope",
    "nope.",
    "true",
    "false",
    "and",
    "or",
    "en",
    "zz",
    '"',
    "'",
    '"dental anxiety"',
    "dentist*",
    "NEAR(a b)",
    "\x00",
    "%00",
    "\r\n",
    "<script>",
    "json",
    "xml",
    "https://evil.example/",
    "//evil.example",
    "javascript:alert(1)",
    "<flora-url>",
    "<flora-url>embed/",
    "http://testserver/stories/<flora>/",
    "http://testserver/stories/" + TEACHERS_NOTE + "/",
    "/stories/<flora>/",
    "<theme>",
    "<age>",
    "<flora>",
    "<flora-id>",
    "<members-id>",
]
NUMBERS = st.integers(min_value=-(2**80), max_value=2**80).map(str)
VALUES = st.one_of(st.sampled_from(EDGES), NUMBERS, st.text(max_size=30))
QUERIES = st.dictionaries(st.sampled_from(PARAMETERS), VALUES, max_size=4)
PATH_PARTS = st.one_of(
    st.sampled_from(["<flora>", "<flora-id>", "<members-id>", TEACHERS_NOTE, "..", "%2F"]),
    NUMBERS,
    st.text(min_size=1, max_size=30),
)
# Half the requests go to the site's own addresses, where every parameter is read.
PATHS = st.one_of(
    st.sampled_from(ADDRESSES),
    st.one_of(
        st.builds(
            lambda pattern, number: pattern.format(number), st.sampled_from(NUMBERED), NUMBERS
        ),
        st.builds(
            lambda pattern, part: pattern.format(part if part in PLACES else quote(part, safe="")),
            st.sampled_from(NAMED),
            PATH_PARTS,
        ),
    ),
)
READERS = st.sampled_from(["public", "token", "member"])
METHODS = st.sampled_from(["get", "get", "get", "head"])


@pytest.fixture
def demo():
    flora = StoryPage.objects.get(slug=FLORA)
    return {
        "<flora>": FLORA,
        "<flora-id>": str(flora.pk),
        "<flora-url>": flora.full_url,
        "<members-id>": str(StoryPage.objects.get(slug=TEACHERS_NOTE).pk),
        "<picture>": flora.hero_image.get_rendition("fill-640x400").file.name,
        "<theme>": Theme.objects.first().slug,
        "<age>": AgeBand.objects.first().slug,
    }


@pytest.fixture
def readers(settings):
    settings.API_RATE_ANONYMOUS = settings.API_RATE_PER_TOKEN = "1000000/hour"
    token = api_access.create_token(PartnerOrganisationFactory(name="Fuzzing group"), "Fuzz")[1]
    member = Client()
    member.force_login(get_user_model().objects.get(username="teacher"))
    return {
        "public": Client(),
        "token": Client(HTTP_AUTHORIZATION=f"Bearer {token}"),
        "member": member,
    }


@pytest.fixture(scope="module", autouse=True)
def _answers_counted():
    yield
    if "NO_SERVER_ERRORS_EXAMPLES" in os.environ:
        print(f"\nAnswers by status, {sum(ANSWERS.values())} requests: {sorted(ANSWERS.items())}")


def filled(text, demo):
    for place in PLACES:
        text = text.replace(place, demo[place])
    return text


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(reader=READERS, method=METHODS, path=PATHS, query=QUERIES)
# Each of these answered 500 once.
@example(reader="public", method="get", path="/api/v2/pages/find/", query={"id": "abc"})
@example(reader="token", method="get", path="/api/v2/pages/find/", query={"id": "abc"})
@example(reader="public", method="get", path="/api/v2/pages/", query={"offset": BEYOND_BIGINT})
@example(reader="token", method="get", path="/api/v2/pages/", query={"offset": "9" * 20})
@example(reader="public", method="get", path="/read/99999999999999999999/", query={})
@example(reader="member", method="get", path="/read/99999999999999999999/", query={})
@example(reader="public", method="head", path="/oembed/", query={"url": "<flora-url>"})
@example(reader="public", method="get", path="/search/", query={"q": '"'})
@example(reader="public", method="get", path="/api/v2/pages/", query={"search": '"'})
@example(reader="public", method="get", path="/api/v2/pages/99999999999999999999/", query={})
@example(reader="public", method="get", path="/api/v2/pages/", query={"child_of": BEYOND_BIGINT})
@example(reader="token", method="get", path="/api/v2/pages/", query={"descendant_of": "9" * 20})
@example(reader="public", method="get", path="/api/v2/pages/", query={"id": BEYOND_INTEGER})
@example(reader="public", method="get", path="/stories/", query={"page": "9" * 20})
@example(
    reader="public",
    method="get",
    path="/oembed/",
    query={"url": "<flora-url>", "maxwidth": "9" * 20, "maxheight": BEYOND_BIGINT},
)
@example(
    reader="public",
    method="get",
    path="/api/v2/pages/",
    query={"type": "stories.StoryPage", "first_published_at": "2020-13-45"},
)
@example(reader="public", method="get", path="/oembed/", query={"url": "http://[::1/stories/"})
def test_no_input_makes_the_site_fail(readers, demo, reader, method, path, query):
    data = {name: filled(value, demo) for name, value in query.items()}
    response = getattr(readers[reader], method)(filled(path, demo), data)
    ANSWERS[response.status_code] += 1
    assert response.status_code < 500, (
        response.status_code,
        response.content[:300],
    )
