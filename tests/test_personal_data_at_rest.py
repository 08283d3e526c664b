"""Who a storyteller is stays private in a dump of the database.

A storyteller's real name, e-mail addresses, phone and date of birth, and
the name and relationship of the guardian who consented for a minor, are
stored encrypted with PERSONAL_DATA_KEYS: the raw rows say none of them,
while the admin, the public pages and the consent rule read them as ever.
Keys rotate: data written under an old key reads while that key is still
listed, and after `rotate_personal_data_key` the old key is no longer needed.
"""

import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from stories.consent.policy import add_years, eighteenth_birthday
from stories.consent.records import ConsentRecord
from stories.factories import StoryPageFactory, StorytellerFactory
from stories.naming import NamingChoice
from stories.personal_data import PersonalDataKeyError, new_key
from stories.storytellers import Storyteller
from stories.visibility import visible_stories

ROOT = Path(__file__).resolve().parent.parent
KEY_B = "o5BNXN1bBQSaXT3JPlt7xjbgE3zM8IJh3t1MD-f2Ip8="


def raw_rows(table):
    """Every row of the table as the database holds it, as one text."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return " ".join(str(value) for row in cursor.fetchall() for value in row)


def born_seventeen_years_ago():
    return add_years(timezone.localdate(), -17)


@pytest.fixture
def minor():
    """Wrenna, 17, whose mother consented for her."""
    return StorytellerFactory(
        first_name="Wrenna",
        last_name="Tallowmere",
        email="wrenna.tallowmere@example.com",
        guardian_email="gwendolyn.tallowmere@example.com",
        phone="+44 7700 900123",
        date_of_birth=born_seventeen_years_ago(),
        consent__given_by=ConsentRecord.GivenBy.GUARDIAN,
        consent__guardian_name="Gwendolyn Tallowmere",
        consent__guardian_relationship="Mother",
        consent__for_public=True,
    )


@pytest.mark.django_db
def test_a_dump_of_the_tables_says_no_name_contact_birth_date_or_guardian(minor):
    storytellers = raw_rows("stories_storyteller")
    records = raw_rows("stories_consentrecord")
    for secret in (
        "Wrenna",
        "Tallowmere",
        "wrenna.tallowmere@example.com",
        "gwendolyn",
        "7700 900123",
        minor.date_of_birth.isoformat(),
    ):
        assert secret not in storytellers
    assert "Tallowmere" not in records
    assert "Gwendolyn" not in records
    assert "Mother" not in records
    # The code reads them back as they were written.
    again = Storyteller.objects.get(pk=minor.pk)
    assert (again.first_name, again.last_name, again.phone) == (
        "Wrenna",
        "Tallowmere",
        "+44 7700 900123",
    )
    assert again.date_of_birth == born_seventeen_years_ago()
    assert again.consent_records.get().guardian_name == "Gwendolyn Tallowmere"
    # Listings that ask for the columns alone read them decrypted too.
    assert list(
        Storyteller.objects.filter(pk=minor.pk).values_list("first_name", "date_of_birth")
    ) == [("Wrenna", born_seventeen_years_ago())]


@pytest.mark.django_db
def test_only_the_eighteenth_birthday_is_kept_in_clear_for_the_consent_rule(minor):
    assert Storyteller.objects.get(pk=minor.pk).comes_of_age_on == eighteenth_birthday(
        born_seventeen_years_ago()
    )
    born = date(2008, 2, 29)
    Storyteller.objects.filter(pk=minor.pk).update(date_of_birth=born)  # no save, no signal
    assert Storyteller.objects.get(pk=minor.pk).comes_of_age_on == date(2026, 2, 28)


@pytest.mark.django_db
def test_the_database_is_never_asked_to_compare_an_encrypted_value(minor):
    with pytest.raises(TypeError, match="encrypted"):
        Storyteller.objects.filter(first_name="Wrenna").exists()
    assert Storyteller.objects.filter(pk=minor.pk).exclude(email="").exists()
    assert Storyteller.objects.filter(pk=minor.pk, date_of_birth__isnull=False).exists()


@pytest.mark.django_db
def test_a_guardians_consent_still_ends_at_eighteen(minor):
    story = StoryPageFactory(storyteller=minor, title="Brave at the dentist")
    assert story in visible_stories(None)
    eighteenth = add_years(minor.date_of_birth, 18)
    records = ConsentRecord.objects.filter(storyteller=minor)
    assert records.in_force(eighteenth - date.resolution).exists()
    assert not records.in_force(eighteenth).exists()


@pytest.mark.django_db
def test_officers_read_and_correct_personal_data_in_the_admin(admin_client, minor):
    url = reverse("wagtailsnippets_stories_storyteller:edit", args=[minor.pk])
    body = admin_client.get(url).content.decode()
    assert 'value="Wrenna"' in body
    assert "wrenna.tallowmere@example.com" in body
    assert born_seventeen_years_ago().isoformat() in body
    response = admin_client.post(
        url,
        {
            "naming": NamingChoice.FIRST_NAME,
            "first_name": "Wren",
            "last_name": "Tallowmere-Hale",
            "email": "wren@example.com",
            "guardian_email": "gwendolyn.tallowmere@example.com",
            "phone": "+44 7700 900456",
            "date_of_birth": "2011-03-08",
        },
    )
    assert response.status_code == 302
    again = Storyteller.objects.get(pk=minor.pk)
    assert (again.first_name, again.last_name, again.email) == (
        "Wren",
        "Tallowmere-Hale",
        "wren@example.com",
    )
    assert again.date_of_birth == date(2011, 3, 8)
    assert again.comes_of_age_on == date(2029, 3, 8)
    assert "Tallowmere-Hale" not in raw_rows("stories_storyteller")


@pytest.mark.django_db
def test_an_over_long_name_is_refused_as_before(admin_client, minor):
    response = admin_client.post(
        reverse("wagtailsnippets_stories_storyteller:edit", args=[minor.pk]),
        {"naming": NamingChoice.FIRST_NAME, "first_name": "W" * 81, "last_name": "T"},
    )
    assert response.status_code == 200
    assert "at most 80 characters" in response.content.decode()
    assert Storyteller.objects.get(pk=minor.pk).first_name == "Wrenna"


@pytest.mark.django_db
def test_a_public_story_still_shows_the_consented_first_name(client):
    teller = StorytellerFactory(first_name="Ottoline", last_name="Brackenbury")
    story = StoryPageFactory(storyteller=teller, title="A smile again")
    body = client.get(story.url).content.decode()
    assert "Ottoline" in body
    assert "Brackenbury" not in body
    assert "Ottoline" in client.get("/stories/").content.decode()


@pytest.mark.django_db
def test_data_written_under_an_old_key_reads_through_rotation(settings):
    [KEY_A] = settings.PERSONAL_DATA_KEYS  # every row so far, the demo campaign's included
    teller = StorytellerFactory(first_name="Anselm", email="anselm@example.com", consent=None)
    with override_settings(PERSONAL_DATA_KEYS=[KEY_B, KEY_A]):
        assert Storyteller.objects.get(pk=teller.pk).first_name == "Anselm"
        out = io.StringIO()
        call_command("rotate_personal_data_key", stdout=out)
        assert "values now under the first key" in out.getvalue()
    with override_settings(PERSONAL_DATA_KEYS=[KEY_B]):
        again = Storyteller.objects.get(pk=teller.pk)
        assert (again.first_name, again.email) == ("Anselm", "anselm@example.com")
    with (
        override_settings(PERSONAL_DATA_KEYS=[KEY_A]),
        pytest.raises(PersonalDataKeyError, match="cannot be decrypted with any key"),
    ):
        Storyteller.objects.get(pk=teller.pk)


@pytest.mark.django_db
def test_a_wrong_key_is_a_clear_error_not_garbage():
    teller = StorytellerFactory(first_name="Anselm", consent=None)
    with (
        override_settings(PERSONAL_DATA_KEYS=[new_key()]),
        pytest.raises(PersonalDataKeyError, match="stories_storyteller.first_name"),
    ):
        Storyteller.objects.get(pk=teller.pk)
    with (
        override_settings(PERSONAL_DATA_KEYS=[new_key()]),
        pytest.raises(CommandError, match="nothing was changed"),
    ):
        call_command("rotate_personal_data_key", stdout=io.StringIO())
    assert Storyteller.objects.get(pk=teller.pk).first_name == "Anselm"
    with (
        override_settings(PERSONAL_DATA_KEYS=["not-a-key"]),
        pytest.raises(ImproperlyConfigured, match="not a Fernet key"),
    ):
        Storyteller.objects.get(pk=teller.pk)
    with (
        override_settings(PERSONAL_DATA_KEYS=[]),
        pytest.raises(ImproperlyConfigured, match="Set PERSONAL_DATA_KEYS"),
    ):
        Storyteller.objects.get(pk=teller.pk)


def test_production_refuses_to_start_without_keys():
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x",
        "ALLOWED_HOSTS": "stories.example.org",
    }
    started = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert started.returncode != 0
    assert "Set PERSONAL_DATA_KEYS in the environment" in started.stderr
