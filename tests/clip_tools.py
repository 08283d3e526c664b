"""The clip tests need ffmpeg and ffprobe from Debian's packages (CI installs
them and refuses to run without them); elsewhere they are skipped, saying why."""

import shutil

import pytest

needs_ffmpeg = pytest.mark.skipif(
    not (shutil.which("ffmpeg") and shutil.which("ffprobe")),
    reason="ffmpeg and ffprobe not found: install Debian's ffmpeg to run the clip tests",
)
