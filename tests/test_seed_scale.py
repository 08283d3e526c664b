"""The campaign `seed_scale` writes in bulk is what the site itself would have
written: a tree Wagtail's checks accept, pages that open, the gate showing a
story exactly while consent covers it, and rows equal to those of a story
created and published the slow way, through Wagtail."""

import re

import pytest
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

from stories.consent.approvals import is_approved
from stories.consent.guard import story_problems
from stories.images import StoryImage
from stories.pages import StoryIndexPage, StoryPage
from stories.renditions import pictures_to_prepare
from stories.scale import ScaleCampaign
from stories.shown import StoryMedium
from stories.visibility import embeddable_stories, stories_for, visible_stories

from .people import storyteller_approves

SEED = 7


def without_suffix(name):
    return re.sub(r"_[A-Za-z0-9]{7}(?=\.)", "", name)


def seed(**kwargs):
    options = {"stories": 30, "storytellers": 12, "seed": SEED, "log": lambda _message: None}
    campaign = ScaleCampaign(**{**options, **kwargs})
    campaign.build()
    return campaign


@pytest.fixture
def campaign():
    return seed()


def seeded_stories(campaign):
    return StoryPage.objects.filter(pk__in=[story.pk for story, _ in campaign.stories])


def test_the_seeded_tree_passes_wagtails_own_checks(campaign):
    assert Page.find_problems() == ([], [], [], [], [])
    index = StoryIndexPage.objects.get(pk=campaign.index.pk)
    assert index.numchild == index.get_children().count()
    for story in seeded_stories(campaign):
        expected = Page.objects.get(pk=story.pk)
        expected.set_url_path(story.get_parent())
        assert story.url_path == expected.url_path
        assert story.get_parent().pk == index.pk


def test_every_kind_of_consent_is_seeded(campaign):
    categories = {teller.category for teller in campaign.tellers}
    assert categories == {"in_force", "ending_soon", "recently_ended", "long_ended", "withdrawn"}


def test_each_seeded_story_was_approved_by_its_storyteller_as_published(campaign):
    for story, revision in campaign.stories:
        published = Revision.objects.get(pk=revision.pk).as_object()
        assert is_approved(published), story.title
        assert is_approved(StoryPage.objects.get(pk=story.pk)), story.title


def test_the_gate_shows_a_seeded_story_exactly_while_consent_covers_it(campaign):
    today = timezone.localdate()
    for audience in ("public", "schools", "partners"):
        shown = set(stories_for([audience]).values_list("pk", flat=True))
        for story in seeded_stories(campaign).select_related("storyteller", "hero_image"):
            covered = story.live and getattr(story, f"for_{audience}") and not story_problems(story)
            assert (story.pk in shown) == covered, (audience, story.title, story_problems(story))
    stories = list(seeded_stories(campaign).select_related("storyteller", "hero_image"))
    # Every story was published on a day its consent covered it (the guard agreed) ...
    for story in stories:
        assert story_problems(story, timezone.localdate(story.first_published_at)) == []
    # ... and the live ones consent no longer covers are the expiry sweep's work.
    lapsed = [story for story in stories if story.live and story_problems(story, today)]
    assert lapsed
    assert all(not visible_stories().filter(pk=story.pk).exists() for story in lapsed)


def test_seeded_pages_open(client, campaign):
    public = visible_stories().filter(pk__in=[story.pk for story, _ in campaign.stories]).first()
    assert public is not None
    theme = public.themes.first()
    for url in (
        "/",
        "/stories/",
        f"/stories/?theme={theme.slug}",
        public.url,
        "/search/?q=dentist",
        "/stories/feed/",
        "/sitemap.xml",
        "/api/v2/pages/?type=stories.StoryPage",
    ):
        assert client.get(url).status_code == 200, url
    assert public.title in client.get(public.url).text
    embeddable = embeddable_stories().filter(pk__in=[s.pk for s, _ in campaign.stories]).first()
    if embeddable is not None:
        assert client.get(f"{embeddable.url}embed/").status_code == 200
    hidden = seeded_stories(campaign).exclude(pk__in=visible_stories().values("pk")).first()
    assert client.get(hidden.url).status_code in (302, 404)


def test_references_are_those_wagtail_extracts(campaign):
    for story in seeded_stories(campaign):
        assert set(campaign.references(story)) == set(
            ReferenceIndex._extract_references_from_object(story)
        )
    for image in StoryImage.objects.filter(pk__in=[image.pk for image in campaign.images]):
        assert set(campaign.references(image)) == set(
            ReferenceIndex._extract_references_from_object(image)
        )


def test_each_live_story_has_the_renditions_its_page_uses(campaign):
    for story in seeded_stories(campaign).live().select_related("hero_image"):
        for image, specs in pictures_to_prepare(story):
            made = set(image.renditions.values_list("filter_spec", flat=True))
            assert set(specs) <= made
            for rendition in image.renditions.all():
                assert rendition.file.storage.exists(rendition.file.name)


def test_a_copied_rendition_is_the_one_wagtail_makes(campaign):
    image = StoryImage.objects.filter(
        pk__in=[image.pk for image in campaign.images], renditions__isnull=False
    ).last()
    seeded = image.renditions.order_by("pk").last()
    name, spec = seeded.file.name, seeded.filter_spec
    with seeded.file.open("rb") as file:
        seeded_bytes = file.read()
    facts = (seeded.focal_point_key, seeded.width, seeded.height)
    StoryImage.get_rendition_model().objects.filter(pk=seeded.pk).delete()
    seeded.file.storage.delete(name)
    remade = image.get_rendition(spec)
    with remade.file.open("rb") as file:
        assert file.read() == seeded_bytes
    # Wagtail's storage adds a random suffix to a name already taken.
    assert without_suffix(remade.file.name) == without_suffix(name)
    assert (remade.focal_point_key, remade.width, remade.height) == facts


PAGE_FIELDS_OF_ITS_OWN = {
    "id",
    "page_ptr",
    "path",
    "title",
    "draft_title",
    "slug",
    "url_path",
    "translation_key",
    "latest_revision",
    "live_revision",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
}


def field_values(story):
    return {
        field.name: field.value_from_object(story)
        for field in StoryPage._meta.concrete_fields
        if field.name not in PAGE_FIELDS_OF_ITS_OWN
    }


def test_a_seeded_story_equals_one_published_through_wagtail(campaign):
    seeded = (
        seeded_stories(campaign)
        .live()
        .filter(hero_image__isnull=False)
        .exclude(pk__in=[s.pk for s in StoryPage.objects.filter(storyteller__images__isnull=False)])
        .select_related("storyteller")
        .first()
        or seeded_stories(campaign).live().filter(hero_image__isnull=False).first()
    )
    twin = StoryPage(
        live=False,
        title=seeded.title + " again",
        slug=seeded.slug + "-again",
        owner=seeded.owner,
        summary=seeded.summary,
        storyteller=seeded.storyteller,
        hero_image=seeded.hero_image,
        content_notes=seeded.content_notes,
        body=seeded.body.raw_data,
        for_public=seeded.for_public,
        for_schools=seeded.for_schools,
        for_partners=seeded.for_partners,
    )
    twin.themes = list(seeded.themes.all())
    twin.age_bands = list(seeded.age_bands.all())
    twin.partner_organisations = list(seeded.partner_organisations.all())
    seeded.get_parent().add_child(instance=twin)
    revision = twin.save_revision(user=seeded.owner)
    storyteller_approves(twin)
    revision.publish()
    twin = StoryPage.objects.get(pk=twin.pk)

    assert field_values(twin) == field_values(seeded)
    seeded_content = seeded.live_revision.content
    twin_content = revision.content
    assert seeded_content.keys() == twin_content.keys()
    differing = {key for key in seeded_content if seeded_content[key] != twin_content[key]}
    assert differing <= {"pk", "path", "title", "draft_title", "slug", "url_path"} | {
        "translation_key"
    }
    assert twin.depth == seeded.depth and twin.numchild == seeded.numchild == 0

    def medium(story):
        return sorted(StoryMedium.objects.filter(story=story).values_list("medium", "image_id"))

    assert medium(twin) == medium(seeded)

    def references(story):
        return sorted(
            ReferenceIndex.objects.filter(
                base_content_type__model="page", object_id=str(story.pk)
            ).values_list("content_type_id", "to_content_type_id", "to_object_id", "content_path")
        )

    assert references(twin) == references(seeded)

    def indexed(story):
        return IndexEntry.objects.filter(
            content_type__model="storypage", object_id=str(story.pk)
        ).values_list("body", flat=True)

    assert list(indexed(twin)) == list(indexed(seeded))

    def logged(story):
        return sorted(PageLogEntry.objects.filter(page=story).values_list("action", flat=True))

    assert logged(twin) == logged(seeded)


class Discard(Exception):
    pass


def test_the_same_seed_gives_the_same_campaign():
    def signature():
        try:
            with transaction.atomic():
                campaign = seed(stories=12, storytellers=6)
                result = [
                    (story.title, list(story.body.raw_data), story.storyteller_id, str(story.path))
                    for story, _ in campaign.stories
                ] + [
                    (t.storyteller.reference, t.record.given_on, t.record.ends_on)
                    for t in campaign.tellers
                ]
                raise Discard
        except Discard:
            return result

    assert signature() == signature()
