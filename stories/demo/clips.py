"""Clips for the demo campaign, made when the demo loads.

Like the pictures, made rather than shipped: no real person's voice or face
is ever in the repository. A voice clip is spoken by espeak-ng (its
transcript is exactly what it says); a video is a calm coloured screen with
a soft tone, made by ffmpeg's own sources, with WebVTT captions and a drawn
poster. Both then enter the library through the one pipeline
(stories.clip_checks), like any upload. Without espeak-ng or ffmpeg the
demo loads without them.
"""

import os
import shutil
import subprocess  # nosec B404: espeak-ng and ffmpeg, list arguments
import tempfile

from django.core.files.base import ContentFile

TOOLS = {"voice": ("espeak-ng", "ffmpeg", "ffprobe"), "video": ("ffmpeg", "ffprobe")}
SECONDS = 60


def missing_tools(kind):
    """The tools a kind of clip needs that are not installed."""
    return [tool for tool in TOOLS[kind] if shutil.which(tool) is None]


def run(tool, *arguments):
    subprocess.run(  # noqa: S603 # nosec B603: a fixed tool; arguments are paths and flags
        [shutil.which(tool), *arguments], check=True, capture_output=True, timeout=SECONDS
    )


def spoken(text):
    """A WAV file of espeak-ng saying the text, as bytes."""
    with tempfile.TemporaryDirectory(prefix="demo-voice-") as folder:
        target = os.path.join(folder, "voice.wav")
        run("espeak-ng", "-v", "en-gb", "-s", "150", "-w", target, text)
        with open(target, "rb") as made:
            return made.read()


def calm_video(colour, seconds=5):
    """An MP4 of a plain coloured screen with a soft tone, as bytes."""
    with tempfile.TemporaryDirectory(prefix="demo-video-") as folder:
        target = os.path.join(folder, "video.mp4")
        run(
            "ffmpeg",
            *("-nostdin", "-v", "error", "-y"),
            *("-f", "lavfi", "-i", f"color=c={colour}:size=640x360:rate=25:duration={seconds}"),
            *("-f", "lavfi", "-i", f"sine=frequency=220:duration={seconds}"),
            *("-af", "volume=0.2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-shortest"),
            target,
        )
        with open(target, "rb") as made:
            return made.read()


def webvtt(cues):
    """WebVTT captions from (start second, end second, words) cues."""
    lines = ["WEBVTT", ""]
    for start, end, words in cues:
        lines += [f"00:{start:02d}.000 --> 00:{end:02d}.000", words, ""]
    return "\n".join(lines).encode()


def clip_file(spec):
    """(file, captions or None) for a demo clip spec."""
    if spec["kind"] == "voice":
        return ContentFile(spoken(spec["transcript"]), name=f"{spec['key']}.wav"), None
    video = ContentFile(calm_video(spec["colour"]), name=f"{spec['key']}.mp4")
    return video, ContentFile(webvtt(spec["captions"]), name=f"{spec['key']}.vtt")
