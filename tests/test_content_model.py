"""What editors can and cannot build: page-type rules, storytellers, images."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse
from wagtail.models import Page

from stories.factories import (
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
    site_home_page,
    story_index,
)
from stories.naming import NamingChoice
from stories.pages import HomePage, StandardPage, StoryIndexPage, StoryPage
from stories.storytellers import Storyteller


def test_stories_live_only_under_the_story_index():
    assert StoryPage.allowed_parent_page_models() == [StoryIndexPage]
    assert not StoryPage.can_create_at(site_home_page())
    assert StoryPage.can_create_at(story_index())


def test_story_index_lives_under_home_and_holds_only_stories():
    assert StoryIndexPage.allowed_parent_page_models() == [HomePage]
    assert StoryIndexPage.allowed_subpage_models() == [StoryPage]


def test_there_is_one_home_page_and_one_story_index():
    assert not HomePage.can_create_at(Page.get_first_root_node())
    assert not StoryIndexPage.can_create_at(site_home_page())


def test_standard_pages_go_under_home_or_each_other():
    assert set(StandardPage.allowed_parent_page_models()) == {HomePage, StandardPage}


def test_admin_refuses_a_story_created_under_the_home_page(admin_client):
    home = site_home_page()
    url = reverse("wagtailadmin_pages:add", args=["stories", "storypage", home.pk])
    response = admin_client.get(url, follow=True)
    assert b"Sorry, you do not have permission" in response.content
    assert not StoryPage.objects.child_of(home).exists()


def test_admin_offers_the_story_form_under_the_index(admin_client):
    url = reverse("wagtailadmin_pages:add", args=["stories", "storypage", story_index().pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b"Storyteller" in response.content


def test_storytellers_get_the_next_reference_code():
    first, second = StorytellerFactory(), StorytellerFactory()
    number = int(first.reference.removeprefix("HS-"))
    assert first.reference.startswith("HS-")
    assert second.reference == f"HS-{number + 1:04d}"


def test_flora_is_the_first_storyteller():
    assert Storyteller.objects.get(reference="HS-0001").first_name == "Flora"


def test_a_story_shows_the_name_its_storyteller_chose():
    storyteller = StorytellerFactory(
        naming=NamingChoice.PSEUDONYM, first_name="Real", last_name="Person", pseudonym="Wren"
    )
    story = StoryPageFactory(storyteller=storyteller)
    assert story.shown_name == "Wren"
    storyteller.naming = NamingChoice.ANONYMOUS
    storyteller.save()
    assert StoryPage.objects.get(pk=story.pk).shown_name == "Anonymous"


def test_storyteller_cannot_be_deleted_while_a_story_references_it():
    story = StoryPageFactory()
    with pytest.raises(ProtectedError):
        story.storyteller.delete()
    assert Storyteller.objects.filter(pk=story.storyteller.pk).exists()


def test_pseudonym_naming_without_a_pseudonym_is_refused():
    storyteller = StorytellerFactory.build(naming=NamingChoice.PSEUDONYM, pseudonym="")
    with pytest.raises(ValidationError) as error:
        storyteller.full_clean()
    assert "pseudonym" in error.value.message_dict


def test_image_needs_alt_text_unless_decorative():
    image = StoryImageFactory(alt_text="")
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "alt_text" in error.value.message_dict
    image.is_decorative = True
    image.full_clean()
    assert image.default_alt_text == ""


def test_image_alt_text_is_what_templates_use():
    image = StoryImageFactory(alt_text="Flora laughing in the waiting room")
    assert image.default_alt_text == "Flora laughing in the waiting room"


def test_reading_time_is_computed_from_the_body_on_save():
    words = " ".join(["smile"] * 450)
    story = StoryPageFactory(body=[("paragraph", f"<p>{words}</p>")])
    assert StoryPage.objects.get(pk=story.pk).reading_time == 3
