"""The API's OpenAPI description is valid, served at /api/v2/openapi.json, and
true: every path answers the demo's partner token with a status it lists,
in the shape it gives, and every filter it names is accepted."""

import jsonschema
import pytest
from django.test import Client, override_settings
from openapi_spec_validator import validate

from stories.api_schema import openapi_document
from stories.pages import StoryIndexPage, StoryPage
from stories.partners import PartnerOrganisation
from stories.readers import api_access

THERAPY_GROUP = "Quiet Harbour Therapy Group"
SHOWN_EVERYWHERE = ("400", "403", "429")


@pytest.fixture(scope="module")
def document():
    return openapi_document()


@pytest.fixture
def token():
    group = PartnerOrganisation.objects.get(name=THERAPY_GROUP)
    return api_access.create_token(group, "Partner site")[1]


def ask(path, token=None, **params):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return Client().get(path, params, **headers)


def assert_answers_as_described(document, path, response):
    """The status is one the document lists for the path, and a JSON body has
    the shape it gives for that status."""
    described = document["paths"][path]["get"]["responses"]
    status = str(response.status_code)
    assert status in described, f"{path} answered {status}, not described"
    content = described[status].get("content", {}).get("application/json")
    if content is not None:
        schema = {**content["schema"], "components": document["components"]}
        jsonschema.Draft202012Validator(schema).validate(response.json())
    for header in described[status].get("headers", {}):
        assert response.has_header(header), f"{path} {status} lacks {header}"


def test_the_description_is_valid_openapi(document):
    validate(document)
    assert document["openapi"].startswith("3.")


def test_the_description_is_served_to_anyone_at_the_sites_address(client, document, settings):
    response = client.get("/api/v2/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == document
    assert document["servers"] == [{"url": settings.WAGTAILAPI_BASE_URL.rstrip("/")}]
    assert "public" in response["Cache-Control"]


def test_the_description_names_the_token_scheme_and_every_error(document):
    scheme = document["components"]["securitySchemes"]["organisationToken"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    for path in ("/api/v2/pages/", "/api/v2/pages/{id}/", "/api/v2/pages/find/"):
        responses = document["paths"][path]["get"]["responses"]
        assert set(SHOWN_EVERYWHERE) <= set(responses)
    assert "404" in document["paths"]["/api/v2/pages/{id}/"]["get"]["responses"]


def test_every_path_answers_the_demo_token_as_described(document, token):
    story = StoryPage.objects.get(slug="the-walking-group")
    answers = {
        "/api/v2/pages/": ask(
            "/api/v2/pages/", token, type="stories.StoryPage", fields="*", limit=100
        ),
        "/api/v2/pages/{id}/": ask(f"/api/v2/pages/{story.pk}/", token),
        "/api/v2/pages/find/": ask("/api/v2/pages/find/", token, html_path=story.url),
        "/api/v2/openapi.json": ask("/api/v2/openapi.json", token),
    }
    assert set(answers) == set(document["paths"]), "every described path is asked"
    for path, response in answers.items():
        assert response.status_code in (200, 302), (path, response.content)
        assert_answers_as_described(document, path, response)
    listing = answers["/api/v2/pages/"].json()
    assert {"meta", "items"} <= set(listing)
    assert listing["meta"]["total_count"] == len(listing["items"]) > 0
    assert {"id", "meta", "title", "body", "hero"} <= set(answers["/api/v2/pages/{id}/"].json())
    assert answers["/api/v2/pages/find/"]["Location"].endswith(f"/api/v2/pages/{story.pk}/?")


def test_a_storys_pictures_match_the_described_picture(document, token):
    """Some syndicated demo story shows a picture in its body, in the described shape."""
    listing = ask("/api/v2/pages/", token, type="stories.StoryPage", fields="body", limit=100)
    pictures = [
        block["value"]["image"]
        for item in listing.json()["items"]
        for block in item["body"]
        if block["type"] == "image"
    ]
    assert pictures
    schema = {"$ref": "#/components/schemas/Picture", "components": document["components"]}
    for picture in pictures:
        jsonschema.Draft202012Validator(schema).validate(picture)


def test_the_errors_are_as_described(document, token):
    teachers_note = StoryPage.objects.get(slug="a-teachers-note")
    cases = [
        ("/api/v2/pages/", ask("/api/v2/pages/", token, colour="blue"), 400),
        ("/api/v2/pages/", ask("/api/v2/pages/", "wagtail_not-a-token"), 403),
        ("/api/v2/pages/{id}/", ask(f"/api/v2/pages/{teachers_note.pk}/", token), 404),
        ("/api/v2/pages/{id}/", ask("/api/v2/pages/99999999/", token), 404),
        (
            "/api/v2/pages/find/",
            ask("/api/v2/pages/find/", token, html_path=teachers_note.url),
            404,
        ),
    ]
    for path, response, status in cases:
        assert response.status_code == status, (path, response.content)
        assert_answers_as_described(document, path, response)


@override_settings(API_RATE_PER_TOKEN="1/hour")
def test_too_many_requests_are_as_described(document, token):
    assert ask("/api/v2/pages/", token).status_code == 200
    response = ask("/api/v2/pages/", token)
    assert response.status_code == 429
    assert_answers_as_described(document, "/api/v2/pages/", response)


def test_every_described_filter_is_accepted(document, token):
    index = StoryIndexPage.objects.first()
    flora = StoryPage.objects.get(slug="floras-story")
    values = {
        "type": "stories.StoryPage",
        "fields": "title",
        "limit": "1",
        "offset": "0",
        "order": "title",
        "search": "dentist",
        "search_operator": "or",
        "child_of": str(index.pk),
        "descendant_of": str(index.pk),
        "ancestor_of": str(flora.pk),
        "slug": "floras-story",
        "title": flora.title,
        "rich_text_format": "html",
    }
    parameters = [p["name"] for p in document["paths"]["/api/v2/pages/"]["get"]["parameters"]]
    assert set(parameters) == set(values)
    for name in parameters:
        response = ask("/api/v2/pages/", token, **{name: values[name]})
        assert response.status_code == 200, (name, response.content)
        assert_answers_as_described(document, "/api/v2/pages/", response)
