"""Every clip that enters the library goes through one pipeline: read by
ffprobe, refused unless it is one recording we keep, and written again by
ffmpeg with nothing about where, when or on what it was made."""

import json
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from stories.clip_checks import check_webvtt
from stories.clips import StoryClip
from stories.factories import (
    CAPTIONS,
    StoryClipFactory,
    StoryImageFactory,
    StorytellerFactory,
    made_clip,
)

from .clip_tools import needs_ffmpeg

pytestmark = needs_ffmpeg

WHERE_AND_WHEN = {
    "location": "+51.5074-000.1278/",
    "com.apple.quicktime.location.ISO6709": "+51.5074-000.1278/",
    "creation_time": "2024-05-01T10:00:00Z",
    "make": "Apple",
    "model": "iPhone 15 Pro",
    "com.apple.quicktime.software": "17.4",
}
# Tags of a phone's file that say where, when or on what it was made.
TELLING = ("location", "xyz", "creation_time", "make", "model", "software", "encoder", "date")


def ffprobe(path="-", data=None):
    """What ffprobe reads in a file (or in `data`): format, streams and chapters."""
    result = subprocess.run(  # noqa: S603
        [shutil.which("ffprobe"), "-v", "error", "-show_format", "-show_streams"]
        + ["-show_chapters", "-of", "json", path],
        input=data,
        capture_output=True,
        check=True,
    )
    return json.loads(result.stdout)


def probed(clip):
    return ffprobe(clip.file.path)


def tags_of(found):
    """Every tag of the file and its streams, but the name of our own encoder
    (ffmpeg writes "Lavc libx264" on the video it made: no one's device)."""
    tags = dict(found["format"].get("tags", {}))
    for stream in found["streams"]:
        tags |= {f"stream:{key}": value for key, value in stream.get("tags", {}).items()}
    if tags.get("stream:encoder", "").startswith("Lavc "):
        del tags["stream:encoder"]
    return tags


def phone_video():
    return made_clip(
        "video", extension="mov", metadata=WHERE_AND_WHEN, extra=["-movflags", "use_metadata_tags"]
    )


TITLE = "Flora at the clinic"


def added():
    """Whether the clip the editor tried to add was kept."""
    return StoryClip.objects.filter(title=TITLE).exists()


def add_through_wagtailmedia(client, media_type, upload, **fields):
    storyteller = fields.pop("storyteller", None) or StorytellerFactory()
    data = {
        "title": TITLE,
        "storyteller": storyteller.pk,
        "identifiable": "on",
        "transcript": "I stayed in the chair.",
        "captions_language": "en",
        "collection": "1",
        "file": upload,
    }
    if media_type == "video":
        data["captions"] = SimpleUploadedFile("captions.vtt", CAPTIONS, content_type="text/vtt")
        data["poster"] = StoryImageFactory(storyteller=storyteller).pk
    data |= fields
    return client.post(reverse("wagtailmedia:add", args=[media_type]), data)


def test_a_phone_video_added_in_the_admin_keeps_no_place_time_or_device(admin_client):
    upload = SimpleUploadedFile("IMG_0042.MOV", phone_video(), content_type="video/quicktime")
    before = tags_of(ffprobe(data=upload.read()))
    upload.seek(0)
    assert any("location" in key for key in before)  # the file as it came says where

    response = add_through_wagtailmedia(admin_client, "video", upload)

    assert response.status_code == 302, response.content.decode()[:2000]
    clip = StoryClip.objects.get(title=TITLE)
    found = probed(clip)
    leaked = {
        key: value
        for key, value in tags_of(found).items()
        if any(word in key.lower() for word in TELLING)
    }
    assert leaked == {}
    assert found["chapters"] == []
    with open(clip.file.path, "rb") as stored:
        data = stored.read()
    assert b"51.5074" not in data and b"iPhone" not in data and b"Apple" not in data
    assert clip.file.name.endswith(".mp4")
    assert [s["codec_name"] for s in found["streams"]] == ["h264", "aac"]
    assert (clip.type, clip.width, clip.height) == ("video", 320, 240)
    assert 1.5 < clip.duration < 2.5


def test_a_voice_clip_added_in_the_admin_is_kept_as_aac_without_its_tags(admin_client):
    upload = SimpleUploadedFile(
        "memo.mp3",
        made_clip("audio", extension="mp3", metadata={"artist": "Flora Smith", "date": "2024"}),
        content_type="audio/mpeg",
    )
    response = add_through_wagtailmedia(admin_client, "audio", upload)
    assert response.status_code == 302
    clip = StoryClip.objects.get(title=TITLE)
    found = probed(clip)
    assert clip.file.name.endswith(".m4a") and clip.type == "audio"
    assert [s["codec_name"] for s in found["streams"]] == ["aac"]
    assert "Flora Smith" not in json.dumps(tags_of(found))
    assert clip.width is None


@pytest.mark.parametrize(
    "name, data, says",
    [
        ("story.mp4", b"This is not a video, only words.\n" * 40, "could not be read"),
        ("empty.mp4", b"", "empty"),
    ],
)
def test_a_file_that_is_not_a_recording_is_refused_and_nothing_saved(
    admin_client, name, data, says
):
    response = add_through_wagtailmedia(
        admin_client, "video", SimpleUploadedFile(name, data, content_type="video/mp4")
    )
    assert response.status_code == 200
    assert says in response.content.decode()
    assert not added()


def test_a_truncated_video_is_refused_and_nothing_saved(admin_client):
    whole = made_clip("video", seconds=3, extra=["-movflags", "+faststart"])
    response = add_through_wagtailmedia(
        admin_client, "video", SimpleUploadedFile("cut.mp4", whole[: len(whole) // 2])
    )
    assert response.status_code == 200
    assert "could not be read" in response.content.decode()
    assert not added()


def test_a_file_with_two_videos_is_refused(admin_client):
    two = made_clip(
        "video",
        inputs=["-f", "lavfi", "-i", "color=c=red:size=160x120:duration=2"],
        extra=["-map", "0", "-map", "2"],
    )
    response = add_through_wagtailmedia(admin_client, "video", SimpleUploadedFile("two.mp4", two))
    assert "holds 2 videos" in response.content.decode()
    assert not added()


def test_a_file_with_an_attachment_is_refused(admin_client, tmp_path):
    font = tmp_path / "note.txt"
    font.write_text("names and addresses")
    carrying = made_clip(
        "video",
        extension="mkv",
        extra=["-attach", str(font), "-metadata:s:t", "mimetype=text/plain"],
    )
    response = add_through_wagtailmedia(
        admin_client, "video", SimpleUploadedFile("with-attachment.mkv", carrying)
    )
    assert "attachment" in response.content.decode()
    assert not added()


@override_settings(CLIP_MAX_BYTES=10_000)
def test_a_clip_over_the_size_limit_is_refused(admin_client):
    response = add_through_wagtailmedia(
        admin_client, "video", SimpleUploadedFile("long.mp4", made_clip("video", seconds=3))
    )
    assert "clips may be at most" in response.content.decode()
    assert not added()


@override_settings(CLIP_MAX_SECONDS=1)
def test_a_clip_over_the_length_limit_is_refused(admin_client):
    response = add_through_wagtailmedia(
        admin_client, "audio", SimpleUploadedFile("long.m4a", made_clip("audio", seconds=3))
    )
    assert "at most 1 s are accepted" in response.content.decode()
    assert not added()


def test_a_video_added_as_a_voice_clip_is_refused(admin_client):
    response = add_through_wagtailmedia(
        admin_client, "audio", SimpleUploadedFile("clip.m4a", made_clip("video"))
    )
    assert "This file is a video" in response.content.decode()
    assert not added()


def test_the_choosers_upload_tab_goes_through_the_same_pipeline(admin_client):
    storyteller = StorytellerFactory()
    data = {
        "media-chooser-upload-title": "From the chooser",
        "media-chooser-upload-storyteller": storyteller.pk,
        "media-chooser-upload-transcript": "Hello.",
        "media-chooser-upload-collection": "1",
        "media-chooser-upload-file": SimpleUploadedFile(
            "memo.mp3", made_clip("audio", extension="mp3", metadata={"artist": "Flora Smith"})
        ),
    }
    admin_client.post(reverse("wagtailmedia:chooser_upload", args=["audio"]), data)
    clip = StoryClip.objects.get(title="From the chooser")
    assert clip.file.name.endswith(".m4a")
    assert "Flora Smith" not in json.dumps(tags_of(probed(clip)))

    data["media-chooser-upload-title"] = "Garbage from the chooser"
    data["media-chooser-upload-file"] = SimpleUploadedFile("x.mp3", b"not sound" * 100)
    response = admin_client.post(reverse("wagtailmedia:chooser_upload", args=["audio"]), data)
    assert "could not be read" in response.content.decode()
    assert not StoryClip.objects.filter(title="Garbage from the chooser").exists()


def test_replacing_the_file_in_the_edit_view_cleans_the_new_one(admin_client):
    clip = StoryClipFactory()
    data = {
        "title": clip.title,
        "storyteller": clip.storyteller_id,
        "transcript": clip.transcript,
        "collection": "1",
        "file": SimpleUploadedFile(
            "new.mp3", made_clip("audio", extension="mp3", metadata={"artist": "Flora Smith"})
        ),
    }
    response = admin_client.post(reverse("wagtailmedia:edit", args=[clip.pk]), data)
    assert response.status_code == 302
    clip.refresh_from_db()
    assert clip.file.name.endswith(".m4a")
    assert "Flora Smith" not in json.dumps(tags_of(probed(clip)))


def test_a_clip_made_in_the_shell_goes_through_the_pipeline_too():
    clip = StoryClip(
        title="Typed at a terminal",
        type="video",
        storyteller=StorytellerFactory(),
        file=ContentFile(phone_video(), name="IMG_0042.mov"),
        captions=ContentFile(CAPTIONS, name="c.vtt"),
    )
    clip.poster = StoryImageFactory(storyteller=clip.storyteller)
    clip.save()
    assert clip.file.name.endswith(".mp4")
    leaked = [key for key in tags_of(probed(clip)) if any(word in key for word in TELLING)]
    assert leaked == []

    garbage = StoryClip(
        title="Not a clip",
        type="audio",
        storyteller=clip.storyteller,
        transcript="x",
        file=ContentFile(b"hello" * 50, name="x.m4a"),
    )
    with pytest.raises(ValidationError):
        garbage.full_clean()
    with pytest.raises(ValidationError):
        garbage.save()
    assert not StoryClip.objects.filter(title="Not a clip").exists()


def test_a_voice_clip_needs_its_transcript_and_a_video_its_captions_and_poster():
    voice = StoryClipFactory(transcript="")
    with pytest.raises(ValidationError) as refused:
        voice.full_clean()
    assert "transcript" in refused.value.message_dict
    video = StoryClipFactory(type="video", captions="", poster=None)
    with pytest.raises(ValidationError) as refused:
        video.full_clean()
    assert {"captions", "poster"} <= set(refused.value.message_dict)


@pytest.mark.parametrize(
    "captions, fine",
    [
        (CAPTIONS, True),
        (b"WEBVTT - Flora\n\n00:00:01.000 --> 00:00:02.500 align:start\nHello\n", True),
        (b"1\n00:00:00,000 --> 00:00:02,000\nAn SRT file\n", False),
        (b"WEBVTT\n\n00:00.000 --> soon\nHello\n", False),
        (b"WEBVTT\n\nNo cues at all\n", False),
        (b"WEBVTT\n\n" + b"\xff\xfe" * 10, False),
        (b"WEBVTT\n\n00:00.000 --> 00:01.000\n" + b"x" * 600_000, False),
    ],
)
def test_captions_must_be_webvtt_whose_cues_parse(captions, fine):
    upload = SimpleUploadedFile("captions.vtt", captions)
    if fine:
        check_webvtt(upload)
    else:
        with pytest.raises(ValidationError):
            check_webvtt(upload)


def test_the_admins_clip_pages_open(admin_client):
    clip = StoryClipFactory(type="video")
    for url in (
        reverse("wagtailmedia:index"),
        reverse("wagtailmedia:add", args=["audio"]),
        reverse("wagtailmedia:add", args=["video"]),
        reverse("wagtailmedia:edit", args=[clip.pk]),
        reverse("wagtailmedia:chooser"),
    ):
        assert admin_client.get(url).status_code == 200, url


def test_a_video_larger_than_4k_is_refused(admin_client):
    large = made_clip("video", seconds=1, extra=["-vf", "scale=4000:2400", "-preset", "ultrafast"])
    response = add_through_wagtailmedia(admin_client, "video", SimpleUploadedFile("big.mp4", large))
    assert "at most 4K" in response.content.decode()
    assert not added()


def stored_files():
    """Every file in the private storage's clips folder and the public media folder."""
    import os

    from django.conf import settings

    from stories.picture_storage import image_storage

    found = set()
    for root in (image_storage().path("clips"), str(settings.MEDIA_ROOT)):
        for folder, _dirs, files in os.walk(root):
            found |= {os.path.join(folder, name) for name in files}
    return found


def test_a_refused_clip_leaves_no_file_behind(admin_client):
    before = stored_files()
    for name, data in [
        ("story.mp4", b"This is not a video, only words.\n" * 40),
        (
            "two.mp4",
            made_clip(
                "video",
                inputs=["-f", "lavfi", "-i", "color=c=red:duration=2"],
                extra=["-map", "0", "-map", "2"],
            ),
        ),
    ]:
        response = add_through_wagtailmedia(admin_client, "video", SimpleUploadedFile(name, data))
        assert response.status_code == 200
    assert not added()
    assert stored_files() == before
