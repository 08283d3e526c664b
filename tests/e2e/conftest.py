"""The site in a real browser: Debian's Chromium, driven by Playwright.

The demo campaign is built once in a database of its own and served the way
production serves it (gunicorn, production settings, static files by
WhiteNoise) on a free loopback port; see tests/deployment.py. Journeys that
change what the site holds get a copy of their own.

Nothing is downloaded while the tests run: Playwright's own browser download
is never used, the browser is Debian's `chromium` (or the one named by
CHROMIUM), and axe-core's script comes inside axe-playwright-python.
Without Chromium the tests are skipped with a plain message, unless
E2E_REQUIRED=1 (CI), when its absence fails the run.
"""

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.deployment import Campaign
from tests.e2e.browsing import PASSWORD

NOT_FOUND = "Chromium not found: install Debian's chromium to run the browser tests"
HERE = Path(__file__).resolve().parent


def chromium_path():
    named = os.environ.get("CHROMIUM")
    if named:
        return named if Path(named).exists() else None
    return shutil.which("chromium")


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _database():
    """Browser tests read the served site, never the test process's database."""


@pytest.fixture(scope="session")
def chromium():
    path = chromium_path()
    if path is None:
        if os.environ.get("E2E_REQUIRED") == "1":
            pytest.fail(NOT_FOUND + " (E2E_REQUIRED=1)", pytrace=False)
        pytest.skip(NOT_FOUND)
    return path


class DemoCampaign(Campaign):
    """The demo campaign, its accounts signing in with ADMIN_PASSWORD."""

    def environment(self, database, files, **extra):
        env = super().environment(database, files, **extra)
        env["ADMIN_PASSWORD"] = PASSWORD
        return env


@pytest.fixture(scope="session")
def campaign(chromium):
    folder = tempfile.mkdtemp(prefix="hs-e2e-")
    built = DemoCampaign(folder)
    try:
        yield built.build()
    finally:
        built.remove()
        shutil.rmtree(folder, ignore_errors=True)


def _serve(campaign, name):
    deployed = campaign.copy(re.sub(r"\W", "_", name)[:20])
    deployed.serve()
    deployed.base_url = f"http://127.0.0.1:{deployed.port}"
    return deployed


@pytest.fixture(scope="module")
def shared_site(campaign, request):
    """One served copy for the tests of a module that only read."""
    deployed = _serve(campaign, request.module.__name__.rsplit(".", 1)[-1])
    yield deployed
    deployed.stop()


@pytest.fixture
def site(campaign, request):
    """A served copy of the test's own, for a journey that changes things."""
    deployed = _serve(campaign, request.node.name)
    yield deployed
    deployed.stop()


@pytest.fixture(scope="module")
def browser(chromium):
    # Module scope: Playwright's loop is gone before the next module's tests,
    # which may use Django's database in this process.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def new_context(browser):
    """Fresh browser windows (cookies of their own), closed after the test."""
    opened = []

    def open_context(site, width=1280, height=900):
        context = browser.new_context(
            base_url=site.base_url, viewport={"width": width, "height": height}
        )
        context.set_default_timeout(15_000)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()
