"""Consent evidence is judged by what the file is, never by its name.

A signed form arrives as a PDF or a photo of the page (JPEG, PNG, WebP, HEIC
from a phone), a spoken consent as a recording. The name only says what the
file claims to be: the bytes must bear it out (a PDF begins `%PDF-`; a
picture must open and decode whole in Pillow, in the format its name says;
a recording must carry its format's signature). A program or a web page
renamed `.pdf` is refused, with a message a consent officer can act on.
"""

import io
import re
import warnings

from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

try:  # phones' HEIC photos (pillow-heif comes with Wagtail's Willow)
    from pillow_heif import register_heif_opener
except ImportError:  # pragma: no cover
    register_heif_opener = None
else:
    register_heif_opener()

# Larger than any phone's photo of a form; a "picture" beyond it is refused unread.
MAX_PIXELS = 60_000_000
WHAT_TO_UPLOAD = (
    "Upload the signed form as a PDF or a photo of it (JPEG or PNG), "
    "or the spoken consent as an audio recording."
)
# Markers of a web page or script hidden inside a picture.
ACTIVE_CONTENT = re.compile(rb"<\s*(script|html|svg|iframe|body|\?php)|<!doctype", re.I)

# What each accepted name claims the file is: (what it is called, Pillow's format).
PICTURES = {
    "jpg": ("JPEG picture", "JPEG"),
    "jpeg": ("JPEG picture", "JPEG"),
    "png": ("PNG picture", "PNG"),
    "webp": ("WebP picture", "WEBP"),
    "heic": ("HEIC photo", "HEIF"),
}
RECORDINGS = {
    "mp3": "MP3 recording",
    "m4a": "M4A recording",
    "wav": "WAV recording",
    "ogg": "Ogg recording",
}


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


def is_pdf(data):
    return data.startswith(b"%PDF-")


def is_picture(data, pillow_format):
    """Whether the bytes are a whole picture in that format (opened, verified, decoded)."""
    if ACTIVE_CONTENT.search(data):
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as picture:
                if picture.format != pillow_format:
                    return False
                width, height = picture.size
                if width * height > MAX_PIXELS:
                    return False
                picture.verify()
            # verify() leaves the picture unusable; decode it afresh, every byte.
            with Image.open(io.BytesIO(data)) as picture:
                picture.load()
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ):
        return False
    return True


def is_recording(data, extension):
    if extension == "mp3":
        return data.startswith(b"ID3") or (
            len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0
        )
    if extension == "m4a":
        return data[4:8] == b"ftyp"
    if extension == "wav":
        return data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    if extension == "ogg":
        return data.startswith(b"OggS")
    return False


def what_it_claims(extension):
    if extension == "pdf":
        return "PDF"
    if extension in PICTURES:
        return PICTURES[extension][0]
    return RECORDINGS.get(extension)


def is_what_it_claims(data, extension):
    if extension == "pdf":
        return is_pdf(data)
    if extension in PICTURES:
        return is_picture(data, PICTURES[extension][1])
    return is_recording(data, extension)


def read_whole(file):
    """The file's bytes, leaving it where it was found (an upload is saved after)."""
    file.open("rb")
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def evidence_problem(file):
    """Why an evidence file is not what its name says, in a consent officer's
    words; None when it is (or when its name is one the field refuses anyway)."""
    claimed = what_it_claims(extension_of(file.name))
    if claimed is None:
        return None  # the field's list of extensions answers for it
    try:
        data = read_whole(file)
    except OSError:
        return "The evidence file could not be read. " + WHAT_TO_UPLOAD
    if not is_what_it_claims(data, extension_of(file.name)):
        return (
            f"The evidence file is not a real {claimed}: its name says one thing and "
            f"its contents another (or it is damaged). {WHAT_TO_UPLOAD}"
        )
    return None


def validate_evidence_content(file):
    """Raise ValidationError unless the evidence file really is what its name says."""
    problem = evidence_problem(file)
    if problem:
        raise ValidationError(problem, code="evidence_content")
