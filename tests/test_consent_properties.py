"""Whatever editors do, in whatever order, no story is reachable without consent.

Hypothesis plays random sequences of editor and officer actions (create,
edit, publish, schedule, copy, move, revert, rename the storyteller, correct
their birth date, mark a photo identifiable, withdraw, two withdrawals at
once, renew, time passing, the scheduler and the sweep running) and of
routes no guard sees (a raw `update(live=True)` or a raw birth-date update,
as a script, a data migration or a restored backup does), and after every
step checks the one rule: each story a reader can reach is covered by
consent in force at that instant.
"""

import contextlib
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from freezegun import freeze_time
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, rule

from stories.consent import withdrawal
from stories.consent.capture import CaptureConsentAction
from stories.consent.expiry import enforce_consent
from stories.consent.guard import story_problems
from stories.consent.records import ConsentRecord, add_years
from stories.consent.withdrawal import WithdrawalError, withdraw_consent
from stories.factories import StoryImageFactory, StoryPageFactory, StorytellerFactory, story_index
from stories.naming import NamingChoice
from stories.pages import StoryPage
from stories.storytellers import Storyteller
from stories.visibility import visible_stories

from .people import storyteller_approves

NAMINGS = [choice.value for choice in NamingChoice]


class EditorsAndOfficers(RuleBasedStateMachine):
    storytellers = Bundle("storytellers")
    stories = Bundle("stories")
    photos = Bundle("photos")

    def __init__(self):
        super().__init__()
        self.clock = freeze_time(timezone.now(), tick=False)
        self.frozen = self.clock.start()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.copies = 0

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)
        self.clock.stop()

    @initialize(target=stories)
    def a_story_with_a_face_in_it(self):
        """Start where consent matters most: a draft showing a recognisable photo."""
        storyteller = StorytellerFactory(consent__naming_allowed=NamingChoice.FULL_NAME)
        photo = StoryImageFactory(storyteller=storyteller, shows_identifiable_person=True)
        return StoryPageFactory(storyteller=storyteller, hero_image=photo, publish=False)

    @initialize(target=storytellers, story=stories)
    def its_storyteller(self, story):
        return story.storyteller

    # Storytellers and consent -------------------------------------------

    @rule(target=storytellers, photos_ok=st.booleans(), naming=st.sampled_from(NAMINGS))
    def capture_first_consent(self, photos_ok, naming):
        return StorytellerFactory(
            naming=NamingChoice.FIRST_NAME,
            consent__identifiable_photos=photos_ok,
            consent__naming_allowed=naming,
        )

    @rule(
        storyteller=storytellers,
        photos_ok=st.booleans(),
        naming=st.sampled_from(NAMINGS),
        years=st.integers(1, 3),
    )
    def renew_or_change_consent(self, storyteller, photos_ok, naming, years):
        today = timezone.localdate()
        record = ConsentRecord(
            storyteller=storyteller,
            for_public=True,
            naming_allowed=naming,
            identifiable_photos=photos_ok,
            given_on=today,
            expires_on=add_years(today, years),
        )
        with contextlib.suppress(ValidationError):  # a minor needs a guardian: refused
            CaptureConsentAction(record).execute()

    @rule(storyteller=storytellers)
    def withdraw(self, storyteller):
        with contextlib.suppress(WithdrawalError):
            withdraw_consent(storyteller.reference, "Changed their mind.")

    @rule(first=storytellers, second=storytellers)
    def two_withdrawals_at_once(self, first, second):
        """A second officer's withdrawal lands while the first is half done."""
        take_down = withdrawal.take_down
        landed = []

        def with_the_other_landing(*args, **kwargs):
            if not landed:
                landed.append(second)
                with contextlib.suppress(WithdrawalError):
                    withdraw_consent(second.reference, "At the same moment.")
            return take_down(*args, **kwargs)

        with (
            mock.patch.object(withdrawal, "take_down", with_the_other_landing),
            contextlib.suppress(WithdrawalError),
        ):
            withdraw_consent(first.reference, "Changed their mind.")

    @rule(
        storyteller=storytellers,
        years=st.integers(12, 40),
        days=st.integers(0, 364),
        raw=st.booleans(),
    )
    def correct_birth_date(self, storyteller, years, days, raw):
        """The officer learns their real age, perhaps a minor's who consented alone;
        `raw`: by an import that no signal sees."""
        born = add_years(timezone.localdate(), -years) - timedelta(days=days)
        if raw:
            Storyteller.objects.filter(pk=storyteller.pk).update(date_of_birth=born)
            return
        storyteller.refresh_from_db()
        storyteller.date_of_birth = born
        storyteller.save()

    @rule(storyteller=storytellers, naming=st.sampled_from(NAMINGS))
    def rename_storyteller(self, storyteller, naming):
        storyteller.refresh_from_db()
        storyteller.naming = naming
        storyteller.pseudonym = "Wren"
        try:
            storyteller.full_clean()
        except ValidationError:
            return  # the editor is told why; nothing changes
        storyteller.save()

    @rule(target=photos, storyteller=storytellers, identifiable=st.booleans())
    def upload_photo(self, storyteller, identifiable):
        return StoryImageFactory(storyteller=storyteller, shows_identifiable_person=identifiable)

    @rule(photo=photos)
    def mark_photo_identifiable(self, photo):
        photo.refresh_from_db()
        photo.shows_identifiable_person = True
        photo.save()

    # Stories ---------------------------------------------------------------

    @rule(target=stories, storyteller=storytellers)
    def write_story(self, storyteller):
        return StoryPageFactory(storyteller=storyteller, publish=False)

    @rule(story=stories, photo=photos)
    def add_photo(self, story, photo):
        story = StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object()
        story.hero_image = photo
        story.save_revision()

    @rule(story=stories)
    def storyteller_approves_what_they_read(self, story):
        storyteller_approves(story)

    @rule(story=stories)
    def publish(self, story):
        story = StoryPage.objects.get(pk=story.pk)
        with contextlib.suppress(ValidationError):
            story.get_latest_revision().publish()

    @rule(story=stories, days=st.integers(1, 400))
    def schedule(self, story, days):
        story = StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object()
        story.go_live_at = timezone.now() + timedelta(days=days)
        with contextlib.suppress(ValidationError):
            story.save_revision().publish()

    @rule(story=stories)
    def revert_to_first_revision(self, story):
        story = StoryPage.objects.get(pk=story.pk)
        first = story.revisions.order_by("created_at", "pk").first()
        with contextlib.suppress(ValidationError):
            first.as_object().save_revision(previous_revision=first).publish(
                previous_revision=first
            )

    @rule(target=stories, story=stories)
    def copy_and_publish(self, story):
        story = StoryPage.objects.get(pk=story.pk)
        self.copies += 1
        try:
            return story.copy(
                to=story_index(),
                update_attrs={"title": f"Copy {self.copies}", "slug": f"copy-{self.copies}"},
            )
        except ValidationError:
            return story

    @rule(story=stories)
    def made_live_by_a_raw_update(self, story):
        """A script, a data migration or a restored backup: the gate is the law."""
        StoryPage.objects.filter(pk=story.pk).update(live=True)

    @rule(story=stories)
    def move_to_the_end(self, story):
        StoryPage.objects.get(pk=story.pk).move(story_index(), pos="last-child")

    # Time and machinery -------------------------------------------------

    @rule(days=st.integers(1, 500))
    def time_passes(self, days):
        self.frozen.tick(timedelta(days=days))

    @rule()
    def scheduler_runs(self):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115

    @rule()
    def sweep_runs(self):
        enforce_consent()

    # The one rule ---------------------------------------------------------

    @invariant()
    def every_reachable_story_is_covered_by_consent_now(self):
        for story in visible_stories():
            assert story_problems(story) == [], story.title


@pytest.mark.slow
def test_no_sequence_of_actions_leaves_a_story_reachable_without_consent():
    EditorsAndOfficers.TestCase.settings = settings(
        max_examples=100,
        stateful_step_count=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    EditorsAndOfficers.TestCase("runTest").runTest()
