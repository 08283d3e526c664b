"""Erasure on request works for anyone, and leaves nothing that points to them.

Whether their consent is in force, was withdrawn earlier, or was never
given, a consent officer can erase a storyteller. Afterwards the test looks
everywhere a trace could hide: every column of every table (the audit log
and the search index among them), the cache, and the files of both storages
(names and contents), for their names, contact details, story text, titles
and file names. Only the reference code remains, and only where the fact of
consent, withdrawal and erasure is kept.
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.rich_text import RichText

from stories.blurring import Region, UnblurredOriginal, blur_image
from stories.consent.records import ConsentRecord, ConsentWithdrawal
from stories.consent.withdrawal import WithdrawalError, forget_storyteller, withdraw_consent
from stories.factories import (
    ConsentRecordFactory,
    StoryClipFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
    solid_picture,
)
from stories.images import StoryImage
from stories.naming import NamingChoice
from stories.pages import StoryPage
from stories.storytellers import Storyteller

TRACES = [
    "Zephyrine",
    "Quillfeather",
    "Moonwort",  # pseudonym
    "zq.moonwort@example.org",
    "07700 900461",
    "Pellinore",  # in the title
    "seventeen herring gulls",  # the story's text
    "lantern festival",  # its summary
    "Harbour steps at dawn",  # a picture's title
    "pier-portrait-zq",  # file names
    "harbour-steps-xq",
    "signed-form-zq",
    "Zephyrine at the harbour wall",  # a voice clip's title
    "the gulls answer me",  # its transcript
    "lantern-song-zq",  # a video clip's captions file
    "Moonwort waves from the pier",  # its captions
]
# Her voice and video, where ffmpeg can make them (tests skip clips without it).
MAKES_CLIPS = shutil.which("ffmpeg") is not None
# Where the reference may stay: the storyteller (and its entry in the admin's
# search, by which officers find it), and the record of what was done.
REFERENCE_KEPT_IN = (
    "stories_storyteller",
    "stories_consentwithdrawal",
    "wagtailcore_modellogentry",
    "wagtailcore_pagelogentry",
    "wagtailsearch_indexentry",
)


def picture(name, title, **kwargs):
    return StoryImageFactory(
        title=title, file=ImageFile(io.BytesIO(solid_picture()), name=name), **kwargs
    )


def build_zephyrine(consent):
    """A storyteller with a published (or draft) story, a blurred portrait, evidence and a tag."""
    storyteller = StorytellerFactory(
        first_name="Zephyrine",
        last_name="Quillfeather",
        pseudonym="Moonwort",
        email="zq.moonwort@example.org",
        phone="07700 900461",
        naming=NamingChoice.FULL_NAME,
        consent=None,
    )
    if consent:
        ConsentRecordFactory(
            storyteller=storyteller,
            evidence=SimpleUploadedFile("signed-form-zq.pdf", b"%PDF-1.4 Zephyrine Quillfeather"),
            voice=True,
            video=True,
        )
    portrait = picture(
        "pier-portrait-zq.jpg",
        "Zephyrine on the pier",
        storyteller=storyteller,
        shows_identifiable_person=True,
    )
    portrait.tags.add("quillfeather-family")
    blur_image(portrait, [Region(10, 10, 30, 30)])
    steps = picture("harbour-steps-xq.jpg", "Harbour steps at dawn")
    body = [
        ("paragraph", RichText("<p>We counted seventeen herring gulls on the wall.</p>")),
        ("image", {"image": steps, "caption": "Where Zephyrine waited"}),
    ]
    if MAKES_CLIPS:
        body += [
            ("voice_clip", {"clip": voice_of(storyteller), "caption": ""}),
            ("video_clip", {"clip": video_of(storyteller), "caption": ""}),
        ]
    story = StoryPageFactory(
        storyteller=storyteller,
        title="Lanterns over Pellinore harbour",
        summary="Zephyrine remembers the lantern festival.",
        hero_image=portrait,
        body=body,
        publish=consent,
    )
    portrait.get_rendition("fill-640x400")
    return storyteller, story


def voice_of(storyteller):
    return StoryClipFactory(
        storyteller=storyteller,
        title="Zephyrine at the harbour wall",
        transcript="I call out and the gulls answer me.",
    )


def video_of(storyteller):
    captions = b"WEBVTT\n\n00:00.000 --> 00:01.500\nMoonwort waves from the pier.\n"
    return StoryClipFactory(
        storyteller=storyteller,
        type="video",
        title="Lantern song",
        captions=ContentFile(captions, name="lantern-song-zq.vtt"),
    )


def withdrawn_earlier(storyteller):
    withdraw_consent(storyteller.reference, "Zephyrine Quillfeather changed her mind.")


SITUATIONS = {
    "consent in force": (True, None),
    "consent withdrawn earlier": (True, withdrawn_earlier),
    "never consented": (False, None),
}


# Where traces hide ---------------------------------------------------------


def text_of(value):
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return value.decode("utf-8", "ignore")
    return str(value)


def database_traces(words):
    """(table, word) for each word found in any value of any table, search index included."""
    found = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                text = " ".join(text_of(value) for value in row).lower()
                found |= {(table, word) for word in words if word.lower() in text}
    return found


def cache_traces(words):
    """Words in any value the cache holds (local memory, or this site's Redis keys)."""
    if hasattr(cache, "_cache"):  # local memory
        values = [text_of(value) for value in cache._cache.values()]
    else:
        client = cache.client.get_client()
        values = [
            text_of(client.get(key))
            for key in client.scan_iter(cache.make_key("*").replace(":*", "*"))
        ]
    joined = " ".join(values).lower()
    return {word for word in words if word.lower() in joined}


def stored_paths():
    """Every folder and file of both storages."""
    paths = set()
    for root in (settings.MEDIA_ROOT, settings.STORAGES["private"]["OPTIONS"]["location"]):
        for folder, _dirs, files in os.walk(root):
            paths |= {Path(folder), *(Path(folder) / name for name in files)}
    return paths


def storage_traces(words, already_there=frozenset()):
    """Words in the names or contents of the files of both storages (other
    tests' files, `already_there` before this one began, aside)."""
    found = set()
    for path in stored_paths() - already_there:
        text = str(path).lower()
        if path.is_file():
            text += " " + text_of(path.read_bytes()).lower()
        found |= {word for word in words if word.lower() in text}
    return found


def read_everything(client, story):
    """Readers and editors leave the story in caches, the search index and the log."""
    if story.live:
        assert client.get(story.url).status_code == 200
        client.get("/stories/")
        client.get("/search/", {"q": "Pellinore"})


# Erasure for anyone ----------------------------------------------------------


@pytest.mark.parametrize("situation", SITUATIONS)
def test_erasure_leaves_nothing_that_points_to_them(
    situation, client, django_capture_on_commit_callbacks
):
    consent, before = SITUATIONS[situation]
    already_there = stored_paths()
    with django_capture_on_commit_callbacks(execute=True):
        storyteller, story = build_zephyrine(consent)
        read_everything(client, story)
        if before:
            before(storyteller)
    reference = storyteller.reference
    # The test proves something only if the traces were there to find.
    assert {word for _table, word in database_traces(TRACES)} >= {"Zephyrine", "Pellinore"}
    assert {"pier-portrait-zq"} <= storage_traces(TRACES, already_there)
    if MAKES_CLIPS:
        assert {"lantern-song-zq", "Moonwort waves from the pier"} <= storage_traces(
            TRACES, already_there
        )
    if story.live:
        assert "Pellinore" in cache_traces(TRACES)

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "erase_storyteller",
            reference,
            reason="Zephyrine Quillfeather asked by phone to be forgotten.",
            stdout=out,
        )
    assert f"{reference} erased." in out.getvalue()
    assert "Zephyrine" not in out.getvalue()

    assert database_traces(TRACES) == set()
    assert cache_traces(TRACES) == set()
    assert storage_traces(TRACES, already_there) == set()
    for table, _word in database_traces([reference]):
        assert table.startswith(REFERENCE_KEPT_IN), table
    assert storage_traces([reference], already_there) == set()

    storyteller = Storyteller.objects.get(reference=reference)
    assert storyteller.shown_name == "Anonymous"
    assert not StoryPage.objects.filter(storyteller=storyteller).exists()
    assert not StoryImage.objects.filter(title="Harbour steps at dawn").exists()
    assert not storyteller.clips.exists()
    assert not UnblurredOriginal.objects.exists() or not UnblurredOriginal.objects.filter(
        file__contains="pier-portrait-zq"
    )
    erased = ModelLogEntry.objects.get(
        action="stories.consent.erased", object_id=str(storyteller.pk)
    )
    assert erased.label == reference
    if consent:
        record = ConsentRecord.objects.get(storyteller=storyteller)
        assert record.withdrawal.erased
        assert not record.evidence
    else:
        assert "never gave consent" in " ".join(erased.data["done"])


def test_erasing_again_is_harmless(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        storyteller, _story = build_zephyrine(consent=True)
        forget_storyteller(storyteller.reference, "Forget me.")
    with django_capture_on_commit_callbacks(execute=True):
        report = forget_storyteller(storyteller.reference, "Forget me, again.")
    assert "withdrawn on" in report.done[0]
    assert database_traces(TRACES) == set()
    assert (
        ModelLogEntry.objects.filter(
            action="stories.consent.erased", object_id=str(storyteller.pk)
        ).count()
        == 2
    )


def test_withdraw_with_erase_works_after_an_earlier_withdrawal(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        storyteller, _story = build_zephyrine(consent=True)
        withdrawn_earlier(storyteller)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "withdraw_consent", storyteller.reference, reason="Forget me.", erase=True, stdout=out
        )
    assert "erased" in out.getvalue()
    assert database_traces(["Zephyrine", "Pellinore"]) == set()
    withdrawal = ConsentWithdrawal.objects.get(record__storyteller=storyteller)
    assert withdrawal.erased
    assert "Zephyrine" not in withdrawal.reason


def test_erasing_an_unknown_reference_or_without_a_reason_is_refused():
    with pytest.raises(WithdrawalError, match="No storyteller"):
        forget_storyteller("HS-9999", "Forget me.")
    storyteller = StorytellerFactory()
    with pytest.raises(WithdrawalError, match="reason"):
        forget_storyteller(storyteller.reference, " ")


def test_a_failed_erasure_deletes_no_file_and_no_row(monkeypatch):
    storyteller, story = build_zephyrine(consent=True)
    record = ConsentRecord.objects.get(storyteller=storyteller)
    evidence = Path(record.evidence.path)
    original = UnblurredOriginal.objects.get(image__storyteller=storyteller)
    unblurred = Path(original.file.path)

    def fail(*args, **kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr("stories.consent.erasure.scrub_audit_log", fail)
    with pytest.raises(RuntimeError):
        forget_storyteller(storyteller.reference, "Forget me.")
    assert evidence.exists() and unblurred.exists()
    assert StoryPage.objects.filter(pk=story.pk, live=True).exists()
    assert Storyteller.objects.get(pk=storyteller.pk).first_name == "Zephyrine"


def test_deleting_a_blurred_image_deletes_its_unblurred_original(
    django_capture_on_commit_callbacks,
):
    photo = picture("blur-me.jpg", "A face to blur", shows_identifiable_person=True)
    blur_image(photo, [Region(0, 0, 50, 50)])
    original = UnblurredOriginal.objects.get(image=photo)
    unblurred = Path(original.file.path)
    assert unblurred.exists()
    with django_capture_on_commit_callbacks(execute=True):
        StoryImage.objects.get(pk=photo.pk).delete()
    assert not UnblurredOriginal.objects.filter(pk=original.pk).exists()
    assert not unblurred.exists()


# The consent officer's admin --------------------------------------------------


def test_a_consent_officer_erases_someone_who_never_consented_from_the_admin(
    client, django_user_model, django_capture_on_commit_callbacks
):
    storyteller, _story = build_zephyrine(consent=False)
    officer = django_user_model.objects.create_user("officer-x", password="x", is_staff=True)
    officer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "withdraw_consent", "change_storyteller"]
        )
    )
    client.force_login(officer)
    url = reverse("stories_erase_storyteller", args=[storyteller.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b"Erase on request" in page.content
    unconfirmed = client.post(url, {"reason": "Asked to be forgotten."})
    assert unconfirmed.status_code == 200
    assert Storyteller.objects.get(pk=storyteller.pk).first_name == "Zephyrine"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"reason": "Asked to be forgotten.", "confirm": "on"}, follow=True
        )
    assert response.status_code == 200
    assert f"{storyteller.reference} erased".encode() in response.content
    assert Storyteller.objects.get(pk=storyteller.pk).first_name == ""


def test_an_editor_cannot_erase(client, django_user_model):
    storyteller, _story = build_zephyrine(consent=True)
    editor = django_user_model.objects.create_user("editor-y", password="x", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.post(
        reverse("stories_erase_storyteller", args=[storyteller.pk]),
        {"reason": "x", "confirm": "on"},
        follow=True,
    )
    assert b"Sorry, you do not have permission" in response.content
    assert Storyteller.objects.get(pk=storyteller.pk).first_name == "Zephyrine"
