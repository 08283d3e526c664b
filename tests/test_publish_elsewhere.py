"""A publish elsewhere leaves a story's kept parts be; a publish of any story
they show retires them at once.

Editors publish many times a day, and every publish used to retire every
kept page and fragment, so each story was rendered afresh for its next
reader. A story's head, body and related stories are now kept under the
site generation and the publish of every story they show (stories.caching),
so the next reader of an unrelated story costs a few queries; yet a story
shown in them, published again with a new title or for fewer readers, is
shown as it is now on the very next request.
"""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from wagtail.rich_text import RichText

from stories.consent.approvals import record_approval
from stories.factories import StoryPageFactory, StorytellerFactory, ThemeFactory
from stories.pages import StoryPage

# Right after another story's publish a story page asks: the generations, the
# site and the reader's language (Wagtail's routing), the home page, the story
# through the gate, and the publish of the pages it shows.
AFTER_ANOTHER_STORYS_PUBLISH = 6


def republish(story, **changes):
    """Publish the story as edited, approved by its storyteller as review would."""
    story = StoryPage.objects.get(pk=story.pk)
    for field, value in changes.items():
        setattr(story, field, value)
    revision = story.save_revision()
    record_approval(story, revision)
    revision.publish()
    return story


def teacher():
    return get_user_model().objects.get(username="teacher")


def shared_with_schools_too(title, **fields):
    """A public story whose storyteller agreed to share it with schools too."""
    return StoryPageFactory(
        title=title,
        storyteller=StorytellerFactory(consent__for_schools=True),
        for_schools=True,
        **fields,
    )


def in_spanish(story, title):
    """The story translated into Spanish and published."""
    spanish = Locale.objects.get(language_code="es")
    return republish(story.copy_for_translation(spanish, copy_parents=True), title=title)


@pytest.fixture
def lighthouses():
    """A story, a story its related stories show, and one nothing of it shows."""
    theme = ThemeFactory(name="Lighthouses")
    related = shared_with_schools_too("A keeper smiles at last", themes=[theme])
    story = StoryPageFactory(title="A light on the rocks", themes=[theme])
    unrelated = StoryPageFactory(title="Knitting in the waiting room", themes=[ThemeFactory()])
    return story, related, unrelated


def test_a_publish_elsewhere_leaves_a_storys_kept_parts_be(
    client, lighthouses, django_assert_num_queries
):
    story, related, unrelated = lighthouses
    client.get(story.url)
    republish(unrelated, summary="A new summary for an unrelated story.")
    with django_assert_num_queries(AFTER_ANOTHER_STORYS_PUBLISH):
        response = client.get(story.url)
    assert response.status_code == 200
    assert related.title in response.content.decode()


def test_a_related_story_published_with_a_new_title_shows_it_at_once(client, lighthouses):
    story, related, _unrelated = lighthouses
    assert related.title in client.get(story.url).content.decode()

    republish(related, title="The keeper smiles again")

    html = client.get(story.url).content.decode()
    assert "The keeper smiles again" in html
    assert related.title not in html


def test_a_related_story_published_for_schools_only_leaves_the_public_page_at_once(
    client, lighthouses
):
    story, related, _unrelated = lighthouses
    client.force_login(teacher())
    assert related.title in client.get(story.url).content.decode()
    client.logout()
    assert related.title in client.get(story.url).content.decode()

    republish(related, for_public=False)

    public = client.get(story.url).content.decode()
    assert related.title not in public
    assert related.slug not in public
    client.force_login(teacher())
    assert related.title in client.get(story.url).content.decode()


def test_a_story_linked_from_the_body_published_for_schools_only_is_no_longer_named(client):
    linked = shared_with_schools_too("The lighthouse keeper and her daughter")
    story = StoryPageFactory(
        body=[("paragraph", RichText(f'<p>Read <a linktype="page" id="{linked.pk}">hers</a>.</p>'))]
    )
    assert f'href="{linked.url}"' in client.get(story.url).content.decode()

    republish(linked, for_public=False)

    html = client.get(story.url).content.decode()
    assert linked.slug not in html
    assert f'href="/read/{linked.pk}/"' in html


def test_a_storys_own_publish_shows_its_new_words_at_once(client, lighthouses):
    story, _related, _unrelated = lighthouses
    client.get(story.url)

    republish(story, body=[("paragraph", RichText("<p>The light came back on.</p>"))])

    assert "The light came back on." in client.get(story.url).content.decode()


def test_a_new_translation_is_offered_at_once_on_the_original(client):
    story = StoryPageFactory(title="A light on the rocks")
    client.get(story.url)
    translation = in_spanish(story, "Una luz en las rocas")

    html = client.get(story.url).content.decode()
    assert '<link rel="alternate" hreflang="es" href="http://' in html
    assert f'<a href="{translation.url}" lang="es"' in html


def test_a_story_narrowed_in_its_own_language_leaves_the_pages_of_every_other(client):
    """Narrowing the original narrows its translations without publishing them
    (stories.translations), so that change, too, retires the kept parts that
    show a translation."""
    theme = ThemeFactory(name="Faros")
    narrowed = shared_with_schools_too("A keeper for schools", themes=[theme])
    shown_beside = StoryPageFactory(title="A light for everyone", themes=[theme])
    narrowed_es = in_spanish(narrowed, "Un farero para escuelas")
    beside_es = in_spanish(shown_beside, "Una luz para todos")
    assert "Un farero para escuelas" in client.get(beside_es.url).content.decode()

    republish(narrowed, for_public=False)

    assert not StoryPage.objects.get(pk=narrowed_es.pk).for_public
    assert "Un farero para escuelas" not in client.get(beside_es.url).content.decode()


def test_a_related_story_narrowed_through_the_admins_review_leaves_the_public_page_at_once(
    client, lighthouses, editor, reviewer, officer
):
    """The route the admin's own buttons take: the editor's change submitted to
    "Story review", approved by the clinical reviewer, the storyteller and the
    consent officer, whose approval publishes it."""
    from .people import act, storyteller_approves

    story, related, _unrelated = lighthouses
    assert related.title in client.get(story.url).content.decode()
    narrowed = StoryPage.objects.get(pk=related.pk)
    narrowed.for_public = False
    narrowed.save_revision(user=editor)
    narrowed.get_workflow().start(narrowed, editor)
    act(client, reviewer, narrowed, "approve")
    storyteller_approves(narrowed)
    act(client, officer, narrowed, "approve")
    client.logout()

    assert not StoryPage.objects.get(pk=related.pk).for_public
    public = client.get(story.url).content.decode()
    assert related.title not in public
    assert related.slug not in public
