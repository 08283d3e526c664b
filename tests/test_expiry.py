"""Consent ends on its date, and the site enforces it without anyone pressing a button."""

import io
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from stories.consent.records import ConsentReminder, add_years
from stories.consent.tasks import enforce_consent_task
from stories.factories import ConsentRecordFactory, StoryPageFactory, StorytellerFactory
from stories.pages import StoryPage
from stories.visibility import visible_stories


def storyteller_with_consent_ending_in(days, **consent):
    storyteller = StorytellerFactory(consent=None)
    today = timezone.localdate()
    ConsentRecordFactory(
        storyteller=storyteller,
        given_on=today - timedelta(days=300),
        expires_on=today + timedelta(days=days),
        **consent,
    )
    return storyteller


def enforce(*args):
    out = io.StringIO()
    call_command("enforce_consent", *args, stdout=out)
    return out.getvalue()


def test_a_story_whose_consent_expired_is_taken_down(admin_user):
    storyteller = storyteller_with_consent_ending_in(3)
    story = StoryPageFactory(storyteller=storyteller, title="Soon to expire", owner=admin_user)
    with freeze_time(timezone.now() + timedelta(days=4)):
        output = enforce()
    assert "Took down “Soon to expire”" in output
    assert "Consent expired on" in output
    assert not StoryPage.objects.get(pk=story.pk).live


def test_dry_run_changes_nothing():
    storyteller = storyteller_with_consent_ending_in(3)
    story = StoryPageFactory(storyteller=storyteller, title="Dry run story")
    with freeze_time(timezone.now() + timedelta(days=4)):
        output = enforce("--dry-run")
    assert "Would take down “Dry run story”" in output
    assert StoryPage.objects.get(pk=story.pk).live


def test_serving_rechecks_consent_between_sweeps(client):
    storyteller = storyteller_with_consent_ending_in(3)
    story = StoryPageFactory(storyteller=storyteller)
    url = story.url
    assert client.get(url).status_code == 200
    with freeze_time(timezone.now() + timedelta(days=4)):
        response = client.get(url)
        assert response.status_code == 404
        assert story.title.encode() not in response.content
        assert story not in visible_stories()
    assert StoryPage.objects.get(pk=story.pk).live  # nobody swept yet


def test_a_minors_guardian_consent_ends_at_eighteen(client):
    today = timezone.localdate()
    teen = StorytellerFactory(
        date_of_birth=add_years(today, -18) + timedelta(days=10), consent=None
    )
    ConsentRecordFactory(
        storyteller=teen, given_by="guardian", guardian_name="Ann", guardian_relationship="Mother"
    )
    story = StoryPageFactory(storyteller=teen, title="A teenager's story")
    with freeze_time(timezone.now() + timedelta(days=11)):
        output = enforce()
    assert "18th birthday" in output
    assert not StoryPage.objects.get(pk=story.pk).live


def test_consent_renewed_by_the_storyteller_at_eighteen_keeps_the_story(client):
    today = timezone.localdate()
    teen = StorytellerFactory(date_of_birth=add_years(today, -18) - timedelta(days=1), consent=None)
    ConsentRecordFactory(storyteller=teen, given_by="storyteller")
    story = StoryPageFactory(storyteller=teen)
    enforce()
    assert StoryPage.objects.get(pk=story.pk).live


def test_owners_are_reminded_once_per_threshold(admin_user):
    storyteller = storyteller_with_consent_ending_in(45)
    StoryPageFactory(storyteller=storyteller, owner=admin_user)
    output = enforce()
    assert "ends in 45 day(s)" in output
    assert "Sent the 60-day reminder" in output
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [admin_user.email]
    enforce()
    assert len(mail.outbox) == 1  # not again for the same threshold
    with freeze_time(timezone.now() + timedelta(days=16)):
        enforce()
    assert len(mail.outbox) == 2  # the 30-day threshold
    assert ConsentReminder.objects.filter(days=30).exists()


def test_the_sweep_runs_as_a_background_task():
    storyteller = storyteller_with_consent_ending_in(1)
    story = StoryPageFactory(storyteller=storyteller)
    with freeze_time(timezone.now() + timedelta(days=2)):
        result = enforce_consent_task.enqueue()
    assert result.return_value["taken_down"] == [story.pk]
    assert not StoryPage.objects.get(pk=story.pk).live
