"""Guessing passwords gets nowhere: repeated failures pause signing in, on the
site and in the admin; every wrong attempt costs the same whoever's account
it names; passwords set on the site meet the validators; password resets
reach only readers; staff sessions end when left idle or the browser closes."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from freezegun import freeze_time

from stories.factories import PartnerOrganisationFactory
from stories.readers.forms import SUSPENDED
from stories.readers.invitations import Invitation, send_invitation
from stories.readers.membership import Membership

from .people import CONSENT_OFFICERS, member

PASSWORD = "changeme"  # noqa: S105 (the demo password in test settings)
LIMIT = 3
PAUSED = "Signing in is paused"
READER_SIGN_IN = "/account/sign-in/"
ADMIN_SIGN_IN = "/admin/login/"

pytestmark = pytest.mark.usefixtures("_few_failures_allowed")


@pytest.fixture
def _few_failures_allowed():
    with override_settings(AXES_FAILURE_LIMIT=LIMIT, AXES_COOLOFF_TIME=timedelta(minutes=30)):
        yield


def sign_in(client, username, password=PASSWORD, path=READER_SIGN_IN, **meta):
    """Post a sign-in form; `meta` sets the request's REMOTE_ADDR or HTTP_ headers."""
    return client.post(path, {"username": username, "password": password}, **meta)


def text(response):
    return response.content.decode()


def signed_in(client):
    return "_auth_user_id" in client.session


def reader(username="reader@example.com", suspended=False, **extra):
    organisation = PartnerOrganisationFactory(
        name=f"School of {username}", kind="school", is_suspended=suspended
    )
    user = get_user_model().objects.create_user(username, username, PASSWORD, **extra)
    Membership.objects.create(user=user, organisation=organisation)
    return user


# Lockout


def test_repeated_wrong_passwords_pause_a_readers_sign_in_even_with_the_right_one(client):
    for _ in range(LIMIT - 1):
        assert sign_in(client, "teacher", "wrong").status_code == 200
    paused = sign_in(client, "teacher", "wrong")
    assert paused.status_code == 429
    assert PAUSED in text(paused)
    assert "30 minutes" in text(paused)
    assert 'class="site-header"' in text(paused)  # the site's own sign-in page

    right = sign_in(client, "teacher")
    assert right.status_code == 429
    assert PAUSED in text(right)
    assert not signed_in(client)


def test_the_pause_says_the_same_whether_or_not_the_account_exists(client):
    for username in ("teacher", "no-such-reader"):
        for _ in range(LIMIT):
            sign_in(client, username, "wrong", REMOTE_ADDR="198.51.100.7")
    # From another address each time, so only the username's count speaks.
    known = sign_in(client, "teacher", "wrong", REMOTE_ADDR="198.51.100.8")
    unknown = sign_in(client, "no-such-reader", "wrong", REMOTE_ADDR="198.51.100.9")
    assert known.status_code == unknown.status_code == 429
    message = re.compile(r'<div class="form-errors" role="alert">(.*?)</div>', re.S)
    assert message.search(text(known))[1] == message.search(text(unknown))[1]


def test_a_username_typed_differently_counts_as_the_same(client):
    for index, spelling in enumerate(("teacher", "Teacher", " TEACHER ")):
        sign_in(client, spelling, "wrong", REMOTE_ADDR=f"203.0.113.{index + 1}")
    assert sign_in(client, "teacher", REMOTE_ADDR="203.0.113.50").status_code == 429


def test_guessing_many_accounts_from_one_address_pauses_that_address(client):
    for index in range(LIMIT):
        sign_in(client, f"guess-{index}", "wrong")
    paused = sign_in(client, "teacher")
    assert paused.status_code == 429
    assert not signed_in(client)
    # Another address is not paused.
    assert sign_in(client, "teacher", REMOTE_ADDR="192.0.2.44").status_code == 302


def test_a_forwarded_for_header_the_client_writes_does_not_escape_the_pause(client):
    for index in range(LIMIT):
        sign_in(client, f"guess-{index}", "wrong", HTTP_X_FORWARDED_FOR=f"10.9.8.{index}")
    assert sign_in(client, "teacher", HTTP_X_FORWARDED_FOR="10.9.8.200").status_code == 429


def test_the_pause_ends_after_the_cool_off(client):
    with freeze_time("2026-03-02 10:00:00"):
        for _ in range(LIMIT):
            sign_in(client, "teacher", "wrong")
        assert sign_in(client, "teacher").status_code == 429
    with freeze_time("2026-03-02 10:31:00"):
        assert sign_in(client, "teacher").status_code == 302


def test_repeated_wrong_passwords_pause_the_admin_login_too(client):
    member("paused.editor", CONSENT_OFFICERS)
    for _ in range(LIMIT):
        sign_in(client, "paused.editor", "wrong", ADMIN_SIGN_IN)
    paused = sign_in(client, "paused.editor", "pw", ADMIN_SIGN_IN)
    assert paused.status_code == 429
    assert PAUSED in text(paused)
    assert "wagtailadmin" in text(paused)  # the admin's own login page
    assert not signed_in(client)
    assert client.get("/admin/").status_code == 302


def test_an_administrator_lifts_a_pause_with_a_command(client):
    for _ in range(LIMIT):
        sign_in(client, "teacher", "wrong", REMOTE_ADDR="198.51.100.20")
    assert sign_in(client, "teacher", REMOTE_ADDR="198.51.100.21").status_code == 429
    call_command("axes_reset_username", "teacher", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sign_in(client, "teacher", REMOTE_ADDR="198.51.100.21").status_code == 302


# The same cost and message whatever the account's state


@pytest.fixture
def hashes():
    """Counts the times a password is hashed (checking one hashes it too)."""
    original = MD5PasswordHasher.encode
    with mock.patch.object(
        MD5PasswordHasher, "encode", autospec=True, side_effect=original
    ) as counted:
        yield counted


@pytest.mark.parametrize(
    "state", ["unknown", "wrong password", "suspended member", "inactive", "suspended, by e-mail"]
)
def test_a_failed_sign_in_hashes_the_password_once_and_says_the_same(client, hashes, state):
    if state == "unknown":
        username = "nobody-here@example.com"
    elif state == "inactive":
        username = reader("inactive@example.com", is_active=False).username
    elif state.startswith("suspended"):
        username = reader("paused@example.com", suspended=True).username
    else:
        username = reader("active@example.com").username
    hashes.reset_mock()
    response = sign_in(client, username, "a-wrong-password")
    assert hashes.call_count == 1
    assert response.status_code == 200
    assert "Please enter a correct" in text(response)
    assert SUSPENDED not in text(response)


def test_a_suspended_member_with_the_right_password_learns_why_hashing_once(client, hashes):
    paused = reader("paused@example.com", suspended=True)
    hashes.reset_mock()
    response = sign_in(client, paused.username)
    assert hashes.call_count == 1
    assert "access to Histories &amp; Smiles is paused" in text(response)
    assert not signed_in(client)


# Password validation wherever a password is set


WEAK = ["short", "password123", "12345678901", "invited.teacher"]


@pytest.mark.parametrize("weak", WEAK)
def test_accepting_an_invitation_refuses_a_weak_password(client, weak):
    organisation = PartnerOrganisationFactory(name="Validating School", kind="school")
    invitation = Invitation(email="invited.teacher@example.com", organisation=organisation)
    send_invitation(invitation, settings.SITE_URL)
    link = re.search(r"(/account/invitation/\S+/)", mail.outbox[-1].body)[1]
    response = client.post(
        link, {"first_name": "Nia", "last_name": "Hart", "password1": weak, "password2": weak}
    )
    assert response.status_code == 200
    assert 'class="form-error"' in text(response)
    assert not get_user_model().objects.filter(username="invited.teacher@example.com").exists()


@pytest.mark.parametrize("weak", WEAK)
def test_a_password_reset_refuses_a_weak_password(client, weak):
    reader("invited.teacher@example.com")
    client.post("/account/password-reset/", {"email": "invited.teacher@example.com"})
    link = re.search(r"(/account/password-reset/\S+/)", mail.outbox[-1].body)[1]
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": weak, "new_password2": weak}
    )
    assert response.status_code == 200
    assert 'class="form-error"' in text(response)
    user = get_user_model().objects.get(username="invited.teacher@example.com")
    assert user.check_password(PASSWORD)


# Password reset through the readers' form


@pytest.mark.parametrize(
    "who", ["active reader", "suspended member", "staff", "superuser", "unknown"]
)
def test_the_readers_reset_mails_only_active_readers_and_says_the_same_to_all(client, who):
    email = "someone@example.com"
    if who == "active reader":
        reader(email)
    elif who == "suspended member":
        reader(email, suspended=True)
    elif who == "staff":
        officer = get_user_model().objects.create_user("officer", email, PASSWORD)
        officer.groups.add(Group.objects.get(name=CONSENT_OFFICERS))
    elif who == "superuser":
        get_user_model().objects.create_superuser("root", email, PASSWORD)
    response = client.post("/account/password-reset/", {"email": email}, follow=True)
    assert response.redirect_chain[-1][0] == "/account/password-reset/sent/"
    assert len(mail.outbox) == (1 if who == "active reader" else 0)


# Staff sessions


def session_cookie(response):
    return response.cookies[settings.SESSION_COOKIE_NAME]


def test_a_staff_session_ends_when_the_browser_closes(client):
    member("short.session", CONSENT_OFFICERS)
    response = sign_in(client, "short.session", "pw", ADMIN_SIGN_IN)
    assert response.status_code == 302
    assert session_cookie(response)["max-age"] == ""
    assert session_cookie(response)["expires"] == ""
    # Even when "remember me" was ticked.
    client.logout()
    response = client.post(
        ADMIN_SIGN_IN, {"username": "short.session", "password": "pw", "remember": "on"}
    )
    assert client.get("/admin/").status_code == 200
    assert client.session.get_expire_at_browser_close()


@override_settings(STAFF_SESSION_IDLE_MINUTES=45)
def test_the_admin_login_says_how_long_a_session_lasts_and_offers_no_remember_me(client):
    page = client.get(ADMIN_SIGN_IN)
    assert page.status_code == 200
    assert 'name="remember"' not in page.text
    assert "Remember me" not in page.text
    assert "signed out when you close the browser, and after 45 minutes" in text(page)
    assert 'name="username"' in page.text and 'name="password"' in page.text


def test_a_staff_session_ends_after_the_idle_time(client):
    member("idle.officer", CONSENT_OFFICERS)
    with freeze_time("2026-03-02 09:00:00") as clock:
        assert sign_in(client, "idle.officer", "pw", ADMIN_SIGN_IN).status_code == 302
        clock.tick(timedelta(minutes=50))
        assert client.get("/admin/").status_code == 200  # in use: still signed in
        clock.tick(timedelta(minutes=50))
        assert client.get("/admin/").status_code == 200  # 50 idle minutes since the last
        clock.tick(timedelta(minutes=settings.STAFF_SESSION_IDLE_MINUTES + 1))
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith(ADMIN_SIGN_IN)
        assert not signed_in(client)


@override_settings(STAFF_SESSION_IDLE_MINUTES=5)
def test_the_idle_time_is_a_setting(client):
    member("brief.officer", CONSENT_OFFICERS)
    with freeze_time("2026-03-02 09:00:00") as clock:
        sign_in(client, "brief.officer", "pw", ADMIN_SIGN_IN)
        clock.tick(timedelta(minutes=6))
        assert client.get("/admin/").status_code == 302


def test_a_readers_session_keeps_djangos_default(client):
    with freeze_time(timezone.now()) as clock:
        response = sign_in(client, "teacher")
        assert response.status_code == 302
        assert int(session_cookie(response)["max-age"]) == settings.SESSION_COOKIE_AGE
        clock.tick(timedelta(days=3))
        assert client.get("/stories/a-teachers-note/").status_code == 200
        assert signed_in(client)
        assert not client.session.get_expire_at_browser_close()
