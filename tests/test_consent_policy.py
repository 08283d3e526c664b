"""The consent policy, as pure rules: what consent covers, in an editor's words."""

from datetime import date

import pytest

from stories.consent.policy import ConsentTerms, StoryNeeds, consent_problems, in_force
from stories.naming import NamingChoice

TODAY = date(2027, 1, 10)


def terms(**overrides):
    values = {
        "reference": "HS-0001",
        "audiences": frozenset({"public"}),
        "naming_allowed": NamingChoice.FIRST_NAME,
        "identifiable_photos": False,
        "voice": False,
        "video": False,
        "starts_on": date(2026, 3, 3),
        "ends_on": date(2027, 3, 3),
    }
    values.update(overrides)
    return ConsentTerms(**values)


def needs(**overrides):
    values = {
        "reference": "HS-0001",
        "audiences": frozenset({"public"}),
        "naming": NamingChoice.FIRST_NAME,
    }
    values.update(overrides)
    return StoryNeeds(**values)


def test_a_story_within_its_consent_has_no_problems():
    assert consent_problems(needs(), terms(), TODAY) == []


def test_no_consent_at_all_is_a_problem():
    assert consent_problems(needs(), None, TODAY) == [
        "No consent is recorded for storyteller HS-0001."
    ]


def test_an_audience_outside_consent_is_named():
    problems = consent_problems(needs(audiences=frozenset({"public", "schools"})), terms(), TODAY)
    assert problems == ["Consent does not cover schools."]


def test_an_identifiable_photo_needs_photo_consent():
    problems = consent_problems(needs(identifiable_photos=("Flora at the clinic",)), terms(), TODAY)
    assert problems == [
        "Photo ‘Flora at the clinic’ shows a recognisable person; consent covers words only."
    ]


def test_photo_consent_covers_identifiable_photos():
    story = needs(identifiable_photos=("Flora at the clinic",))
    assert consent_problems(story, terms(identifiable_photos=True), TODAY) == []


def test_voice_and_video_need_their_own_consent():
    problems = consent_problems(needs(voice=True, video=True), terms(voice=True), TODAY)
    assert problems == ["The story includes a video; consent covers words and voice only."]


def test_a_more_identifying_name_than_consented_is_refused():
    problems = consent_problems(needs(naming=NamingChoice.FULL_NAME), terms(), TODAY)
    assert problems == ["The story shows the full name; consent allows the first name at most."]


@pytest.mark.parametrize(
    "naming", [NamingChoice.FIRST_NAME, NamingChoice.PSEUDONYM, NamingChoice.ANONYMOUS]
)
def test_a_less_identifying_name_is_always_allowed(naming):
    assert consent_problems(needs(naming=naming), terms(), TODAY) == []


def test_expired_consent_says_when_it_expired():
    assert consent_problems(needs(), terms(), date(2027, 3, 3)) == [
        "Consent expired on 3 March 2027."
    ]


def test_consent_holds_until_the_day_before_it_expires():
    assert in_force(terms(), date(2027, 3, 2))
    assert not in_force(terms(), date(2027, 3, 3))


def test_a_minor_turning_18_ends_guardian_consent():
    problems = consent_problems(
        needs(), terms(ends_on=date(2027, 1, 5), ends_because="turned 18"), TODAY
    )
    assert problems == [
        "Consent given by a guardian ended on 5 January 2027, the storyteller's 18th "
        "birthday; they must renew it themselves."
    ]


def test_withdrawn_consent_covers_nothing():
    assert consent_problems(needs(), terms(withdrawn_on=date(2027, 1, 2)), TODAY) == [
        "Consent was withdrawn on 2 January 2027."
    ]


def test_a_story_with_no_audience_cannot_be_published():
    assert "Choose at least one audience for the story." in consent_problems(
        needs(audiences=frozenset()), terms(), TODAY
    )


def test_every_problem_is_listed_at_once():
    problems = consent_problems(
        needs(
            audiences=frozenset({"public", "schools", "partners"}),
            naming=NamingChoice.FULL_NAME,
            identifiable_photos=("Flora smiling",),
            video=True,
        ),
        terms(),
        TODAY,
    )
    assert len(problems) == 5
