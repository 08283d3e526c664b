"""Editors invite teachers and partner staff; a link works once, for seven days."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from stories.factories import PartnerOrganisationFactory
from stories.readers.invitations import Invitation
from stories.readers.membership import Membership

NEW_PASSWORD = "a-long-enough-password-1"  # noqa: S105


@pytest.fixture
def editor_client(client):
    client.force_login(get_user_model().objects.get(username="editor"))
    return client


@pytest.fixture
def school():
    return PartnerOrganisationFactory(name="Invitation Primary", kind="school")


def invite(editor_client, school, email="new.teacher@example.com"):
    response = editor_client.post(
        "/admin/reader-invitations/new/", {"email": email, "organisation": school.pk}
    )
    return response


def link_from_email():
    address = re.escape(settings.SITE_URL)
    return re.search(address + r"(/account/invitation/\S+/)", mail.outbox[-1].body)[1]


def accept(client, link, password=NEW_PASSWORD):
    return client.post(
        link,
        {"first_name": "Nia", "last_name": "Hart", "password1": password, "password2": password},
    )


def test_an_editor_invites_a_teacher_who_gets_a_one_time_link(editor_client, school):
    response = invite(editor_client, school)
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new.teacher@example.com"]
    assert "Invitation Primary" in mail.outbox[-1].body
    assert "7 days" in mail.outbox[-1].body
    invitation = Invitation.objects.get(email="new.teacher@example.com")
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    # Only a digest is kept: the link's secret is nowhere in the database.
    secret = link_from_email().rstrip("/").rsplit("/", 1)[-1]
    assert secret not in invitation.secret_digest


def test_accepting_creates_a_member_and_signs_them_in(editor_client, school, client):
    invite(editor_client, school)
    editor_client.logout()
    link = link_from_email()
    assert "Invitation Primary" in client.get(link).content.decode()
    response = accept(client, link)
    assert response.status_code == 302
    member = Membership.objects.get(user__email="new.teacher@example.com")
    assert member.organisation == school
    assert not member.user.is_staff
    assert client.get("/stories/a-teachers-note/").status_code == 200


def test_a_link_works_only_once(editor_client, school, client):
    invite(editor_client, school)
    editor_client.logout()
    link = link_from_email()
    accept(client, link)
    client.logout()
    again = client.get(link)
    assert again.status_code == 404
    assert "This invitation does not work" in again.content.decode()
    assert accept(client, link).status_code == 404
    assert get_user_model().objects.filter(email="new.teacher@example.com").count() == 1


def test_an_expired_link_is_refused(editor_client, school, client):
    invite(editor_client, school)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    editor_client.logout()
    assert accept(client, link_from_email()).status_code == 404
    assert not get_user_model().objects.filter(email="new.teacher@example.com").exists()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda link: link[:-3] + "xx/",
        lambda link: link.replace("/invitation/", "/invitation/a"),
        lambda link: "/account/invitation/" + "A" * 500 + "/",
        lambda link: "/account/invitation/%27--/",
    ],
)
def test_a_tampered_link_is_refused_without_an_error(editor_client, school, client, tamper):
    invite(editor_client, school)
    editor_client.logout()
    assert client.get(tamper(link_from_email())).status_code == 404


def test_an_invitation_into_a_suspended_organisation_stops_working(editor_client, school, client):
    invite(editor_client, school)
    school.is_suspended = True
    school.save()
    editor_client.logout()
    assert client.get(link_from_email()).status_code == 404


def test_a_weak_password_gets_a_clear_message_and_no_account(editor_client, school, client):
    invite(editor_client, school)
    editor_client.logout()
    response = accept(client, link_from_email(), password="123")
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert not get_user_model().objects.filter(email="new.teacher@example.com").exists()


def test_someone_who_already_has_an_account_is_not_invited_again(editor_client, school):
    response = invite(editor_client, school, email="teacher@harbour-lane-primary.example")
    assert response.status_code == 200
    assert "already has an account" in response.content.decode()
    assert mail.outbox == []


def test_editors_see_invitations_but_cannot_change_them(editor_client, school):
    invite(editor_client, school)
    invitation = Invitation.objects.get()
    listing = editor_client.get("/admin/reader-invitations/")
    assert "new.teacher@example.com" in listing.content.decode()
    assert "Waiting" in listing.content.decode()
    response = editor_client.get(f"/admin/reader-invitations/edit/{invitation.pk}/")
    assert response.status_code == 302


def test_readers_and_reviewers_cannot_invite(client, school):
    client.force_login(get_user_model().objects.get(username="reviewer"))
    response = client.post(
        "/admin/reader-invitations/new/", {"email": "x@example.com", "organisation": school.pk}
    )
    assert response.status_code in (302, 403)
    assert not Invitation.objects.exists()
