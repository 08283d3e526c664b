"""CSV files downloaded from the admin open safely in Excel, named by day."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from freezegun import freeze_time

from stories.factories import StoryPageFactory
from stories.pages import StoryPage

HOSTILE_TITLE = '=HYPERLINK("http://x")'
LONDON = ZoneInfo("Europe/London")


def download(client, url, **params):
    response = client.get(url, {"export": "csv", **params})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def rows_of(body):
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def cells_of(body):
    return [cell for row in rows_of(body) for cell in row]


def assert_safe_csv(response, body, filename):
    assert body.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark to read UTF-8"
    assert f'filename="{filename}"' in response["Content-Disposition"]
    for cell in cells_of(body):
        if not is_number(cell):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def is_number(cell):
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.fixture
def hostile_live_story():
    return StoryPageFactory(title=HOSTILE_TITLE)


@pytest.fixture
def hostile_story_in_review(editor):
    story = StoryPageFactory(title=HOSTILE_TITLE, publish=False, owner=editor)
    with freeze_time(datetime(2026, 7, 1, 9, 30, 15, 123456, tzinfo=LONDON)):
        story.save_revision(user=editor)
        story.get_workflow().start(story, editor)
    return StoryPage.objects.get(pk=story.pk)


@freeze_time("2026-12-01 10:00")
def test_consent_coverage_csv_is_safe_and_named_by_day(client, officer, hostile_live_story):
    client.force_login(officer)
    response, body = download(client, reverse("stories_consent_coverage"))
    assert_safe_csv(response, body, "consent-coverage-2026-12-01.csv")
    assert "'" + HOSTILE_TITLE in cells_of(body)
    assert "Flora’s story: the chair I could not sit in" in cells_of(body)


@freeze_time("2026-12-01 10:00")
def test_consent_coverage_csv_gives_consent_end_as_a_plain_date(client, officer):
    client.force_login(officer)
    _response, body = download(client, reverse("stories_consent_coverage"))
    header, *rows = rows_of(body)
    ends = [row[header.index("Consent holds until")] for row in rows]
    assert ends and all(len(end) == 10 and end[4] == "-" for end in ends if end), ends


def test_awaiting_review_csv_is_safe_with_local_times_to_the_second(
    client, officer, hostile_story_in_review
):
    client.force_login(officer)
    with freeze_time("2026-12-01 10:00"):
        response, body = download(client, reverse("stories_awaiting_review"))
    assert_safe_csv(response, body, "awaiting-review-2026-12-01.csv")
    header, *rows = rows_of(body)
    row = next(row for row in rows if row[header.index("Story")] == "'" + HOSTILE_TITLE)
    # Submitted at 09:30:15.123456 in London (summer time): shown as the clock showed it.
    assert row[header.index("Since")] == "2026-07-01 09:30:15"


def test_site_history_csv_is_safe_and_named_by_day(admin_client, hostile_live_story):
    with freeze_time("2026-12-01 10:00"):
        response, body = download(admin_client, reverse("wagtailadmin_reports:site_history"))
    assert_safe_csv(response, body, "site-history-2026-12-01.csv")
    assert "'" + HOSTILE_TITLE in cells_of(body)
    header, *rows = rows_of(body)
    moments = [row[header.index("Date/Time")] for row in rows]
    assert moments and all(len(moment) == len("2026-12-01 10:00:00") for moment in moments)


def test_site_history_results_export_is_safe_too(admin_client, hostile_live_story):
    response, body = download(admin_client, reverse("wagtailadmin_reports:site_history_results"))
    assert_safe_csv(response, body, response["Content-Disposition"].split('"')[1])
    assert "'" + HOSTILE_TITLE in cells_of(body)


def test_site_history_still_needs_admin_access(client, django_user_model):
    reader = django_user_model.objects.create_user("reader-csv", "r@example.com", "pw")
    client.force_login(reader)
    response = client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"})
    assert response.status_code == 302
    assert b"HYPERLINK" not in response.content


def test_site_history_page_still_lists_the_story(admin_client, hostile_live_story):
    response = admin_client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert "HYPERLINK" in response.content.decode()


def test_xlsx_exports_still_download(client, officer, hostile_story_in_review):
    client.force_login(officer)
    with freeze_time("2026-12-01 10:00"):
        response = client.get(reverse("stories_awaiting_review"), {"export": "xlsx"})
    assert response.status_code == 200
    assert "awaiting-review-2026-12-01.xlsx" in response["Content-Disposition"]
