"""A storyteller's reasons, evidence and identity are for consent officers only.

Editors and clinical reviewers read the history of stories and storytellers
(Site history, a story's history) and receive e-mails; none of it carries
the storyteller's reason for withdrawing, in their own words. The reason
stays on the withdrawal, which consent officers read in the consent record.
"""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.log_actions import log

from stories.consent.audit import TAKEN_DOWN, WITHDRAWN
from stories.consent.records import ConsentRecord
from stories.consent.withdrawal import forget_storyteller, withdraw_consent
from stories.factories import (
    ConsentRecordFactory,
    PartnerOrganisationFactory,
    StoryPageFactory,
    StorytellerFactory,
)
from stories.partners import PartnerOrganisation

REASON = "She has changed jobs and would like a fresh start."


@pytest.fixture
def storyteller():
    teller = StorytellerFactory(
        first_name="Elowen", last_name="Carthew", email="elowen@example.com", consent=None
    )
    ConsentRecordFactory(
        storyteller=teller,
        for_schools=True,
        syndication=ConsentRecord.Syndication.ANY,
    )
    return teller


@pytest.fixture
def story(storyteller, editor):
    return StoryPageFactory(
        title="A lighthouse keeper's daughter", storyteller=storyteller, owner=editor
    )


@pytest.fixture
def withdrawn(storyteller, story, officer, django_capture_on_commit_callbacks):
    """The storyteller withdrew, giving her reason; partner schools are told."""
    PartnerOrganisationFactory(
        name="Harbour Reach Academy",
        kind=PartnerOrganisation.Kind.SCHOOL,
        contact_email="office@harbour-reach.example",
    )
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_consent(storyteller.reference, REASON, user=officer)
    return storyteller.consent_records.first()


def page_as(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def site_history():
    return reverse("wagtailadmin_reports:site_history")


def story_history(story):
    return reverse("wagtailadmin_pages:history", args=[story.pk])


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_site_history_shows_the_withdrawal_without_the_reason(client, withdrawn, role, request):
    body = page_as(client, request.getfixturevalue(role), site_history())
    assert "Consent withdrawn" in body or "Taken down" in body
    assert "fresh start" not in body
    assert "changed jobs" not in body


def test_a_storys_history_says_it_was_taken_down_without_the_reason(
    client, withdrawn, story, editor
):
    body = page_as(client, editor, story_history(story))
    assert "Taken down because consent was withdrawn" in body
    assert "fresh start" not in body


def test_site_history_export_carries_no_reason(client, withdrawn, editor):
    client.force_login(editor)
    response = client.get(site_history() + "?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"fresh start" not in content


def test_histories_written_before_this_change_show_no_reason_either(
    client, storyteller, story, editor
):
    log(instance=storyteller, action=WITHDRAWN, data={"reason": REASON})
    log(instance=story, action=TAKEN_DOWN, data={"reason": f"consent was withdrawn: {REASON}"})
    assert "fresh start" not in page_as(client, editor, site_history())
    body = page_as(client, editor, story_history(story))
    assert "Taken down because consent was withdrawn" in body
    assert "fresh start" not in body


def test_no_email_carries_the_reason(withdrawn):
    assert mail.outbox, "the partner school is asked to remove the story"
    for message in mail.outbox:
        assert "fresh start" not in message.subject + message.body


def test_an_erasure_request_leaves_no_reason_in_the_history(
    client, storyteller, story, editor, officer
):
    forget_storyteller(storyteller.reference, REASON, user=officer)
    assert "fresh start" not in page_as(client, editor, site_history())


def test_consent_officers_read_the_reason_in_the_consent_record(client, withdrawn, officer):
    body = page_as(client, officer, reverse("consent_records:inspect", args=[withdrawn.pk]))
    assert REASON in body.replace("&#x27;", "'")


def test_the_reason_is_kept_on_the_withdrawal(withdrawn):
    assert withdrawn.withdrawal.reason == REASON


def test_editors_cannot_open_the_consent_record(client, withdrawn, editor):
    client.force_login(editor)
    response = client.get(reverse("consent_records:inspect", args=[withdrawn.pk]), follow=True)
    assert REASON not in response.content.decode()


@pytest.mark.parametrize("role", ["editor", "reviewer", "officer"])
def test_a_storytellers_history_carries_no_reason(client, withdrawn, storyteller, role, request):
    """Whoever may open it: consent officers read the reason in the record instead."""
    client.force_login(request.getfixturevalue(role))
    url = reverse("wagtailsnippets_stories_storyteller:history", args=[storyteller.pk])
    body = client.get(url, follow=True).content.decode()
    assert "fresh start" not in body
