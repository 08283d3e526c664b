"""Visit requests: a school or organisation asks for a visit; the campaign
team receives it in the admin and by e-mail, the requester is told what
happens next, and nothing else happens for spam, floods, repeats or bad input.
Requests are deleted after the retention period by the scheduled jobs."""

import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from stories.management.commands.run_schedule import JOBS, intervals
from stories.visits import MULTI_LINE_MAX, SINGLE_LINE_MAX, VisitRequest, VisitRequestPage

SCRIPT = "<script>alert('visit')</script>"


@pytest.fixture(autouse=True)
def _fresh_allowance():
    caches["rate_limits"].clear()
    yield
    caches["rate_limits"].clear()


@pytest.fixture
def form_page():
    return VisitRequestPage.objects.get(slug="request-a-visit")


def answers(**changes):
    """A partner's request as the demo form asks it."""
    given = {
        "organisation_name": "Quiet Harbour Therapy Group",
        "kind_of_organisation": "Therapy group",
        "contact_name": "Priya Shah",
        "contact_e_mail": "priya@quiet-harbour.example",
        "preferred_term_or_dates": "Any Tuesday in March",
        "number_of_people_and_age_group": "A group of 12 adults",
        "message": "We would love a storyteller to join us.",
        "leave_this_empty": "",
    }
    given.update(changes)
    return given


def submissions(page):
    return VisitRequest.objects.filter(page=page)


def test_the_form_asks_what_a_visit_needs_and_says_how_details_are_used(client, form_page):
    html = client.get(form_page.url).content.decode()
    for label in (
        "Organisation name",
        "Kind of organisation",
        "Contact name",
        "Contact e-mail",
        "Preferred term or dates",
        "Number of people and age group",
        "Message",
    ):
        assert label in html
    assert "How we use your details" in html
    assert "deleted 180 days after" in html
    assert "phone" not in html.lower()


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client, form_page):
    html = client.get(form_page.url).content.decode()
    wrapper = html.split('<div class="visually-hidden" aria-hidden="true">')[1].split("</div>")[0]
    assert 'name="leave_this_empty"' in wrapper
    assert 'tabindex="-1"' in wrapper
    assert 'autocomplete="off"' in wrapper


def test_a_partners_request_is_stored_mailed_to_the_team_and_confirmed(client, form_page):
    response = client.post(form_page.url, answers())
    assert response.status_code == 200
    assert "Thank you: your request is on its way" in response.content.decode()
    stored = submissions(form_page).get()
    assert stored.get_data()["organisation_name"] == "Quiet Harbour Therapy Group"
    assert "leave_this_empty" not in stored.form_data

    team, requester = mail.outbox
    assert team.to == [form_page.to_address]
    assert "Quiet Harbour Therapy Group" in team.body
    assert "We would love a storyteller to join us." in team.body
    assert team.reply_to == ["priya@quiet-harbour.example"]

    assert requester.to == ["priya@quiet-harbour.example"]
    assert "reply" in requester.body
    assert "We would love a storyteller" not in requester.body
    assert not requester.alternatives  # text only: nothing of theirs rendered as HTML


def test_the_campaign_team_finds_the_request_in_the_admin(client, form_page):
    client.post(form_page.url, answers(organisation_name="Harbour Lane Primary School"))
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    listing = client.get(reverse("wagtailforms:list_submissions", args=[form_page.pk]))
    assert listing.status_code == 200
    assert "Harbour Lane Primary School" in listing.content.decode()


def test_with_no_address_on_the_page_requests_go_to_the_setting(client, form_page):
    form_page.to_address = ""
    form_page.save_revision().publish()
    with override_settings(VISIT_REQUESTS_TO="team@histories-and-smiles.example"):
        client.post(form_page.url, answers())
    assert mail.outbox[0].to == ["team@histories-and-smiles.example"]


def test_a_filled_honeypot_gets_the_confirmation_and_nothing_is_stored_or_sent(client, form_page):
    response = client.post(form_page.url, answers(leave_this_empty="http://spam.example"))
    assert response.status_code == 200
    assert "Thank you: your request is on its way" in response.content.decode()
    assert not submissions(form_page).exists()
    assert mail.outbox == []


@override_settings(VISIT_REQUESTS_PER_HOUR=3)
def test_an_address_over_its_allowance_gets_a_429_and_nothing_is_stored(client, form_page):
    codes = [
        client.post(form_page.url, answers(organisation_name=f"School {n}")).status_code
        for n in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]
    assert submissions(form_page).count() == 3
    refused = client.post(form_page.url, answers(organisation_name="One more school"))
    assert "Too many requests from here" in refused.content.decode()
    assert "One more school" not in [
        s.form_data["organisation_name"] for s in submissions(form_page)
    ]


@override_settings(VISIT_REQUESTS_PER_HOUR=1)
def test_another_address_keeps_its_own_allowance(client, form_page):
    assert client.post(form_page.url, answers(), REMOTE_ADDR="192.0.2.10").status_code == 200
    assert client.post(form_page.url, answers(), REMOTE_ADDR="192.0.2.10").status_code == 429
    other = answers(organisation_name="Another school")
    assert client.post(form_page.url, other, REMOTE_ADDR="192.0.2.11").status_code == 200


def test_the_same_request_sent_twice_is_stored_and_mailed_once(client, form_page):
    first = client.post(form_page.url, answers())
    again = client.post(form_page.url, answers())
    assert first.status_code == again.status_code == 200
    assert "Thank you" in again.content.decode()
    assert submissions(form_page).count() == 1
    assert len(mail.outbox) == 2


def test_an_invalid_email_shows_the_form_again_and_stores_nothing(client, form_page):
    response = client.post(form_page.url, answers(contact_e_mail="not an address"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please check the answers marked below." in html
    assert "Enter a valid email address." in html
    assert 'value="Quiet Harbour Therapy Group"' in html  # what they typed is kept
    assert not submissions(form_page).exists()
    assert mail.outbox == []


def test_a_missing_answer_shows_the_form_again(client, form_page):
    response = client.post(form_page.url, answers(organisation_name=""))
    assert "This field is required." in response.content.decode()
    assert not submissions(form_page).exists()


@pytest.mark.parametrize(
    ("field", "longest"),
    [("organisation_name", SINGLE_LINE_MAX), ("message", MULTI_LINE_MAX)],
)
def test_an_oversize_answer_is_refused_with_a_message(client, form_page, field, longest):
    response = client.post(form_page.url, answers(**{field: "x" * (longest + 1)}))
    assert response.status_code == 200
    assert f"at most {longest} characters" in response.content.decode()
    assert not submissions(form_page).exists()
    assert mail.outbox == []


def test_a_huge_request_body_is_a_clear_413_not_an_error(client, form_page):
    response = client.post(form_page.url, answers(message="x" * 3_000_000))
    assert response.status_code == 413
    assert "This request is too long" in response.content.decode()
    assert not submissions(form_page).exists()


def test_a_script_is_kept_as_text_in_the_admin_and_both_emails(client, form_page):
    client.post(form_page.url, answers(organisation_name=SCRIPT, message=SCRIPT))
    stored = submissions(form_page).get()
    assert stored.form_data["message"] == SCRIPT  # stored as typed

    team, requester = mail.outbox
    html, kind = team.alternatives[0]
    assert kind == "text/html"
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<script>" not in requester.body and not requester.alternatives

    client.force_login(get_user_model().objects.get(username="admin"))
    listing = client.get(reverse("wagtailforms:list_submissions", args=[form_page.pk]))
    assert "<script>alert" not in listing.content.decode()
    assert "&lt;script&gt;alert" in listing.content.decode()


def test_a_request_is_kept_encrypted_so_a_database_dump_does_not_name_the_contact(
    client, form_page
):
    client.post(form_page.url, answers())
    (request,) = submissions(form_page)
    assert request.form_data["contact_e_mail"] == answers()["contact_e_mail"]  # read back whole
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT form_data FROM {VisitRequest._meta.db_table}")  # noqa: S608
        (stored,) = cursor.fetchone()
    for answer in (answers()["contact_e_mail"], answers()["contact_name"], "organisation_name"):
        assert answer not in stored


def test_the_purge_deletes_old_requests_only(client, form_page, caplog):
    client.post(form_page.url, answers(organisation_name="Old school"))
    client.post(form_page.url, answers(organisation_name="New school"))
    (old,) = [s for s in submissions(form_page) if s.form_data["organisation_name"] == "Old school"]
    VisitRequest.objects.filter(pk=old.pk).update(submit_time=timezone.now() - timedelta(days=181))
    out = StringIO()
    call_command("purge_visit_requests", "--dry-run", stdout=out)
    assert "Would delete 1 visit request(s) older than 180 days." in out.getvalue()
    assert submissions(form_page).count() == 2

    with caplog.at_level(logging.INFO, logger="stories.visits"):
        call_command("purge_visit_requests", stdout=StringIO())
    remaining = [s.form_data["organisation_name"] for s in submissions(form_page)]
    assert remaining == ["New school"]
    assert "Deleted 1 visit requests" in caplog.text
    assert "Old school" not in caplog.text and "priya" not in caplog.text


@override_settings(VISIT_REQUEST_RETENTION_DAYS=30)
def test_the_retention_period_is_a_setting(client, form_page):
    client.post(form_page.url, answers())
    VisitRequest.objects.filter(page=form_page).update(
        submit_time=timezone.now() - timedelta(days=31)
    )
    call_command("purge_visit_requests", stdout=StringIO())
    assert not submissions(form_page).exists()


def test_the_schedule_purges_visit_requests_daily():
    assert JOBS["purge_visit_requests"] == 24 * 60 * 60
    assert intervals("purge_visit_requests=3600")["purge_visit_requests"] == 3600


def test_the_landing_pages_and_the_form_are_valid_html(client, form_page, tmp_path):
    valid_html = pytest.importorskip("tests.test_valid_html")
    if valid_html.JAVA is None:
        pytest.skip("the Nu HTML checker needs java")
    from stories.factories import StoryPageFactory, classroom_pack
    from stories.landing import AudienceLandingPage

    StoryPageFactory(title="A pack to print", classroom_pack=classroom_pack(), age_bands=["adult"])
    schools = AudienceLandingPage.objects.get(audience="schools")
    pages = {
        "schools landing page": client.get(schools.url).content.decode(),
        "visit request form": client.get(form_page.url).content.decode(),
        "form with errors": client.post(
            form_page.url, answers(contact_e_mail="x")
        ).content.decode(),
        "confirmation": client.post(form_page.url, answers()).content.decode(),
    }
    errors = valid_html.nu_errors(pages, tmp_path)
    assert not any(errors.values()), errors


def test_the_allowance_and_repeats_hold_across_workers(monkeypatch, tmp_path):
    """Served as deployed (gunicorn, two workers; Redis when REDIS_URL is set,
    else the database): a request sent twice at once to two workers is kept
    once, and once an address has spent its allowance every worker refuses,
    whatever the client writes in X-Forwarded-For. The team's and the
    requester's e-mails leave once per request kept."""
    from concurrent.futures import ThreadPoolExecutor

    from tests.deployment import AT_ONCE, WORKERS, Campaign, workers_answering

    monkeypatch.setenv("VISIT_REQUESTS_PER_HOUR", "4")
    campaign = Campaign(tmp_path).build()
    site = campaign.copy("visits")
    try:
        site.serve()
        browser = site.reader()
        path = "/request-a-visit/"
        browser.request("GET", path)
        token = browser.cookies["csrftoken"]
        headers = {"Referer": browser.address(path)}

        def send(fields_and_header):
            fields, forwarded = fields_and_header
            sent = {"csrfmiddlewaretoken": token, **fields}
            return browser.request("POST", path, sent, {**headers, "X-Forwarded-For": forwarded})

        def at_once(requests):
            with ThreadPoolExecutor(max_workers=len(requests)) as pool:
                return list(pool.map(send, requests))

        # The same request, twice at once: both answered with the confirmation.
        same = at_once([(answers(), "198.51.100.1")] * WORKERS)
        assert [status for status, *_rest in same] == [200] * WORKERS
        # Both counted against the allowance; two more spend it, then every worker refuses.
        for n in range(2):
            assert send((answers(organisation_name=f"School {n}"), "198.51.100.2"))[0] == 200
        refused = []
        for round_ in range(4):
            refused += at_once(
                [
                    (answers(organisation_name=f"Late school {round_}-{n}"), f"203.0.113.{n}")
                    for n in range(AT_ONCE)
                ]
            )
        assert {status for status, *_rest in refused} == {429}
        assert len(workers_answering(site, [probe for *_rest, probe in refused])) == WORKERS

        kept = site.query(
            "import json; from stories.visits import VisitRequest; "
            "print(json.dumps(sorted(s.form_data['organisation_name'] "
            "for s in VisitRequest.objects.all())))"
        )
        assert kept == ["Quiet Harbour Therapy Group", "School 0", "School 1"]
        assert len(site.mail()) == 2 * len(kept)
    finally:
        site.stop()
        campaign.remove()
