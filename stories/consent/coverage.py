"""Consent's side of the gate: whether the consent in force covers a story, as SQL.

The policy (stories.consent.policy) answers for one story in Python; this is
the same rule asked of every story at once, so that the gate
(stories.visibility) and the expiry sweep ask the database one question. It
reads the subject's columns the interface names (stories.consent.subjects):
its storyteller, `for_<audience>`, its hero picture, and the summary of what
its body shows (stories.shown). Consent is read as it is at that moment.
"""

from functools import lru_cache, reduce
from operator import or_

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, IsNull
from django.utils import timezone

from ..shown import PersonShown
from .policy import NAMING_ORDER
from .records import ConsentRecord
from .subjects import RECORDINGS

ANYONE = "anyone"  # `syndicated_to` for a site we do not know: only consent to reuse by anyone


def consent_covers(audiences, on=None, syndicated_to=None):
    """The gate's condition on a story, apart from its being live and
    unrestricted: meant for one of these audiences and covered for it by
    consent (see `stories_for`). The expiry sweep asks it, audience by
    audience, of every live story at once."""
    if syndicated_to is not None and syndicated_to != ANYONE:
        syndicated_to = syndicated_to.pk
    return condition_for(tuple(audiences), on or timezone.localdate(), syndicated_to)


@lru_cache(maxsize=64)
def condition_for(audiences, day, syndicated_to):
    """`consent_covers`, built once per process for each day, set of audiences
    and partner: building it took longer than PostgreSQL takes to answer it.
    It holds no data, only the question, so every process may keep its own;
    the day in the key retires it at midnight."""
    consent = consent_covering_what_it_shows(day)
    if syndicated_to == ANYONE:
        consent = consent.filter(syndication=ConsentRecord.Syndication.ANY)
    elif syndicated_to is not None:
        consent = consent.filter(
            Q(syndication=ConsentRecord.Syndication.ANY)
            | Q(
                syndication=ConsentRecord.Syndication.NAMED,
                syndication_partners=syndicated_to,
            )
        )
    meant_and_consented = Q(pk__in=[])
    for audience in audiences:
        meant_and_consented |= (
            Q(**{f"for_{audience}": True})
            & Exists(consent.filter(**{f"for_{audience}": True}))
            & ~others_shown_without_consent(audience, day)
        )
    return meant_and_consented


def consent_covering_what_it_shows(day):
    """The storyteller's consent in force on a day (a subquery of the story)
    that allows the name shown and every medium the story shows: its hero,
    read from the page row, and its body, read from its summary
    (stories.shown)."""

    def story_body_does_not_show(need):
        return Q(Exact(OuterRef(f"shows__{need}"), False))

    return (
        ConsentRecord.objects.in_force(day)
        .filter(storyteller=OuterRef("storyteller_id"))
        .filter(
            allows_the_name_shown(),
            Q(identifiable_photos=True)
            | (
                story_body_does_not_show("storyteller_recognisably") & ~hero_shows_the_storyteller()
            ),
            *(Q(**{kind: True}) | story_body_does_not_show(kind) for kind in RECORDINGS),
        )
    )


def hero_shows_the_storyteller():
    """Whether the story's hero (as a condition on a subquery of the story) is
    a recognisable picture of its storyteller, or of no one the library names,
    who counts as the storyteller. False, never unknown, without a hero."""
    hero = "hero_image__"
    return Q(Exact(Coalesce(OuterRef(f"{hero}shows_identifiable_person"), False), True)) & (
        Q(IsNull(OuterRef(f"{hero}storyteller_id"), True))
        | Q(Exact(OuterRef(f"{hero}storyteller_id"), OuterRef("storyteller_id")))
    )


def allows_the_name_shown():
    """The storyteller's naming choice is no more identifying than consent allows
    (consent to a name allows any less identifying one: NAMING_ORDER)."""
    return reduce(
        or_,
        (
            Q(storyteller__naming=naming, naming_allowed__in=NAMING_ORDER[rank:])
            for rank, naming in enumerate(NAMING_ORDER)
        ),
    )


def others_shown_without_consent(audience, day):
    """Whether the story (as a condition on it) shows recognisable photos of
    other storytellers whose own consent on that day does not allow photos for
    this audience: in its hero (read from the page row) or its body (read
    from its summary, stories.shown)."""

    def consent_to_photos_of(person):
        return ConsentRecord.objects.in_force(day).filter(
            storyteller=person, identifiable_photos=True, **{f"for_{audience}": True}
        )

    hero_of_someone_else = (
        Q(hero_image__shows_identifiable_person=True)
        & Q(hero_image__storyteller__isnull=False)
        & ~Q(hero_image__storyteller=F("storyteller"))
    )
    return (
        hero_of_someone_else & ~Exists(consent_to_photos_of(OuterRef("hero_image__storyteller_id")))
    ) | Exists(
        PersonShown.objects.filter(story=OuterRef("pk")).exclude(
            Exists(consent_to_photos_of(OuterRef("storyteller_id")))
        )
    )
