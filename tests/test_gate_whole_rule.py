"""The gate is the law, the guard a courtesy: a story made live by a route the
publish guard never saw (a raw `update(live=True)`, a data migration, a
restored backup) still reaches no one unless the consent in force covers the
reader's audience and everything its live content shows: the name used,
identifiable photos (the storyteller's own, and those of other storytellers,
who consent for themselves), voice and video."""

from dataclasses import fields

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.rich_text import RichText

from stories.consent.guard import story_problems
from stories.consent.policy import StoryNeeds
from stories.consent.records import ConsentRecord
from stories.factories import StoryImageFactory, StoryPageFactory, StorytellerFactory
from stories.images import StoryImage
from stories.naming import NamingChoice
from stories.pages import StoryPage
from stories.storytellers import Storyteller
from stories.visibility import visible_stories

from .people import storyteller_approves


def made_live_outside_the_guard(story):
    """What a careless script, a data migration or a restored backup does."""
    StoryPage.objects.filter(pk=story.pk).update(live=True)
    return StoryPage.objects.get(pk=story.pk)


def draft(storyteller, **kwargs):
    kwargs.setdefault("title", "A story the guard never saw")
    return StoryPageFactory(storyteller=storyteller, publish=False, **kwargs)


def face(**kwargs):
    return StoryImageFactory(shows_identifiable_person=True, **kwargs)


def recording(kind):
    return (
        "embed",
        {
            "kind": kind,
            "embed": "https://media.example/recording",
            "caption": "",
            "transcript": "What was said.",
        },
    )


def own_photo_under_words_only_consent():
    storyteller = StorytellerFactory(consent__identifiable_photos=False)
    return draft(storyteller, hero_image=face(storyteller=storyteller))


def unnamed_face_in_the_body():
    storyteller = StorytellerFactory(consent__identifiable_photos=False)
    return draft(storyteller, body=[("image", {"image": face(), "caption": ""})])


def before_and_after_showing_a_face():
    storyteller = StorytellerFactory(consent__identifiable_photos=False)
    pair = {"before": StoryImageFactory(), "after": face(storyteller=storyteller), "caption": ""}
    return draft(storyteller, body=[("before_after", pair)])


def voice_without_consent_to_voice():
    return draft(StorytellerFactory(consent__voice=False), body=[recording("voice")])


def video_without_consent_to_video():
    return draft(StorytellerFactory(consent__video=False), body=[recording("video")])


def full_name_where_consent_allows_the_first_name():
    storyteller = StorytellerFactory(
        naming=NamingChoice.FULL_NAME, consent__naming_allowed=NamingChoice.FIRST_NAME
    )
    return draft(storyteller)


def photo_of_someone_who_did_not_consent_to_photos():
    other = StorytellerFactory(consent__identifiable_photos=False)
    return draft(StorytellerFactory(), hero_image=face(storyteller=other))


def photo_of_someone_with_no_consent():
    other = StorytellerFactory(consent=None)
    return draft(
        StorytellerFactory(), body=[("image", {"image": face(storyteller=other), "caption": ""})]
    )


def photo_of_someone_whose_consent_is_not_for_this_audience():
    other = StorytellerFactory(consent__for_public=False, consent__for_schools=True)
    return draft(StorytellerFactory(), hero_image=face(storyteller=other))


UNCOVERED = [
    own_photo_under_words_only_consent,
    unnamed_face_in_the_body,
    before_and_after_showing_a_face,
    voice_without_consent_to_voice,
    video_without_consent_to_video,
    full_name_where_consent_allows_the_first_name,
    photo_of_someone_who_did_not_consent_to_photos,
    photo_of_someone_with_no_consent,
    photo_of_someone_whose_consent_is_not_for_this_audience,
]


def covered_twin():
    """Everything at once, with consent for all of it: the gate lets it through."""
    storyteller = StorytellerFactory(naming=NamingChoice.FULL_NAME)
    other = StorytellerFactory()
    return draft(
        storyteller,
        title="A story consent covers",
        hero_image=face(storyteller=storyteller),
        body=[
            ("image", {"image": face(storyteller=other), "caption": ""}),
            ("before_after", {"before": face(), "after": face(), "caption": ""}),
            recording("voice"),
            recording("video"),
        ],
    )


@pytest.mark.parametrize("build", UNCOVERED, ids=lambda build: build.__name__)
def test_a_story_made_live_outside_the_guard_reaches_no_one_consent_does_not_cover(build):
    story = made_live_outside_the_guard(build())
    assert story_problems(story), "the policy sees a problem"
    for reader in (None, "teacher", "partner", "editor"):
        user = reader and get_user_model().objects.get(username=reader)
        assert not visible_stories(user).filter(pk=story.pk).exists(), reader


def test_a_story_consent_covers_in_every_respect_passes_the_gate():
    story = made_live_outside_the_guard(covered_twin())
    assert story_problems(story) == []
    assert visible_stories(None).filter(pk=story.pk).exists()


def test_the_gate_knows_every_medium_the_policy_knows():
    from stories.consent.subjects import RECORDINGS

    media = {field.name for field in fields(StoryNeeds)} - {"reference", "audiences", "naming"}
    assert media == {"identifiable_photos", *RECORDINGS}
    recording_kinds = StoryPage.body.field.stream_block.child_blocks["embed"].child_blocks["kind"]
    assert {value for value, _label in recording_kinds.field.choices} == set(RECORDINGS)


@pytest.fixture
def sols_story_with_his_portrait():
    """Sol consented to words only; his portrait is put on his live story by a
    restored backup of an older row."""
    sol = StoryPage.objects.get(slug="words-without-pictures")
    portrait = StoryImage.objects.get(title="Sol in the clinic garden")
    assert visible_stories(None).filter(pk=sol.pk).exists()
    StoryPage.objects.filter(pk=sol.pk).update(hero_image=portrait)
    return sol


def test_a_story_showing_what_consent_does_not_cover_is_on_no_surface(
    client, sols_story_with_his_portrait
):
    sol = sols_story_with_his_portrait
    assert client.get(sol.url).status_code == 404
    teacher = Client()
    teacher.force_login(get_user_model().objects.get(username="teacher"))
    assert teacher.get(sol.url).status_code == 404
    for surface in (
        "/stories/",
        "/search/?q=slow+repair",
        "/stories/feed/",
        "/sitemap.xml",
        "/api/v2/pages/?type=stories.StoryPage&limit=100&fields=title",
    ):
        response = client.get(surface)
        assert response.status_code == 200, surface
        text = response.content.decode()
        assert sol.title not in text and sol.url not in text, surface
    assert client.get(f"/api/v2/pages/{sol.pk}/").status_code == 404
    assert client.get(f"{sol.url}embed/").status_code == 404


def test_marking_a_photo_identifiable_behind_the_signals_back_still_hides_the_story():
    storyteller = StorytellerFactory(consent__identifiable_photos=False)
    photo = StoryImageFactory(storyteller=storyteller)
    story = StoryPageFactory(storyteller=storyteller, hero_image=photo)
    assert visible_stories(None).filter(pk=story.pk).exists()
    StoryImage.objects.filter(pk=photo.pk).update(shows_identifiable_person=True)
    assert not visible_stories(None).filter(pk=story.pk).exists()


def test_renaming_a_storyteller_behind_the_signals_back_still_hides_the_story():
    storyteller = StorytellerFactory(consent__naming_allowed=NamingChoice.PSEUDONYM)
    Storyteller.objects.filter(pk=storyteller.pk).update(naming=NamingChoice.PSEUDONYM)
    story = StoryPageFactory(storyteller=storyteller)
    assert visible_stories(None).filter(pk=story.pk).exists()
    Storyteller.objects.filter(pk=storyteller.pk).update(naming=NamingChoice.FULL_NAME)
    assert not visible_stories(None).filter(pk=story.pk).exists()


def test_a_draft_revision_does_not_change_what_the_live_story_shows():
    storyteller = StorytellerFactory(consent__identifiable_photos=False, consent__video=False)
    story = StoryPageFactory(storyteller=storyteller)
    revision = story.get_latest_revision_as_object()
    revision.hero_image = face(storyteller=storyteller)
    revision.body = [("paragraph", RichText("<p>Now with a video.</p>")), recording("video")]
    revision.save_revision()
    assert visible_stories(None).filter(pk=story.pk).exists(), "readers still see the words"


def test_a_members_story_showing_someone_not_consenting_for_members_is_hidden_from_them():
    other = StorytellerFactory()  # the public only
    storyteller = StorytellerFactory(consent__for_public=False, consent__for_schools=True)
    story = made_live_outside_the_guard(
        draft(
            storyteller,
            for_public=False,
            for_schools=True,
            hero_image=face(storyteller=other),
        )
    )
    teacher = get_user_model().objects.get(username="teacher")
    assert not visible_stories(teacher).filter(pk=story.pk).exists()
    ConsentRecord.objects.filter(storyteller=other).update(for_schools=True)
    assert visible_stories(teacher).filter(pk=story.pk).exists()


def test_copies_and_aliases_are_held_to_what_they_show_like_the_story():
    storyteller = StorytellerFactory()
    story = StoryPageFactory(storyteller=storyteller, body=[recording("video")])
    copy = story.copy(
        to=story.get_parent(), update_attrs={"title": "Copy", "slug": "a-copy"}, keep_live=False
    )
    revision = copy.save_revision()
    storyteller_approves(copy)  # a copy is a story of its own
    revision.publish()
    alias = story.create_alias(parent=story.get_parent(), update_slug="an-alias")
    shown = visible_stories(None).filter(pk__in=[story.pk, copy.pk, alias.pk])
    assert shown.count() == 3
    ConsentRecord.objects.filter(storyteller=storyteller).update(video=False)
    assert not shown.exists()
