"""Consent officers' input is judged by what it is, and refused with a clear message.

Evidence is judged by its content, never its name; a date of birth cannot be
in the future; "only the partner organisations named" needs a partner named.
Each refusal leaves nothing saved.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from stories.consent.capture import CaptureConsentAction
from stories.consent.records import ConsentRecord
from stories.factories import PartnerOrganisationFactory, StorytellerFactory, solid_picture
from stories.storytellers import Storyteller

from .people import consent_form

WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
WEB_PAGE = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
REAL_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def storyteller():
    return StorytellerFactory(first_name="Morwenna", last_name="Trevail")


def named(storytellers):
    """Their real names, read in Python: the database holds them encrypted."""
    return {(teller.first_name, teller.last_name) for teller in storytellers}


def record_consent(client, officer, data):
    client.force_login(officer)
    return client.post(reverse("consent_records:add"), data)


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type)


@pytest.mark.parametrize(
    "name, content",
    [
        ("signed-form.pdf", WINDOWS_PROGRAM),
        ("signed-form.pdf", WEB_PAGE),
        ("signed-form.jpg", WEB_PAGE),
        ("signed-form.png", WINDOWS_PROGRAM),
        ("signed-form.pdf", solid_picture(image_format="PNG")),
        ("signed-form.jpg", solid_picture(image_format="JPEG")[:200]),
    ],
    ids=[
        "program-named-pdf",
        "web-page-named-pdf",
        "web-page-named-jpg",
        "program-named-png",
        "png-named-pdf",
        "truncated-jpeg",
    ],
)
def test_evidence_that_is_not_what_its_name_says_is_refused(
    client, officer, storyteller, name, content
):
    before = storyteller.consent_records.count()
    response = record_consent(
        client, officer, consent_form(storyteller, evidence=upload(name, content))
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "The evidence file is not a real" in body
    assert storyteller.consent_records.count() == before


@pytest.mark.parametrize(
    "name, content",
    [
        ("signed-form.pdf", REAL_PDF),
        ("signed-form.jpg", solid_picture(image_format="JPEG")),
        ("signed-form.jpeg", solid_picture(image_format="JPEG")),
        ("signed-form.png", solid_picture(image_format="PNG")),
    ],
    ids=["pdf", "jpg", "jpeg", "png"],
)
def test_real_pdfs_and_photos_of_the_form_are_accepted(client, officer, storyteller, name, content):
    response = record_consent(
        client, officer, consent_form(storyteller, evidence=upload(name, content))
    )
    assert response.status_code == 302
    newest = storyteller.consent_records.first()
    assert newest.captured_by == officer
    assert newest.evidence.name.endswith(name)


def test_the_capture_service_refuses_false_evidence_too(officer, storyteller):
    record = ConsentRecord(
        storyteller=storyteller,
        for_public=True,
        evidence=upload("signed-form.pdf", WINDOWS_PROGRAM),
    )
    before = storyteller.consent_records.count()
    with pytest.raises(ValidationError) as refused:
        CaptureConsentAction(record, user=officer).execute()
    assert "evidence" in refused.value.message_dict
    assert storyteller.consent_records.count() == before


def test_a_date_of_birth_in_the_future_is_refused(client, officer):
    client.force_login(officer)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        reverse("wagtailsnippets_stories_storyteller:add"),
        {
            "naming": "first_name",
            "first_name": "Tamsin",
            "last_name": "Pender",
            "date_of_birth": tomorrow.isoformat(),
        },
    )
    assert response.status_code == 200
    assert "A date of birth cannot be in the future." in response.content.decode()
    assert ("Tamsin", "Pender") not in named(Storyteller.objects.all())


def test_a_date_of_birth_today_or_before_is_accepted(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("wagtailsnippets_stories_storyteller:add"),
        {
            "naming": "first_name",
            "first_name": "Tamsin",
            "last_name": "Pender",
            "date_of_birth": "1990-04-02",
        },
    )
    assert response.status_code == 302
    assert ("Tamsin", "Pender") in named(Storyteller.objects.all())


def test_named_partners_with_no_partner_named_is_refused(client, officer, storyteller):
    before = storyteller.consent_records.count()
    response = record_consent(client, officer, consent_form(storyteller, syndication="named"))
    assert response.status_code == 200
    assert "Name at least one partner organisation" in response.content.decode()
    assert storyteller.consent_records.count() == before


def test_named_partners_with_a_partner_named_is_recorded(client, officer, storyteller):
    partner = PartnerOrganisationFactory(name="Quiet Cove Therapy Group")
    response = record_consent(
        client,
        officer,
        consent_form(
            storyteller, for_partners="on", syndication="named", syndication_partners=[partner.pk]
        ),
    )
    assert response.status_code == 302
    newest = storyteller.consent_records.first()
    assert list(newest.syndication_partners.all()) == [partner]
