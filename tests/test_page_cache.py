"""A page the site has rendered for one reader is given to the next reader of
the same audiences without doing the work again, and never to anyone else,
nor after content or consent has changed."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from freezegun import freeze_time

from stories.caching import content_changed
from stories.consent.withdrawal import withdraw_consent
from stories.factories import (
    PartnerOrganisationFactory,
    StoryPageFactory,
    StorytellerFactory,
    ThemeFactory,
)
from stories.pages import StoryPage
from stories.readers.membership import Membership

FLORA = "Flora’s story: the chair I could not sit in"
TEACHERS_NOTE = "A teacher’s note"


def signed_in(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def flora():
    return StoryPage.objects.get(slug="floras-story")


def test_a_page_kept_for_the_public_costs_one_query(client, django_assert_num_queries):
    url = flora().url
    first = client.get(url)
    # Only the content generation is read: no routing, no consent check, no template.
    with django_assert_num_queries(1):
        again = client.get(url)
    assert again.status_code == 200
    assert again.content == first.content
    assert again.get("Cache-Control") == first.get("Cache-Control")


@pytest.mark.parametrize("url", ["/", "/stories/", "/stories/feed/", "/search/?q=chair"])
def test_listings_are_kept_too_and_stop_showing_a_withdrawn_story(client, url):
    assert FLORA in client.get(url).content.decode()
    withdraw_consent("HS-0001", "She asked us to take it down.")
    assert FLORA not in client.get(url).content.decode()


def test_a_storys_embed_card_is_kept_and_leaves_every_frame_on_withdrawal(
    client, django_assert_num_queries
):
    card_url = f"{flora().url}embed/"
    first = client.get(card_url)
    assert first.status_code == 200
    with django_assert_num_queries(1):
        again = client.get(card_url)
    assert again.content == first.content
    assert again.get("X-Frame-Options") == first.get("X-Frame-Options")

    withdraw_consent("HS-0001", "She asked us to take it down.")

    gone = client.get(card_url)
    assert gone.status_code == 404
    assert FLORA not in gone.content.decode()


def test_a_withdrawn_story_is_never_served_from_the_page_cache(client):
    url = flora().url
    assert client.get(url).status_code == 200
    withdraw_consent("HS-0001", "She asked us to take it down.")
    assert client.get(url).status_code == 404


def test_a_kept_page_is_not_served_on_the_day_consent_has_ended(client):
    story = StoryPageFactory(title="Until the end of the month")
    tomorrow = timezone.localdate() + timedelta(days=1)
    story.storyteller.consent_records.update(expires_on=tomorrow)
    content_changed()  # consent records are never edited; this stands in for one given so
    assert client.get(story.url).status_code == 200
    with freeze_time(timezone.now() + timedelta(days=1)):
        assert timezone.localdate() == tomorrow
        assert client.get(story.url).status_code == 404


def test_a_members_page_is_never_given_to_the_public(client):
    teachers_note = StoryPage.objects.get(slug="a-teachers-note")
    teacher = signed_in("teacher")
    assert TEACHERS_NOTE in teacher.get(teachers_note.url).content.decode()
    assert TEACHERS_NOTE in teacher.get("/stories/").content.decode()

    refused = client.get(teachers_note.url)
    assert refused.status_code == 302
    assert "/account/sign-in/" in refused["Location"]
    assert TEACHERS_NOTE not in client.get("/stories/").content.decode()


def test_a_schools_page_is_never_given_to_a_partner():
    teachers_note = StoryPage.objects.get(slug="a-teachers-note")
    assert signed_in("teacher").get(teachers_note.url).status_code == 200
    assert signed_in("partner").get(teachers_note.url).status_code == 404
    assert TEACHERS_NOTE not in signed_in("partner").get("/stories/").content.decode()


def test_each_reader_gets_their_own_sign_out_form_on_a_kept_page():
    other_school = PartnerOrganisationFactory(name="Seaview Academy", kind="school")
    colleague = get_user_model().objects.create_user("colleague", "colleague@seaview.example")
    Membership.objects.create(user=colleague, organisation=other_school)
    teacher = signed_in("teacher")
    first = teacher.get("/stories/").content.decode()
    assert "Signed in for Harbour Lane Primary School" in first

    client = Client()
    client.force_login(colleague)
    kept = client.get("/stories/")
    html = kept.content.decode()
    assert "Signed in for Seaview Academy" in html
    assert "Harbour Lane Primary School" not in html
    assert teacher.cookies["csrftoken"].value not in html
    # The form works for the reader it was given to.
    client.enforce_csrf_checks = True
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    signed_out = client.post("/account/sign-out/", {"csrfmiddlewaretoken": token})
    assert signed_out.status_code == 302


def test_a_kept_public_page_still_offers_a_signed_out_visitor_the_sign_in_link(client):
    signed_in("partner").get(flora().url)  # kept for the public audience, signed in
    html = client.get(flora().url).content.decode()
    assert "Sign in" in html
    assert "Sign out" not in html


def test_people_who_work_in_the_admin_never_get_or_leave_a_kept_page(client):
    editor = signed_in("editor")
    editor.get(flora().url)
    assert "Sign out" not in client.get(flora().url).content.decode()
    # The editor's own page is rendered each time (it carries the admin's user bar).
    assert "wagtail-userbar" in editor.get(flora().url).content.decode()


def test_each_filter_and_page_of_a_listing_is_kept_apart(client):
    StoryPageFactory(title="A story about braces", themes=[ThemeFactory(name="Braces")])
    everything = client.get("/stories/").content.decode()
    braces = client.get("/stories/?theme=braces").content.decode()
    assert FLORA in everything
    assert FLORA not in braces
    assert "A story about braces" in braces


def test_a_new_story_shows_at_once_on_kept_listings(client):
    assert "Brand new" not in client.get("/stories/").content.decode()
    StoryPageFactory(title="Brand new", storyteller=StorytellerFactory())
    assert "Brand new" in client.get("/stories/").content.decode()


@pytest.mark.parametrize("url", ["/stories/no-such-story/", "/stories/a-teachers-note/"])
def test_a_page_that_answers_otherwise_than_200_is_not_kept(client, url):
    first = client.get(url)
    assert first.status_code in (302, 404)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == first.status_code
    assert len(queries) > 1  # routed and checked again


def test_a_change_made_by_hand_in_sql_is_followed_by_retiring_kept_pages(client):
    from django.core.management import call_command

    url = flora().url
    assert client.get(url).status_code == 200
    StoryPage.objects.filter(slug="floras-story").update(live=False)  # behind the site's back
    call_command("retire_cached_pages", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert client.get(url).status_code == 404
