"""A storyteller narrows their consent, or gives it, on their own page.

Each narrowing is a new consent record through the same capture as a
consent officer's: whatever it no longer covers comes down at once, and a
pseudonym shows on a live story straight away. Consent given on the page
becomes a record whose evidence is a PDF of exactly what was agreed, with
the hash of its text; every rule of a consent officer's capture applies.
"""

import hashlib
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import ModelLogEntry

from stories.caching import content_generation
from stories.consent.evidence import evidence_problem
from stories.consent.records import ConsentRecord
from stories.consent.self_service import (
    NarrowingError,
    agreement_text,
    consent_on_own_page,
    narrow_on_own_page,
)
from stories.factories import (
    PartnerOrganisationFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
    add_years,
)
from stories.naming import NamingChoice
from stories.pages import StoryPage
from stories.storyteller_page.links import StorytellerLink, issue_link

from .people import storyteller_signed_in


@pytest.fixture
def ottoline():
    """A storyteller shown by first name, for the public and schools, with a
    live story whose hero photo shows her, and a story in words only."""
    storyteller = StorytellerFactory(
        naming=NamingChoice.FIRST_NAME,
        first_name="Ottoline",
        last_name="Brackenridge",
        email="otto@example.org",
        consent__for_schools=True,
    )
    portrait = StoryImageFactory(
        title="At the clinic door", storyteller=storyteller, shows_identifiable_person=True
    )
    with_photo = StoryPageFactory(
        storyteller=storyteller, title="Brave at the door", hero_image=portrait
    )
    in_words = StoryPageFactory(storyteller=storyteller, title="Words about a new smile")
    link, token = issue_link(storyteller)
    return {
        "storyteller": storyteller,
        "with_photo": with_photo,
        "in_words": in_words,
        "link": link,
        "token": token,
    }


def current(storyteller):
    return storyteller.consent_records.get(superseded_by__isnull=True)


def live(story):
    return StoryPage.objects.get(pk=story.pk).live


# Narrowing


def test_hiding_photos_takes_down_the_story_that_shows_one_and_keeps_the_other(
    client, ottoline, django_capture_on_commit_callbacks
):
    before = current(ottoline["storyteller"])
    with django_capture_on_commit_callbacks(execute=True):
        response = storyteller_signed_in(client, ottoline["link"]).post(
            reverse("storyteller_page_narrow", args=[ottoline["token"]]), {"change": "photos"}
        )
    assert response.status_code == 200
    assert "Done: your change is made" in response.content.decode()
    record = current(ottoline["storyteller"])
    assert record.supersedes == before
    assert record.identifiable_photos is False
    assert record.captured_by is None
    assert record.expires_on == before.expires_on
    assert record.given_on == timezone.localdate()
    assert (record.for_public, record.for_schools) == (before.for_public, before.for_schools)
    assert not live(ottoline["with_photo"])
    assert live(ottoline["in_words"])
    receipts = [m for m in mail.outbox if "otto@example.org" in m.to]
    assert len(receipts) == 1 and "Photos that show you are now private" in receipts[0].body
    entry = ModelLogEntry.objects.get(
        action="stories.consent.on_own_page", object_id=str(ottoline["storyteller"].pk)
    )
    assert entry.data["what"] == "Photos that show them made private"


def test_a_pseudonym_shows_on_the_live_story_at_once(client, ottoline):
    story = ottoline["in_words"]
    reader = client.__class__()
    assert "Ottoline" in reader.get(story.url).content.decode()
    generation = content_generation()
    narrow_on_own_page(ottoline["link"], pseudonym="  Wren   Holloway ")
    assert content_generation() != generation
    page = reader.get(story.url)
    assert page.status_code == 200
    assert "Wren Holloway" in page.content.decode()
    assert "Ottoline" not in page.content.decode()
    storyteller = ottoline["storyteller"]
    storyteller.refresh_from_db()
    assert (storyteller.naming, storyteller.pseudonym) == (NamingChoice.PSEUDONYM, "Wren Holloway")
    assert current(storyteller).naming_allowed == NamingChoice.PSEUDONYM
    assert live(story)


@pytest.mark.parametrize(
    "pseudonym, problem",
    [
        ("", "Type the name"),
        ("ottoline", "not your real"),
        ("Miss Brackenridge", "not your real"),
        ("x" * 81, "shorter"),
    ],
)
def test_a_pseudonym_must_be_given_and_not_their_real_name(ottoline, pseudonym, problem):
    before = current(ottoline["storyteller"])
    with pytest.raises(NarrowingError, match=problem):
        narrow_on_own_page(ottoline["link"], pseudonym=pseudonym)
    assert current(ottoline["storyteller"]) == before


def test_stopping_one_audience_keeps_the_others(client, ottoline):
    response = storyteller_signed_in(client, ottoline["link"]).post(
        reverse("storyteller_page_narrow", args=[ottoline["token"]]),
        {"change": "audience", "audience-audience": "schools"},
    )
    assert response.status_code == 200
    record = current(ottoline["storyteller"])
    assert (record.for_public, record.for_schools) == (True, False)


def test_the_last_audience_cannot_be_stopped_withdrawing_is_suggested(client, ottoline):
    narrow_on_own_page(ottoline["link"], stop_audience="schools")
    before = current(ottoline["storyteller"])
    with pytest.raises(NarrowingError, match="withdraw your consent instead"):
        narrow_on_own_page(ottoline["link"], stop_audience="public")
    assert current(ottoline["storyteller"]) == before
    page = storyteller_signed_in(client, ottoline["link"]).get(
        reverse("storyteller_page_narrow", args=[ottoline["token"]])
    )
    assert "withdraw your consent" in page.content.decode()
    assert 'value="public"' not in page.content.decode()


def test_narrowing_needs_consent_in_force(ottoline):
    from stories.consent.self_service import withdraw_on_own_page

    withdraw_on_own_page(ottoline["link"])
    with pytest.raises(NarrowingError, match="no consent in force"):
        narrow_on_own_page(ottoline["link"], hide_photos=True)


def test_an_invalid_change_on_the_page_says_why_and_changes_nothing(client, ottoline):
    before = current(ottoline["storyteller"])
    response = storyteller_signed_in(client, ottoline["link"]).post(
        reverse("storyteller_page_narrow", args=[ottoline["token"]]),
        {"change": "name", "name-pseudonym": "Ottoline"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'role="alert"' in body and "not your real first or last name" in body
    assert current(ottoline["storyteller"]) == before


# Giving consent


def consent_data(**changes):
    data = {
        "for_public": "on",
        "naming_allowed": "pseudonym",
        "identifiable_photos": "",
        "syndication": "none",
        "expires_on": add_years(timezone.localdate(), 1).isoformat(),
        "signature": "Élodie Ørsted-Nuñez",
        "agree": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


@pytest.fixture
def elodie():
    storyteller = StorytellerFactory(
        first_name="Élodie", last_name="Ørsted-Nuñez", email="elodie@example.org", consent=None
    )
    link, token = issue_link(storyteller)
    return {"storyteller": storyteller, "link": link, "token": token}


def consent_url(token):
    return reverse("storyteller_page_consent", args=[token])


def test_consent_given_on_the_page_is_recorded_with_a_pdf_of_what_was_agreed(
    client, elodie, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = storyteller_signed_in(client, elodie["link"]).post(
            consent_url(elodie["token"]), consent_data()
        )
    assert response.status_code == 200, response.content.decode()
    assert "your consent is recorded" in response.content.decode()
    record = ConsentRecord.objects.get(storyteller=elodie["storyteller"])
    assert record.for_public and not record.for_schools
    assert record.naming_allowed == NamingChoice.PSEUDONYM
    assert record.given_by == ConsentRecord.GivenBy.STORYTELLER
    assert record.captured_by is None
    pdf = record.evidence.open("rb").read()
    assert pdf.startswith(b"%PDF-")
    assert evidence_problem(record.evidence) is None
    digest = re.search(rb"SHA-256 of the agreement text: ([0-9a-f]{64})", pdf).group(1).decode()
    assert pdf.count(digest.encode()) == 2  # in the document's subject, and printed
    receipt = [m for m in mail.outbox if "elodie@example.org" in m.to]
    assert len(receipt) == 1 and digest in receipt[0].body
    assert "&amp;" not in receipt[0].body


@freeze_time("2026-05-04 10:15:00")
def test_the_hash_is_of_exactly_the_text_agreed(elodie):
    data = {
        "for_public": True,
        "naming_allowed": NamingChoice.ANONYMOUS,
        "syndication": "none",
        "expires_on": add_years(timezone.localdate(), 2),
        "signature": "Élodie Ørsted-Nuñez",
        "agree": True,
    }
    record = consent_on_own_page(elodie["link"], data)
    text = agreement_text(elodie["link"], data, timezone.now())
    assert "Who can read my story: the public" in text
    assert "Élodie Ørsted-Nuñez, storyteller" in text
    assert "Agreed on: 4 May 2026 at 11:15 (BST)" in text
    digest = hashlib.sha256(text.encode()).hexdigest()
    assert record.agreement_digest == digest
    assert digest.encode() in record.evidence.open("rb").read()


def test_consent_for_more_than_three_years_or_no_audience_gives_clear_errors(client, elodie):
    storyteller_signed_in(client, elodie["link"])
    too_long = add_years(timezone.localdate(), 3) + timedelta(days=1)
    response = client.post(
        consent_url(elodie["token"]),
        consent_data(for_public="", expires_on=too_long.isoformat()),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in body
    assert "Choose at least one group who may read your story" in body
    assert "three years at most" in body
    assert not ConsentRecord.objects.filter(storyteller=elodie["storyteller"]).exists()


def test_consent_without_signature_or_agreement_creates_nothing(client, elodie):
    storyteller_signed_in(client, elodie["link"])
    response = client.post(consent_url(elodie["token"]), consent_data(signature="", agree=""))
    assert response.status_code == 400
    assert not ConsentRecord.objects.filter(storyteller=elodie["storyteller"]).exists()


@pytest.fixture
def pip():
    """A 12-year-old storyteller, her own link and her guardian's."""
    storyteller = StorytellerFactory(
        first_name="Pip",
        last_name="Ashdown",
        email="pip@example.org",
        guardian_email="ma.ashdown@example.org",
        date_of_birth=add_years(timezone.localdate(), -12),
        consent=None,
    )
    own, own_token = issue_link(storyteller)
    guardian, guardian_token = issue_link(storyteller, StorytellerLink.Holder.GUARDIAN)
    return {
        "storyteller": storyteller,
        "own": own,
        "own_token": own_token,
        "guardian": guardian,
        "guardian_token": guardian_token,
    }


def test_a_minors_own_link_cannot_give_or_narrow_consent(client, pip):
    storyteller_signed_in(client, pip["own"])
    response = client.post(consent_url(pip["own_token"]), consent_data(signature="Pip Ashdown"))
    assert response.status_code == 403
    assert "parent or guardian" in response.content.decode()
    narrow = client.get(reverse("storyteller_page_narrow", args=[pip["own_token"]]))
    assert narrow.status_code == 403
    assert not ConsentRecord.objects.filter(storyteller=pip["storyteller"]).exists()


def test_a_guardian_gives_consent_for_a_minor_with_their_name_and_relationship(client, pip):
    storyteller_signed_in(client, pip["guardian"])
    missing = client.post(
        consent_url(pip["guardian_token"]), consent_data(signature="Maeve Ashdown")
    )
    assert missing.status_code == 400
    assert not ConsentRecord.objects.filter(storyteller=pip["storyteller"]).exists()
    response = client.post(
        consent_url(pip["guardian_token"]),
        consent_data(
            signature="Maeve Ashdown",
            guardian_name="Maeve Ashdown",
            guardian_relationship="mother",
        ),
    )
    assert response.status_code == 200, response.content.decode()
    record = ConsentRecord.objects.get(storyteller=pip["storyteller"])
    assert record.given_by == ConsentRecord.GivenBy.GUARDIAN
    assert (record.guardian_name, record.guardian_relationship) == ("Maeve Ashdown", "mother")
    assert record.evidence.open("rb").read().startswith(b"%PDF-")


def test_named_partners_need_at_least_one_partner(elodie):
    from django.core.exceptions import ValidationError

    PartnerOrganisationFactory(name="Bright Days Trust", kind="wellness")
    data = {
        "for_partners": True,
        "naming_allowed": NamingChoice.ANONYMOUS,
        "syndication": "named",
        "syndication_partners": [],
        "expires_on": add_years(timezone.localdate(), 1),
        "signature": "Élodie Ørsted-Nuñez",
        "agree": True,
    }
    with pytest.raises(ValidationError) as problems:
        consent_on_own_page(elodie["link"], data)
    assert "syndication_partners" in problems.value.message_dict
    assert not ConsentRecord.objects.filter(storyteller=elodie["storyteller"]).exists()


def test_new_consent_on_the_page_supersedes_the_old_and_takes_down_what_it_no_longer_covers(
    ottoline,
):
    before = current(ottoline["storyteller"])
    data = {
        "for_public": True,
        "naming_allowed": NamingChoice.FIRST_NAME,
        "identifiable_photos": False,
        "syndication": "none",
        "expires_on": add_years(timezone.localdate(), 1),
        "signature": "Ottoline Brackenridge",
        "agree": True,
    }
    record = consent_on_own_page(ottoline["link"], data)
    assert record.supersedes == before
    assert not live(ottoline["with_photo"])
    assert live(ottoline["in_words"])


def test_the_consent_form_reads_in_plain_words_with_fieldsets_and_labels(client, elodie):
    response = storyteller_signed_in(client, elodie["link"]).get(consent_url(elodie["token"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "You can change your mind at any time" in body
    assert body.count("<fieldset") >= 5 and "<legend>Who may read your story?" in body
    assert '<label for="id_signature"' in body
    assert 'type="date"' in body and "csrfmiddlewaretoken" in body
    assert "guardian_name" not in body  # asked only of a guardian


def test_the_change_page_offers_three_small_forms(client, ottoline):
    response = storyteller_signed_in(client, ottoline["link"]).get(
        reverse("storyteller_page_narrow", args=[ottoline["token"]])
    )
    body = response.content.decode()
    assert body.count('<form method="post"') >= 3
    for button in ('value="photos"', 'value="name"', 'value="audience"'):
        assert button in body
    assert body.count("What will happen:") == 3


def test_a_pseudonym_is_refused_when_no_name_is_shown_at_all(ottoline):
    narrow_on_own_page(ottoline["link"], pseudonym="Wren Holloway")
    storyteller = ottoline["storyteller"]
    storyteller.naming = NamingChoice.ANONYMOUS
    storyteller.save()
    with pytest.raises(NarrowingError, match="no name at all"):
        narrow_on_own_page(ottoline["link"], pseudonym="Kestrel Vane")


def test_part_of_a_hyphenated_real_name_is_not_a_pseudonym(elodie):
    from stories.consent.self_service import pseudonym_problem

    assert "not your real" in pseudonym_problem(elodie["storyteller"], "Señora Nuñez")
    assert pseudonym_problem(elodie["storyteller"], "Maple Harbour") is None


def test_consent_without_a_date_of_birth_asks_for_help_in_plain_words(client, elodie):
    elodie["storyteller"].date_of_birth = None
    elodie["storyteller"].save()
    response = storyteller_signed_in(client, elodie["link"]).post(
        consent_url(elodie["token"]), consent_data()
    )
    assert response.status_code == 400
    assert "We need your date of birth" in response.content.decode()
    assert not ConsentRecord.objects.filter(storyteller=elodie["storyteller"]).exists()


def test_a_new_name_asks_the_cdn_to_drop_its_copies_of_the_live_stories(
    ottoline, monkeypatch, django_capture_on_commit_callbacks
):
    purged = []
    monkeypatch.setattr("stories.consent.takedown.frontend_cache_enabled", lambda: True)
    monkeypatch.setattr("wagtail.contrib.frontend_cache.utils.purge_urls_from_cache", purged.extend)
    with django_capture_on_commit_callbacks(execute=True):
        narrow_on_own_page(ottoline["link"], pseudonym="Wren Holloway")
    assert ottoline["in_words"].get_full_url() in purged
