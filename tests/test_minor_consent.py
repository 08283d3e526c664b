"""A consent given by a minor without a guardian covers nothing.

When a storyteller's date of birth is corrected and it turns out they were
under 18 when they consented themselves, their stories come down at once
(the storyteller's save re-checks them), the sweep takes down any the save
did not see, the serving gate stops showing them before either runs, and
the guard refuses to publish them again. The pure policy, the SQL of
`in_force()` and the record's own terms agree on every day, 29 February
included.
"""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from stories.consent.guard import ConsentRefused, story_problems
from stories.consent.policy import ConsentTerms, add_years, age_on, consent_problems, in_force
from stories.consent.policy import StoryNeeds as Needs
from stories.consent.records import ConsentRecord
from stories.factories import (
    ConsentRecordFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
)
from stories.naming import NamingChoice
from stories.pages import StoryPage
from stories.storytellers import Storyteller
from stories.visibility import visible_stories


def fifteen_year_old_birthday():
    return add_years(timezone.localdate(), -15)


@pytest.fixture
def adult_story():
    """A storyteller recorded as an adult, who consented themselves, and their live story."""
    storyteller = StorytellerFactory(first_name="Tamsin", consent__given_by="storyteller")
    return StoryPageFactory(storyteller=storyteller, title="Tamsin's brace comes off")


# The pure policy ----------------------------------------------------------


def terms(**overrides):
    values = {
        "reference": "HS-0009",
        "audiences": frozenset({"public"}),
        "naming_allowed": NamingChoice.FIRST_NAME,
        "identifiable_photos": False,
        "voice": False,
        "video": False,
        "starts_on": date(2026, 3, 3),
        "ends_on": date(2028, 3, 3),
    }
    values.update(overrides)
    return ConsentTerms(**values)


def test_policy_a_consent_a_minor_gave_alone_covers_nothing():
    alone = terms(given_alone_at_age=15)
    needs = Needs(reference="HS-0009", audiences=frozenset({"public"}), naming="first_name")
    assert not in_force(alone, date(2026, 6, 1))
    assert consent_problems(needs, alone, date(2026, 6, 1)) == [
        "Consent was given by the storyteller alone at 15: under 18, only a parent "
        "or guardian can consent, so it covers nothing."
    ]
    assert in_force(terms(), date(2026, 6, 1))


def test_policy_ages_count_29_february_birthdays_on_28_february():
    born = date(2008, 2, 29)
    assert age_on(born, date(2026, 2, 27)) == 17
    assert age_on(born, date(2026, 2, 28)) == 18  # as add_years counts an 18th birthday
    assert age_on(born, date(2028, 2, 29)) == 20
    assert age_on(date(2011, 6, 10), date(2026, 6, 9)) == 14
    assert age_on(date(2011, 6, 10), date(2026, 6, 10)) == 15


# The site -------------------------------------------------------------------


def test_correcting_a_birth_date_to_fifteen_takes_the_story_down_at_once(adult_story, client):
    url = adult_story.url
    assert client.get(url).status_code == 200
    storyteller = Storyteller.objects.get(pk=adult_story.storyteller_id)
    storyteller.date_of_birth = fifteen_year_old_birthday()
    storyteller.save()

    story = StoryPage.objects.get(pk=adult_story.pk)
    assert not story.live
    assert client.get(url).status_code == 404
    assert ModelLogEntry.objects.filter(
        action="stories.consent.lapsed", object_id=str(storyteller.pk)
    ).exists()


def test_the_gate_hides_the_story_before_anything_takes_it_down(adult_story, client):
    # A correction that no signal sees (a raw update, an import).
    Storyteller.objects.filter(pk=adult_story.storyteller_id).update(
        date_of_birth=fifteen_year_old_birthday()
    )
    assert StoryPage.objects.get(pk=adult_story.pk).live
    assert adult_story not in visible_stories()
    assert client.get(adult_story.url).status_code == 404


def test_the_sweep_takes_down_a_story_whose_storyteller_consented_alone_as_a_minor(adult_story):
    Storyteller.objects.filter(pk=adult_story.storyteller_id).update(
        date_of_birth=fifteen_year_old_birthday()
    )
    out = io.StringIO()
    call_command("enforce_consent", stdout=out)
    assert "Took down “Tamsin's brace comes off”" in out.getvalue()
    assert "given by the storyteller alone at 15" in out.getvalue()
    assert not StoryPage.objects.get(pk=adult_story.pk).live


def test_the_guard_refuses_to_publish_it_again(adult_story):
    Storyteller.objects.filter(pk=adult_story.storyteller_id).update(
        date_of_birth=fifteen_year_old_birthday()
    )
    story = StoryPage.objects.get(pk=adult_story.pk)
    assert story_problems(story)[0].startswith("Consent was given by the storyteller alone at 15")
    story.title = "Tamsin's brace comes off, again"
    with pytest.raises(ConsentRefused):
        story.save_revision().publish()


def test_a_guardians_consent_still_covers_the_minor(client):
    teen = StorytellerFactory(date_of_birth=fifteen_year_old_birthday(), consent=None)
    ConsentRecordFactory(
        storyteller=teen, given_by="guardian", guardian_name="Ann", guardian_relationship="Mother"
    )
    story = StoryPageFactory(storyteller=teen)
    teen.first_name = "Corrected"
    teen.save()
    assert StoryPage.objects.get(pk=story.pk).live
    assert story in visible_stories()


def test_a_later_birth_date_shortens_a_guardians_consent_for_the_gate_too():
    """Guardian consent ends at 18 by the birth date known now, not the one at capture."""
    today = timezone.localdate()
    child = StorytellerFactory(date_of_birth=add_years(today, -12), consent=None)
    ConsentRecordFactory(
        storyteller=child, given_by="guardian", guardian_name="Bo", guardian_relationship="Father"
    )
    story = StoryPageFactory(storyteller=child)
    # They were in fact 18 last week: the guardian's consent ended then.
    Storyteller.objects.filter(pk=child.pk).update(
        date_of_birth=add_years(today, -18) - timedelta(days=7)
    )
    assert story not in visible_stories()


def test_correcting_the_birth_date_of_someone_a_photo_shows_takes_that_story_down():
    shown = StorytellerFactory(first_name="Ines", consent__identifiable_photos=True)
    photo = StoryImageFactory(storyteller=shown, shows_identifiable_person=True)
    other = StoryPageFactory(hero_image=photo)
    shown.date_of_birth = fifteen_year_old_birthday()
    shown.save()
    assert not StoryPage.objects.get(pk=other.pk).live


@pytest.mark.parametrize(
    "born",
    [
        date(2008, 2, 29),
        date(2008, 2, 28),
        date(2008, 3, 1),
        date(2007, 12, 31),
        date(2007, 12, 1),
        date(2007, 12, 2),
        date(2009, 1, 1),
    ],
)
@pytest.mark.parametrize("given_by", ["storyteller", "guardian"])
def test_in_force_in_sql_agrees_with_the_policy_on_every_day(born, given_by):
    storyteller = StorytellerFactory(date_of_birth=date(1980, 1, 1), consent=None)
    record = ConsentRecordFactory(
        storyteller=storyteller,
        given_by=given_by,
        guardian_name="G",
        guardian_relationship="Parent",
        given_on=date(2025, 12, 1),
        expires_on=date(2028, 11, 30),
    )
    Storyteller.objects.filter(pk=storyteller.pk).update(date_of_birth=born)
    record = ConsentRecord.objects.select_related("storyteller").get(pk=record.pk)
    day = date(2025, 12, 1)
    while day < date(2028, 12, 5):
        in_sql = ConsentRecord.objects.in_force(day).filter(pk=record.pk).exists()
        assert in_sql == in_force(record.terms(), day), (born, given_by, day)
        day += timedelta(days=1 if date(2026, 2, 20) <= day <= date(2027, 3, 5) else 29)
