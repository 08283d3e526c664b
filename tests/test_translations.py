"""Stories in English and Spanish: each language reaches readers only while
the storyteller's consent covers it, and every way out follows the reader's
language."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Locale

from stories.consent.capture import CaptureConsentAction
from stories.consent.guard import ConsentRefused
from stories.consent.records import ConsentRecord
from stories.consent.withdrawal import withdraw_consent
from stories.factories import (
    StoryPageFactory,
    StorytellerFactory,
    ThemeFactory,
    site_home_page,
    story_index,
)
from stories.pages import HomePage, StoryPage

from .people import storyteller_approves


def spanish():
    return Locale.objects.get(language_code="es")


def translate(page, **fields):
    """The page's Spanish translation as the admin's Translate button makes it
    (a draft, its parents translated if need be), with these fields changed."""
    translation = CopyPageForTranslationAction(page.specific, spanish(), copy_parents=True).execute(
        skip_permission_checks=True
    )
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def publish(page):
    """Publish the page's latest version as the review does (the guard decides)."""
    revision = page.save_revision()
    if isinstance(page, StoryPage):
        storyteller_approves(page)
    revision.publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def spanish_site():
    """The home page and story index in Spanish, live (the demo has them)."""
    home = site_home_page()
    spanish_home = home.get_translation_or_none(spanish())
    if spanish_home is None:
        spanish_home = publish(translate(home, title="Inicio"))
    index = story_index()
    if index.get_translation_or_none(spanish()) is None:
        publish(translate(index, title="Historias"))
    return spanish_home


@pytest.fixture
def lucia(spanish_site):
    """A public story told by Lucía, in English and, published, in Spanish."""
    storyteller = StorytellerFactory(
        first_name="Lucía", consent__for_schools=True, consent__syndication="any"
    )
    english = StoryPageFactory(
        storyteller=storyteller,
        title="The lighthouse keeper's teeth",
        slug="lighthouse-keepers-teeth",
        summary="Lucía kept the lighthouse and kept away from dentists.",
        for_schools=True,
    )
    spanish_story = publish(
        translate(
            english,
            title="Los dientes de la farera",
            slug="los-dientes-de-la-farera",
            summary="Lucía cuidaba el faro y se mantenía lejos de los dentistas.",
        )
    )
    assert spanish_story.live
    return {"storyteller": storyteller, "en": english, "es": spanish_story}


def live(page):
    return StoryPage.objects.get(pk=page.pk).live


def language_links(html):
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
    return re.findall(r'<a href="([^"]+)" lang="([^"]+)"', switcher[0]) if switcher else []


# Reading in Spanish


def test_floras_spanish_page_is_served_at_its_es_address_in_spanish(client):
    flora = StoryPage.objects.get(slug="floras-story", locale__language_code="en-gb")
    translation = flora.get_translation(spanish())
    assert translation.url.startswith("/es/")
    response = client.get(translation.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert "Saltar al contenido principal" in html  # the site's own words
    assert "Buscar historias" in html
    assert ">Iniciar sesión<" in html  # the reader's own links too, filled in for each reader
    assert translation.title in html
    assert response["Content-Language"] == "es"


def test_a_signed_in_teachers_own_links_are_in_the_pages_language(client):
    client.force_login(get_user_model().objects.get(username="teacher"))
    html = client.get("/es/").content.decode()
    assert "Sesión iniciada para Harbour Lane Primary School" in html
    assert "Cerrar sesión" in html
    assert "Signed in for Harbour Lane Primary School" in client.get("/").content.decode()


def test_english_addresses_are_unchanged_and_in_english(client, lucia):
    response = client.get("/stories/lighthouse-keepers-teeth/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en-gb">' in html
    assert "Skip to main content" in html
    assert "Accept-Language" not in response.get("Vary", "")


def test_the_spanish_story_index_lists_spanish_stories_only(client, lucia):
    html = client.get("/es/stories/").content.decode()
    assert "Los dientes de la farera" in html
    assert "lighthouse keeper" not in html
    english = client.get("/stories/").content.decode()
    assert "Los dientes de la farera" not in english


def test_a_language_the_site_does_not_have_is_not_found(client, lucia):
    assert client.get("/fr/stories/los-dientes-de-la-farera/").status_code == 404
    assert client.get("/fr/").status_code == 404
    assert client.get("/es/stories/no-such-story/").status_code == 404


# The language switcher


def test_the_switcher_links_to_the_translation_the_reader_may_see(client, lucia):
    html = client.get(lucia["en"].url).content.decode()
    assert language_links(html) == [
        (lucia["en"].url, "en-gb"),
        (lucia["es"].url, "es"),
    ]
    assert 'hreflang="es" aria-current' not in html
    assert f'<link rel="alternate" hreflang="es" href="{lucia["es"].full_url}">' in html
    spanish_html = client.get(lucia["es"].url).content.decode()
    assert 'lang="es" hreflang="es" aria-current="true">Español</a>' in spanish_html


def test_a_page_not_found_links_to_each_languages_home_never_to_its_own_address(client):
    response = client.get("/stories/a-story-taken-back/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'href="/stories/a-story-taken-back/"' not in html
    assert 'href="/" lang="en-gb"' in html and 'href="/es/" lang="es"' in html


def test_a_translation_still_in_draft_is_not_linked(client, spanish_site):
    english = StoryPageFactory(title="Learning to whistle again")
    draft = translate(english, title="Aprender a silbar otra vez", slug="aprender-a-silbar")
    html = client.get(english.url).content.decode()
    links = dict((code, url) for url, code in language_links(html))
    assert links["es"] == "/es/"  # the Spanish home, not the draft
    assert draft.url not in html
    assert 'hreflang="es"' not in html.split("</head>")[0]


def test_a_signed_out_visitor_is_not_led_to_a_schools_story(client, spanish_site):
    storyteller = StorytellerFactory(consent__for_schools=True)
    public = StoryPageFactory(storyteller=storyteller, title="Open to all")
    schools_only = StoryPageFactory(
        storyteller=storyteller, title="For pupils", for_public=False, for_schools=True
    )
    translated = publish(translate(schools_only, title="Para alumnos", slug="para-alumnos"))
    assert translated.live
    html = client.get(public.url).content.decode()
    assert translated.url not in html
    assert client.get(translated.url).status_code == 302  # to sign in, as in English
    assert client.get(translated.url)["Location"].startswith("/account/sign-in/")


# Consent covers every translation


def test_a_translation_keeps_its_storyteller(lucia):
    someone_else = StorytellerFactory()
    lucia["es"].storyteller = someone_else
    with pytest.raises(ValidationError) as refused:
        lucia["es"].full_clean()
    assert "same storyteller" in refused.value.message_dict["storyteller"][0]


def test_a_translation_is_read_by_the_audiences_of_its_original(lucia):
    english = StoryPage.objects.get(pk=lucia["en"].pk)
    english.for_schools = False
    publish(english)
    assert StoryPage.objects.get(pk=lucia["es"].pk).for_schools is False
    translation = StoryPage.objects.get(pk=lucia["es"].pk)
    translation.for_schools = True  # consent allows it, but the original says no
    publish(translation)
    assert StoryPage.objects.get(pk=lucia["es"].pk).for_schools is False


def test_withdrawal_takes_down_both_languages_at_once(
    client, lucia, django_capture_on_commit_callbacks
):
    urls = [lucia["en"].url, lucia["es"].url]
    assert [client.get(url).status_code for url in urls] == [200, 200]
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_consent(lucia["storyteller"].reference, "She asked us to.")
    assert not live(lucia["en"]) and not live(lucia["es"])
    assert [client.get(url).status_code for url in urls] == [404, 404]
    for address in ("/es/", "/es/stories/", "/es/stories/feed/", "/sitemap.xml"):
        assert "farera" not in client.get(address).content.decode()
    assert "farera" not in client.get("/es/search/", {"q": "faro"}).content.decode()
    api = client.get("/api/v2/pages/", {"locale": "es", "type": "stories.StoryPage"}).json()
    assert "Los dientes de la farera" not in [item["title"] for item in api["items"]]
    assert client.get(lucia["es"].url + "embed/").status_code == 404


def test_a_translation_of_a_withdrawn_story_cannot_be_published(lucia, spanish_site):
    english = StoryPageFactory(storyteller=lucia["storyteller"], title="After the storm")
    withdraw_consent(lucia["storyteller"].reference, "She asked us to.")
    translation = translate(english, title="Después de la tormenta", slug="despues")
    revision = translation.save_revision()
    with pytest.raises(ConsentRefused):
        revision.publish()
    assert not live(translation)


def test_narrowing_to_schools_takes_down_both_languages(client, lucia):
    today = timezone.localdate()
    narrower = ConsentRecord(
        storyteller=lucia["storyteller"],
        for_public=False,
        for_schools=True,
        naming_allowed="full_name",
        identifiable_photos=True,
        given_on=today,
        expires_on=today + timedelta(days=365),
    )
    CaptureConsentAction(narrower).execute()
    assert client.get(lucia["en"].url).status_code in (302, 404)
    assert client.get(lucia["es"].url).status_code in (302, 404)
    assert "farera" not in client.get("/es/stories/").content.decode()
    assert "farera" not in client.get("/sitemap.xml").content.decode()


def test_expiry_takes_down_both_languages(client, lucia):
    record = lucia["storyteller"].consent_records.get(superseded_by__isnull=True)
    ConsentRecord.objects.filter(pk=record.pk).update(
        given_on=timezone.localdate() - timedelta(days=30),
        expires_on=timezone.localdate() + timedelta(days=1),
    )
    with freeze_time(timezone.now() + timedelta(days=3)):
        assert client.get(lucia["es"].url).status_code == 404  # the gate, before any sweep
        call_command("enforce_consent", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert not live(lucia["en"]) and not live(lucia["es"])
        assert client.get(lucia["en"].url).status_code == 404


# Every way out follows each language


def test_search_in_spanish_finds_the_spanish_story_not_the_english(client, lucia):
    call_command("update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    spanish_results = client.get("/es/search/", {"q": "Lucía"}).content.decode()
    assert "Los dientes de la farera" in spanish_results
    assert "lighthouse keeper" not in spanish_results
    english_results = client.get("/search/", {"q": "Lucía"}).content.decode()
    assert "lighthouse keeper" in english_results
    assert "Los dientes de la farera" not in english_results


def test_the_sitemap_gives_each_story_its_visible_translations(client, lucia):
    draft_only = StoryPageFactory(title="Only in English for now", slug="only-english")
    translate(draft_only, title="Solo en inglés", slug="solo-en-ingles")
    xml = client.get("/sitemap.xml").content.decode()
    english = re.search(f"<url><loc>{lucia['en'].full_url}</loc>.*?</url>", xml)
    spanish_url = lucia["es"].full_url
    assert f'<xhtml:link rel="alternate" hreflang="es" href="{spanish_url}"/>' in english[0]
    assert f"<loc>{spanish_url}</loc>" in xml
    only = re.search(f"<url><loc>{draft_only.full_url}</loc>.*?</url>", xml)
    assert "hreflang" not in only[0]
    assert "solo-en-ingles" not in xml


def test_the_api_lists_a_language_with_the_locale_filter(client, lucia):
    answer = client.get(
        "/api/v2/pages/", {"locale": "es", "type": "stories.StoryPage", "fields": "summary"}
    ).json()
    titles = [item["title"] for item in answer["items"]]
    assert "Los dientes de la farera" in titles
    assert "The lighthouse keeper's teeth" not in titles
    assert client.get("/api/v2/pages/", {"locale": "xx"}).status_code == 404
    translations = client.get("/api/v2/pages/", {"translation_of": lucia["en"].pk}).json()
    assert [item["id"] for item in translations["items"]] == [lucia["es"].pk]


def test_each_language_has_its_own_feed(client, lucia):
    spanish_feed = client.get("/es/stories/feed/").content.decode()
    assert 'xml:lang="es"' in spanish_feed
    assert "Los dientes de la farera" in spanish_feed
    assert "lighthouse keeper" not in spanish_feed
    english_feed = client.get("/stories/feed/").content.decode()
    assert "Los dientes de la farera" not in english_feed
    ids = re.findall(r"<id>(urn:uuid:[^<]+)</id>", spanish_feed + english_feed)
    assert len(ids) == len(set(ids))  # a translation is an entry of its own


def test_a_spanish_story_is_embedded_and_found_by_oembed(client, lucia):
    assert client.get(lucia["es"].url + "embed/").status_code == 200
    answer = client.get("/oembed/", {"url": f"http://testserver{lucia['es'].url}"})
    assert answer.status_code == 200
    assert answer.json()["title"] == "Los dientes de la farera"


def test_related_stories_are_in_the_readers_language(client, lucia):
    theme = ThemeFactory(name="Lighthouses")
    english = StoryPage.objects.get(pk=lucia["en"].pk)
    english.themes = [theme]
    publish(english)
    other = StoryPageFactory(title="The harbour pilot's smile", themes=[theme])
    related = [story.pk for story in StoryPage.objects.get(pk=lucia["es"].pk).related()]
    assert other.pk not in related
    assert other.pk in [story.pk for story in english.related()]


def test_the_page_cache_keeps_english_and_spanish_apart(client, lucia):
    english = client.get("/stories/").content.decode()
    spanish_page = client.get("/es/stories/").content.decode()
    assert '<html lang="en-gb">' in english and '<html lang="es">' in spanish_page
    again = client.get("/stories/").content.decode()
    assert '<html lang="en-gb">' in again
    assert client.get("/es/stories/").content.decode() == spanish_page


def test_the_spanish_home_features_spanish_stories(client):
    spanish_home = HomePage.objects.get(locale__language_code="es")
    featured = spanish_home.featured()
    assert featured and all(story.locale_id == spanish_home.locale_id for story in featured)
    html = client.get("/es/").content.decode()
    assert featured[0].title in html
    assert "Historias para empezar" in html
    assert 'href="/es/stories/">Historias</a>' in html  # the menu, in Spanish


def test_the_admins_translate_button_makes_a_draft_with_the_same_storyteller(
    admin_client, spanish_site
):
    english = StoryPageFactory(title="The night before the brace")
    response = admin_client.post(
        f"/admin/translation/submit/page/{english.pk}/", {"locales": [spanish().pk]}
    )
    assert response.status_code == 302
    translation = StoryPage.objects.get(translation_key=english.translation_key, locale=spanish())
    assert not translation.live  # reviewed and published like any story
    assert translation.storyteller_id == english.storyteller_id
    assert translation.for_public == english.for_public
