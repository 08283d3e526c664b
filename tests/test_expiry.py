"""Consent ends on its date, and the site enforces it without anyone pressing a button."""

import io
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import PageViewRestriction

from stories.consent.expiry import enforce_consent
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


def test_a_live_story_meant_for_no_audience_is_taken_down():
    # Made so behind the guard's back (a raw update, an import).
    story = StoryPageFactory(title="Meant for no one")
    StoryPage.objects.filter(pk=story.pk).update(for_public=False)
    output = enforce()
    assert "Took down “Meant for no one”" in output
    assert "Choose at least one audience" in output
    assert not StoryPage.objects.get(pk=story.pk).live


def test_a_covered_story_behind_a_view_restriction_stays_up():
    story = StoryPageFactory(title="Private but consented")
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    enforce()
    assert StoryPage.objects.get(pk=story.pk).live


def test_a_story_consent_covers_for_one_audience_but_not_another_is_taken_down():
    storyteller = storyteller_with_consent_ending_in(300, for_schools=False)
    story = StoryPageFactory(storyteller=storyteller, title="Public only")
    StoryPage.objects.filter(pk=story.pk).update(for_schools=True)
    output = enforce()
    assert "Consent does not cover schools" in output
    assert not StoryPage.objects.get(pk=story.pk).live


def queries_to_find_the_sweeps_work(on):
    with CaptureQueriesContext(connection) as queries:
        report = enforce_consent(on=on, dry_run=True)
    return len(queries), report


def test_finding_what_to_take_down_and_whom_to_remind_does_not_grow_with_the_archive():
    in_ten_days = timezone.localdate() + timedelta(days=10)
    lapsing = StoryPageFactory(storyteller=storyteller_with_consent_ending_in(5))

    def add_storytellers_whose_consent_ends_soon(count):
        for _ in range(count):
            StoryPageFactory(storyteller=storyteller_with_consent_ending_in(50))

    add_storytellers_whose_consent_ends_soon(3)
    with_three, report = queries_to_find_the_sweeps_work(in_ten_days)
    assert [story.pk for story, _reason in report.taken_down] == [lapsing.pk]
    ending_soon = len(report.ending_soon)

    add_storytellers_whose_consent_ends_soon(27)
    with_thirty, report = queries_to_find_the_sweeps_work(in_ten_days)
    assert [story.pk for story, _reason in report.taken_down] == [lapsing.pk]
    assert len(report.ending_soon) == ending_soon + 27
    assert with_thirty == with_three
