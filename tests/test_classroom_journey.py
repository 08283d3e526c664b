"""A teacher's journey through the demo campaign: a story read in Spanish,
printed and downloaded as a classroom pack, and gone in both languages, with
its PDFs, the moment its storyteller withdraws."""

import io

from django.contrib.auth import get_user_model
from pypdf import PdfReader

from stories.consent.withdrawal import withdraw_consent
from stories.pages import StoryPage


def floras_story(language_code):
    english = StoryPage.objects.get(slug="floras-story")
    return StoryPage.objects.get(
        translation_key=english.translation_key, locale__language_code=language_code
    )


def signed_in_teacher(client):
    client.force_login(get_user_model().objects.get(username="teacher"))
    return client


def pdf_text(response):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_a_teacher_reads_floras_story_in_spanish_prints_it_and_downloads_its_pack(client):
    teacher = signed_in_teacher(client)
    spanish = floras_story("es")
    assert spanish.url.startswith("/es/")

    page = teacher.get(spanish.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="es"' in html
    assert "<h1>La historia de Flora" in html
    assert 'media="print"' in html  # printing gives the story and its pack, not the site
    assert f'href="{spanish.url}pack.pdf"' in html
    english = floras_story("en-gb").url  # the original, hers to read too: the switcher offers it
    assert f'href="{english}" lang="en-gb" hreflang="en-gb"' in html

    pdf = teacher.get(f"{spanish.url}pack.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf)
    assert "La historia de Flora" in text
    assert "Flora tenía tanto miedo al dentista" in " ".join(text.split())
    assert "¿Por qué crees que Flora pedía cita y luego la anulaba?" in " ".join(text.split())


def test_when_flora_withdraws_both_languages_and_both_pdfs_are_gone(
    client, django_capture_on_commit_callbacks
):
    teacher = signed_in_teacher(client)
    addresses = []
    for language_code in ("en-gb", "es"):
        story = floras_story(language_code)
        addresses += [story.url, f"{story.url}pack.pdf"]
    assert [teacher.get(address).status_code for address in addresses] == [200] * 4  # kept now

    with django_capture_on_commit_callbacks(execute=True):
        withdraw_consent("HS-0001", "She would rather it were not shared any more.")

    assert [teacher.get(address).status_code for address in addresses] == [404] * 4
    assert not StoryPage.objects.filter(
        slug__in=["floras-story", "la-historia-de-flora"], live=True
    ).exists()
