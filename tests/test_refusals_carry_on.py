"""A story consent does not cover is refused with its reason; nothing else stops.

Wagtail's own scheduler (`publish_scheduled`, and its older name
`publish_scheduled_pages`) refuses that one story, says why, and publishes
every consented story due after it; a later run does not stumble on it
again. The admin API's publish action answers a refusal with 400 and the
reasons, and changes nothing.
"""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import PageLogEntry

from stories.factories import (
    ConsentRecordFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
)
from stories.pages import StoryPage

from .people import storyteller_approves

PHOTO_PROBLEM = "Photo ‘Rosa at the clinic’ shows a recognisable person"


def scheduled_story(title, days, storyteller=None, **kwargs):
    story = StoryPageFactory(
        title=title, storyteller=storyteller or StorytellerFactory(), publish=False, **kwargs
    )
    story.go_live_at = timezone.now() + timedelta(days=days)
    revision = story.save_revision()
    storyteller_approves(story)
    revision.publish()
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    return story, revision


@pytest.fixture
def refused_then_consented():
    """Two stories due on the same run: the first no longer covered, the second covered."""
    storyteller = StorytellerFactory()
    photo = StoryImageFactory(title="Rosa at the clinic", shows_identifiable_person=True)
    refused, refused_revision = scheduled_story(
        "Rosa's first visit", 1, storyteller=storyteller, hero_image=photo
    )
    # Consent narrowed after scheduling: photos that show her are no longer covered.
    ConsentRecordFactory(storyteller=storyteller, identifiable_photos=False)
    consented, _ = scheduled_story("Omar's new smile", 2)
    return refused, refused_revision, consented


@pytest.mark.parametrize("command", ["publish_scheduled", "publish_scheduled_pages"])
def test_the_scheduler_refuses_one_story_and_publishes_the_rest(command, refused_then_consented):
    refused, refused_revision, consented = refused_then_consented
    out = io.StringIO()
    with freeze_time(timezone.now() + timedelta(days=3)):
        call_command(command, stdout=out)
        output = out.getvalue()
        assert "Refused scheduled story “Rosa's first visit”" in output
        assert PHOTO_PROBLEM in output
        assert StoryPage.objects.get(pk=consented.pk).live
        refused = StoryPage.objects.get(pk=refused.pk)
        assert not refused.live
        assert refused.get_latest_revision() is not None  # the draft is kept
        refused_revision.refresh_from_db()
        assert refused_revision.approved_go_live_at is None
        assert PageLogEntry.objects.filter(
            page=refused, action="stories.consent.publish_refused"
        ).exists()

        again = io.StringIO()
        call_command(command, stdout=again)  # the next run has nothing left to refuse
        assert "Rosa" not in again.getvalue()


@pytest.mark.parametrize("command", ["publish_scheduled", "publish_scheduled_pages"])
def test_the_schedulers_dry_run_names_the_refusal_and_changes_nothing(
    command, refused_then_consented
):
    refused, refused_revision, consented = refused_then_consented
    out = io.StringIO()
    with freeze_time(timezone.now() + timedelta(days=3)):
        call_command(command, "--dryrun", stdout=out)
    assert "Would refuse scheduled story “Rosa's first visit”" in out.getvalue()
    assert PHOTO_PROBLEM in out.getvalue()
    refused_revision.refresh_from_db()
    assert refused_revision.approved_go_live_at is not None
    assert not StoryPage.objects.get(pk=consented.pk).live


def admin_api_publish(client, page):
    return client.post(
        reverse("wagtailadmin_api:pages:action", args=[page.pk, "publish"]),
        content_type="application/json",
    )


def test_the_admin_api_answers_a_refusal_with_400_and_the_reasons(admin_client):
    storyteller = StorytellerFactory(consent__identifiable_photos=False)
    photo = StoryImageFactory(title="Rosa at the clinic", shows_identifiable_person=True)
    draft = StoryPageFactory(storyteller=storyteller, hero_image=photo, publish=False)
    response = admin_api_publish(admin_client, draft)
    assert response.status_code == 400
    assert PHOTO_PROBLEM in response.json()["consent"][0]
    draft = StoryPage.objects.get(pk=draft.pk)
    assert not draft.live
    assert draft.get_latest_revision() is not None
    assert (
        PageLogEntry.objects.filter(page=draft, action="stories.consent.publish_refused").count()
        == 1
    )


def test_a_refused_admin_api_publish_changes_nothing(admin_client):
    """The refused publish leaves the story's earlier, consented schedule as it was."""
    storyteller = StorytellerFactory()
    story, scheduled_revision = scheduled_story("Rosa's first visit", 5, storyteller=storyteller)
    ConsentRecordFactory(storyteller=storyteller, identifiable_photos=False)
    draft = story.get_latest_revision_as_object()
    draft.hero_image = StoryImageFactory(title="Rosa at the clinic", shows_identifiable_person=True)
    draft.go_live_at = None
    draft.save_revision()
    storyteller_approves(story)  # refused for consent alone

    response = admin_api_publish(admin_client, story)
    assert response.status_code == 400
    scheduled_revision.refresh_from_db()
    assert scheduled_revision.approved_go_live_at is not None
    assert not StoryPage.objects.get(pk=story.pk).live


def test_the_admin_api_still_publishes_a_covered_story(admin_client):
    draft = StoryPageFactory(publish=False)
    storyteller_approves(draft)
    response = admin_api_publish(admin_client, draft)
    assert response.status_code == 200
    assert StoryPage.objects.get(pk=draft.pk).live
