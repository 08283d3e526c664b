"""Stories in more than one language: where a reader in one language may be
sent in another.

A translation is a copy of a page in another locale's tree, made with
`wagtail.contrib.simple_translation` and edited, reviewed and published like
any page (the same workflow, the same publish guard). A story's translations
tell the same storyteller's story to the same audiences (see
`StoryPage.clean` and the signal receivers below), so consent covers each of
them exactly as it covers the original, and a withdrawal, narrowing or
expiry takes them all down together (stories.consent.takedown).

Nothing here decides who may see a story: a link to a translation is offered
only when the one gate (stories.visibility) lets this reader see it now, and
for any other page only when it is live and has no view restriction. The
language switcher, the `hreflang` alternates in a page's head and those in
the sitemap all ask the gate through `may_be_seen` or `visible_stories`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, Q
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.middleware.locale import LocaleMiddleware
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from .caching import content_changed
from .consent.subjects import is_subject, subject_model
from .readers.membership import reader_audiences
from .visibility import gate_allows, restricted_here

DIFFERENT_STORYTELLER = (
    "A translation tells the same storyteller’s story as the page it translates: "
    "choose %(name)s, as in its other languages."
)
AUDIENCE_FIELDS = ("for_public", "for_schools", "for_partners")


@dataclass(frozen=True)
class LanguageLink:
    """One language the switcher offers: where it leads, and whether it is the
    page's own language or a translation of it."""

    code: str
    name: str
    url: str
    current: bool
    translation: bool


def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)


# Locale ids by language code, read once per process: a locale's row never
# changes once made (a new one is read when first asked for).
LOCALE_IDS = {}


def locale_id_of(code):
    """The id of the locale of this language, or None if the site has none."""
    if code not in LOCALE_IDS:
        found = Locale.objects.filter(language_code=code).values_list("pk", flat=True).first()
        if found is None:
            return None
        LOCALE_IDS[code] = found
    return LOCALE_IDS[code]


def reader_locale_id():
    """The locale of the language the reader is reading in (from the address)."""
    return locale_id_of(translation.get_language())


def in_reader_language(pages):
    """These pages (a queryset), in the reader's language only."""
    return pages.filter(locale_id=reader_locale_id())


def in_reader_language_page(page):
    """This page's live translation in the reader's language, else the page
    itself (Wagtail's `localized`, without asking for the locale each time)."""
    locale_id = reader_locale_id()
    if locale_id is None or page.locale_id == locale_id:
        return page
    found = Page.objects.filter(translation_key=page.translation_key, locale_id=locale_id)
    return found.live().first() or page


def visible_translations(page, user=None):
    """The page in each language (itself included) that this reader may see
    now, by language code: for a story, the translations the gate lets through
    for this reader; for any other page, the live ones without a view
    restriction."""
    if page is None or page.pk is None:
        return {}
    found = Page.objects.filter(may_be_seen(page, user)).select_related("locale")
    return {found.locale.language_code: found for found in found}


def may_be_seen(page, user):
    """`visible_translations` as a condition on pages."""
    if is_subject(page):
        gated = subject_model().objects.filter(
            gate_allows(reader_audiences(user)), translation_key=page.translation_key
        )
        return Q(pk__in=gated.values("pk"))
    return Q(translation_key=page.translation_key, live=True) & ~Q(Exists(restricted_here()))


def translations_and_homes(request, page):
    """This page's translations the reader may see now, and the site's live
    home page in each language, by language code: in one query, asked once
    per request (the switcher and the head's alternates share it)."""
    memo = getattr(request, "_translations_and_homes", None)
    if memo is not None and memo[0] is page:
        return memo[1]
    site = Site.find_for_request(request)
    wanted = Q(pk__in=[])
    if page is not None and page.pk is not None:
        wanted |= may_be_seen(page, request.user)
    if site is not None:
        root = site.root_page
        wanted |= Q(translation_key=root.translation_key, depth=root.depth, live=True)
    translations, homes = {}, {}
    for found in Page.objects.filter(wanted).select_related("locale"):
        code = found.locale.language_code
        if page is not None and found.translation_key == page.translation_key:
            translations[code] = found
        if site is not None and found.translation_key == site.root_page.translation_key:
            homes[code] = found
    request._translations_and_homes = (page, (translations, homes))
    return translations, homes


def home_pages(request):
    """The site's home page in each language it is live in, by language code."""
    return translations_and_homes(request, None)[1]


def language_links(request, page=None, nothing_here=False):
    """What the language switcher offers: for each language of the site, this
    page in that language if the reader may see it now, else that language's
    home page (or, for a page that is no Wagtail page, such as search, the same
    address in that language). A page not found leads to the homes only: its
    address may be a story that was withdrawn."""
    current = translation.get_language()
    translations, homes = translations_and_homes(request, page)
    an_address_here = page is None and not nothing_here
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        if target is not None:
            url = target.get_url(request)
        elif an_address_here and code == current:
            url = request.path  # the reader's own query string is never echoed back
        elif an_address_here and not is_one_address(request, code):
            url = translate_url(request.get_full_path(), code)
        else:
            home = homes.get(code)
            url = home.get_url(request) if home is not None else None
        if url:
            links.append(LanguageLink(code, name, url, code == current, target is not None))
    return links


def is_one_address(request, code):
    """Whether this address is the same in every language (sign-in, a page
    outside i18n_patterns): its language link then leads to that language's home."""
    return translate_url(request.get_full_path(), code) == request.get_full_path()


def alternates(request, page):
    """The `hreflang` alternates of a page: its translations this reader may
    see now, with full addresses; none when it is in one language only."""
    translations = translations_and_homes(request, page)[0]
    if len(translations) < 2:
        return []
    return [
        LanguageLink(code, language_name(code), found.get_full_url(request), False, True)
        for code, found in translations.items()
    ]


def source_of(story):
    """The page this story translates (in the site's first language), or None
    when it is the original itself or has no other language."""
    if story.pk is None and not story.translation_key:
        return None
    others = type(story).objects.filter(translation_key=story.translation_key)
    if story.pk is not None:
        others = others.exclude(pk=story.pk)
    default = Locale.get_default()
    if story.locale_id == default.pk:
        return None
    return others.filter(locale=default).first() or others.order_by("pk").first()


def storyteller_problem(story):
    """Why this story's storyteller may not be saved, or None: every
    translation of a story has the same storyteller."""
    if story.translation_key is None:
        return None
    others = type(story).objects.filter(translation_key=story.translation_key)
    if story.pk is not None:
        others = others.exclude(pk=story.pk)
    other = others.exclude(storyteller_id=story.storyteller_id).select_related("storyteller")
    other = other.first()
    if other is None:
        return None
    return DIFFERENT_STORYTELLER % {"name": other.storyteller}


def saves_audiences(update_fields):
    return update_fields is None or bool(set(AUDIENCE_FIELDS) & set(update_fields))


@receiver(pre_save, sender="stories.StoryPage")
def translation_takes_audiences_of_its_source(sender, instance, update_fields=None, **kwargs):
    """A translation is read by the audiences of the page it translates,
    whatever its own draft says."""
    if saves_audiences(update_fields):
        source = source_of(instance)
        if source is not None:
            for field in AUDIENCE_FIELDS:
                setattr(instance, field, getattr(source, field))


@receiver(post_save, sender="stories.StoryPage")
def original_gives_audiences_to_translations(sender, instance, update_fields=None, **kwargs):
    """When the original's audiences are saved, its translations get them too:
    narrowing a story narrows it in every language at once. They are not
    published again, so what other pages keep of them is retired here."""
    if not saves_audiences(update_fields) or instance.locale_id != Locale.get_default().pk:
        return
    audiences = {field: getattr(instance, field) for field in AUDIENCE_FIELDS}
    translations = sender.objects.filter(translation_key=instance.translation_key)
    if translations.exclude(pk=instance.pk).exclude(**audiences).update(**audiences):
        content_changed()


class LanguageFromAddress(LocaleMiddleware):
    """Django's LocaleMiddleware, reading the language from the address alone:
    `/es/...` is Spanish and every other address the site's first language,
    whatever the browser's Accept-Language or a cookie say. A page at one
    address is then the same page for every reader of the same audiences, as
    the page cache and any CDN in front of it assume, and no response varies
    on Accept-Language."""

    def process_request(self, request):
        code = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
