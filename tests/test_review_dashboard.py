"""A reviewer's dashboard says, beside each story awaiting them, whether consent
still covers it, or why not: consent can change while a story waits."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from stories.factories import StoryPageFactory, StorytellerFactory
from stories.pages import StoryPage


def submit(story, editor):
    story.save_revision(user=editor)
    story.get_workflow().start(story, editor)
    return StoryPage.objects.get(pk=story.pk)


def awaiting_review(client, user):
    """The reviewer's "Awaiting your review" panel, as the dashboard shows it."""
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    body = response.content.decode()
    start = body.index('id="awaiting-review')
    return body[start : body.index("</table>", start)]


def row_of(panel, title):
    start = panel.index(title)
    return panel[start : panel.find("</tr>", start)]


def test_a_covered_story_awaiting_review_says_covered(client, editor, reviewer):
    submit(StoryPageFactory(title="Flossing at last", publish=False, owner=editor), editor)

    panel = awaiting_review(client, reviewer)

    assert "Consent: Covered" in row_of(panel, "Flossing at last")


def test_consent_that_ends_while_in_review_shows_why_beside_the_story(client, editor, reviewer):
    """Consent ends at midnight; the sweep comes later, and the reviewer already sees why."""
    covered = StorytellerFactory()
    ending = StorytellerFactory(consent__expires_on=timezone.localdate() + timedelta(days=3))
    submit(StoryPageFactory(title="Still fine", storyteller=covered, publish=False), editor)
    submit(StoryPageFactory(title="No longer fine", storyteller=ending, publish=False), editor)

    with freeze_time(timezone.now() + timedelta(days=5)):
        panel = awaiting_review(client, reviewer)

    reason = row_of(panel, "No longer fine")
    assert "Consent: Consent expired on" in reason
    assert "Covered" not in reason
    assert "Consent: Covered" in row_of(panel, "Still fine")


def consent_queries(captured):
    """The queries that read consent records or what stories show."""
    return [
        query["sql"]
        for query in captured.captured_queries
        if "stories_consentrecord" in query["sql"] or "stories_storymedium" in query["sql"]
    ]


def test_the_panel_reads_consent_for_all_its_stories_at_once(client, editor, reviewer):
    submit(StoryPageFactory(title="The first", publish=False), editor)
    with CaptureQueriesContext(connection) as with_one:
        awaiting_review(client, reviewer)
    for n in range(4):
        submit(StoryPageFactory(title=f"One more, {n}", publish=False), editor)

    with CaptureQueriesContext(connection) as with_five:
        panel = awaiting_review(client, reviewer)

    for title in ["The first", *(f"One more, {n}" for n in range(4))]:
        assert "Consent: Covered" in row_of(panel, title)
    assert len(consent_queries(with_five)) == len(consent_queries(with_one)), consent_queries(
        with_five
    )
