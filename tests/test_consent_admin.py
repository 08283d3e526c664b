"""What editors and consent officers see of consent in the admin."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, ModelLogEntry, Page

from stories.consent.guard import ConsentRefused
from stories.consent.withdrawal import withdraw_consent
from stories.factories import (
    ConsentRecordFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
)
from stories.naming import NamingChoice

from .people import consent_form


def staff(django_user_model, username, *codenames):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
    group = Group.objects.create(name=f"group of {username}")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=codenames),
    )
    GroupPagePermission.objects.create(
        group=group,
        page=Page.get_first_root_node(),
        permission=Permission.objects.get(codename="change_page"),
    )
    user.groups.add(group)
    return user


@pytest.fixture
def editor(django_user_model):
    return staff(django_user_model, "ed", "change_storyteller", "view_storyteller")


@pytest.fixture
def officer(django_user_model):
    return staff(
        django_user_model,
        "officer",
        "change_storyteller",
        "view_storyteller",
        "add_consentrecord",
        "view_consentrecord",
        "view_private_consent",
        "withdraw_consent",
    )


@pytest.fixture
def rosalind():
    return StorytellerFactory(
        naming=NamingChoice.PSEUDONYM,
        first_name="Rosalind",
        last_name="Quayle",
        pseudonym="Kestrel",
        email="rosalind@example.com",
        consent__naming_allowed=NamingChoice.PSEUDONYM,
        consent__identifiable_photos=False,
    )


def storyteller_url(storyteller):
    return reverse("wagtailsnippets_stories_storyteller:edit", args=[storyteller.pk])


def test_story_editor_shows_consent_scope_needs_and_problems(admin_client, rosalind):
    photo = StoryImageFactory(title="Kestrel at the clinic", shows_identifiable_person=True)
    story = StoryPageFactory(storyteller=rosalind, hero_image=photo, publish=False)
    body = admin_client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert "This story cannot be published yet." in body
    assert "Photo ‘Kestrel at the clinic’ shows a recognisable person" in body
    assert "a pseudonym at most" in body


def test_story_editor_says_when_consent_covers_the_story(admin_client, rosalind):
    story = StoryPageFactory(storyteller=rosalind, publish=False)
    body = admin_client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert "Consent covers this story from" in body


def test_editors_see_the_reference_and_shown_name_only(client, editor, rosalind):
    client.force_login(editor)
    body = client.get(storyteller_url(rosalind)).content.decode()
    assert rosalind.reference in body
    assert "Kestrel" in body
    assert "Rosalind" not in body
    assert "Quayle" not in body
    assert "rosalind@example.com" not in body


def test_consent_officers_see_real_identity(client, officer, rosalind):
    client.force_login(officer)
    body = client.get(storyteller_url(rosalind)).content.decode()
    assert "Rosalind" in body
    assert "rosalind@example.com" in body


def test_storyteller_page_lists_their_stories_and_consent_history(admin_client, rosalind):
    StoryPageFactory(storyteller=rosalind, title="Kestrel flies again")
    ConsentRecordFactory(storyteller=rosalind, naming_allowed=NamingChoice.PSEUDONYM)
    body = admin_client.get(storyteller_url(rosalind)).content.decode()
    assert "Kestrel flies again" in body
    assert body.count("Superseded") == 1
    assert "Current" in body


def test_editors_cannot_open_consent_records(client, editor, rosalind):
    client.force_login(editor)
    record = rosalind.consent_records.get()
    response = client.get(reverse("consent_records:inspect", args=[record.pk]), follow=True)
    assert b"Sorry, you do not have permission" in response.content


def test_nobody_can_edit_a_record_in_the_admin(admin_client, rosalind):
    record = rosalind.consent_records.get()
    url = reverse("consent_records:edit", args=[record.pk])
    response = admin_client.post(url, {"for_schools": "on"}, follow=True)
    assert b"Sorry, you do not have permission" in response.content
    record.refresh_from_db()
    assert not record.for_schools


def test_consent_officer_records_new_consent_from_the_admin(client, officer, rosalind):
    client.force_login(officer)
    evidence = SimpleUploadedFile("form.pdf", b"%PDF-1.4", "application/pdf")
    response = client.post(
        reverse("consent_records:add"), consent_form(rosalind, evidence=evidence)
    )
    assert response.status_code == 302
    newest = rosalind.consent_records.first()
    assert newest.captured_by == officer
    assert newest.supersedes is not None
    assert ModelLogEntry.objects.filter(action="stories.consent.captured").exists()


def test_bad_consent_input_gets_a_clear_message_and_saves_nothing(client, officer, rosalind):
    client.force_login(officer)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        reverse("consent_records:add"), consent_form(rosalind, expires_on=yesterday.isoformat())
    )
    assert response.status_code == 200
    assert b"Consent must expire after the day it was given." in response.content
    assert rosalind.consent_records.count() == 1


def test_opening_evidence_is_logged(client, officer, rosalind):
    record = ConsentRecordFactory(
        storyteller=rosalind,
        evidence=SimpleUploadedFile("form.pdf", b"%PDF-1.4 x", "application/pdf"),
    )
    client.force_login(officer)
    response = client.get(reverse("stories_consent_evidence", args=[record.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert ModelLogEntry.objects.filter(
        action="stories.consent.evidence_viewed", user_id=officer.pk
    ).exists()


def test_editors_cannot_open_evidence(client, editor, rosalind):
    record = ConsentRecordFactory(
        storyteller=rosalind,
        evidence=SimpleUploadedFile("form.pdf", b"%PDF-1.4 x", "application/pdf"),
    )
    client.force_login(editor)
    response = client.get(reverse("stories_consent_evidence", args=[record.pk]), follow=True)
    assert b"%PDF" not in response.content


def test_dashboard_shows_expiring_consent_refusals_and_withdrawals(admin_client, rosalind):
    soon = StorytellerFactory(consent=None)
    ConsentRecordFactory(storyteller=soon, expires_on=timezone.localdate() + timedelta(days=20))
    photo = StoryImageFactory(shows_identifiable_person=True)
    refused = StoryPageFactory(
        storyteller=rosalind, hero_image=photo, publish=False, title="Refused one"
    )
    with pytest.raises(ConsentRefused):
        refused.get_latest_revision().publish()
    withdrawn = StorytellerFactory()
    withdraw_consent(withdrawn.reference, "Changed mind.")
    body = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert f"{soon.reference}</a>" in body
    assert "in 20 days" in body
    assert "Refused one" in body
    assert withdrawn.reference in body


def test_officers_open_evidence_from_the_storytellers_page(client, officer, rosalind):
    record = ConsentRecordFactory(
        storyteller=rosalind,
        evidence=SimpleUploadedFile("form.pdf", b"%PDF-1.4", "application/pdf"),
    )
    client.force_login(officer)
    body = client.get(storyteller_url(rosalind)).content.decode()
    assert reverse("stories_consent_evidence", args=[record.pk]) in body
