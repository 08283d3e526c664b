"""Two-step sign-in for staff: after the password, a code from an authenticator
app before any admin page, for consent officers and administrators when the
site requires it (STAFF_TWO_FACTOR), and for whoever has set it up."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time
from wagtail.models import ModelLogEntry

from stories import two_factor

from .people import CONSENT_OFFICERS, EDITORS, member

required = override_settings(STAFF_TWO_FACTOR="required")
optional = override_settings(STAFF_TWO_FACTOR="optional")

VERIFY = "/admin/two-factor/verify/"
SETUP = "/admin/two-factor/setup/"
ACCOUNT = "/admin/two-factor/"
# An admin page, the admin's JSON (the page explorer's) and the page chooser.
ADMIN_ADDRESSES = ["/admin/", "/admin/api/main/pages/?child_of=root", "/admin/choose-page/"]


def superuser(username="chief"):
    return get_user_model().objects.create_superuser(username, f"{username}@example.com", "pw")


def app_for(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def code_of(device, steps_later=0):
    """What the phone shows now (or that many 30-second steps later)."""
    device.refresh_from_db()
    value = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0 - steps_later * device.step,
        digits=device.digits,
        drift=device.drift,
    )
    return f"{value:06d}"


def sign_in(client, user):
    """The password on Wagtail's own sign-in page."""
    response = client.post("/admin/login/", {"username": user.get_username(), "password": "pw"})
    assert response.status_code == 302, "the password was refused"
    return response


def give_code(client, code, next_url="/admin/"):
    return client.post(VERIFY, {"code": code, "next": next_url})


def text(response):
    return response.content.decode()


@required
def test_an_administrator_who_gave_only_the_password_reaches_no_admin_page(client):
    admin = superuser()
    app = app_for(admin)
    sign_in(client, admin)

    for address in ADMIN_ADDRESSES:
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(VERIFY), address
        assert b"Flora" not in response.content
    page = client.get(VERIFY + "?next=/admin/pages/")
    assert page.status_code == 200
    assert "Your sign-in code" in text(page)
    assert "Flora" not in text(page)  # no menu, no admin content

    response = give_code(client, code_of(app), next_url="/admin/choose-page/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/choose-page/"
    for address in ADMIN_ADDRESSES:
        assert client.get(address).status_code == 200, address


@required
def test_the_session_stays_verified_from_page_to_page_on_a_new_session_key(client):
    admin = superuser()
    app = app_for(admin)
    sign_in(client, admin)
    before = client.session.session_key
    give_code(client, code_of(app))
    assert client.session.session_key != before
    for _ in range(3):
        assert client.get("/admin/pages/").status_code == 200
    assert client.get("/admin/account/").status_code == 200


@required
def test_a_wrong_code_is_refused_with_a_clear_message_and_each_one_makes_the_wait_longer(client):
    admin = superuser()
    app = app_for(admin)
    sign_in(client, admin)
    with freeze_time(timezone.now()) as clock:
        wrong = f"{(int(code_of(app)) + 1) % 1_000_000:06d}"
        response = give_code(client, wrong)
        assert response.status_code == 200
        assert two_factor.WRONG_CODE in text(response)
        assert client.get("/admin/").status_code == 302

        # Even the right code waits until the first wrong one's second is over.
        refused = give_code(client, code_of(app))
        assert "Too many wrong codes. Wait 1 second" in text(refused)
        assert client.get("/admin/").status_code == 302

        clock.tick(2)
        give_code(client, wrong)
        assert "Wait 2 seconds" in text(give_code(client, code_of(app)))
        clock.tick(3)
        assert give_code(client, code_of(app)).status_code == 302
        assert client.get("/admin/").status_code == 200
    app.refresh_from_db()
    assert app.throttling_failure_count == 0


@required
def test_something_that_is_no_code_says_what_to_type(client):
    admin = superuser()
    app_for(admin)
    sign_in(client, admin)
    response = give_code(client, "my password")
    assert two_factor.BAD_FORMAT in text(response)
    assert client.get("/admin/").status_code == 302


@required
def test_a_code_from_the_app_opens_one_session_only(client):
    admin = superuser()
    app = app_for(admin)
    code = code_of(app)
    sign_in(client, admin)
    assert give_code(client, code).status_code == 302

    other = Client()
    sign_in(other, admin)
    response = give_code(other, code)
    assert two_factor.WRONG_CODE in text(response)


@required
def test_a_consent_officer_without_an_app_sets_one_up_before_any_admin_page(client):
    officer = member("connie", CONSENT_OFFICERS)
    sign_in(client, officer)
    response = client.get("/admin/account/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "<svg" in text(page)
    app = TOTPDevice.objects.get(user=officer, confirmed=False)
    secret = two_factor.secret_for_typing(app)
    assert secret in text(page)
    assert client.get(SETUP).content.count(secret.encode()) == 1  # the same app on reload
    assert TOTPDevice.objects.filter(user=officer).count() == 1

    with freeze_time(timezone.now()) as clock:
        wrong = f"{(int(code_of(app)) + 1) % 1_000_000:06d}"
        refused = client.post(SETUP, {"code": wrong, "next": "/admin/account/"})
        assert two_factor.WRONG_CODE in text(refused)
        assert client.get("/admin/").status_code == 302
        clock.tick(2)
        done = client.post(SETUP, {"code": code_of(app), "next": "/admin/account/"})
        set_up_at = timezone.now()
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", text(done))
    assert len(codes) == two_factor.RECOVERY_CODE_COUNT
    assert 'href="/admin/account/"' in text(done)
    app.refresh_from_db()
    assert app.confirmed
    kept = StaticToken.objects.filter(device__user=officer).values_list("token", flat=True)
    assert sorted(kept) == sorted(codes)
    assert client.get("/admin/account/").status_code == 200
    assert ModelLogEntry.objects.filter(action=two_factor.SET_UP, object_id=str(officer.pk))

    # Next time the officer signs in (the phone showing its next code), the app's code is asked for.
    with freeze_time(set_up_at + timedelta(seconds=30)):
        client.logout()
        sign_in(client, officer)
        assert client.get("/admin/")["Location"].startswith(VERIFY)
        assert give_code(client, code_of(app)).status_code == 302
        assert client.get("/admin/").status_code == 200


@required
def test_a_recovery_code_opens_the_admin_once(client):
    admin = superuser()
    app_for(admin)
    device = StaticDevice.objects.create(user=admin, name="Recovery codes")
    device.token_set.create(token="abcd2345")
    device.token_set.create(token="wxyz2345")

    sign_in(client, admin)
    assert give_code(client, "ABCD 2345").status_code == 302
    assert client.get("/admin/").status_code == 200

    client.logout()
    sign_in(client, admin)
    assert two_factor.WRONG_CODE in text(give_code(client, "abcd2345"))
    assert client.get("/admin/").status_code == 302
    assert device.token_set.count() == 1


@required
def test_a_password_alone_cannot_enrol_a_new_phone(client):
    admin = superuser()
    app = app_for(admin)
    sign_in(client, admin)
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    client.post(SETUP, {"code": "123456"})
    assert list(TOTPDevice.objects.filter(user=admin)) == [app]


@required
def test_an_editor_without_an_app_is_not_asked(client):
    editor = member("esme", EDITORS)
    sign_in(client, editor)
    assert client.get("/admin/").status_code == 200
    explorer = client.get("/admin/pages/", follow=True)
    assert explorer.status_code == 200
    assert explorer.redirect_chain == [("/admin/pages/3/", 302)]


@optional
def test_any_member_of_staff_may_turn_it_on_from_their_account_and_is_then_asked(client):
    editor = member("esme", EDITORS)
    sign_in(client, editor)
    account = client.get("/admin/account/")
    assert ACCOUNT in text(account)
    assert "is <strong>off</strong>" in text(client.get(ACCOUNT))

    client.get(SETUP + f"?next={ACCOUNT}")
    app = TOTPDevice.objects.get(user=editor)
    done = client.post(SETUP, {"code": code_of(app), "next": ACCOUNT})
    assert len(re.findall(r"<li><code>", text(done))) == two_factor.RECOVERY_CODE_COUNT
    assert "is <strong>on</strong>" in text(client.get(ACCOUNT))

    client.logout()
    sign_in(client, editor)
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    give_code(client, code_of(app, steps_later=1))

    response = client.post(ACCOUNT, {"action": "turn_off"}, follow=True)
    assert "Two-step sign-in is off for your account." in text(response)
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticDevice.objects.filter(user=editor).exists()


@required
def test_a_consent_officer_cannot_turn_it_off(client):
    officer = member("connie", CONSENT_OFFICERS)
    app = app_for(officer)
    sign_in(client, officer)
    give_code(client, code_of(app))
    page = client.get(ACCOUNT)
    assert "stays on" in text(page)
    client.post(ACCOUNT, {"action": "turn_off"})
    assert TOTPDevice.objects.filter(user=officer).exists()


def test_off_changes_nothing(client):
    admin = superuser()
    app_for(admin)
    sign_in(client, admin)
    for address in ADMIN_ADDRESSES:
        assert client.get(address).status_code == 200, address
    assert ACCOUNT not in text(client.get("/admin/account/"))
    assert client.get(SETUP).status_code == 404
    assert client.get(ACCOUNT).status_code == 404


@override_settings(STAFF_TWO_FACTOR="requried")
def test_a_misspelt_setting_is_refused_rather_than_read_as_off():
    with pytest.raises(ImproperlyConfigured, match="required, optional, off"):
        two_factor.mode()


@required
def test_readers_sign_in_on_the_site_as_before(client):
    response = client.post(
        "/account/sign-in/",
        {"username": "teacher", "password": "changeme", "next": "/stories/a-teachers-note/"},
    )
    assert response.status_code == 302
    assert client.get("/stories/a-teachers-note/").status_code == 200
    assert not TOTPDevice.objects.filter(user__username="teacher").exists()


@required
def test_signing_in_on_the_readers_page_does_not_skip_the_code(client):
    admin = superuser()
    app_for(admin)
    client.post("/account/sign-in/", {"username": admin.username, "password": "pw"})
    assert client.get("/admin/pages/")["Location"].startswith(VERIFY)


@required
def test_the_code_page_runs_no_inline_script(client):
    admin = superuser()
    app_for(admin)
    sign_in(client, admin)
    page = client.get(VERIFY)
    assert "script-src 'self' 'unsafe-inline'" in page["Content-Security-Policy"]
    for tag in re.findall(r"<script[^>]*>", text(page)):
        assert "src=" in tag or 'type="application/json"' in tag, tag


@required
def test_an_administrator_resets_a_colleagues_lost_phone(client):
    officer = member("connie", CONSENT_OFFICERS)
    officer_app = app_for(officer)
    officer_client = Client()
    sign_in(officer_client, officer)
    give_code(officer_client, code_of(officer_app))
    assert officer_client.get("/admin/").status_code == 200

    admin = superuser()
    sign_in(client, admin)
    give_code(client, code_of(app_for(admin)))
    listing = client.get("/admin/users/")
    assert f"/admin/two-factor/staff/{officer.pk}/" in text(listing)
    page = client.get(f"/admin/two-factor/staff/{officer.pk}/")
    assert "Reset two-step sign-in of connie" in text(page)
    response = client.post(f"/admin/two-factor/staff/{officer.pk}/", follow=True)
    assert "Two-step sign-in reset for connie" in text(response)

    assert not TOTPDevice.objects.filter(user=officer).exists()
    entry = ModelLogEntry.objects.get(action=two_factor.RESET, object_id=str(officer.pk))
    assert entry.user == admin
    # The officer's open session is no longer verified: they set up a new app.
    assert officer_client.get("/admin/")["Location"].startswith(SETUP)


@required
def test_an_editor_may_not_reset_anyone(client):
    officer = member("connie", CONSENT_OFFICERS)
    app_for(officer)
    editor = member("esme", EDITORS)
    sign_in(client, editor)
    # Wagtail's answer to a permission error: back to the dashboard, with a message.
    for method in (client.get, client.post):
        refused = method(f"/admin/two-factor/staff/{officer.pk}/", follow=True)
        assert refused.redirect_chain == [("/admin/", 302)]
        assert "Sorry, you do not have permission" in text(refused)
    assert TOTPDevice.objects.filter(user=officer).exists()


def test_reset_two_factor_command_removes_the_app_and_says_so():
    officer = member("connie", CONSENT_OFFICERS)
    app_for(officer)
    out = StringIO()
    call_command("reset_two_factor", "connie", stdout=out)
    assert "Two-step sign-in of connie reset" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert ModelLogEntry.objects.filter(action=two_factor.RESET, object_id=str(officer.pk)).exists()

    with pytest.raises(CommandError, match="no user called 'nobody'"):
        call_command("reset_two_factor", "nobody")
