"""The demo campaign a newcomer explores after `make run`."""

import io

from django.core.management import call_command
from django.db.models import Count
from wagtail.models import Page, Revision

from accounts.models import User
from stories.images import StoryImage
from stories.pages import StoryPage
from stories.partners import PartnerOrganisation
from stories.storytellers import Storyteller
from stories.taxonomy import AgeBand, Theme
from stories.visibility import visible_stories


def snapshot():
    return {
        model.__name__: model.objects.count()
        for model in (Page, Revision, StoryImage, PartnerOrganisation, Storyteller, Theme, User)
    }


def test_loading_the_demo_twice_changes_nothing():
    before = snapshot()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == before
    assert "nothing to do" in out.getvalue()


def test_demo_has_at_least_twelve_public_stories():
    assert visible_stories().count() >= 12


def test_floras_story_is_public_and_belongs_to_hs_0001():
    flora = visible_stories().get(slug="floras-story")
    assert flora.storyteller.reference == "HS-0001"


def test_demo_has_partner_organisations_of_every_kind():
    kinds = set(PartnerOrganisation.objects.values_list("kind", flat=True))
    assert kinds == set(PartnerOrganisation.Kind.values)


def test_every_theme_and_age_band_has_stories():
    assert not Theme.objects.annotate(n=Count("stories")).filter(n=0).exists()
    assert not AgeBand.objects.annotate(n=Count("stories")).filter(n=0).exists()


def test_demo_pictures_have_alt_text():
    assert not StoryImage.objects.filter(alt_text="", is_decorative=False).exists()


def test_demo_stories_are_dated_so_newest_first_means_something():
    dates = list(StoryPage.objects.values_list("first_published_at", flat=True))
    assert len(set(dates)) == len(dates)


def test_demo_admin_can_sign_in(client):
    assert client.login(username="admin", password="changeme")
    assert client.get("/admin/").status_code == 200
