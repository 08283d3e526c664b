"""The gate's question is compiled to SQL once per process, and answered anew
every time (stories.compiled_questions): what it keeps is how to ask, never
what the answer was."""

import pytest
from django.db.models import Exists, OuterRef

from stories.compiled_questions import compiled
from stories.consent.coverage import ANYONE
from stories.consent.records import ConsentRecord
from stories.consent.withdrawal import withdraw_consent
from stories.factories import (
    ConsentRecordFactory,
    PartnerOrganisationFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
)
from stories.pages import StoryPage
from stories.visibility import gate_allows, stories_for, visible_stories

pytestmark = pytest.mark.django_db

AUDIENCE_SETS = [
    ("public",),
    ("schools",),
    ("partners",),
    ("public", "schools"),
    ("public", "partners"),
    ("schools", "partners"),
    ("public", "schools", "partners"),
]


@pytest.fixture
def mixed_stories():
    """Stories the audiences and partners see differently."""
    school = PartnerOrganisationFactory(name="Harbour Lane (compiled gate)")
    shy = StorytellerFactory(consent__identifiable_photos=False)
    schools_only = StorytellerFactory(consent__for_public=False, consent__for_schools=True)
    anyone = StorytellerFactory(
        consent__for_partners=True, consent__syndication=ConsentRecord.Syndication.ANY
    )
    named = StorytellerFactory(consent=None)
    ConsentRecordFactory(
        storyteller=named, for_partners=True, syndication=ConsentRecord.Syndication.NAMED
    ).syndication_partners.add(school)
    stories = [
        StoryPageFactory(storyteller=shy),
        StoryPageFactory(storyteller=schools_only, for_public=False, for_schools=True),
        StoryPageFactory(storyteller=anyone, for_partners=True),
        StoryPageFactory(storyteller=named, for_partners=True),
        StoryPageFactory(storyteller=StorytellerFactory(), hero_image=StoryImageFactory()),
    ]
    return school, stories


def test_the_compiled_gate_answers_as_the_question_django_builds(mixed_stories):
    school, _ = mixed_stories
    answers = set()
    for audiences in AUDIENCE_SETS:
        for partner in (None, ANYONE, school):
            built = set(stories_for(audiences, syndicated_to=partner).values_list("pk", flat=True))
            compiled_gate = gate_allows(audiences, syndicated_to=partner)
            asked = set(StoryPage.objects.filter(compiled_gate).values_list("pk", flat=True))
            assert asked == built, (audiences, partner)
            answers.add(frozenset(asked))
    assert len(answers) >= 4, "the readers and partners were shown different stories"


def test_the_compiled_gate_works_inside_another_query(mixed_stories):
    one_story = StoryPage.objects.filter(gate_allows(["public"])).filter(pk=OuterRef("pk"))
    inside = StoryPage.objects.filter(Exists(one_story)).values_list("pk", flat=True)
    assert set(inside) == set(visible_stories(None).values_list("pk", flat=True))
    assert set(inside)


def test_the_question_is_compiled_once_and_answered_anew_after_a_withdrawal():
    storyteller = StorytellerFactory()
    story = StoryPageFactory(storyteller=storyteller)
    assert StoryPage.objects.filter(gate_allows(["public"]), pk=story.pk).exists()
    compiled_before = compiled.cache_info().misses

    withdraw_consent(storyteller.reference, "Changed my mind")

    assert not StoryPage.objects.filter(gate_allows(["public"]), pk=story.pk).exists()
    assert not StoryPage.objects.filter(pk=story.pk, live=True).exists()
    assert compiled.cache_info().misses == compiled_before, "the same SQL, a new answer"


def test_a_raw_change_behind_every_signal_is_obeyed_at_once():
    storyteller = StorytellerFactory()
    story = StoryPageFactory(storyteller=storyteller)
    one_story = StoryPage.objects.filter(gate_allows(["public"]), pk=story.pk)
    assert one_story.exists()
    ConsentRecord.objects.filter(storyteller=storyteller).update(for_public=False)
    assert not one_story.exists()
