"""Voice and video clips in stories: shown as consent allows, served only
while a story the reader may see shows them, with seeking, and gone with
the story when its storyteller withdraws."""

import shutil

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client

from stories.clips import StoryClip
from stories.consent.guard import ConsentRefused
from stories.factories import (
    ConsentRecordFactory,
    PartnerOrganisationFactory,
    StoryClipFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
)
from stories.pages import StoryPage
from stories.readers import api_access
from stories.shown import StoryMedium

from .clip_tools import needs_ffmpeg
from .people import storyteller_approves

pytestmark = needs_ffmpeg


def voice(clip, caption="In her own words"):
    return ("voice_clip", {"clip": clip, "caption": caption})


def video(clip, caption="At the clinic"):
    return ("video_clip", {"clip": clip, "caption": caption})


@pytest.fixture
def storyteller():
    return StorytellerFactory(consent__syndication="any")


@pytest.fixture
def voice_clip(storyteller):
    return StoryClipFactory(
        title="Flora's voice",
        storyteller=storyteller,
        transcript="I stayed in the chair.",
        content_note="The sound of a dental drill.",
    )


@pytest.fixture
def video_clip(storyteller):
    return StoryClipFactory(title="Flora at the clinic", type="video", storyteller=storyteller)


@pytest.fixture
def story(storyteller, voice_clip, video_clip):
    return StoryPageFactory(
        title="Flora speaks",
        storyteller=storyteller,
        body=[voice(voice_clip), video(video_clip)],
    )


def test_each_clip_block_declares_what_it_shows_for_consent(voice_clip, video_clip):
    from stories.blocks import VideoClipBlock, VoiceClipBlock

    assert list(VoiceClipBlock().consent_media({"clip": voice_clip})) == [("voice", voice_clip)]
    assert list(VideoClipBlock().consent_media({"clip": video_clip})) == [
        ("video", video_clip),
        ("picture", video_clip.poster),
    ]


def test_a_story_records_the_clips_it_shows(story, voice_clip, video_clip):
    shown = {
        (row.medium, row.clip_id, row.image_id) for row in StoryMedium.objects.filter(story=story)
    }
    assert ("voice", voice_clip.pk, None) in shown
    assert ("video", video_clip.pk, None) in shown
    assert ("picture", None, video_clip.poster_id) in shown


def test_a_live_public_storys_clip_is_served_to_anyone(client, story, voice_clip):
    response = client.get(voice_clip.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert b"".join(response.streaming_content) == voice_clip.file.open("rb").read()
    # No shared cache keeps it (take-down purges pages and pictures); a browser for a minute.
    assert set(response["Cache-Control"].split(", ")) == {"private", "max-age=60"}


def test_a_player_may_ask_for_part_of_a_clip(client, story, video_clip):
    size = video_clip.file.size
    response = client.get(video_clip.url, HTTP_RANGE="bytes=0-99")
    assert response.status_code == 206
    body = b"".join(response.streaming_content)
    assert len(body) == 100
    assert body == video_clip.file.open("rb").read()[:100]
    assert response["Content-Range"] == f"bytes 0-99/{size}"
    assert response["Content-Length"] == "100"

    tail = client.get(video_clip.url, HTTP_RANGE="bytes=-10")
    assert tail.status_code == 206 and len(b"".join(tail.streaming_content)) == 10

    beyond = client.get(video_clip.url, HTTP_RANGE="bytes=999999999-")
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{size}"


def test_captions_and_poster_are_served_with_the_clip(client, story, video_clip):
    captions = client.get(video_clip.captions_url)
    assert captions.status_code == 200
    assert captions["Content-Type"].startswith("text/vtt")
    assert captions.content.startswith(b"WEBVTT")
    poster = client.get(video_clip.poster_url)
    assert poster.status_code == 200
    assert poster["Content-Type"] == "image/jpeg"


def test_a_clip_no_live_story_shows_answers_404_except_to_the_admin(admin_client, storyteller):
    clip = StoryClipFactory(storyteller=storyteller)
    StoryPageFactory(storyteller=storyteller, body=[voice(clip)], publish=False)
    reader = Client()
    assert reader.get(clip.url).status_code == 404
    assert reader.get(clip.url, HTTP_RANGE="bytes=0-99").status_code == 404
    response = admin_client.get(clip.url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_clips_address_never_carries_the_uploaded_file_name(voice_clip):
    assert voice_clip.url.startswith(f"/clips/{voice_clip.pk}/audio")
    assert "clip-" not in voice_clip.url  # the factory uploads "clip-<n>.bin"


def test_a_wrong_file_name_answers_404(client, story, voice_clip):
    assert client.get(f"/clips/{voice_clip.pk}/someone-else.m4a").status_code == 404


def test_a_members_storys_clip_is_not_served_to_the_public(client, voice_clip, storyteller):
    from stories.consent.records import ConsentRecord

    ConsentRecord.objects.filter(storyteller=storyteller).update(for_schools=True)
    StoryPageFactory(
        storyteller=storyteller, body=[voice(voice_clip)], for_public=False, for_schools=True
    )
    assert client.get(voice_clip.url).status_code == 404
    teacher = Client()
    from django.contrib.auth import get_user_model

    teacher.force_login(get_user_model().objects.get(username="teacher"))
    response = teacher.get(voice_clip.url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_after_withdrawal_the_clip_answers_404(client, story, voice_clip, video_clip):
    assert client.get(voice_clip.url).status_code == 200
    call_command(
        "withdraw_consent",
        story.storyteller.reference,
        reason="No longer comfortable.",
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    for url in (voice_clip.url, video_clip.url, video_clip.captions_url, video_clip.poster_url):
        assert client.get(url).status_code == 404, url


def test_the_story_page_plays_clips_only_when_asked_with_notes_first_and_transcripts(client, story):
    html = client.get(story.url).content.decode()
    assert '<audio class="media-clip__player" controls preload="none"' in html
    assert "<video" in html and 'preload="none"' in html
    assert "autoplay" not in html
    assert '<track kind="captions"' in html and " default" not in html.split("<track")[1][:200]
    assert html.index("The sound of a dental drill.") < html.index("<audio")
    assert html.index("<audio") < html.index("I stayed in the chair.")
    assert 'poster="/clips/' in html


def test_a_story_may_not_show_another_storytellers_clip(storyteller, voice_clip):
    someone_else = StorytellerFactory()
    page = StoryPageFactory(storyteller=someone_else, publish=False)
    page.body = [voice(voice_clip)]
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "another storyteller's voice or face" in str(refused.value)


def test_a_story_with_a_voice_clip_cannot_be_published_without_consent_to_voice():
    storyteller = StorytellerFactory(consent__voice=False)
    clip = StoryClipFactory(storyteller=storyteller)
    page = StoryPageFactory(storyteller=storyteller, body=[voice(clip)], publish=False)
    storyteller_approves(page)
    with pytest.raises(ConsentRefused) as refusal:
        page.get_latest_revision().publish()
    assert "voice" in " ".join(refusal.value.problems).lower()
    assert not StoryPage.objects.get(pk=page.pk).live
    assert Client().get(clip.url).status_code == 404


def test_the_api_gives_a_clip_to_a_token_that_may_syndicate_it_only(client, story, voice_clip):
    group = PartnerOrganisationFactory(name="Clip listeners", kind="therapy_group")
    token = api_access.create_token(group, "Test")[1]
    url = f"/api/v2/pages/{story.pk}/?fields=body"

    public = client.get(url).json()
    public_clip = next(b for b in public["body"] if b["type"] == "voice_clip")["value"]["clip"]
    assert public_clip == {"type": "audio"}  # not even the library's title

    syndicated = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").json()
    clip = next(b for b in syndicated["body"] if b["type"] == "voice_clip")["value"]["clip"]
    assert clip["transcript"] == "I stayed in the chair."
    assert clip["url"].endswith(voice_clip.url)
    served = client.get(voice_clip.url, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert served.status_code == 200


@pytest.mark.skipif(
    not shutil.which("espeak-ng"), reason="espeak-ng not found: the demo has no voice"
)
def test_the_demo_plays_tomaszs_voice_and_video_through_the_gate(client):
    story = StoryPage.objects.get(slug="learning-to-floss-at-forty-five")
    assert story.live
    shown = {row.medium: row.clip for row in story.media_shown.all() if row.clip_id}
    assert set(shown) == {"voice", "video"}
    assert shown["voice"].transcript.startswith("Three things, not ten.")
    assert 3 < shown["voice"].duration < 9 and 4 < shown["video"].duration < 6
    html = client.get(story.url).content.decode()
    assert shown["voice"].url in html and shown["video"].captions_url in html
    for clip in shown.values():
        assert client.get(clip.url, HTTP_RANGE="bytes=0-99").status_code == 206


def test_a_story_with_clips_is_valid_html(client, story, tmp_path):
    from .test_valid_html import JAVA, nu_errors

    if JAVA is None:
        pytest.skip("the Nu HTML checker needs java")
    errors = nu_errors({"story": client.get(story.url).content.decode()}, tmp_path)
    assert errors == {"story": []}


def test_without_espeak_ng_the_demo_loads_without_its_voice_clip(monkeypatch, capsys):
    from stories.demo import clips as demo_clips
    from stories.demo.loader import DemoLoader

    monkeypatch.setattr(demo_clips.shutil, "which", lambda tool: None)
    spec = {"kind": "voice", "key": "k", "title": "Not made", "transcript": "Hello."}
    assert DemoLoader().clip(spec, StorytellerFactory()) is None
    assert "Skipped the demo clip “Not made”: espeak-ng and ffmpeg and ffprobe" in (
        capsys.readouterr().out
    )
    assert not StoryClip.objects.filter(title="Not made").exists()


def test_a_corrected_transcript_is_on_the_story_at_once(client, story, voice_clip):
    assert "I stayed in the chair." in client.get(story.url).content.decode()
    voice_clip.transcript = "I stayed in the chair, all the way to the end."
    voice_clip.save()
    assert "all the way to the end" in client.get(story.url).content.decode()


def test_the_api_asks_for_the_clips_of_a_page_of_stories_in_one_query(client, storyteller):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    group = PartnerOrganisationFactory(name="Clip counters", kind="therapy_group")
    token = api_access.create_token(group, "Test")[1]
    url = "/api/v2/pages/?type=stories.StoryPage&fields=body&limit=50"

    def queries():
        client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")  # warm
        with CaptureQueriesContext(connection) as captured:
            answer = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert answer.status_code == 200
        return len(captured)

    StoryPageFactory(
        storyteller=storyteller, body=[voice(StoryClipFactory(storyteller=storyteller))]
    )
    fewer = queries()
    for _ in range(3):
        clip = StoryClipFactory(storyteller=storyteller)
        video_clip = StoryClipFactory(type="video", storyteller=storyteller)
        StoryPageFactory(storyteller=storyteller, body=[voice(clip), video(video_clip)])
    assert queries() == fewer


def test_when_new_consent_leaves_out_voice_the_gate_stops_the_story_and_its_clips(
    client, story, voice_clip, video_clip
):
    from stories.factories import ConsentRecordFactory

    assert client.get(voice_clip.url).status_code == 200
    # A new record, captured without voice, supersedes the one the story went live on.
    ConsentRecordFactory(storyteller=story.storyteller, voice=False, syndication="any")
    assert client.get(story.url).status_code == 404
    for url in (voice_clip.url, video_clip.url, video_clip.captions_url):
        assert client.get(url).status_code == 404, url


def test_a_new_poster_is_served_with_the_video_and_the_old_one_no_longer(client, story, video_clip):
    old = video_clip.poster.get_rendition("width-640").url
    assert client.get(old).status_code == 200
    video_clip.poster = StoryImageFactory(storyteller=video_clip.storyteller)
    video_clip.save()
    assert client.get(video_clip.poster_url).status_code == 200
    new = video_clip.poster.get_rendition("width-640").url
    assert client.get(new).status_code == 200
    assert client.get(old).status_code == 404, "no live story shows the old poster any more"


def test_a_recognisable_new_poster_needs_consent_to_photos_like_any_picture(client):
    storyteller = StorytellerFactory(consent__identifiable_photos=False)
    clip = StoryClipFactory(type="video", storyteller=storyteller)
    story = StoryPageFactory(storyteller=storyteller, body=[video(clip)])
    assert client.get(story.url).status_code == 200

    clip.poster = StoryImageFactory(storyteller=storyteller, shows_identifiable_person=True)
    clip.save()

    assert client.get(story.url).status_code == 404
    assert client.get(clip.url).status_code == 404


def test_a_story_whose_voice_consent_is_taken_back_is_on_no_surface(client, storyteller):
    clip = StoryClipFactory(storyteller=storyteller, title="Marigold's voice")
    story = StoryPageFactory(
        title="Marigold hums in the waiting room", storyteller=storyteller, body=[voice(clip)]
    )
    surfaces = (
        "/stories/",
        "/search/?q=marigold+hums",
        "/stories/feed/",
        "/sitemap.xml",
        "/api/v2/pages/?type=stories.StoryPage&limit=100&fields=title",
    )
    for surface in surfaces:
        text = client.get(surface).content.decode()
        assert story.title in text or story.url in text, surface

    # A new record, captured without voice, supersedes the one the story went live on.
    ConsentRecordFactory(storyteller=storyteller, voice=False, syndication="any")

    for surface in surfaces:
        response = client.get(surface)
        assert response.status_code == 200, surface
        text = response.content.decode()
        assert story.title not in text and story.url not in text, surface
    assert client.get(story.url).status_code == 404
    assert client.get(f"/api/v2/pages/{story.pk}/").status_code == 404
    assert client.get(f"{story.url}embed/").status_code == 404
    assert client.get(clip.url, HTTP_RANGE="bytes=0-99").status_code == 404
