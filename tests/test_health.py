"""A load balancer asks /health/ whether a worker can serve, and learns nothing else.

It answers 200 while the database and both storages answer, and 503 when
one does not, with a body naming only which part is "ok" or "unavailable".
Redis is an accelerator: without it the site still serves, so a missing
cache is reported but is not a reason to take every worker out of rotation
(`?strict=1` says 503 for it too). The answer is never cached, sets no
cookie, and is given to the load balancer however it addresses the worker.
"""

import json
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.files.storage import storages
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

HEALTH = "/health/"
EVERYTHING_OK = {"database": "ok", "cache": "ok", "storage": "ok"}


def states(response):
    return json.loads(response.content)


def test_a_healthy_worker_answers_200_with_three_words_and_nothing_else(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(HEALTH)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert states(response) == EVERYTHING_OK
    assert len(queries) == 1, "one trivial query, no session, no page"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_the_load_balancer_is_answered_over_plain_http_at_any_host(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["stories.example.org"]

    response = client.get(HEALTH, HTTP_HOST="10.0.3.17:8000")

    assert response.status_code == 200
    assert states(response) == EVERYTHING_OK
    # Every other address still obeys both rules.
    assert client.get("/", HTTP_HOST="10.0.3.17:8000").status_code == 400
    assert client.get("/", HTTP_HOST="stories.example.org").status_code == 301


def test_a_database_that_refuses_is_named_and_nothing_is_said_of_why(client):
    refusal = OperationalError(
        'connection to server at "db.internal" (10.0.0.5), port 5432 failed: '
        "Connection refused (PostgreSQL 16.2)"
    )
    with mock.patch("stories.health.connection.cursor", side_effect=refusal):
        response = client.get(HEALTH)

    assert response.status_code == 503
    assert states(response) == {"database": "unavailable", "cache": "ok", "storage": "ok"}
    body = response.content.decode()
    for detail in ("db.internal", "10.0.0.5", "5432", "refused", "PostgreSQL", "16.2"):
        assert detail not in body


def test_storage_that_cannot_be_reached_makes_the_worker_unhealthy(client):
    with mock.patch.object(
        type(storages["images"]), "exists", side_effect=OSError("bucket unreachable")
    ):
        response = client.get(HEALTH)

    assert response.status_code == 503
    assert states(response) == {"database": "ok", "cache": "ok", "storage": "unavailable"}
    assert "bucket" not in response.content.decode()


def test_a_missing_cache_is_reported_but_the_worker_still_serves(client):
    # What django-redis answers when Redis is down and its errors are ignored.
    with mock.patch.object(type(caches["default"]), "get", return_value=None):
        response = client.get(HEALTH)
        strict = client.get(HEALTH + "?strict=1")

    assert response.status_code == 200
    assert states(response) == {"database": "ok", "cache": "unavailable", "storage": "ok"}
    assert strict.status_code == 503
    assert states(strict) == states(response)


def test_a_cache_that_raises_is_unavailable_not_an_error(client):
    refusal = ConnectionError("redis:6379")
    with mock.patch.object(type(caches["default"]), "set", side_effect=refusal):
        response = client.get(HEALTH + "?strict=1")

    assert response.status_code == 503
    assert states(response)["cache"] == "unavailable"
    assert "6379" not in response.content.decode()


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_only_reading_is_allowed(client, method):
    assert getattr(client, method)(HEALTH).status_code == 405


def test_the_health_address_is_for_load_balancers_not_for_search_engines(client):
    assert HEALTH not in client.get("/sitemap.xml").content.decode()
    assert HEALTH not in client.get("/robots.txt").content.decode()
