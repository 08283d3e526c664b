"""What editors and consent officers see in the admin's listings and choosers."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from stories.consent.withdrawal import withdraw_consent
from stories.factories import (
    ConsentRecordFactory,
    PartnerOrganisationFactory,
    StorytellerFactory,
    ThemeFactory,
)
from stories.naming import NamingChoice


@pytest.fixture
def kittiwake():
    return StorytellerFactory(naming=NamingChoice.PSEUDONYM, pseudonym="Kittiwake")


@pytest.fixture
def ptarmigan():
    return StorytellerFactory(naming=NamingChoice.PSEUDONYM, pseudonym="Ptarmigan")


def listing(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# Search in the listings


def test_storytellers_can_be_found_by_reference_and_by_pseudonym(
    client, editor, kittiwake, ptarmigan
):
    url = reverse("wagtailsnippets_stories_storyteller:list")
    by_pseudonym = listing(client, editor, f"{url}?q=Kittiwake")
    assert kittiwake.reference in by_pseudonym
    assert ptarmigan.reference not in by_pseudonym

    by_reference = listing(client, editor, f"{url}?q={ptarmigan.reference}")
    assert ptarmigan.reference in by_reference
    assert kittiwake.reference not in by_reference


def test_storyteller_search_never_matches_a_real_name(client, editor):
    StorytellerFactory(
        naming=NamingChoice.PSEUDONYM, pseudonym="Heron", first_name="Philippa", last_name="Oduya"
    )
    url = reverse("wagtailsnippets_stories_storyteller:list")
    assert "Heron" not in listing(client, editor, f"{url}?q=Oduya")


def test_partner_organisations_can_be_searched_by_name(admin_client):
    PartnerOrganisationFactory(name="Riverside Therapy Group")
    PartnerOrganisationFactory(name="Hilltop Academy")
    url = reverse("wagtailsnippets_stories_partnerorganisation:list")
    response = admin_client.get(f"{url}?q=Riverside")
    assert response.status_code == 200
    assert "Riverside Therapy Group" in response.content.decode()
    assert "Hilltop Academy" not in response.content.decode()


def test_themes_can_be_searched_by_name(client, editor):
    ThemeFactory(name="Dental anxiety")
    ThemeFactory(name="Trauma recovery")
    url = reverse("wagtailsnippets_stories_theme:list")
    body = listing(client, editor, f"{url}?q=Dental")
    assert "Dental anxiety" in body
    assert "Trauma recovery" not in body


def test_consent_records_can_be_searched_by_storyteller_reference(
    client, officer, kittiwake, ptarmigan
):
    body = listing(client, officer, f"{reverse('consent_records:index')}?q={kittiwake.reference}")
    assert kittiwake.reference in body
    assert ptarmigan.reference not in body


# The consent records listing


@freeze_time("2026-12-01 12:00")
def test_consent_records_show_the_day_their_consent_holds_until(client, officer):
    storyteller = StorytellerFactory(consent=None)
    ConsentRecordFactory(
        storyteller=storyteller, given_on=date(2026, 11, 1), expires_on=date(2027, 3, 1)
    )
    later = StorytellerFactory(consent=None)
    ConsentRecordFactory(storyteller=later, given_on=date(2027, 1, 4), expires_on=date(2028, 1, 4))
    body = listing(client, officer, reverse("consent_records:index"))
    assert "1 March 2027" in body
    assert "4 January 2027" in body  # consent that only begins next month
    assert "Just now" not in body


def test_a_consent_record_row_opens_its_read_only_detail(client, officer, kittiwake):
    record = kittiwake.consent_records.get()
    body = listing(client, officer, reverse("consent_records:index"))
    inspect_url = reverse("consent_records:inspect", args=[record.pk])
    assert f'href="{inspect_url}"' in body
    assert reverse("consent_records:edit", args=[record.pk]) not in body

    detail = listing(client, officer, inspect_url)
    assert kittiwake.reference in detail


# Consent status beside each storyteller


def choose_storyteller(client, user, query):
    client.force_login(user)
    url = reverse("wagtailsnippetchoosers_stories_storyteller:choose_results")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_storyteller_chooser_shows_withdrawn_consent(client, editor, kittiwake):
    withdraw_consent(kittiwake.reference, "She has changed jobs.")
    body = choose_storyteller(client, editor, "Kittiwake")
    assert f"{kittiwake.reference} · Kittiwake" in body
    assert "consent withdrawn" in body
    # The reason is the storyteller's own, for consent officers only.
    assert "changed jobs" not in body


def test_storyteller_chooser_finds_a_storyteller_by_the_name_shown_and_warns_of_withdrawal(
    client, editor
):
    priya = StorytellerFactory(naming=NamingChoice.FIRST_NAME, first_name="Priyanka")
    withdraw_consent(priya.reference, "She has changed jobs.")
    body = choose_storyteller(client, editor, "Priyanka")
    assert f"{priya.reference} · Priyanka" in body
    assert "consent withdrawn" in body


def test_storyteller_chooser_shows_when_no_consent_is_recorded(client, editor):
    StorytellerFactory(consent=None, naming=NamingChoice.PSEUDONYM, pseudonym="Lark")
    assert "no consent recorded" in choose_storyteller(client, editor, "Lark")


def test_storyteller_chooser_shows_until_when_consent_holds(client, editor):
    storyteller = StorytellerFactory(
        consent=None, naming=NamingChoice.PSEUDONYM, pseudonym="Plover"
    )
    today = timezone.localdate()
    ConsentRecordFactory(storyteller=storyteller, expires_on=today + timedelta(days=90))
    body = choose_storyteller(client, editor, "Plover")
    assert f"consent in force until {(today + timedelta(days=90)).isoformat()}" in body


def test_storyteller_chooser_search_keeps_the_consent_status(client, editor, kittiwake, ptarmigan):
    withdraw_consent(ptarmigan.reference, "Moving abroad.")
    body = choose_storyteller(client, editor, "Ptarmigan")
    assert ptarmigan.reference in body
    assert kittiwake.reference not in body
    assert "consent withdrawn" in body


def test_storytellers_listing_shows_consent_status(client, editor, kittiwake):
    StorytellerFactory(consent=None, naming=NamingChoice.PSEUDONYM, pseudonym="Lark")
    withdraw_consent(kittiwake.reference, "She has changed jobs.")
    url = reverse("wagtailsnippets_stories_storyteller:list")
    assert "consent withdrawn" in listing(client, editor, f"{url}?q=Kittiwake")
    assert "no consent recorded" in listing(client, editor, f"{url}?q=Lark")


# No outside calls


def test_admin_shows_no_gravatar_avatars(admin_client, admin_user):
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailusers_users:edit", args=[admin_user.pk]),
        reverse("wagtailadmin_account"),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert "gravatar.com" not in response.content.decode()
