"""What a storyteller's page shows: their stories, their consent, its history.

Built from their own records only: nothing here reaches another storyteller.
A picture in their story that shows someone else is shown as readers see it,
with nothing about that person. Words are for a reading age of about 11.
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from ..consent.approvals import StorytellerApprovalTask
from ..consent.policy import AUDIENCES, long_date
from ..consent.subjects import pictures_shown
from ..naming import NamingChoice
from ..pages import StoryPage
from ..visibility import embeddable_stories, stories_for
from .links import may_act_for_minor

AUDIENCE_WORDS = {
    "public": "Everyone: anyone on the internet can read it.",
    "schools": "Schools: pupils and teachers at schools we work with, once they sign in.",
    "partners": (
        "Partner organisations: staff of the therapy and wellness groups we work with, "
        "once they sign in."
    ),
}
NAMING_WORDS = {
    NamingChoice.FULL_NAME: "your full name",
    NamingChoice.FIRST_NAME: "your first name only",
    NamingChoice.PSEUDONYM: "a made-up name",
    NamingChoice.ANONYMOUS: "no name at all",
}


AUDIENCE_SHORT = {"public": "everyone", "schools": "schools", "partners": "partner organisations"}


def and_list(words):
    """["a", "b", "c"] as "a, b and c"; nothing as "no one"."""
    if not words:
        return "no one"
    return ", ".join(words[:-1]) + (" and " if len(words) > 1 else "") + words[-1]


def media_words(terms):
    """What consent lets the story show, in plain words."""
    shown = ["your words"]
    if terms.identifiable_photos:
        shown.append("photos that show who you are")
    if terms.voice:
        shown.append("recordings of your voice")
    if terms.video:
        shown.append("videos of you")
    return and_list(shown)


def url_or_none(name, *args):
    """A page of the storyteller's site, if that page exists yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


@dataclass
class StoryView:
    """One of their stories, as it will appear next, and where it goes."""

    story: StoryPage
    shown: StoryPage  # the version readers will see next (the latest)
    status: str
    status_words: str
    waiting_for_them: bool = False
    approve_url: str | None = None
    pictures: list = field(default_factory=list)
    audiences: list = field(default_factory=list)
    read_now_by: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    embeddable: bool = False


def status_of(story):
    """("live" | "waiting" | "checking" | "not_published", plain words, waiting for them)."""
    state = story.current_workflow_state
    task = state.current_task_state.task.specific if state and state.current_task_state else None
    now = "Shared now. " if story.live else ""
    if isinstance(task, StorytellerApprovalTask):
        if story.live:
            words = "Shared now. A changed version is waiting for you to look at it and approve it."
        else:
            words = "Waiting for you to look at it and approve it. Nobody can read it yet."
        return "waiting", words, True
    if state is not None:
        if story.live:
            return "live", now + "Our team is checking a changed version.", False
        return "checking", "Our team is checking it. Nobody can read it yet.", False
    if story.live and story.has_unpublished_changes:
        return "live", now + "A changed version is being prepared.", False
    if story.live:
        return "live", "Shared now.", False
    return "not_published", "Not shared at the moment.", False


def readers_now(story):
    """Which audiences can read the story on the site today (the gate's answer)."""
    return [
        audience for audience in AUDIENCES if stories_for([audience]).filter(pk=story.pk).exists()
    ]


def story_view(story, token):
    shown = story.get_latest_revision_as_object() if story.has_unpublished_changes else story
    status, words, waiting = status_of(story)
    read_now_by = readers_now(story) if story.live else []
    pictures = []
    for image in pictures_shown(shown):
        if all(image.pk != seen.pk for seen in pictures):
            pictures.append(image)
    partners = sorted({partner.name for partner in shown.partner_organisations.all()})
    return StoryView(
        story=story,
        shown=shown,
        status=status,
        status_words=words,
        waiting_for_them=waiting,
        approve_url=url_or_none("storyteller_page_approve", token, story.pk) if waiting else None,
        pictures=[
            {
                "url": reverse("storyteller_page_picture", args=[token, image.pk]),
                "alt": image.default_alt_text,
            }
            for image in pictures
        ],
        audiences=[AUDIENCE_WORDS[a] for a in AUDIENCES if getattr(shown, f"for_{a}")],
        read_now_by=[AUDIENCE_WORDS[a] for a in read_now_by],
        partners=partners,
        embeddable="public" in read_now_by and embeddable_stories().filter(pk=story.pk).exists(),
    )


def reuse_words(record):
    """Which partner organisations may show the story on their own website or app."""
    if record is None or record.syndication == record.Syndication.NONE:
        return "No other organisation may copy your story onto their own website or app.", []
    if record.syndication == record.Syndication.ANY:
        return (
            "Partner organisations that can read your story may also show it on their "
            "own website or app.",
            [],
        )
    names = sorted(partner.name for partner in record.syndication_partners.all())
    return (
        "Only these partner organisations may show your story on their own website or app:",
        names,
    )


def consent_view(record):
    """What their consent in force covers, and until when."""
    if record is None:
        return None
    terms = record.terms()
    today = timezone.localdate()
    words, names = reuse_words(record)
    if terms.withdrawn_on:
        state = f"You took your consent back on {long_date(terms.withdrawn_on)}."
    elif terms.covers_nothing:
        state = "This consent was given without a parent or guardian, so it does not count."
    elif terms.ends_on <= today:
        state = f"Your consent ended on {long_date(terms.ends_on)}."
    elif terms.starts_on > today:
        state = f"Your consent starts on {long_date(terms.starts_on)}."
    else:
        until = long_date(terms.ends_on)
        if terms.ends_because == "turned 18":
            state = f"Your consent lasts until {until}, your 18th birthday."
        else:
            state = f"Your consent lasts until {until}."
    return {
        "state": state,
        "in_force": terms.withdrawn_on is None
        and not terms.covers_nothing
        and terms.starts_on <= today < terms.ends_on,
        "audiences": [AUDIENCE_WORDS[a] for a in AUDIENCES if a in terms.audiences],
        "naming": NAMING_WORDS.get(terms.naming_allowed, terms.naming_allowed),
        "media": media_words(terms),
        "photos": terms.identifiable_photos,
        "reuse": words,
        "reuse_partners": names,
        "ends_on": long_date(terms.ends_on),
    }


def history_of(storyteller):
    """Their consent over time, oldest first, in dates and plain words."""
    records = storyteller.consent_records.select_related("withdrawal", "superseded_by").order_by(
        "captured_at", "pk"
    )
    events = []
    for record in records:
        by = "your parent or guardian" if record.given_by == record.GivenBy.GUARDIAN else "you"
        audiences = and_list([AUDIENCE_SHORT[a] for a in AUDIENCES if getattr(record, f"for_{a}")])
        events.append(
            {
                "on": long_date(record.given_on),
                "words": f"Consent given by {by}, for {audiences}, until "
                f"{long_date(record.compute_end()[0])}.",
            }
        )
        replaced = getattr(record, "superseded_by", None)
        if replaced is not None:
            events.append(
                {
                    "on": long_date(replaced.given_on),
                    "words": "It was replaced by a newer consent.",
                }
            )
        withdrawal = getattr(record, "withdrawal", None)
        if withdrawal is not None:
            events.append(
                {
                    "on": long_date(timezone.localdate(withdrawal.withdrawn_at)),
                    "words": "Consent taken back. The story was taken off the site.",
                }
            )
    return events


def page_of(link, token):
    """Everything the home page shows, for this link's storyteller only."""
    storyteller = link.storyteller
    current = (
        storyteller.consent_records.current()
        .select_related("withdrawal")
        .prefetch_related("syndication_partners")
        .first()
    )
    stories = (
        StoryPage.objects.filter(storyteller=storyteller)
        .select_related("hero_image")
        .order_by("-first_published_at", "title")
    )
    return {
        "link": link,
        "token": token,
        "storyteller": storyteller,
        "guardian": link.holder == link.Holder.GUARDIAN,
        "may_act": may_act_for_minor(link),
        "name_shown": storyteller.shown_name,
        "stories": [story_view(story, token) for story in stories],
        "consent": consent_view(current),
        "history": history_of(storyteller),
        "withdraw_url": url_or_none("storyteller_page_withdraw", token),
        "narrow_url": url_or_none("storyteller_page_narrow", token),
        "consent_url": url_or_none("storyteller_page_consent", token),
    }
