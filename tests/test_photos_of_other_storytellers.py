"""A photo marked as showing a recognisable storyteller needs that storyteller's
own consent to photos, whichever story shows it: Flora's face in her dentist's
story is Flora's to give or take back."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from stories.consent.capture import CaptureConsentAction
from stories.consent.guard import ConsentRefused, story_problems
from stories.consent.policy import ConsentTerms, shown_person_problems
from stories.consent.records import ConsentRecord
from stories.consent.withdrawal import withdraw_consent
from stories.factories import (
    ConsentRecordFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
)
from stories.pages import StoryPage

from .people import storyteller_approves

TODAY = timezone.localdate()


def terms(**values):
    fields = {
        "reference": "HS-0042",
        "audiences": frozenset({"public"}),
        "naming_allowed": "full_name",
        "identifiable_photos": True,
        "voice": False,
        "video": False,
        "starts_on": TODAY - timedelta(days=30),
        "ends_on": TODAY + timedelta(days=300),
    }
    fields.update(values)
    return ConsentTerms(**fields)


def test_a_photo_of_someone_who_consented_to_photos_for_the_audience_is_fine():
    assert shown_person_problems(("At the party",), "HS-0042", {"public"}, terms(), TODAY) == []


@pytest.mark.parametrize(
    "shown_terms, audiences, expected",
    [
        (None, {"public"}, "Photo ‘At the party’ shows storyteller HS-0042, who has no consent"),
        (
            terms(identifiable_photos=False),
            {"public"},
            "Photo ‘At the party’ shows storyteller HS-0042, whose consent does not cover photos",
        ),
        (
            terms(),
            {"public", "schools"},
            "Photo ‘At the party’ shows storyteller HS-0042, whose consent does not cover schools.",
        ),
        (
            terms(withdrawn_on=TODAY),
            {"public"},
            "Photo ‘At the party’ shows storyteller HS-0042: Consent was withdrawn",
        ),
    ],
)
def test_the_person_shown_must_consent_for_themselves(shown_terms, audiences, expected):
    problems = shown_person_problems(("At the party",), "HS-0042", audiences, shown_terms, TODAY)
    assert problems and problems[0].startswith(expected)


@pytest.fixture
def flora():
    """A storyteller who lets her words be told but not her face be shown."""
    return StorytellerFactory(first_name="Flora", consent__identifiable_photos=False)


@pytest.fixture
def photo_of_flora(flora):
    return StoryImageFactory(
        title="Flora in the waiting room", shows_identifiable_person=True, storyteller=flora
    )


def dentists_story(photo, **kwargs):
    """The dentist consents to everything; the photo is of someone else."""
    return StoryPageFactory(title="A dentist remembers", hero_image=photo, **kwargs)


def test_a_story_may_not_show_the_face_of_a_storyteller_who_did_not_consent_to_photos(
    photo_of_flora, flora
):
    draft = dentists_story(photo_of_flora, publish=False)
    storyteller_approves(draft)
    with pytest.raises(ConsentRefused) as refusal:
        draft.get_latest_revision().publish()
    assert refusal.value.problems == [
        f"Photo ‘Flora in the waiting room’ shows storyteller {flora.reference}, "
        "whose consent does not cover photos that show them."
    ]
    assert not StoryPage.objects.get(pk=draft.pk).live


def test_her_own_consent_to_photos_lets_another_story_show_her(photo_of_flora, flora):
    ConsentRecord.objects.filter(storyteller=flora).update(identifiable_photos=True)
    story = dentists_story(photo_of_flora)
    assert story.live
    assert story_problems(story) == []


def test_an_unnamed_photo_still_counts_against_the_storytellers_own_consent(flora):
    unnamed = StoryImageFactory(title="Someone smiling", shows_identifiable_person=True)
    draft = StoryPageFactory(storyteller=flora, hero_image=unnamed, publish=False)
    assert "Photo ‘Someone smiling’ shows a recognisable person" in story_problems(draft)[0]


@pytest.fixture
def live_story_with_flora(photo_of_flora, flora):
    ConsentRecord.objects.filter(storyteller=flora).update(identifiable_photos=True)
    return dentists_story(photo_of_flora)


def test_when_she_withdraws_the_stories_that_show_her_come_down(live_story_with_flora, flora):
    report = withdraw_consent(flora.reference, "I do not want my face online")
    assert not StoryPage.objects.get(pk=live_story_with_flora.pk).live
    assert any("A dentist remembers" in line for line in report.done)


def test_when_she_narrows_her_consent_the_stories_that_show_her_come_down(
    live_story_with_flora, flora
):
    narrowed = ConsentRecordFactory.build(storyteller=flora, identifiable_photos=False)
    CaptureConsentAction(narrowed).execute()
    assert not StoryPage.objects.get(pk=live_story_with_flora.pk).live


def test_the_moment_her_consent_ends_her_photo_is_no_longer_served(live_story_with_flora, flora):
    url = live_story_with_flora.hero_image.get_rendition("fill-640x400").url
    assert Client().get(url).status_code == 200
    record = ConsentRecord.objects.get(storyteller=flora, superseded_by__isnull=True)
    with freeze_time(record.ends_on):
        # Before any sweep: the dentist's story is still live, her face is not shown.
        assert StoryPage.objects.get(pk=live_story_with_flora.pk).live
        assert Client().get(url).status_code == 404
        staff = Client()
        staff.force_login(get_user_model().objects.get(username="consent"))
        assert staff.get(url).status_code == 200


def test_a_picture_of_hers_that_shows_no_face_also_stops_when_her_consent_ends(flora):
    drawing = StoryImageFactory(title="Flora's drawing of the clinic", storyteller=flora)
    story = dentists_story(drawing)
    url = drawing.get_rendition("fill-640x400").url
    assert Client().get(url).status_code == 200
    record = ConsentRecord.objects.get(storyteller=flora, superseded_by__isnull=True)
    with freeze_time(record.ends_on):
        assert StoryPage.objects.get(pk=story.pk).live
        assert Client().get(url).status_code == 404
