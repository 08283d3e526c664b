"""Withdrawal takes effect at once, everywhere, and is recorded."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision

from stories.consent.records import ConsentWithdrawal
from stories.consent.withdrawal import WithdrawalError, withdraw_consent
from stories.factories import (
    PartnerOrganisationFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
    ThemeFactory,
    story_index,
)
from stories.images import StoryImage
from stories.naming import NamingChoice
from stories.pages import StoryPage
from stories.partners import PartnerOrganisation
from stories.storytellers import Storyteller

from .people import storyteller_approves


@pytest.fixture
def marigold(django_capture_on_commit_callbacks):
    """A storyteller with two live stories, one scheduled, pictures and partners told."""
    school = PartnerOrganisationFactory(
        name="Harbour Lane Primary", contact_email="head@harbour.example"
    )
    PartnerOrganisationFactory(
        name="Quiet Minds Group", kind="therapy_group", contact_email="q@minds.example"
    )
    storyteller = StorytellerFactory(
        naming=NamingChoice.FULL_NAME,
        first_name="Marigold",
        last_name="Featherstone",
        consent__for_schools=True,
        consent__syndication="any",
    )
    theme = ThemeFactory(name="Marigolds")
    portrait = StoryImageFactory(
        title="Marigold smiling", storyteller=storyteller, shows_identifiable_person=True
    )
    first = StoryPageFactory(
        storyteller=storyteller,
        title="Marigold finds her smile",
        hero_image=portrait,
        themes=[theme],
    )
    second = StoryPageFactory(
        storyteller=storyteller, title="Marigold goes back to school", themes=[theme]
    )
    scheduled = StoryPageFactory(
        storyteller=storyteller, title="Marigold one year on", publish=False
    )
    scheduled.go_live_at = timezone.now() + timedelta(days=5)
    revision = scheduled.save_revision()
    storyteller_approves(scheduled)
    revision.publish()
    # a reader sees the picture once, so a rendition exists
    portrait.get_rendition("fill-640x400")
    return {
        "storyteller": storyteller,
        "stories": [first, second, scheduled],
        "portrait": portrait,
        "school": school,
    }


def withdraw(reference, **kwargs):
    out = io.StringIO()
    call_command("withdraw_consent", reference, stdout=out, **kwargs)
    return out.getvalue()


def test_withdrawal_unpublishes_every_story_and_cancels_schedules(
    marigold, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        output = withdraw(marigold["storyteller"].reference, reason="She changed her mind.")
    assert "Unpublished 2 page(s)" in output
    assert "Cancelled 1 scheduled publication(s)" in output
    for story in marigold["stories"]:
        story = StoryPage.objects.get(pk=story.pk)
        assert not story.live
        assert not story.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_no_url_serves_the_story_after_withdrawal(client, marigold):
    first = marigold["stories"][0]
    url = first.url
    assert client.get(url).status_code == 200
    withdraw_consent(marigold["storyteller"].reference, "No longer comfortable.")
    assert client.get(url).status_code == 404
    index = client.get(story_index().url).content.decode()
    search = client.get("/search/", {"q": "Marigold"}).content.decode()
    feed = client.get("/stories/feed/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    for body in (index, search, feed, sitemap):
        assert "Marigold finds her smile" not in body
        assert first.slug not in body


def test_withdrawal_stops_serving_their_pictures(marigold):
    portrait = marigold["portrait"]
    assert portrait.renditions.exists()
    output = withdraw(marigold["storyteller"].reference, reason="Please take it down.")
    portrait = StoryImage.objects.get(pk=portrait.pk)
    assert not portrait.renditions.exists()
    assert portrait.collection.name == "Withdrawn storytellers (private)"
    assert "Stopped serving 1 image(s)" in output


def test_withdrawal_tells_partner_organisations_that_received_the_story(
    marigold, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_consent(marigold["storyteller"].reference, "Moving away.")
    recipients = {address for message in mail.outbox for address in message.to}
    schools = set(
        PartnerOrganisation.objects.filter(kind="school").values_list("contact_email", flat=True)
    )
    assert "head@harbour.example" in recipients
    assert recipients == schools  # schools only: consent never covered therapy groups
    assert "Marigold finds her smile" in mail.outbox[0].body
    assert "must come out of your materials" in mail.outbox[0].body


def test_a_mail_server_that_fails_after_the_withdrawal_does_not_undo_or_hide_it(
    marigold, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    """The withdrawal is committed before partners are told: a mail server that
    refuses must not turn the command's answer into a traceback."""
    import smtplib

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("the mail server went away")

    monkeypatch.setattr("stories.consent.takedown.send_mail", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        output = withdraw(marigold["storyteller"].reference, reason="Moving away.")
    assert "withdrawn" in output
    assert not StoryPage.objects.filter(storyteller=marigold["storyteller"], live=True).exists()
    assert "the mail server went away" in caplog.text


def test_withdrawal_is_recorded_with_who_when_and_why(admin_user, marigold):
    withdraw_consent(marigold["storyteller"].reference, "She changed her mind.", user=admin_user)
    withdrawal = ConsentWithdrawal.objects.get(record__storyteller=marigold["storyteller"])
    assert withdrawal.withdrawn_by == admin_user
    assert withdrawal.reason == "She changed her mind."
    assert withdrawal.actions[0].startswith("Recorded the withdrawal")
    logged = ModelLogEntry.objects.get(
        action="stories.consent.withdrawn", object_id=str(marigold["storyteller"].pk)
    )
    assert logged.user_id == admin_user.pk
    taken_down = PageLogEntry.objects.filter(
        action="stories.consent.taken_down", page__in=[s.pk for s in marigold["stories"]]
    )
    assert taken_down.count() == 2


def test_withdrawing_twice_is_refused_and_changes_nothing(marigold):
    reference = marigold["storyteller"].reference
    withdraw(reference, reason="First time.")
    before = (PageLogEntry.objects.count(), ModelLogEntry.objects.count())
    with pytest.raises(CommandError, match="already withdrawn"):
        withdraw(reference, reason="Second time.")
    assert (PageLogEntry.objects.count(), ModelLogEntry.objects.count()) == before


def test_withdrawing_an_unknown_reference_is_refused():
    with pytest.raises(CommandError, match="No storyteller has the reference HS-9999"):
        withdraw("HS-9999", reason="Unknown.")


def test_withdrawal_needs_a_reason(marigold):
    with pytest.raises(WithdrawalError, match="reason"):
        withdraw_consent(marigold["storyteller"].reference, "   ")
    assert StoryPage.objects.get(pk=marigold["stories"][0].pk).live


def test_a_failure_midway_leaves_nothing_half_done(marigold, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("storage unavailable")

    monkeypatch.setattr("stories.consent.takedown.withhold_images", fail)
    with pytest.raises(RuntimeError):
        withdraw_consent(marigold["storyteller"].reference, "Midway failure.")
    assert StoryPage.objects.get(pk=marigold["stories"][0].pk).live
    assert not ConsentWithdrawal.objects.filter(
        record__storyteller=marigold["storyteller"]
    ).exists()


def test_renewed_consent_after_withdrawal_lets_stories_be_published_again(marigold):
    from stories.factories import ConsentRecordFactory

    storyteller = marigold["storyteller"]
    withdraw_consent(storyteller.reference, "Needs a break.")
    ConsentRecordFactory(storyteller=storyteller, for_schools=True)
    story = StoryPage.objects.get(pk=marigold["stories"][1].pk)
    story.get_latest_revision().publish()
    assert StoryPage.objects.get(pk=story.pk).live


def test_erasure_deletes_stories_pictures_and_personal_data(marigold):
    storyteller = marigold["storyteller"]
    reference = storyteller.reference
    page_ids = [story.pk for story in marigold["stories"]]
    output = withdraw(reference, reason="Marigold Featherstone asked to be forgotten.", erase=True)
    assert "Deleted 3 page(s)" in output
    assert not Page.objects.filter(pk__in=page_ids).exists()
    assert not Revision.page_revisions.filter(object_id__in=[str(pk) for pk in page_ids]).exists()
    assert not StoryImage.objects.filter(pk=marigold["portrait"].pk).exists()
    storyteller = Storyteller.objects.get(reference=reference)
    assert (storyteller.first_name, storyteller.last_name, storyteller.email) == ("", "", "")
    assert storyteller.shown_name == "Anonymous"
    withdrawal = ConsentWithdrawal.objects.get(record__storyteller=storyteller)
    assert withdrawal.erased
    assert "Marigold" not in withdrawal.reason


def test_erasure_replaces_their_name_in_the_audit_log(marigold):
    storyteller = marigold["storyteller"]
    page_ids = [story.pk for story in marigold["stories"]]
    withdraw_consent(storyteller.reference, "Forget me.", erase=True)
    texts = [
        f"{entry.label} {entry.data}"
        for entry in [
            *PageLogEntry.objects.filter(page_id__in=page_ids),
            *ModelLogEntry.objects.all(),
        ]
    ]
    assert texts
    assert not [text for text in texts if "Marigold" in text or "Featherstone" in text]


def test_consent_officer_withdraws_from_the_admin_with_a_confirmation(admin_client, marigold):
    storyteller = marigold["storyteller"]
    url = reverse("stories_withdraw_consent", args=[storyteller.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert b"Withdraw consent" in page.content
    unconfirmed = admin_client.post(url, {"reason": "Changed her mind."})
    assert unconfirmed.status_code == 200
    assert StoryPage.objects.get(pk=marigold["stories"][0].pk).live
    response = admin_client.post(url, {"reason": "Changed her mind.", "confirm": "on"}, follow=True)
    assert response.status_code == 200
    assert b"withdrawn" in response.content
    assert not StoryPage.objects.get(pk=marigold["stories"][0].pk).live


def test_an_editor_cannot_withdraw_consent(client, marigold, django_user_model):
    editor = django_user_model.objects.create_user("editor-x", password="x", is_staff=True)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.post(
        reverse("stories_withdraw_consent", args=[marigold["storyteller"].pk]),
        {"reason": "x", "confirm": "on"},
        follow=True,
    )
    assert b"Sorry, you do not have permission" in response.content
    assert StoryPage.objects.get(pk=marigold["stories"][0].pk).live
