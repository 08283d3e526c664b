"""The landing pages for schools and partner organisations: the home page's
calls to action lead there, and each lists the classroom packs the reader
may see, by age band, taken down with their story."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page

from stories.caching import content_changed
from stories.consent.withdrawal import withdraw_consent
from stories.factories import (
    StoryPageFactory,
    StorytellerFactory,
    classroom_pack,
    site_home_page,
)
from stories.landing import AudienceLandingPage
from stories.pages import HomePage
from stories.visits import VisitRequestPage


def client_for(username=None):
    client = Client()
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def landing(audience):
    return AudienceLandingPage.objects.get(audience=audience)


def packs_section(html):
    """The packs listing of a landing page, or "" when it shows none."""
    found = re.search(r'<section class="landing-packs".*?</section>\s*</section>', html, re.S)
    return found.group(0) if found else ""


@pytest.fixture
def packs():
    """A public primary story with a pack, a schools-only secondary one, and
    a public story without a pack."""
    public = StoryPageFactory(
        title="Milo and the counting song",
        classroom_pack=classroom_pack(),
        age_bands=["primary", "secondary"],
    )
    storyteller = StorytellerFactory(consent__for_schools=True)
    schools = StoryPageFactory(
        title="Noor’s braces diary",
        storyteller=storyteller,
        classroom_pack=classroom_pack(),
        age_bands=["secondary"],
        for_public=False,
        for_schools=True,
    )
    no_pack = StoryPageFactory(title="A story with no pack at all", age_bands=["primary"])
    return {"public": public, "schools": schools, "no_pack": no_pack}


def test_the_home_pages_calls_to_action_lead_to_the_landing_pages(client):
    html = client.get("/").content.decode()
    for audience in ("schools", "partners"):
        page = landing(audience)
        assert f'href="{page.url}"' in html
        assert client.get(page.url).status_code == 200
    assert site_home_page().specific.schools_link_id == landing("schools").pk


def test_the_schools_landing_page_says_what_the_campaign_offers_and_how_to_get_accounts(client):
    html = client.get(landing("schools").url).content.decode()
    assert "<h1>For schools</h1>" in html
    assert "What the campaign offers your school" in html
    assert "How your school gets accounts" in html
    form = VisitRequestPage.objects.get()
    assert f'href="{form.url}"' in html


def test_a_teacher_sees_packs_grouped_by_age_band(packs):
    html = packs_section(client_for("teacher").get(landing("schools").url).content.decode())
    bands = re.findall(r'<h3 id="band-[\w-]+">(.*?)</h3>', html)
    # Youngest first.
    assert bands.index("Primary school (5–11)") < bands.index("Secondary school (11–18)")
    primary, secondary = (
        html.split('id="band-primary"')[1].split("</section>")[0],
        html.split('id="band-secondary"')[1].split("</section>")[0],
    )
    assert "Milo and the counting song" in primary
    assert "Milo and the counting song" in secondary
    assert "Noor’s braces diary" in secondary
    assert "Noor’s braces diary" not in primary
    assert f'href="{packs["schools"].url}pack.pdf"' in secondary
    assert "A story with no pack at all" not in html


def test_the_public_sees_only_packs_of_public_stories(client, packs):
    html = packs_section(client.get(landing("schools").url).content.decode())
    assert "Milo and the counting song" in html
    assert "Noor’s braces diary" not in html
    assert "Noor’s braces diary" not in client.get(landing("partners").url).content.decode()


def test_a_partner_does_not_see_a_schools_only_pack(packs):
    html = client_for("partner").get(landing("partners").url).content.decode()
    assert "Milo and the counting song" in html
    assert "Noor’s braces diary" not in html


def test_a_withdrawn_storys_pack_leaves_the_landing_page_at_once(packs):
    teacher = client_for("teacher")
    url = landing("schools").url
    assert "Noor’s braces diary" in teacher.get(url).content.decode()  # now kept in the cache
    withdraw_consent(packs["schools"].storyteller.reference, "She changed her mind.")
    assert "Noor’s braces diary" not in teacher.get(url).content.decode()


def test_age_bands_without_packs_are_left_out(client):
    StoryPageFactory(title="Only adults here", classroom_pack=classroom_pack(), age_bands=["adult"])
    html = client.get(landing("partners").url).content.decode()
    section = packs_section(html)
    assert 'id="band-adult"' in section
    assert "No classroom packs" not in html
    shown = set(re.findall(r'id="band-([\w-]+)"', section))
    for band in shown:
        assert section.split(f'id="band-{band}"')[1].split("</section>")[0].count("<li>") >= 1


def test_the_packs_listing_costs_the_same_queries_however_many_packs(client):
    url = landing("schools").url

    def queries_now():
        content_changed()
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    StoryPageFactory(title="The first pack", classroom_pack=classroom_pack(), age_bands=["adult"])
    client.get(url)
    before = queries_now()
    for number in range(8):
        StoryPageFactory(
            title=f"Pack story {number}", classroom_pack=classroom_pack(), age_bands=["primary"]
        )
    assert queries_now() <= before


def test_landing_pages_live_under_home_and_the_visit_form_under_either():
    assert "stories.AudienceLandingPage" in [
        f"{m._meta.app_label}.{m.__name__}" for m in HomePage.allowed_subpage_models()
    ]
    assert VisitRequestPage in AudienceLandingPage.allowed_subpage_models()
    assert AudienceLandingPage.allowed_parent_page_models() == [HomePage]
    assert Page.objects.type(AudienceLandingPage).child_of(site_home_page()).count() == 2


def test_a_landing_page_kept_for_teachers_is_never_given_to_the_public(client, packs):
    url = landing("schools").url
    assert "Noor’s braces diary" in client_for("teacher").get(url).content.decode()
    assert "Noor’s braces diary" in client_for("teacher").get(url).content.decode()  # kept
    assert "Noor’s braces diary" not in client.get(url).content.decode()
    assert "Noor’s braces diary" not in client_for("partner").get(url).content.decode()
