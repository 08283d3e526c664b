"""What an uploaded voice or video clip must be, and what of it is kept.

A phone's recording says more than what is heard and seen: the place it was
made (com.apple.quicktime.location, ©xyz), the device, its owner, the time,
chapters, cover pictures, attachments, data tracks of sensor readings. Every
clip that enters the library, by any route (wagtailmedia's add and edit
views and its chooser's upload tab, through `stories.clip_forms`; factories,
the demo and the shell, through the model's field in `stories.clips`), goes
through `cleaned_clip`, the one pipeline:

1. It is judged by its content, never its name: ffprobe must read it as
   one audio stream (a voice clip) or one video stream with at most one
   audio stream (a video clip), in a container and codecs we take, no larger
   than CLIP_MAX_BYTES and no longer than CLIP_MAX_SECONDS. Attachments and
   cover pictures are refused; data and subtitle tracks are left behind.
2. It is written again by ffmpeg from its decoded sound and pictures, with
   no metadata and no chapters (`-map_metadata -1`, `-fflags +bitexact`):
   voice as AAC in .m4a, video as H.264 and AAC in .mp4 with `+faststart`,
   so that a player can start before it has the whole file. A file that
   cannot be decoded to its end (truncated, damaged) is refused.

The result is a `CleanedClip`, which the field stores as it is, with the
duration, width and height the second probe read from the written file.
ffprobe and ffmpeg run as subprocesses with list arguments (no shell) and a
time limit; their own words never reach the editor (they name the file).
"""

import json
import logging
import os
import shutil
import subprocess  # nosec B404: ffprobe and ffmpeg, list arguments, no shell
import tempfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

logger = logging.getLogger(__name__)

AUDIO, VIDEO = "audio", "video"
PROBE_SECONDS = 30
REWRITE_SECONDS = 600

# Containers ffprobe names (its format_name), and codecs, that a clip may arrive in.
CONTAINERS = {
    "mov,mp4,m4a,3gp,3g2,mj2",
    "mp3",
    "ogg",
    "wav",
    "flac",
    "aac",
    "matroska,webm",
}
AUDIO_CODECS = {
    "aac",
    "mp3",
    "opus",
    "vorbis",
    "flac",
    "alac",
    "pcm_s16le",
    "pcm_s24le",
    "pcm_s32le",
    "pcm_f32le",
    "pcm_u8",
}
VIDEO_CODECS = {"h264", "hevc", "vp8", "vp9", "av1", "mpeg4"}
# 4K: larger pictures would take the server's memory and minutes to decode.
MAX_VIDEO_PIXELS = 3840 * 2160
# Tracks that are dropped on the way (sensor readings, timecode, subtitles).
LEFT_BEHIND = {"data", "subtitle"}

ACCEPTED = {
    AUDIO: "Upload a voice recording as M4A, MP3, WAV, Ogg, Opus or FLAC.",
    VIDEO: "Upload a video as MP4, MOV or WebM (H.264, HEVC, VP8, VP9 or AV1).",
}
UNREADABLE = (
    "This file could not be read as a voice recording or a video. It may be damaged, "
    "incomplete, or another kind of file. Export it again from the phone or editor. "
)
TOOLS_MISSING = (
    "Clips cannot be checked just now, so nothing was saved. "
    "Please tell the site's administrators (ffmpeg is not available)."
)

# How each kind is written: (extension, ffmpeg arguments after the input).
AUDIO_OUT = ["-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", "-f", "mp4"]
VIDEO_OUT = [
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-crf",
    "23",
    "-pix_fmt",
    "yuv420p",
    # H.264 in 4:2:0 needs even sides; never larger than full HD.
    "-vf",
    "scale='min(1920,trunc(iw/2)*2)':-2",
    "-c:a",
    "aac",
    "-b:a",
    "128k",
    "-movflags",
    "+faststart",
    "-f",
    "mp4",
]


class CleanedClip(ContentFile):
    """Clip bytes written by `cleaned_clip`, without metadata. Only the pipeline makes them.

    `media_type` is AUDIO or VIDEO; `duration` in seconds; `width` and
    `height` in pixels for a video, None for a voice clip."""

    def __init__(self, content, name, media_type, duration, width=None, height=None):
        super().__init__(content, name=name)
        self.media_type = media_type
        self.duration = duration
        self.width = width
        self.height = height


def tools_available():
    return bool(shutil.which("ffprobe") and shutil.which("ffmpeg"))


def run(tool, arguments, seconds):
    """A tool of ffmpeg's by its full path, with list arguments and no shell."""
    return subprocess.run(  # noqa: S603 # nosec B603: a fixed tool; arguments are paths and flags
        [shutil.which(tool) or tool, *arguments], capture_output=True, timeout=seconds, check=False
    )


def probe(path):
    """ffprobe's reading of a file (format and streams), or None if it cannot read it."""
    try:
        result = run(
            "ffprobe",
            ["-v", "error", "-show_format", "-show_streams", "-of", "json", path],
            PROBE_SECONDS,
        )
    except subprocess.TimeoutExpired:
        return None
    if result.returncode != 0:
        return None
    try:
        found = json.loads(result.stdout or b"{}")
    except ValueError:
        return None
    if not found.get("format") or not found.get("streams"):
        return None
    return found


def megabytes(size):
    return f"{size / (1024 * 1024):.0f} MB"


def minutes(seconds):
    whole = int(seconds)
    return f"{whole // 60} min {whole % 60:02d} s" if whole >= 60 else f"{whole} s"


def judged(found, media_type):
    """(media type, video stream or None, audio stream or None) of a probed
    file, or ValidationError in an editor's words."""
    streams = found["streams"]
    kinds = [stream.get("codec_type") for stream in streams]
    pictures = [
        stream
        for stream in streams
        if stream.get("codec_type") == VIDEO and stream.get("disposition", {}).get("attached_pic")
    ]
    if "attachment" in kinds or pictures:
        raise ValidationError(
            "This file carries an attachment or a cover picture as well as the recording, "
            "so it is not accepted. Export the recording again without them."
        )
    videos = [stream for stream in streams if stream.get("codec_type") == VIDEO]
    audios = [stream for stream in streams if stream.get("codec_type") == AUDIO]
    others = [kind for kind in kinds if kind not in (AUDIO, VIDEO) and kind not in LEFT_BEHIND]
    if others:
        raise ValidationError(UNREADABLE)
    found_type = VIDEO if videos else AUDIO
    if media_type in (AUDIO, VIDEO) and found_type != media_type:
        if found_type == VIDEO:
            raise ValidationError(
                "This file is a video. Add it as a video, or upload the voice recording alone."
            )
        raise ValidationError("This file is a sound recording only. Add it as a voice clip.")
    if len(videos) > 1:
        raise ValidationError(
            f"This file holds {len(videos)} videos; a clip must hold one. "
            "Export the one you mean on its own."
        )
    if len(audios) > 1:
        raise ValidationError(
            f"This file holds {len(audios)} sound tracks; a clip must hold one. "
            "Export it again with one sound track."
        )
    if not audios and not videos:
        raise ValidationError(UNREADABLE + ACCEPTED[found_type])
    for stream in videos:
        width, height = stream.get("width") or 0, stream.get("height") or 0
        if width * height > MAX_VIDEO_PIXELS or not (width and height):
            raise ValidationError(
                f"This video is {width} × {height} pixels; at most 4K (3840 × 2160) is "
                "accepted. Export it at a smaller size and try again."
            )
    container = found["format"].get("format_name", "")
    codecs_ok = all(stream.get("codec_name") in VIDEO_CODECS for stream in videos) and all(
        stream.get("codec_name") in AUDIO_CODECS for stream in audios
    )
    if container not in CONTAINERS or not codecs_ok:
        raise ValidationError("This kind of recording is not accepted. " + ACCEPTED[found_type])
    try:
        duration = float(found["format"].get("duration", ""))
    except ValueError:
        raise ValidationError(
            "The length of this recording could not be read. Export it again and upload that."
        ) from None
    if duration > settings.CLIP_MAX_SECONDS:
        raise ValidationError(
            f"This recording lasts {minutes(duration)}; at most "
            f"{minutes(settings.CLIP_MAX_SECONDS)} are accepted. Shorten it and try again."
        )
    return found_type, (videos or [None])[0], (audios or [None])[0]


def rewrite(source, target, media_type, has_audio):
    """ffmpeg writes the clip again, without metadata. False if it cannot decode it to the end."""
    maps = ["-map", "0:a:0"] if media_type == AUDIO else ["-map", "0:v:0"]
    if media_type == VIDEO and has_audio:
        maps += ["-map", "0:a:0"]
    arguments = [
        "-nostdin",
        "-v",
        "error",
        "-xerror",  # a truncated or damaged file stops it, and is refused
        "-y",
        "-i",
        source,
        *maps,
        "-map_metadata",
        "-1",
        "-map_metadata:s",
        "-1",
        "-map_chapters",
        "-1",
        "-sn",
        "-dn",
        "-fflags",
        "+bitexact",
        "-flags:v",
        "+bitexact",
        "-flags:a",
        "+bitexact",
        *(AUDIO_OUT if media_type == AUDIO else VIDEO_OUT),
        target,
    ]
    try:
        result = run("ffmpeg", arguments, REWRITE_SECONDS)
    except subprocess.TimeoutExpired:
        logger.warning("A clip took longer than %s s to write again", REWRITE_SECONDS)
        return False
    if result.returncode != 0:
        # Only the first words: ffmpeg's message names the file, which may name someone.
        logger.info("A clip could not be written again (ffmpeg exit %s)", result.returncode)
        return False
    return True


def cleaned_clip(uploaded, media_type=None):
    """The uploaded clip, checked and written again without metadata, as a CleanedClip.

    `media_type` is what the editor is adding (AUDIO or VIDEO), or None to
    take what the file holds. Raises ValidationError, in an editor's words,
    if the file is not a clip we keep; nothing is stored then."""
    if isinstance(uploaded, CleanedClip):
        return uploaded
    size = getattr(uploaded, "size", None)
    if size is not None and size > settings.CLIP_MAX_BYTES:
        raise ValidationError(
            f"This file is {megabytes(size)}; clips may be at most "
            f"{megabytes(settings.CLIP_MAX_BYTES)}. Shorten or compress it and try again."
        )
    if not size:
        raise ValidationError("This file is empty. " + ACCEPTED.get(media_type, ACCEPTED[AUDIO]))
    if not tools_available():
        raise ValidationError(TOOLS_MISSING)
    with tempfile.TemporaryDirectory(prefix="clip-") as folder:
        source = os.path.join(folder, "upload")
        written = 0
        with open(source, "wb") as copy:
            if hasattr(uploaded, "seek"):
                uploaded.seek(0)
            for chunk in uploaded.chunks() if hasattr(uploaded, "chunks") else [uploaded.read()]:
                written += len(chunk)
                if written > settings.CLIP_MAX_BYTES:
                    raise ValidationError(
                        f"This file is more than {megabytes(settings.CLIP_MAX_BYTES)}, "
                        "the most a clip may be. Shorten or compress it and try again."
                    )
                copy.write(chunk)
        if hasattr(uploaded, "seek"):
            uploaded.seek(0)
        found = probe(source)
        if found is None:
            raise ValidationError(UNREADABLE + ACCEPTED.get(media_type, ACCEPTED[AUDIO]))
        found_type, _video, audio = judged(found, media_type)
        extension = "m4a" if found_type == AUDIO else "mp4"
        target = os.path.join(folder, f"cleaned.{extension}")
        if not rewrite(source, target, found_type, audio is not None):
            raise ValidationError(UNREADABLE + ACCEPTED[found_type])
        written_found = probe(target)
        if written_found is None:
            raise ValidationError(UNREADABLE + ACCEPTED[found_type])
        with open(target, "rb") as cleaned:
            data = cleaned.read()
    video = next((s for s in written_found["streams"] if s.get("codec_type") == VIDEO), None)
    return CleanedClip(
        data,
        # Never the uploaded file's name, which may name someone: it would be in the clip's URL.
        name=f"{found_type}.{extension}",
        media_type=found_type,
        duration=round(float(written_found["format"].get("duration") or 0), 3),
        width=video.get("width") if video else None,
        height=video.get("height") if video else None,
    )


# Captions: WebVTT, checked as text before it is kept.
CAPTIONS_MAX_BYTES = 512 * 1024


def check_webvtt(uploaded):
    """Raise ValidationError unless the file is WebVTT whose cues parse."""
    size = getattr(uploaded, "size", None)
    if size is not None and size > CAPTIONS_MAX_BYTES:
        raise ValidationError(
            f"This captions file is larger than {CAPTIONS_MAX_BYTES // 1024} KB. "
            "Captions are text; check that this is the right file."
        )
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    data = uploaded.read(CAPTIONS_MAX_BYTES + 1)
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    if len(data) > CAPTIONS_MAX_BYTES:
        raise ValidationError(f"This captions file is larger than {CAPTIONS_MAX_BYTES // 1024} KB.")
    problem = webvtt_problem(data)
    if problem:
        raise ValidationError(f"These captions are not WebVTT that players can read: {problem}")


def parse_timestamp(text):
    """Seconds from a WebVTT timestamp ([hh:]mm:ss.ttt), or None."""
    parts = text.strip().split(":")
    if len(parts) not in (2, 3) or "." not in parts[-1]:
        return None
    seconds, _dot, thousandths = parts[-1].partition(".")
    numbers = [*parts[:-1], seconds, thousandths]
    if not all(part.isdigit() for part in numbers) or len(thousandths) != 3:
        return None
    if len(seconds) != 2 or len(parts[-2]) != 2 or int(seconds) > 59 or int(parts[-2]) > 59:
        return None
    hours = int(parts[0]) if len(parts) == 3 else 0
    return hours * 3600 + int(parts[-2]) * 60 + int(seconds) + int(thousandths) / 1000


def webvtt_problem(data):
    """Why these bytes are not WebVTT with cues that parse; None if they are."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "the file is not UTF-8 text."
    if "\x00" in text:
        return "the file is not text."
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = lines[0]
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        return "it must start with the line “WEBVTT”."
    cues = 0
    for number, line in enumerate(lines, start=1):
        if "-->" not in line:
            continue
        start, _arrow, rest = line.partition("-->")
        end = rest.strip().split()[0] if rest.strip() else ""
        began, ended = parse_timestamp(start), parse_timestamp(end)
        if began is None or ended is None:
            return f"line {number} has a cue time that does not parse (“{line.strip()[:60]}”)."
        if ended < began:
            return f"line {number} ends before it starts."
        cues += 1
    if not cues:
        return "it has no cues (lines such as “00:00.000 --> 00:04.000”)."
    return None
