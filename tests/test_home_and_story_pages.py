"""What a reader sees on the home page and on a story."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from stories.consent.approvals import record_approval
from stories.factories import (
    PartnerOrganisationFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
    ThemeFactory,
    site_home_page,
)
from stories.naming import NamingChoice
from stories.pages import HomePage, HomePageFeaturedStory, StoryPage
from stories.partners import PartnerOrganisation


def home():
    return HomePage.objects.get(pk=site_home_page().pk)


def test_home_page_leads_with_the_stories_editors_chose(client):
    response = client.get("/")
    assert response.status_code == 200
    shown = [story.slug for story in response.context["featured_stories"]]
    assert shown == ["floras-story", "jonahs-mountain", "amara-and-the-bravery-stickers"]


def test_home_page_fills_in_with_the_newest_stories_when_none_are_chosen(client):
    page = home()
    page.featured_stories = []
    page.save_revision().publish()
    newest = StoryPageFactory(title="Brand new story")
    Page.objects.filter(pk=newest.pk).update(first_published_at=timezone.now() + timedelta(1))
    featured = client.get("/").context["featured_stories"]
    assert featured[0].title == "Brand new story"
    assert len(featured) == 3


def test_home_page_never_features_a_restricted_story(client, restricted_story):
    page = home()
    page.featured_stories = [HomePageFeaturedStory(story=restricted_story)]
    page.save_revision().publish()
    response = client.get("/")
    assert b"secret lighthouse" not in response.content
    assert restricted_story not in response.context["featured_stories"]


def test_home_page_shows_partner_logos_and_calls_to_action(client):
    response = client.get("/")
    page = home()
    body = response.content.decode()
    for partner in PartnerOrganisation.objects.exclude(logo=None):
        assert partner.name in body
    assert page.schools_heading in body
    assert page.partners_heading in body


def test_story_page_shows_the_story_to_any_reader(client):
    flora = StoryPage.objects.get(slug="floras-story")
    response = client.get(flora.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert flora.summary in body
    assert flora.storyteller.reference == "HS-0001"
    assert "Flora" in body
    assert f"{flora.reading_time} min" in body


def test_story_page_shows_the_pseudonym_and_never_the_real_name(client):
    storyteller = StorytellerFactory(
        naming=NamingChoice.PSEUDONYM,
        first_name="Gwendolyn",
        last_name="Ashcombe",
        pseudonym="Wren",
    )
    story = StoryPageFactory(storyteller=storyteller)
    body = client.get(story.url).content.decode()
    assert "Wren" in body
    assert "Gwendolyn" not in body
    assert "Ashcombe" not in body


def test_content_notes_come_before_the_story(client):
    story = StoryPageFactory(
        content_notes="Describes a panic attack\nMentions needles",
        body=[("paragraph", "<p>The opening line of the story.</p>")],
    )
    body = client.get(story.url).content.decode()
    assert body.index("Describes a panic attack") < body.index("The opening line of the story.")
    assert "Mentions needles" in body


def test_story_page_shows_its_pictures_with_their_alt_text(client):
    image = StoryImageFactory(alt_text="A calm treatment room with a window")
    story = StoryPageFactory(hero_image=image)
    assert b'alt="A calm treatment room with a window"' in client.get(story.url).content


def test_related_stories_are_chosen_ones_first(client):
    story = StoryPageFactory()
    chosen = StoryPageFactory(title="Chosen companion")
    story.related_stories.create(story=chosen)
    assert [s.title for s in story.related()] == ["Chosen companion"]


def test_related_stories_otherwise_share_themes(client):
    lonely = ThemeFactory(name="Lighthouses")
    story = StoryPageFactory(themes=[lonely])
    sibling = StoryPageFactory(title="Another lighthouse keeper", themes=[lonely])
    StoryPageFactory(title="Unrelated story")
    response = client.get(story.url)
    assert [s.title for s in response.context["related_stories"]] == [sibling.title]


def test_related_stories_are_weighed_among_the_newest_sharing_a_theme(client, monkeypatch):
    """A busy theme is not read whole on every story: the newest stories
    sharing it are weighed (RELATED_CANDIDATES), a chosen one always counts."""
    monkeypatch.setattr("stories.pages.RELATED_CANDIDATES", 2)
    harbour, boats = ThemeFactory(name="Harbours"), ThemeFactory(name="Boats")
    oldest_and_closest = StoryPageFactory(title="Old harbour boats", themes=[harbour, boats])
    StoryPageFactory(title="Second harbour", themes=[harbour])
    StoryPageFactory(title="Third harbour", themes=[harbour])
    story = StoryPageFactory(themes=[harbour, boats])
    assert {s.title for s in story.related()} == {"Second harbour", "Third harbour"}

    story.related_stories.create(story=oldest_and_closest)
    revision = story.save_revision()
    record_approval(story, revision)
    revision.publish()  # an editor's choice counts once it is published
    assert [s.title for s in story.related()] == ["Old harbour boats"]


def test_related_stories_look_further_when_the_closest_may_not_be_shown(client, monkeypatch):
    """The gate is asked first of the few stories sharing most themes; when
    too few of those may be shown to this reader, every candidate is weighed."""
    monkeypatch.setattr("stories.pages.RELATED_BEST_PLACED", 1)
    harbour, boats = ThemeFactory(name="Harbours"), ThemeFactory(name="Boats")
    StoryPageFactory(
        title="Harbour boats for schools",
        themes=[harbour, boats],
        storyteller=StorytellerFactory(consent__for_public=False, consent__for_schools=True),
        for_public=False,
        for_schools=True,
    )
    StoryPageFactory(title="A harbour at dawn", themes=[harbour])
    story = StoryPageFactory(themes=[harbour, boats])
    response = client.get(story.url)
    assert [s.title for s in response.context["related_stories"]] == ["A harbour at dawn"]


def test_related_stories_come_from_a_kept_ranking_yet_a_withdrawn_one_leaves_at_once(client):
    """Finding the stories that share a story's themes is kept between renders
    (a publish elsewhere retires the page, not the ranking), but every render
    asks the gate, so a storyteller who takes consent back leaves at once."""
    from stories.consent.withdrawal import withdraw_consent

    lighthouses = ThemeFactory(name="Lighthouses")
    story = StoryPageFactory(themes=[lighthouses])
    keeper = StoryPageFactory(title="The keeper's new smile", themes=[lighthouses])
    assert [s.title for s in story.related()] == [keeper.title]

    kept = StoryPage.objects.get(pk=story.pk).related_ids()
    assert kept == ([], [keeper.pk])
    StoryPage.themes.through.objects.filter(storypage=keeper).delete()
    assert StoryPage.objects.get(pk=story.pk).related_ids() == kept  # not searched again

    withdraw_consent(keeper.storyteller.reference, "changed their mind")
    response = client.get(story.url)
    assert response.status_code == 200
    assert keeper.title not in response.content.decode()
    assert list(response.context["related_stories"]) == []


def test_related_stories_never_include_restricted_ones(client, theme, restricted_story):
    story = StoryPageFactory(themes=[theme])
    story.related_stories.create(story=restricted_story)
    response = client.get(story.url)
    assert restricted_story not in response.context["related_stories"]
    assert b"secret lighthouse" not in response.content


def test_partner_organisations_involved_are_named_on_the_story(client):
    partner = PartnerOrganisationFactory(name="Harbour Lane Primary")
    story = StoryPageFactory(partner_organisations=[partner])
    assert b"Harbour Lane Primary" in client.get(story.url).content


def test_a_missing_page_gets_the_sites_own_not_found_page(client):
    response = client.get("/stories/no-such-story/")
    assert response.status_code == 404
    assert b"Histories &amp; Smiles" in response.content
