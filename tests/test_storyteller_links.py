"""Private links and one-time codes: the two keys to a storyteller's page.

A link is a long random token kept only as a digest; a code, sent to the
holder's own address on a button press, opens the page once. Wrong links
learn nothing; wrong codes count up to a lockout and then revocation.
"""

import hashlib
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import ModelLogEntry

from stories.consent.records import ConsentWithdrawal
from stories.factories import StorytellerFactory
from stories.storyteller_page import links
from stories.storyteller_page.access import SESSION_IDLE
from stories.storyteller_page.codes import CodeResult, check_code, send_code
from stories.storyteller_page.links import (
    StorytellerLink,
    find_open_link,
    issue_link,
    may_act_for_minor,
    revoke,
)

from .people import code_in, open_own_page


@pytest.fixture
def flora():
    return StorytellerFactory(first_name="Flora", email="flora@example.com")


def sent_code(link, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert send_code(link)
    return code_in(mail.outbox[-1])


# Links


def test_issued_link_opens_and_only_its_digest_is_stored(flora):
    link, token = issue_link(flora)
    assert len(token) >= 40
    assert link.digest == hashlib.sha256(token.encode()).hexdigest()
    assert find_open_link(token) == link
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM stories_storytellerlink")
        assert token not in repr(cursor.fetchall())


def test_issuing_again_replaces_that_holders_earlier_link_only(flora):
    flora.guardian_email = "guardian@example.com"
    flora.save()
    first, first_token = issue_link(flora)
    guardian, guardian_token = issue_link(flora, holder=StorytellerLink.Holder.GUARDIAN)
    second, second_token = issue_link(flora)
    assert find_open_link(first_token) is None
    assert find_open_link(second_token) == second
    assert find_open_link(guardian_token) == guardian


def test_revoked_expired_or_erased_links_open_nothing(flora):
    link, token = issue_link(flora)
    revoke(link)
    assert find_open_link(token) is None

    link, token = issue_link(flora)
    with freeze_time(timezone.now() + links.LINK_LIFETIME + timedelta(minutes=1)):
        assert find_open_link(token) is None

    ConsentWithdrawal.objects.create(record=flora.consent_records.first(), reason="-", erased=True)
    assert find_open_link(token) is None


def test_a_link_with_no_address_to_send_the_code_to_opens_nothing(flora):
    link, token = issue_link(flora, holder=StorytellerLink.Holder.GUARDIAN)
    assert find_open_link(token) is None


def test_page_url_is_on_the_sites_address(flora, settings):
    settings.SITE_URL = "https://stories.example.org"
    _link, token = issue_link(flora)
    assert links.page_url(token) == f"https://stories.example.org/my-story/{token}/"


# Codes


def test_right_code_opens_once(flora, django_capture_on_commit_callbacks):
    link, _token = issue_link(flora)
    code = sent_code(link, django_capture_on_commit_callbacks)
    assert mail.outbox[-1].to == ["flora@example.com"]
    assert "If you did not ask for this, you can ignore this e-mail" in mail.outbox[-1].body
    assert check_code(link, code) == CodeResult.RIGHT
    assert check_code(link, code) == CodeResult.WRONG  # used up


def test_code_older_than_ten_minutes_is_refused(flora, django_capture_on_commit_callbacks):
    link, _token = issue_link(flora)
    code = sent_code(link, django_capture_on_commit_callbacks)
    with freeze_time(timezone.now() + timedelta(minutes=11)):
        assert check_code(link, code) == CodeResult.WRONG


def test_five_wrong_codes_lock_the_link_even_against_the_right_code(
    flora, django_capture_on_commit_callbacks
):
    link, _token = issue_link(flora)
    code = sent_code(link, django_capture_on_commit_callbacks)
    wrong = "000000" if code != "000000" else "111111"
    results = [check_code(link, wrong) for _ in range(5)]
    assert results == [CodeResult.WRONG] * 4 + [CodeResult.LOCKED]
    assert check_code(link, code) == CodeResult.LOCKED
    assert not send_code(link)  # no codes while locked
    with freeze_time(timezone.now() + timedelta(minutes=16)):
        assert check_code(link, code) == CodeResult.WRONG  # expired meanwhile, but tried


def test_ten_wrong_codes_revoke_the_link(flora, django_capture_on_commit_callbacks):
    link, token = issue_link(flora)
    for _ in range(5):
        check_code(link, "000000")
    with freeze_time(timezone.now() + timedelta(minutes=16)):
        results = [check_code(link, "000000") for _ in range(5)]
    assert results[-1] == CodeResult.REVOKED
    assert find_open_link(token) is None


def test_codes_are_rate_limited_per_link(flora, django_capture_on_commit_callbacks):
    link, _token = issue_link(flora)
    with django_capture_on_commit_callbacks(execute=True):
        sent = [send_code(link) for _ in range(6)]
    assert sent == [True] * 5 + [False]
    assert len(mail.outbox) == 5


def test_a_guardians_link_sends_the_code_to_the_guardian(django_capture_on_commit_callbacks):
    child = StorytellerFactory(
        email="child@example.com",
        guardian_email="parent@example.com",
        date_of_birth=timezone.localdate() - timedelta(days=365 * 12),
    )
    own, _ = issue_link(child)
    guardian, _ = issue_link(child, holder=StorytellerLink.Holder.GUARDIAN)
    sent_code(guardian, django_capture_on_commit_callbacks)
    assert mail.outbox[-1].to == ["parent@example.com"]
    assert may_act_for_minor(guardian)
    assert not may_act_for_minor(own)


# The page's doors


def test_wrong_revoked_and_replaced_links_answer_the_same_404(client, flora):
    revoked, revoked_token = issue_link(flora)
    revoke(revoked)
    _replaced, replaced_token = issue_link(flora)
    issue_link(flora)
    answers = [
        client.get(reverse("storyteller_page", args=[token]))
        for token in ("x" * 43, revoked_token, replaced_token)
    ]
    assert {answer.status_code for answer in answers} == {404}
    assert len({answer.content for answer in answers}) == 1
    assert answers[0]["Cache-Control"] == "private, no-store"
    assert "noindex" in answers[0]["X-Robots-Tag"]


def test_opening_a_link_sends_nothing_until_the_button_is_pressed(client, flora):
    _link, token = issue_link(flora)
    response = client.get(reverse("storyteller_page", args=[token]), follow=True)
    assert response.status_code == 200
    assert "f•••@e•••.com" in response.content.decode()
    assert mail.outbox == []


def test_code_flow_opens_the_page_and_sign_out_closes_it(
    client, flora, django_capture_on_commit_callbacks
):
    _link, token = issue_link(flora)
    open_own_page(client, token, django_capture_on_commit_callbacks)
    page = client.get(reverse("storyteller_page", args=[token]))
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    client.post(reverse("storyteller_page_sign_out", args=[token]))
    assert client.get(reverse("storyteller_page", args=[token])).status_code == 302


def test_wrong_code_is_told_clearly(client, flora, django_capture_on_commit_callbacks):
    _link, token = issue_link(flora)
    response = client.post(reverse("storyteller_page_code", args=[token]), {"code": "12"})
    assert response.status_code == 400
    assert "That code did not work" in response.content.decode()


def test_the_page_closes_after_thirty_idle_minutes(
    client, flora, django_capture_on_commit_callbacks
):
    _link, token = issue_link(flora)
    open_own_page(client, token, django_capture_on_commit_callbacks)
    with freeze_time(timezone.now() + timedelta(seconds=SESSION_IDLE + 60)):
        assert client.get(reverse("storyteller_page", args=[token])).status_code == 302


def test_one_storytellers_session_does_not_open_anothers_page(
    client, flora, django_capture_on_commit_callbacks
):
    _link, token = issue_link(flora)
    _other, other_token = issue_link(StorytellerFactory(email="other@example.com"))
    open_own_page(client, token, django_capture_on_commit_callbacks)
    response = client.get(reverse("storyteller_page", args=[other_token]))
    assert response.status_code == 302
    assert response["Location"] == reverse("storyteller_page_code", args=[other_token])


def test_revoking_closes_an_open_page(client, flora, django_capture_on_commit_callbacks):
    link, token = issue_link(flora)
    open_own_page(client, token, django_capture_on_commit_callbacks)
    revoke(link)
    assert client.get(reverse("storyteller_page", args=[token])).status_code == 404


def test_every_step_is_in_the_audit_log_without_token_or_code(
    client, flora, django_capture_on_commit_callbacks
):
    link, token = issue_link(flora)
    check_code(link, "000000")
    open_own_page(client, token, django_capture_on_commit_callbacks)
    code = code_in(mail.outbox[-1])
    revoke(link)
    entries = ModelLogEntry.objects.filter(object_id=str(flora.pk))
    actions = set(entries.values_list("action", flat=True))
    assert {
        "stories.storyteller_page.link_issued",
        "stories.storyteller_page.code_sent",
        "stories.storyteller_page.code_wrong",
        "stories.storyteller_page.opened",
        "stories.storyteller_page.link_revoked",
    } <= actions
    for entry in entries:
        assert token not in repr(entry.data) and code not in repr(entry.data)
        assert entry.message  # a formatter is registered


def test_an_expired_link_offers_a_new_one_by_email_once(
    client, flora, django_capture_on_commit_callbacks
):
    _link, token = issue_link(flora)
    later = timezone.now() + links.LINK_LIFETIME + timedelta(days=1)
    with freeze_time(later):
        page = client.get(reverse("storyteller_page", args=[token]))
        assert page.status_code == 410
        assert mail.outbox == []  # nothing sent on GET
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("storyteller_page_renew", args=[token]))
        assert mail.outbox[-1].to == ["flora@example.com"]
        new_token = re.search(r"/my-story/([^/]+)/", mail.outbox[-1].body).group(1)
        assert find_open_link(new_token).storyteller == flora
        # The old link has done its work: now the same 404 as any other.
        again = client.post(reverse("storyteller_page_renew", args=[token]))
        assert again.status_code == 404
        assert len(mail.outbox) == 1
