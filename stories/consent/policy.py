"""The consent policy: does the consent in force cover what a story shows?

Pure logic on plain values, so it can be reasoned about and tested without a
database, a request or a page. Pages and the publish guard describe a story
as `StoryNeeds` and a consent record as `ConsentTerms`, then ask here.
"""

from dataclasses import dataclass, field
from datetime import date

from ..audiences import Audience
from ..naming import NamingChoice

AUDIENCES = tuple(Audience)
AUDIENCE_LABELS = dict(Audience.choices)

# From least to most identifying: consent to a name allows any less identifying one.
NAMING_ORDER = [
    NamingChoice.ANONYMOUS,
    NamingChoice.PSEUDONYM,
    NamingChoice.FIRST_NAME,
    NamingChoice.FULL_NAME,
]
NAMING_LABELS = {
    NamingChoice.ANONYMOUS: "anonymous",
    NamingChoice.PSEUDONYM: "a pseudonym",
    NamingChoice.FIRST_NAME: "the first name",
    NamingChoice.FULL_NAME: "the full name",
}


def audiences_of(obj):
    """The audiences ticked on a story or a consent record (for_public, …)."""
    return frozenset(audience for audience in AUDIENCES if getattr(obj, f"for_{audience}"))


def long_date(day):
    return f"{day.day} {day:%B %Y}"


ADULT_AGE = 18


def add_years(day, years):
    """The same day `years` later; 29 February becomes 28 February in other years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def eighteenth_birthday(date_of_birth):
    return add_years(date_of_birth, ADULT_AGE) if date_of_birth else None


def is_minor(date_of_birth, day):
    """Under 18 on that day (False when the date of birth is not known)."""
    return date_of_birth is not None and day < eighteenth_birthday(date_of_birth)


def age_on(date_of_birth, day):
    """Whole years of age on a day, birthdays counted as `add_years` counts them."""
    years = day.year - date_of_birth.year
    return years - 1 if add_years(date_of_birth, years) > day else years


def given_alone_as_a_minor(given_by_guardian, date_of_birth, given_on):
    """The storyteller's age when they consented themselves under 18, else None.

    Only a parent or guardian can consent for a minor: a consent the minor
    gave alone covers nothing, however it was recorded, and whenever their
    date of birth came to be known.
    """
    if given_by_guardian or date_of_birth is None or given_on >= eighteenth_birthday(date_of_birth):
        return None
    return age_on(date_of_birth, given_on)


@dataclass(frozen=True)
class ConsentTerms:
    """What one consent record allows, and when."""

    reference: str
    audiences: frozenset
    naming_allowed: str
    identifiable_photos: bool
    voice: bool
    video: bool
    starts_on: date
    ends_on: date  # the first day it no longer holds
    ends_because: str = "expired"  # or "turned 18"
    withdrawn_on: date | None = None
    given_alone_at_age: int | None = None  # a minor consented without a guardian

    @property
    def covers_nothing(self):
        return self.given_alone_at_age is not None

    def media_words(self):
        allowed = ["words"]
        if self.identifiable_photos:
            allowed.append("identifiable photos")
        if self.voice:
            allowed.append("voice")
        if self.video:
            allowed.append("video")
        return ", ".join(allowed[:-1]) + (" and " if len(allowed) > 1 else "") + allowed[-1]


@dataclass(frozen=True)
class StoryNeeds:
    """What a story shows, as far as consent is concerned."""

    reference: str
    audiences: frozenset
    naming: str
    identifiable_photos: tuple = field(default_factory=tuple)  # titles of photos
    voice: bool = False
    video: bool = False


def in_force(terms, on):
    """Whether a consent holds on a day (withdrawal, start and end considered)."""
    return (
        terms is not None
        and terms.withdrawn_on is None
        and not terms.covers_nothing
        and terms.starts_on <= on < terms.ends_on
    )


def lapse_problem(terms, on):
    """Why a consent does not hold on a day, in an editor's words, or None."""
    if terms is None:
        return None
    if terms.withdrawn_on is not None:
        return f"Consent was withdrawn on {long_date(terms.withdrawn_on)}."
    if terms.covers_nothing:
        return (
            f"Consent was given by the storyteller alone at {terms.given_alone_at_age}: "
            "under 18, only a parent or guardian can consent, so it covers nothing."
        )
    if on < terms.starts_on:
        return f"Consent only begins on {long_date(terms.starts_on)}."
    if on >= terms.ends_on:
        if terms.ends_because == "turned 18":
            return (
                f"Consent given by a guardian ended on {long_date(terms.ends_on)}, "
                "the storyteller's 18th birthday; they must renew it themselves."
            )
        return f"Consent expired on {long_date(terms.ends_on)}."
    return None


def consent_problems(needs, terms, on):
    """Every reason the consent does not cover the story on that day.

    An empty list means the story may be published and read.
    """
    if terms is None:
        return [f"No consent is recorded for storyteller {needs.reference}."]
    lapsed = lapse_problem(terms, on)
    if lapsed:
        return [lapsed]

    problems = []
    if not needs.audiences:
        problems.append("Choose at least one audience for the story.")
    for audience in AUDIENCES:
        if audience in needs.audiences and audience not in terms.audiences:
            problems.append(f"Consent does not cover {AUDIENCE_LABELS[audience]}.")
    if NAMING_ORDER.index(needs.naming) > NAMING_ORDER.index(terms.naming_allowed):
        problems.append(
            f"The story shows {NAMING_LABELS[needs.naming]}; consent allows "
            f"{NAMING_LABELS[terms.naming_allowed]} at most."
        )
    if not terms.identifiable_photos:
        for title in needs.identifiable_photos:
            problems.append(
                f"Photo ‘{title}’ shows a recognisable person; "
                f"consent covers {terms.media_words()} only."
            )
    if needs.voice and not terms.voice:
        problems.append(
            f"The story includes a voice recording; consent covers {terms.media_words()} only."
        )
    if needs.video and not terms.video:
        problems.append(f"The story includes a video; consent covers {terms.media_words()} only.")
    return problems


def shown_person_problems(photo_titles, reference, audiences, terms, on):
    """Why photos of another storyteller may not appear in a story on that day.

    The person a photo shows consents for themselves: their own consent must
    hold, allow photos that show them, and cover every audience of the story.
    """
    quoted = ", ".join(f"‘{title}’" for title in photo_titles)
    shows = (
        f"Photo {quoted} shows" if len(photo_titles) == 1 else f"Photos {quoted} show"
    ) + f" storyteller {reference}"
    if terms is None:
        return [f"{shows}, who has no consent recorded."]
    lapsed = lapse_problem(terms, on)
    if lapsed:
        return [f"{shows}: {lapsed}"]
    problems = []
    if not terms.identifiable_photos:
        problems.append(f"{shows}, whose consent does not cover photos that show them.")
    for audience in AUDIENCES:
        if audience in audiences and audience not in terms.audiences:
            problems.append(f"{shows}, whose consent does not cover {AUDIENCE_LABELS[audience]}.")
    return problems
