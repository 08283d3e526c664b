"""Teachers and partner staff sign in on the site; suspension locks them out at once."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail

from stories.factories import PartnerOrganisationFactory
from stories.pages import StoryPage
from stories.readers.membership import Membership

PASSWORD = "changeme"  # noqa: S105 (the demo password in test settings)
TEACHERS_NOTE = "/stories/a-teachers-note/"


def member_of(organisation, username="reader@example.com"):
    user = get_user_model().objects.create_user(username, username, PASSWORD)
    Membership.objects.create(user=user, organisation=organisation)
    return user


def sign_in(client, username, password=PASSWORD, next_url=""):
    return client.post(
        "/account/sign-in/", {"username": username, "password": password, "next": next_url}
    )


def test_the_sign_in_page_is_in_the_sites_own_look(client):
    response = client.get("/account/sign-in/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert "Forgotten your password?" in html
    assert "wagtailadmin" not in html


def test_a_teacher_signs_in_and_reads_the_stories_for_schools(client):
    response = sign_in(client, "teacher", next_url=TEACHERS_NOTE)
    assert response.status_code == 302
    assert response["Location"] == TEACHERS_NOTE
    page = client.get(TEACHERS_NOTE)
    assert page.status_code == 200
    assert "A teacher’s note" in page.content.decode()
    assert "no-store" in page["Cache-Control"]


def test_a_wrong_password_gets_a_clear_message_and_no_session(client):
    response = sign_in(client, "teacher", password="not-it")
    assert response.status_code == 200
    assert "correct" in response.content.decode()
    assert client.get(TEACHERS_NOTE).status_code == 302


def test_readers_never_reach_the_admin(client):
    sign_in(client, "teacher")
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert "/admin/login/" in response.get("Location", "/admin/login/")
    assert client.get("/admin/pages/").status_code in (302, 403)


def test_signing_in_through_the_admin_login_still_leaves_readers_outside(client):
    client.post("/admin/login/", {"username": "teacher", "password": PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_suspending_an_organisation_locks_its_members_out_at_once(client):
    school = PartnerOrganisationFactory(name="Suspendable School", kind="school")
    member_of(school)
    sign_in(client, "reader@example.com")
    story = StoryPage.objects.get(slug="a-teachers-note")
    assert client.get(story.url).status_code == 200

    school.is_suspended = True
    school.save()

    # The open session no longer counts: the visitor is signed out.
    assert client.get(story.url).status_code == 302
    assert "Signed in" not in client.get("/").content.decode()
    # Signing in again says why, to someone who knows the password.
    response = sign_in(client, "reader@example.com")
    assert response.status_code == 200
    assert "access to Histories &amp; Smiles is paused" in response.content.decode()
    assert "paused" not in sign_in(client, "reader@example.com", password="wrong").content.decode()


def test_a_reinstated_organisation_lets_its_members_back_in(client):
    school = PartnerOrganisationFactory(name="Paused School", kind="school", is_suspended=True)
    member_of(school)
    assert sign_in(client, "reader@example.com").status_code == 200
    school.is_suspended = False
    school.save()
    assert sign_in(client, "reader@example.com").status_code == 302


def test_a_reader_resets_a_forgotten_password_by_email(client):
    response = client.post(
        "/account/password-reset/", {"email": "teacher@harbour-lane-primary.example"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    address = re.escape(settings.SITE_URL)
    link = re.search(address + r"(/account/password-reset/\S+/)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "a-brand-new-long-password"  # noqa: S105
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert sign_in(client, "teacher", password=new_password).status_code == 302


def test_a_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post("/account/password-reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_the_header_offers_sign_in_and_then_sign_out(client):
    assert "/account/sign-in/" in client.get("/").content.decode()
    sign_in(client, "teacher")
    html = client.get("/").content.decode()
    assert "Signed in for Harbour Lane Primary School" in html
    client.post("/account/sign-out/")
    assert client.get(TEACHERS_NOTE).status_code == 302


@pytest.mark.parametrize("username", ["teacher", "partner"])
def test_demo_readers_belong_to_the_demo_school_and_therapy_group(username):
    membership = Membership.objects.get(user__username=username)
    assert (
        membership.organisation.audience == {"teacher": "schools", "partner": "partners"}[username]
    )


def test_readers_may_sign_in_with_their_email_address(client):
    response = sign_in(client, "Teacher@Harbour-Lane-Primary.example")
    assert response.status_code == 302
