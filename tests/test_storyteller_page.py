"""The storyteller's page: their stories as readers will see them, where they
go, what their consent covers and its history; nothing of anyone else's.
And the consent officers' side: issuing, printing and revoking links."""

import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from stories.consent.records import ConsentRecord, ConsentWithdrawal
from stories.factories import (
    ConsentRecordFactory,
    PartnerOrganisationFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
)
from stories.naming import NamingChoice
from stories.storyteller_page.links import StorytellerLink, find_open_link, issue_link

from .people import open_own_page


@pytest.fixture
def marigold():
    """A storyteller whose story is live for the public and schools, reusable by one partner."""
    partner = PartnerOrganisationFactory(name="Quiet Minds Group", kind="therapy_group")
    storyteller = StorytellerFactory(
        naming=NamingChoice.FULL_NAME,
        first_name="Marigold",
        last_name="Featherstone",
        email="marigold@example.com",
        consent=None,
    )
    record = ConsentRecordFactory(
        storyteller=storyteller, for_schools=True, syndication=ConsentRecord.Syndication.NAMED
    )
    record.syndication_partners.set([partner])
    portrait = StoryImageFactory(
        title="Marigold smiling", storyteller=storyteller, shows_identifiable_person=True
    )
    StoryPageFactory(
        title="Marigold and the brave chair",
        storyteller=storyteller,
        hero_image=portrait,
        for_schools=True,
        partner_organisations=[partner],
    )
    return storyteller


def test_the_page_shows_their_story_where_it_goes_and_their_consent(
    client, marigold, django_capture_on_commit_callbacks
):
    _link, token = issue_link(marigold)
    page = open_own_page(client, token, django_capture_on_commit_callbacks).content.decode()
    assert "Marigold and the brave chair" in page
    assert "Marigold Featherstone" in page  # the name shown
    assert "Shared now." in page
    assert "Everyone: anyone on the internet" in page and "Schools: pupils" in page
    assert "Quiet Minds Group" in page
    assert "Only these partner organisations may show your story" in page
    ends = ConsentRecord.objects.get(storyteller=marigold).ends_on
    assert f"Your consent lasts until {ends.day} {ends:%B %Y}" in page
    assert f"{timezone.localdate().day} {timezone.localdate():%B %Y}:" in page  # history
    assert "Consent given by you" in page


def test_the_page_shows_their_pictures_through_its_own_door(
    client, marigold, django_capture_on_commit_callbacks
):
    _link, token = issue_link(marigold)
    page = open_own_page(client, token, django_capture_on_commit_callbacks).content.decode()
    src = re.search(r'<img src="([^"]+)"', page).group(1)
    picture = client.get(src)
    assert picture.status_code == 200
    assert picture["Cache-Control"] == "private, no-store"
    client.logout()
    assert client.get(src).status_code == 302  # no session: asked for a code first


def test_a_draft_waiting_is_shown_as_not_shared(client, django_capture_on_commit_callbacks):
    storyteller = StorytellerFactory(email="d@example.com")
    StoryPageFactory(title="Not yet out", storyteller=storyteller, publish=False)
    _link, token = issue_link(storyteller)
    page = open_own_page(client, token, django_capture_on_commit_callbacks).content.decode()
    assert "Not yet out" in page and "Not shared at the moment." in page


def test_the_page_never_shows_another_storytellers_story(
    client, marigold, django_capture_on_commit_callbacks
):
    other = StorytellerFactory(first_name="Oswin", email="oswin@example.com")
    StoryPageFactory(title="Oswin's lighthouse", storyteller=other)
    _link, token = issue_link(marigold)
    page = open_own_page(client, token, django_capture_on_commit_callbacks).content.decode()
    assert "Oswin" not in page


def test_history_shows_replaced_and_withdrawn_consent(
    client, marigold, django_capture_on_commit_callbacks
):
    newer = ConsentRecordFactory(storyteller=marigold)
    ConsentWithdrawal.objects.create(record=newer, reason="private words")
    _link, token = issue_link(marigold)
    page = open_own_page(client, token, django_capture_on_commit_callbacks).content.decode()
    assert "It was replaced by a newer consent." in page
    assert "Consent taken back." in page
    assert "private words" not in page


def test_an_erased_storytellers_link_answers_the_same_404(client, marigold):
    _link, token = issue_link(marigold)
    wrong = client.get(reverse("storyteller_page", args=["y" * 43]))
    ConsentWithdrawal.objects.create(
        record=marigold.consent_records.first(), reason="-", erased=True
    )
    erased = client.get(reverse("storyteller_page", args=[token]))
    assert erased.status_code == wrong.status_code == 404
    assert erased.content == wrong.content


# The consent officers' side


def storyteller_edit_url(storyteller):
    return reverse("wagtailsnippets_stories_storyteller:edit", args=[storyteller.pk])


def test_an_officer_sees_the_links_and_can_email_a_new_one(
    client, officer, marigold, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    edit = client.get(storyteller_edit_url(marigold)).content.decode()
    assert "Their private page" in edit
    overview = client.get(reverse("storyteller_page_admin", args=[marigold.pk])).content.decode()
    assert "E-mail a new link to the storyteller" in overview
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("storyteller_page_admin_send", args=[marigold.pk, "storyteller"])
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["marigold@example.com"]
    token = re.search(r"/my-story/([^/]+)/", mail.outbox[-1].body).group(1)
    assert find_open_link(token).storyteller == marigold


def test_an_officer_can_print_a_new_link_with_a_qr_code_and_revoke_it(client, officer, marigold):
    client.force_login(officer)
    response = client.post(reverse("storyteller_page_admin_print", args=[marigold.pk]))
    page = response.content.decode()
    assert "<svg" in page
    token = re.search(r"/my-story/([^/<\"]+)/", page).group(1)
    link = find_open_link(token)
    client.post(reverse("storyteller_page_admin_revoke", args=[link.pk]))
    assert find_open_link(token) is None


def test_an_editor_can_neither_issue_nor_revoke(client, editor, marigold):
    link, token = issue_link(marigold)
    links_before = StorytellerLink.objects.count()
    client.force_login(editor)
    answers = [
        client.get(reverse("storyteller_page_admin", args=[marigold.pk])),
        client.post(reverse("storyteller_page_admin_send", args=[marigold.pk, "storyteller"])),
        client.post(reverse("storyteller_page_admin_print", args=[marigold.pk])),
        client.post(reverse("storyteller_page_admin_revoke", args=[link.pk])),
    ]
    assert all(answer.status_code in (302, 403) for answer in answers)
    assert StorytellerLink.objects.count() == links_before
    assert find_open_link(token) == link


def test_the_command_prints_a_fresh_links_address(marigold):
    out = io.StringIO()
    call_command("storyteller_link", marigold.reference, stdout=out)
    token = re.search(r"/my-story/([^/]+)/", out.getvalue()).group(1)
    assert find_open_link(token).holder == StorytellerLink.Holder.STORYTELLER


def test_the_command_refuses_an_unknown_reference_or_no_address(marigold):
    with pytest.raises(CommandError, match="No storyteller"):
        call_command("storyteller_link", "HS-9999")
    with pytest.raises(CommandError, match="no e-mail"):
        call_command("storyteller_link", marigold.reference, "--guardian")
