"""The site survives its parts failing: readers get a page, data stays whole.

A database out of reach is "back in a moment" (503 with Retry-After) in the
site's look, and the site serves again as soon as it is back, without a
restart. The deployed-shape tests (marker `deployed`) prove it with gunicorn
and production settings: against PostgreSQL refusing connections, and with
a Redis of the test's own stopped halfway.
"""

import contextlib
import re
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

FLORA = "/stories/floras-story/"
REFUSED = 'connection to server at "127.0.0.1", port 5432 failed: Connection refused'


@contextlib.contextmanager
def database_refusing(error=None):
    """Every query fails as it does when the database server is out of reach."""
    error = error or OperationalError(REFUSED)
    with (
        mock.patch.object(CursorWrapper, "execute", side_effect=error),
        mock.patch.object(CursorWrapper, "executemany", side_effect=error),
    ):
        yield


@pytest.fixture
def browser():
    """A client that answers as the site does, rather than raising the error."""
    return Client(raise_request_exception=False)


def assert_back_in_a_moment(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "We will be back in a moment" in page
    assert 'href="/static/css/site.css"' in page, "not in the site's look"
    # The readers' policy allows no inline code: none is needed.
    assert not re.search(r"<script|<style|\sstyle=", page)
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    for detail in ("5432", "refused", "127.0.0.1", "Traceback"):
        assert detail not in page


def test_a_reader_of_a_story_is_told_to_come_back_when_the_database_refuses(browser):
    with database_refusing():
        response = browser.get(FLORA)
    assert_back_in_a_moment(response)

    assert browser.get(FLORA).status_code == 200, "the site did not recover"


@pytest.mark.parametrize("path", ["/", "/stories/", "/search/?q=smile", "/account/sign-in/"])
def test_every_kind_of_page_is_back_in_a_moment_not_a_server_error(browser, path):
    with database_refusing():
        response = browser.get(path)
    assert_back_in_a_moment(response)


def test_an_editor_in_the_admin_is_told_to_come_back_too(browser, editor):
    browser.force_login(editor)
    with database_refusing():
        response = browser.get("/admin/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0

    assert browser.get("/admin/").status_code == 200, "the admin did not recover"


def test_a_lost_connection_is_back_in_a_moment_too(browser):
    with database_refusing(InterfaceError("connection already closed")):
        response = browser.get(FLORA)
    assert_back_in_a_moment(response)


def test_any_other_failure_is_still_the_500_page(browser):
    with mock.patch("stories.pages.StoryPage.serve", side_effect=RuntimeError("a bug")):
        response = browser.get(FLORA)
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Something went wrong on our side" in response.content.decode()
