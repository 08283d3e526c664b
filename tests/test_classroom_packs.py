"""Classroom packs: teaching material an editor adds to a story, shown,
printed and downloaded exactly while the story may be read."""

import io
from datetime import timedelta
from unittest.mock import patch

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from pypdf import PdfReader
from wagtail.rich_text import RichText

from stories import pack_pdf
from stories.classroom_packs import stories_with_packs
from stories.consent.approvals import record_approval
from stories.consent.withdrawal import withdraw_consent
from stories.factories import (
    ConsentRecordFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
    classroom_pack,
    story_index,
)
from stories.pages import StoryPage


def republish(story):
    """Publish the story as edited, approved by its storyteller as review would."""
    revision = story.save_revision()
    record_approval(story, revision)
    revision.publish()


def reader(username):
    return get_user_model().objects.get(username=username)


def test_a_story_with_a_filled_pack_is_listed_among_stories_with_packs():
    with_pack = StoryPageFactory(title="A story with a pack", classroom_pack=classroom_pack())
    without = StoryPageFactory(title="A story without one")
    listed = set(stories_with_packs(None).values_list("pk", flat=True))
    assert with_pack.pk in listed
    assert without.pk not in listed
    assert StoryPage.objects.get(pk=with_pack.pk).has_classroom_pack


def test_stories_with_packs_lists_only_what_the_reader_may_see():
    for_schools = StoryPageFactory(
        title="A schools story with a pack",
        storyteller=StorytellerFactory(consent__for_schools=True),
        classroom_pack=classroom_pack(),
        for_public=False,
        for_schools=True,
    )
    assert for_schools.live
    assert for_schools not in stories_with_packs(None)
    assert for_schools in stories_with_packs(reader("teacher"))
    assert for_schools not in stories_with_packs(reader("partner"))


def test_emptying_the_pack_takes_the_story_off_the_list():
    story = StoryPageFactory(classroom_pack=classroom_pack())
    story.classroom_pack = []
    republish(story)
    assert not StoryPage.objects.get(pk=story.pk).has_classroom_pack
    assert story not in stories_with_packs(None)


# The story page: the pack for every reader of the story, the reading level for teachers.


def schools_story(**kwargs):
    return StoryPageFactory(
        title="Learning to smile at school",
        storyteller=StorytellerFactory(consent__for_schools=True),
        classroom_pack=classroom_pack(question="What made the first day back easier?"),
        for_public=False,
        for_schools=True,
        **kwargs,
    )


def client_for(username):
    client = Client()
    client.force_login(reader(username))
    return client


def test_a_teacher_sees_the_pack_the_reading_level_and_the_pdf_link_on_a_schools_story():
    story = schools_story()
    html = client_for("teacher").get(story.url).content.decode()
    assert "Classroom pack" in html
    assert "What made the first day back easier?" in html
    assert "Orthodontist" in html  # the glossary
    assert "Your school nurse" in html  # who to talk to
    assert "Reading ease" in html and "reading age about" in html
    assert f'href="{story.url}pack.pdf"' in html
    assert "Download the classroom pack (PDF)" in html


def test_the_public_sees_a_public_storys_pack_but_not_the_reading_level_meant_for_teachers(
    client,
):
    story = StoryPageFactory(classroom_pack=classroom_pack(question="Who would you tell?"))
    html = client.get(story.url).content.decode()
    assert "Who would you tell?" in html
    assert f'href="{story.url}pack.pdf"' in html
    assert "Reading ease" not in html


def test_a_story_without_a_pack_offers_no_pdf(client):
    story = StoryPageFactory()
    html = client.get(story.url).content.decode()
    assert "pack.pdf" not in html
    assert "Classroom pack" not in html
    assert "Print" in html  # how to print it still


def test_an_editor_sees_the_reading_level_while_writing(admin_client):
    story = StoryPageFactory(
        summary="A short story.",
        body=[("paragraph", RichText("<p>I was scared. The nurse was kind.</p>"))],
    )
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert "Reading ease 100 (very easy)" in html
    assert "Classroom pack" in html  # its own tab


def test_a_new_story_says_where_its_reading_level_will_show(admin_client):
    url = reverse("wagtailadmin_pages:add", args=["stories", "storypage", story_index().pk])
    html = admin_client.get(url).content.decode()
    assert "its reading level shows here" in html


# The PDF.


def pdf_text(response):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def pdf_images(response):
    return [
        image for page in PdfReader(io.BytesIO(response.content)).pages for image in page.images
    ]


def test_the_pdf_holds_the_story_its_picture_and_its_pack(client):
    story = StoryPageFactory(
        title="Flora learns to sit in the chair",
        hero_image=StoryImageFactory(),
        classroom_pack=classroom_pack(question="Why did the chair frighten Flora?"),
        content_notes="Describes a panic attack",
    )
    response = client.get(f"{story.url}pack.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response)
    assert "Flora learns to sit in the chair" in text
    assert "Why did the chair frighten Flora?" in text
    assert "Describes a panic attack" in text
    assert "Reading ease" in text
    assert f"Told by {story.shown_name}" in text
    assert story.storyteller.last_name not in text  # the name the page shows, nothing more
    assert "Shared with consent by Histories & Smiles" in text
    assert len(pdf_images(response)) >= 1


def test_a_story_without_a_pack_still_prints_as_a_pdf_of_the_story_alone(client):
    story = StoryPageFactory(title="Words only, no pack")
    response = client.get(f"{story.url}pack.pdf")
    assert response.status_code == 200
    text = pdf_text(response)
    assert "Words only, no pack" in text
    assert "Classroom pack" not in text


def test_the_pdf_is_made_once_until_the_story_changes(client):
    story = StoryPageFactory(classroom_pack=classroom_pack())
    with patch("stories.pack_pdf.make_pack_pdf", wraps=pack_pdf.make_pack_pdf) as make:
        first = client.get(f"{story.url}pack.pdf")
        second = client.get(f"{story.url}pack.pdf")
        assert make.call_count == 1
        assert first.content == second.content
        story.title = "A new title for the story"
        republish(story)
        third = client.get(f"{story.url}pack.pdf")
        assert make.call_count == 2
    assert "A new title for the story" in pdf_text(third)


def test_a_pdf_of_a_withdrawn_story_is_never_served(client, django_capture_on_commit_callbacks):
    story = StoryPageFactory(classroom_pack=classroom_pack())
    url = f"{story.url}pack.pdf"
    assert client.get(url).status_code == 200  # now kept
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_consent(story.storyteller.reference, "She changed her mind.")
    response = client.get(url)
    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")


def test_a_pdf_kept_before_the_withdrawal_is_not_given_out_even_if_the_cache_key_survives(client):
    """The gate is asked before any kept copy: even a copy under the very key
    the request would use (as if the generation had not moved) is not served."""
    story = StoryPageFactory(classroom_pack=classroom_pack())
    url = f"{story.url}pack.pdf"
    assert client.get(url).status_code == 200
    with patch("stories.pack_pdf.content_generation", return_value="unchanged"):
        assert client.get(url).status_code == 200
        withdraw_consent(story.storyteller.reference, "Take it down.")
        assert client.get(url).status_code == 404


def test_a_pdf_is_gone_once_consent_is_narrowed(client):
    story = StoryPageFactory(classroom_pack=classroom_pack())
    url = f"{story.url}pack.pdf"
    assert client.get(url).status_code == 200
    ConsentRecordFactory(storyteller=story.storyteller, for_public=False, for_schools=True)
    assert client.get(url).status_code == 404


def test_a_pdf_is_gone_once_consent_expires_even_before_the_sweep(client):
    storyteller = StorytellerFactory(consent=None)
    today = timezone.localdate()
    ConsentRecordFactory(
        storyteller=storyteller,
        given_on=today - timedelta(days=300),
        expires_on=today + timedelta(days=3),
    )
    story = StoryPageFactory(storyteller=storyteller, classroom_pack=classroom_pack())
    url = f"{story.url}pack.pdf"
    assert client.get(url).status_code == 200
    with freeze_time(timezone.now() + timedelta(days=4)):
        assert client.get(url).status_code == 404
    assert StoryPage.objects.get(pk=story.pk).live  # nobody swept yet


def test_a_members_only_pdf_sends_a_signed_out_visitor_to_sign_in_and_is_private(client):
    story = schools_story()
    url = f"{story.url}pack.pdf"
    response = client.get(url)
    assert response.status_code == 302
    assert "/account/sign-in/" in response["Location"]
    assert "pack.pdf" in response["Location"]  # back to it after signing in
    response = client_for("teacher").get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    assert "Shared with schools only" in pdf_text(response) or "shared with schools only" in (
        pdf_text(response)
    )
    assert client_for("partner").get(url).status_code == 404


def test_a_public_pdf_may_be_kept_by_the_cdn_which_the_take_down_purges(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    story = StoryPageFactory(classroom_pack=classroom_pack())
    response = client.get(f"{story.url}pack.pdf")
    assert "public" in response["Cache-Control"]
    purged = []
    monkeypatch.setattr("stories.consent.takedown.frontend_cache_enabled", lambda: True)
    monkeypatch.setattr("wagtail.contrib.frontend_cache.utils.purge_urls_from_cache", purged.extend)
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_consent(story.storyteller.reference, "Changed her mind")
    assert f"{story.full_url}pack.pdf" in purged


def test_pdfs_of_draft_unknown_and_restricted_stories_are_not_found(
    client, draft_story, restricted_story
):
    assert client.get(f"/stories/{draft_story.slug}/pack.pdf").status_code == 404
    assert client.get("/stories/no-such-story/pack.pdf").status_code == 404
    assert client.get(f"{restricted_story.url}pack.pdf").status_code in (302, 404)


def test_when_the_pdf_cannot_be_made_the_reader_gets_a_clear_page_not_an_error(client, caplog):
    story = StoryPageFactory(classroom_pack=classroom_pack())
    with patch("weasyprint.HTML.write_pdf", side_effect=RuntimeError("pango is missing")):
        response = client.get(f"{story.url}pack.pdf")
    assert response.status_code == 503
    assert "could not be made just now" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "could not be made" in caplog.text


def test_the_demo_has_packs_for_the_public_and_for_schools():
    public = {story.slug for story in stories_with_packs(None)}
    teachers = {story.slug for story in stories_with_packs(reader("teacher"))}
    assert "floras-story" in public
    assert "a-teachers-note" not in public
    assert {"floras-story", "a-teachers-note"} <= teachers
