"""Consent records: captured once, never edited, superseded by newer ones."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.actions import action_registry

from stories.consent.capture import CaptureConsentAction
from stories.consent.records import ConsentRecord, ImmutableRecordError, add_years
from stories.factories import (
    ConsentRecordFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
)
from stories.pages import StoryPage


def unsaved_record(storyteller, **values):
    today = timezone.localdate()
    fields = {
        "storyteller": storyteller,
        "for_public": True,
        "given_on": today,
        "expires_on": add_years(today, 2),
    }
    fields.update(values)
    return ConsentRecord(**fields)


def test_a_saved_record_cannot_be_edited():
    record = StorytellerFactory().consent_records.get()
    record.for_schools = True
    with pytest.raises(ImmutableRecordError):
        record.save()


def test_a_record_cannot_be_deleted():
    record = StorytellerFactory().consent_records.get()
    with pytest.raises(ImmutableRecordError):
        record.delete()


def test_the_admin_has_no_edit_or_delete_action_for_records():
    record = StorytellerFactory().consent_records.get()
    for name in ("edit", "delete"):
        action = action_registry.get_action_class(ConsentRecord, name)(record)
        with pytest.raises(PermissionDenied):
            action.check()


def test_capturing_new_consent_supersedes_the_current_record(admin_user):
    storyteller = StorytellerFactory()
    first = storyteller.consent_records.get()
    second = CaptureConsentAction(unsaved_record(storyteller), user=admin_user).execute()
    assert second.supersedes == first
    assert second.captured_by == admin_user
    assert list(ConsentRecord.objects.current().filter(storyteller=storyteller)) == [second]
    assert storyteller.consent_records.count() == 2  # history stays readable


def test_narrower_new_consent_takes_down_what_it_no_longer_covers(client):
    storyteller = StorytellerFactory()
    photo = StoryImageFactory(shows_identifiable_person=True)
    with_photo = StoryPageFactory(storyteller=storyteller, hero_image=photo)
    words_only = StoryPageFactory(storyteller=storyteller)
    CaptureConsentAction(unsaved_record(storyteller, identifiable_photos=False)).execute()
    assert not StoryPage.objects.get(pk=with_photo.pk).live
    assert StoryPage.objects.get(pk=words_only.pk).live
    assert client.get(with_photo.url).status_code == 404


def test_expiry_must_follow_the_day_consent_was_given():
    record = unsaved_record(StorytellerFactory(), expires_on=timezone.localdate())
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert error.value.message_dict["expires_on"] == [
        "Consent must expire after the day it was given."
    ]


def test_consent_lasts_at_most_three_years():
    today = timezone.localdate()
    record = unsaved_record(StorytellerFactory(), expires_on=add_years(today, 3) + timedelta(1))
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert "at most three years" in error.value.message_dict["expires_on"][0]


def test_consent_defaults_to_two_years():
    record = ConsentRecord()
    assert record.expires_on == add_years(timezone.localdate(), 2)


def test_a_minor_needs_a_guardian():
    child = StorytellerFactory(date_of_birth=add_years(timezone.localdate(), -12), consent=None)
    record = unsaved_record(child)
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert "parent or guardian must consent" in error.value.message_dict["given_by"][0]


def test_a_guardian_gives_their_name_and_relationship():
    child = StorytellerFactory(date_of_birth=add_years(timezone.localdate(), -12), consent=None)
    record = unsaved_record(child, given_by="guardian")
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert set(error.value.message_dict) == {"guardian_name", "guardian_relationship"}
    record.guardian_name, record.guardian_relationship = "Sam Marsh", "Mother"
    record.full_clean()


def test_guardian_consent_ends_on_the_18th_birthday():
    today = timezone.localdate()
    teen = StorytellerFactory(
        date_of_birth=add_years(today, -18) + timedelta(days=100), consent=None
    )
    record = ConsentRecordFactory(
        storyteller=teen, given_by="guardian", guardian_name="A", guardian_relationship="Father"
    )
    assert record.ends_on == add_years(teen.date_of_birth, 18)
    assert record.terms().ends_because == "turned 18"


def test_a_storyteller_without_a_date_of_birth_cannot_consent_yet():
    record = unsaved_record(StorytellerFactory(date_of_birth=None, consent=None))
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert "date of birth" in error.value.message_dict["storyteller"][0]


def test_evidence_must_be_a_document_image_or_recording():
    record = unsaved_record(
        StorytellerFactory(),
        evidence=SimpleUploadedFile(
            "consent.exe", b"MZ...", content_type="application/octet-stream"
        ),
    )
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert "PDF, an image or audio" in error.value.message_dict["evidence"][0]


def test_evidence_over_twenty_megabytes_is_refused():
    big = SimpleUploadedFile("consent.pdf", b"%PDF" + b"0" * (20 * 1024 * 1024), "application/pdf")
    record = unsaved_record(StorytellerFactory(), evidence=big)
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert "larger than 20 MB" in error.value.message_dict["evidence"][0]


def test_evidence_is_kept_where_no_public_url_serves_it(settings):
    record = ConsentRecordFactory(
        evidence=SimpleUploadedFile("form.pdf", b"%PDF-1.4 signed", "application/pdf")
    )
    path = record.evidence.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with open(path, "rb") as stored:
        assert stored.read().startswith(b"%PDF")


def test_naming_a_storyteller_beyond_their_consent_is_refused():
    storyteller = StorytellerFactory(consent__naming_allowed="first_name")
    storyteller.naming = "full_name"
    with pytest.raises(ValidationError) as error:
        storyteller.full_clean()
    assert "the first name at most" in error.value.message_dict["naming"][0]


def test_renaming_in_code_beyond_consent_takes_the_story_down():
    storyteller = StorytellerFactory(consent__naming_allowed="first_name")
    story = StoryPageFactory(storyteller=storyteller)
    storyteller.naming = "full_name"
    storyteller.save()
    assert not StoryPage.objects.get(pk=story.pk).live


def test_marking_a_photo_identifiable_takes_down_stories_without_photo_consent():
    storyteller = StorytellerFactory(consent__identifiable_photos=False)
    photo = StoryImageFactory(shows_identifiable_person=False)
    story = StoryPageFactory(storyteller=storyteller, hero_image=photo)
    assert StoryPage.objects.get(pk=story.pk).live
    photo.shows_identifiable_person = True
    photo.save()
    assert not StoryPage.objects.get(pk=story.pk).live
