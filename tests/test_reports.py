"""Reports that consent officers and editors use, on screen and exported."""

import csv
import io

from django.urls import reverse

from stories.factories import (
    ConsentRecordFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
)

from .people import storyteller_approves


def exported_rows(client, url_name, file_format="csv"):
    response = client.get(reverse(url_name), {"export": file_format})
    assert response.status_code == 200
    if file_format == "csv":
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    return response


def test_coverage_report_lists_every_live_story_with_its_problems(client, officer):
    storyteller = StorytellerFactory()
    photo = StoryImageFactory(title="A recognisable face", shows_identifiable_person=True)
    story = StoryPageFactory(storyteller=storyteller, hero_image=photo, title="Face in the story")
    ConsentRecordFactory(storyteller=storyteller, identifiable_photos=False)  # before any sweep
    client.force_login(officer)
    page = client.get(reverse("stories_consent_coverage"))
    assert page.status_code == 200
    assert b"Face in the story" in page.content
    rows = {row["Story"]: row for row in exported_rows(client, "stories_consent_coverage")}
    assert rows["Face in the story"]["Storyteller"] == storyteller.reference
    assert rows["Face in the story"]["Audiences"] == "the public"
    assert "A recognisable face" in rows["Face in the story"]["Problems"]
    assert rows["Flora’s story: the chair I could not sit in"]["Problems"] == "None"
    assert story.live


def test_coverage_report_exports_xlsx(client, officer):
    client.force_login(officer)
    response = exported_rows(client, "stories_consent_coverage", "xlsx")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )


def test_awaiting_review_report_shows_each_task_and_age(client, officer):
    client.force_login(officer)
    rows = exported_rows(client, "stories_awaiting_review")
    waiting = {row["Waiting for"] for row in rows}
    assert {"Clinical accuracy review", "Consent and safeguarding check"} <= waiting
    assert all(row["Days waiting"].isdigit() for row in rows)


def test_reviewers_do_not_see_the_consent_reports(client, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("stories_consent_coverage"), follow=True)
    assert b"Sorry, you do not have permission" in response.content


def listed(client, **filters):
    response = client.get(reverse("stories:index"), filters)
    assert response.status_code == 200
    return {page.title for page in response.context["pages"]}


def test_story_listing_filters_by_theme_audience_and_storyteller(admin_client):
    from stories.factories import ThemeFactory

    theme = ThemeFactory(name="Lanterns")
    storyteller = StorytellerFactory(consent__for_schools=True)
    lantern = StoryPageFactory(title="Lantern story", themes=[theme], storyteller=storyteller)
    lantern.for_schools = True
    revision = lantern.save_revision()
    storyteller_approves(lantern)
    revision.publish()
    assert listed(admin_client, themes=theme.pk) == {"Lantern story"}
    assert "Lantern story" in listed(admin_client, audience="schools")
    assert "Flora’s story: the chair I could not sit in" not in listed(
        admin_client, audience="schools"
    )
    assert listed(admin_client, storyteller=storyteller.pk) == {"Lantern story"}


def test_story_listing_filters_by_review_and_consent_state(admin_client):
    in_clinical = listed(admin_client, review="clinicalaccuracytask")
    in_consent = listed(admin_client, review="consentsafeguardingtask")
    assert "Flora, one year on" in in_clinical
    assert "Ruth’s Saturday clinic" in in_consent
    assert "Eighty-one and finally unafraid" in listed(admin_client, consent="ending_soon")
    assert "A check-up between shifts" in listed(admin_client, consent="not_in_force")
    assert "A check-up between shifts" not in listed(admin_client, consent="in_force")


def test_reports_menu_offers_the_consent_reports_to_officers_only(client, officer, reviewer):
    client.force_login(officer)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Consent coverage" in menu
    assert "Stories awaiting review" in menu
    client.force_login(reviewer)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Consent coverage" not in menu
    assert "Stories awaiting review" in menu
