"""A storyteller withdraws from their own page, in one step, without asking anyone.

The same withdrawal and take-down as a consent officer's: the story leaves
every exit at once. A receipt goes to the storyteller; the consent officers
and the partner organisations that had the story are told, by reference or
by title, never by name or reason. Erasure closes the page for good.
"""

import secrets

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from stories.consent.records import ConsentWithdrawal
from stories.consent.self_service import NO_REASON, WithdrawalError, withdraw_on_own_page
from stories.factories import (
    PartnerOrganisationFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
    story_index,
)
from stories.images import StoryImage
from stories.naming import NamingChoice
from stories.pages import StoryPage
from stories.storyteller_page.links import StorytellerLink, issue_link
from stories.storytellers import Storyteller

from .people import CONSENT_OFFICERS, member, storyteller_signed_in

REASON = "My neighbour recognised me and I feel exposed."


@pytest.fixture
def hazel(django_capture_on_commit_callbacks):
    """A storyteller with a live story for the public and schools, a photo of
    her, a partner named on the story and schools that may reuse it."""
    school = PartnerOrganisationFactory(
        name="Lindenfield Primary", contact_email="office@lindenfield.example"
    )
    named = PartnerOrganisationFactory(
        name="Calm Harbour Group", kind="therapy_group", contact_email="hello@calmharbour.example"
    )
    storyteller = StorytellerFactory(
        naming=NamingChoice.FULL_NAME,
        first_name="Hazelbury",
        last_name="Quenneville",
        email="hazel@example.org",
        consent__for_schools=True,
        consent__syndication="any",
    )
    portrait = StoryImageFactory(
        title="Smiling at the window", storyteller=storyteller, shows_identifiable_person=True
    )
    story = StoryPageFactory(
        storyteller=storyteller,
        title="The chair that stopped frightening me",
        hero_image=portrait,
        for_schools=True,
        partner_organisations=[named],
    )
    officer = member("ophelia", CONSENT_OFFICERS)
    link, token = issue_link(storyteller)
    return {
        "storyteller": storyteller,
        "story": story,
        "portrait": portrait,
        "school": school,
        "named": named,
        "officer": officer,
        "link": link,
        "token": token,
    }


def withdraw_url(token):
    return reverse("storyteller_page_withdraw", args=[token])


def everything_readers_reach(client, story):
    return [
        client.get(story_index().url).content.decode(),
        client.get("/search/", {"q": "frightening"}).content.decode(),
        client.get("/stories/feed/").content.decode(),
        client.get("/sitemap.xml").content.decode(),
        client.get("/api/v2/pages/", {"type": "stories.StoryPage"}).content.decode(),
    ]


def test_the_confirmation_says_what_will_happen_before_anything_does(client, hazel):
    response = storyteller_signed_in(client, hazel["link"]).get(withdraw_url(hazel["token"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "The chair that stopped frightening me" in body
    assert "Photos of you are made private" in body
    assert "Also delete my stories" in body
    assert 'method="post"' in body and "csrfmiddlewaretoken" in body
    assert StoryPage.objects.get(pk=hazel["story"].pk).live
    assert response["Cache-Control"] == "private, no-store"


def test_withdrawal_from_the_page_takes_the_story_off_every_exit(
    client, hazel, django_capture_on_commit_callbacks
):
    story = hazel["story"]
    reader = client.__class__()
    assert reader.get(story.url).status_code == 200
    for body in everything_readers_reach(reader, story):
        assert story.slug in body  # each exit showed it before
    with django_capture_on_commit_callbacks(execute=True):
        response = storyteller_signed_in(client, hazel["link"]).post(
            withdraw_url(hazel["token"]), {}
        )
    assert response.status_code == 200
    assert "Done: your consent is withdrawn" in response.content.decode()
    assert reader.get(story.url).status_code == 404
    for body in everything_readers_reach(reader, story):
        assert story.title not in body
        assert story.slug not in body
    portrait = StoryImage.objects.get(pk=hazel["portrait"].pk)
    assert portrait.collection.name == "Withdrawn storytellers (private)"


def test_the_reason_is_optional_and_stays_with_the_consent_officers(hazel):
    withdraw_on_own_page(hazel["link"])
    withdrawal = ConsentWithdrawal.objects.get(record__storyteller=hazel["storyteller"])
    assert withdrawal.reason == NO_REASON
    assert withdrawal.withdrawn_by is None
    assert withdrawal.actions[0] == "Done by the storyteller on their own page."


def test_the_audit_log_says_the_storyteller_did_it_on_their_page(hazel):
    withdraw_on_own_page(hazel["link"], reason=REASON)
    entry = ModelLogEntry.objects.get(
        action="stories.consent.on_own_page", object_id=str(hazel["storyteller"].pk)
    )
    assert entry.user is None
    assert entry.data["by"] == "the storyteller"
    assert "withdrawn" in entry.data["what"].lower()
    assert REASON not in str(entry.data)
    assert ModelLogEntry.objects.filter(
        action="stories.consent.withdrawn", object_id=str(hazel["storyteller"].pk)
    ).exists()


def test_the_receipt_goes_to_the_storyteller_and_never_carries_the_reason(
    client, hazel, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        storyteller_signed_in(client, hazel["link"]).post(
            withdraw_url(hazel["token"]), {"reason": REASON}
        )
    receipts = [message for message in mail.outbox if "hazel@example.org" in message.to]
    assert len(receipts) == 1
    body = receipts[0].body
    assert "The chair that stopped frightening me" in body
    assert "Photos of you are no longer shown" in body
    assert "What happens next" in body
    assert hazel["storyteller"].reference in body
    assert "&amp;" not in body
    for message in mail.outbox:
        assert REASON not in message.body
        assert "neighbour" not in message.subject


def test_officers_and_partners_that_had_the_story_are_told_without_name_or_reason(
    hazel, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_on_own_page(hazel["link"], reason=REASON)
    to_officers = [m for m in mail.outbox if hazel["officer"].email in m.to]
    assert len(to_officers) == 1
    assert hazel["storyteller"].reference in to_officers[0].subject
    named = [m for m in mail.outbox if "hello@calmharbour.example" in m.to]
    assert len(named) == 1
    assert "The chair that stopped frightening me" in named[0].body
    assert hazel["story"].get_full_url() in named[0].body
    school = [m for m in mail.outbox if "office@lindenfield.example" in m.to]
    assert len(school) == 1  # told once, by the take-down, though it also could read it
    for message in mail.outbox:
        if "hazel@example.org" in message.to:
            continue
        for word in ("Hazelbury", "Quenneville", REASON, "hazel@example.org"):
            assert word not in message.body
            assert word not in message.subject


def test_a_suspended_partner_is_told_too(hazel, django_capture_on_commit_callbacks):
    hazel["named"].is_suspended = True
    hazel["named"].save()
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_on_own_page(hazel["link"])
    assert any("hello@calmharbour.example" in message.to for message in mail.outbox)


def test_two_withdrawals_at_once_the_second_is_told_calmly_and_nothing_changes(
    client, hazel, django_capture_on_commit_callbacks
):
    other_browser = client.__class__()
    storyteller_signed_in(client, hazel["link"])
    storyteller_signed_in(other_browser, hazel["link"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(withdraw_url(hazel["token"]), {"reason": "First."})
    before = (ModelLogEntry.objects.count(), len(mail.outbox))
    with django_capture_on_commit_callbacks(execute=True):
        second = other_browser.post(withdraw_url(hazel["token"]), {"reason": "Second."})
    assert second.status_code == 409
    assert "already been withdrawn" in second.content.decode()
    assert (ModelLogEntry.objects.count(), len(mail.outbox)) == before
    withdrawal = ConsentWithdrawal.objects.get(record__storyteller=hazel["storyteller"])
    assert withdrawal.reason == "First."
    with pytest.raises(WithdrawalError, match="already been withdrawn"):
        withdraw_on_own_page(hazel["link"])


def test_erasure_from_the_page_sends_the_receipt_then_closes_the_link(
    client, hazel, django_capture_on_commit_callbacks
):
    hazel["storyteller"].guardian_email = "aunt@example.org"
    hazel["storyteller"].save()
    wrong = client.__class__().get(withdraw_url(secrets.token_urlsafe(32)))
    with django_capture_on_commit_callbacks(execute=True):
        response = storyteller_signed_in(client, hazel["link"]).post(
            withdraw_url(hazel["token"]), {"reason": REASON, "erase": "on"}
        )
    assert "your personal details are deleted" in response.content.decode()
    receipt = [message for message in mail.outbox if "hazel@example.org" in message.to]
    assert len(receipt) == 1
    assert "deleted" in receipt[0].body
    storyteller = Storyteller.objects.get(pk=hazel["storyteller"].pk)
    assert storyteller.email == storyteller.guardian_email == ""
    assert not StoryPage.objects.filter(pk=hazel["story"].pk).exists()
    assert StorytellerLink.objects.get(pk=hazel["link"].pk).revoked_at is not None
    after = storyteller_signed_in(client, hazel["link"]).get(withdraw_url(hazel["token"]))
    home = client.get(reverse("storyteller_page", args=[hazel["token"]]))
    assert after.status_code == home.status_code == wrong.status_code == 404
    assert after.content == wrong.content


def test_erasure_forgets_the_guardians_address_everywhere(hazel):
    from stories.consent.erasure import words_to_forget

    hazel["storyteller"].guardian_email = "aunt@example.org"
    hazel["storyteller"].save()
    assert "aunt@example.org" in words_to_forget(hazel["storyteller"])


def test_a_minor_may_withdraw_on_their_own_link():
    from stories.consent.records import ConsentRecord
    from stories.factories import ConsentRecordFactory, add_years

    minor = StorytellerFactory(
        date_of_birth=add_years(timezone.localdate(), -15),
        consent=None,
        email="teen@example.org",
    )
    ConsentRecordFactory(
        storyteller=minor,
        given_by=ConsentRecord.GivenBy.GUARDIAN,
        guardian_name="Rowan Example",
        guardian_relationship="mother",
    )
    link, _token = issue_link(minor)
    withdraw_on_own_page(link)
    assert ConsentWithdrawal.objects.filter(record__storyteller=minor).exists()


def test_a_get_never_withdraws(client, hazel):
    storyteller_signed_in(client, hazel["link"]).get(withdraw_url(hazel["token"]), {"erase": "on"})
    assert not ConsentWithdrawal.objects.filter(record__storyteller=hazel["storyteller"]).exists()


def test_someone_who_never_consented_is_told_there_is_nothing_to_withdraw(client):
    storyteller = StorytellerFactory(consent=None, email="never@example.org")
    link, token = issue_link(storyteller)
    page = storyteller_signed_in(client, link).get(withdraw_url(token))
    assert "You have not given consent" in page.content.decode()
    with pytest.raises(WithdrawalError, match="nothing to withdraw"):
        withdraw_on_own_page(link)


def test_asking_twice_for_erasure_at_once_the_second_is_told_calmly(
    hazel, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_on_own_page(hazel["link"], erase=True)
    sent = len(mail.outbox)
    with pytest.raises(WithdrawalError, match="already been withdrawn"):
        withdraw_on_own_page(hazel["link"], erase=True)
    assert len(mail.outbox) == sent
