"""Shared test set-up: the demo campaign is loaded once into the test database.

Tests read it (query budgets, rendering) and build their own data on top with
the factories in stories.factories; each test's changes roll back.
"""

# Imported before any test freezes the clock: openpyxl keys its table of date
# formats by the datetime types it sees on import, and a frozen clock's types
# would stay there for every later export.
import openpyxl  # noqa: F401
import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from stories.factories import StoryPageFactory, ThemeFactory

from .people import CLINICAL_REVIEWERS, CONSENT_OFFICERS, EDITORS, member


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    import os

    if os.environ.get("HS_NO_DEMO"):
        return
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture(scope="session", autouse=True)
def _scratch_files_removed_afterwards():
    """Uploads and evidence written by the suite go to scratch folders; remove them."""
    import contextlib
    import os
    import shutil

    from django.conf import settings

    yield
    for folder in (settings.MEDIA_ROOT, settings.STORAGES["private"]["OPTIONS"]["location"]):
        shutil.rmtree(folder, ignore_errors=True)
    with contextlib.suppress(OSError):
        os.rmdir(os.path.dirname(settings.MEDIA_ROOT))  # the run's scratch folder, now empty


@pytest.fixture(autouse=True)
def _database(db):
    """Every test may read the demo campaign."""


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def theme():
    return ThemeFactory(name="Test theme")


@pytest.fixture
def restricted_story(theme):
    """A live story that only signed-in readers may see."""
    story = StoryPageFactory(
        title="Restricted story about a secret lighthouse",
        summary="A summary no anonymous reader may see.",
        themes=[theme],
    )
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    return story


@pytest.fixture
def draft_story(theme):
    return StoryPageFactory(
        title="Draft story about an unfinished bridge",
        summary="Not yet published.",
        themes=[theme],
        publish=False,
    )


@pytest.fixture
def editor():
    """An editor: writes stories and submits them for review."""
    return member("test-editor", EDITORS, first_name="Eda")


@pytest.fixture
def reviewer():
    """A clinical reviewer: approves accuracy."""
    return member("test-reviewer", CLINICAL_REVIEWERS, first_name="Rue")


@pytest.fixture
def officer():
    """A consent officer: storytellers, consent, the final check."""
    return member("test-officer", CONSENT_OFFICERS, first_name="Ona")
