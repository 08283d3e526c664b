"""The expiry sweep: consent ends on its date without anyone pressing a button.

`enforce_consent` takes down every live story whose consent no longer covers
it (expired, a minor turned 18, withdrawn, or narrowed by a newer record),
exactly as withdrawal does, and reminds story owners as consent nears its
end: once each at 60, 30 and 7 days. Serving re-checks consent as well, so a
story whose consent lapses between sweeps is already unreachable.

The sweep finds its work with a fixed number of queries however large the
archive: the stories to take down are those the gate would not show to an
audience they are meant for (or that are meant for none), asked of every
live story at once, and only those are then read one by one for the reason
an editor is told; the records due a reminder are found the same way.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from .audit import LAPSED, REMINDED
from .coverage import consent_covers
from .guard import story_problems
from .policy import AUDIENCES, long_date
from .records import ConsentRecord, ConsentReminder
from .subjects import subject_model
from .takedown import take_down

REMINDER_DAYS = (60, 30, 7)


@dataclass
class SweepReport:
    taken_down: list = field(default_factory=list)  # (story, reason)
    ending_soon: list = field(default_factory=list)  # (record, days left, threshold)
    reminded: list = field(default_factory=list)  # (record, threshold, recipients)
    done: list = field(default_factory=list)


def not_covered(on):
    """Stories consent does not cover on a day, as one condition on the story:
    meant for an audience the gate would not show them to, or meant for none.

    The same answer as a non-empty `story_problems`, in SQL: the gate checks
    the whole rule audience by audience (consent in force, the audience, the
    name shown, every medium, other people's photos), and a story meant for
    no audience is a problem whatever consent says.
    """

    def covered_for(audience):
        # Asked once as a set (NOT IN a subquery), not story by story: negated
        # in place, the gate's subqueries ran once per live story (0.9 s at 10,000).
        return subject_model().objects.filter(consent_covers([audience], on=on)).values("pk")

    meant_for_none = Q(**{f"for_{audience}": False for audience in AUDIENCES})
    return reduce(
        or_,
        (
            Q(**{f"for_{audience}": True}) & ~Q(pk__in=covered_for(audience))
            for audience in AUDIENCES
        ),
        meant_for_none,
    )


def lapsed_stories(on, stories=None):
    """Live stories consent does not cover on that day, with the first reason.

    One query finds them; only they are read one by one for the reason.
    """
    stories = subject_model().objects.all() if stories is None else stories
    lapsed = []
    found = stories.live().filter(not_covered(on)).select_related("storyteller", "hero_image")
    for story in found:
        problems = story_problems(story, on)
        if problems:
            lapsed.append((story, problems[0]))
    return lapsed


def take_down_lapsed(lapsed, user=None, reason_words="consent that no longer covers them"):
    """Take down (story, reason) pairs, one transaction per storyteller."""
    done = []
    by_storyteller = defaultdict(list)
    for story, reason in lapsed:
        by_storyteller[story.storyteller].append((story, reason))
    for storyteller, stories in by_storyteller.items():
        with transaction.atomic():
            reason = stories[0][1]
            record = storyteller.consent_records.current().first()
            done += take_down(
                storyteller,
                reason,
                user=user,
                record=record,
                stories=[story for story, _ in stories],
                reason_words=reason_words,
            )
            log(instance=storyteller, action=LAPSED, user=user, data={"reason": reason})
    return done


def recheck(stories, user=None):
    """Take down whichever of these live stories consent no longer covers today."""
    return take_down_lapsed(lapsed_stories(timezone.localdate(), stories), user=user)


def threshold_for(days_left):
    passed = [days for days in REMINDER_DAYS if days_left <= days]
    return min(passed) if passed else None


def threshold_reached(on):
    """`threshold_for` in SQL, for a record's end: the smallest threshold it is within."""
    return Case(
        *(
            When(ends_on__lte=on + timezone.timedelta(days=days), then=Value(days))
            for days in sorted(REMINDER_DAYS)
        ),
        default=None,
        output_field=IntegerField(),
    )


def in_force_ending_soon(on):
    """Records in force on a day that end within the first reminder's reach
    (60 days): the sweep's reminders, the dashboard and the admin's filter."""
    horizon = on + timezone.timedelta(days=max(REMINDER_DAYS))
    return ConsentRecord.objects.in_force(on).filter(ends_on__lte=horizon)


def ending_soon_records(on):
    """Records in force that end within 60 days, each with the threshold it has
    reached and whether that threshold's reminder was sent: one query."""
    sent = ConsentReminder.objects.filter(record=OuterRef("pk"), days=OuterRef("threshold"))
    return (
        in_force_ending_soon(on)
        .annotate(threshold=threshold_reached(on))
        .annotate(reminded=Exists(sent))
    )


def ending_soon(on):
    """Records in force that end within 60 days, with days left and threshold."""
    soon = []
    for record in ending_soon_records(on).select_related("storyteller"):
        days_left = (record.ends_on - on).days
        soon.append((record, days_left, threshold_for(days_left)))
    return soon


def live_stories_of_storytellers_due_a_reminder(on):
    """The live stories, with their owners, of storytellers whose consent has
    reached a threshold not yet announced: {storyteller id: [story, ...]}, one query."""
    due = ending_soon_records(on).filter(reminded=False).values("storyteller_id")
    stories = defaultdict(list)
    for story in subject_model().objects.live().filter(storyteller__in=due).select_related("owner"):
        stories[story.storyteller_id].append(story)
    return stories


def edit_link(story):
    """The story's page in the admin, at the site's one address (SITE_URL)."""
    return settings.SITE_URL + reverse("wagtailadmin_pages:edit", args=[story.pk])


def remind(record, days_left, threshold, stories=None):
    """E-mail the owners of the storyteller's live stories, once per threshold.

    `stories` are those live stories when the caller has them already.
    """
    if stories is None:
        stories = (
            subject_model()
            .objects.live()
            .filter(storyteller=record.storyteller)
            .select_related("owner")
        )
    owners = sorted({story.owner.email for story in stories if story.owner and story.owner.email})
    _reminder, created = ConsentReminder.objects.get_or_create(record=record, days=threshold)
    if not created:
        return None
    if owners:
        titles = "\n".join(f"  - {story.title}\n    {edit_link(story)}" for story in stories)
        send_mail(
            subject=f"Consent for {record.storyteller.reference} ends in {days_left} days",
            message=(
                f"Consent for storyteller {record.storyteller.reference} ends on "
                f"{long_date(record.ends_on)}. These stories will be taken down then "
                f"unless the consent officer records renewed consent:\n\n{titles}\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=owners,
        )
    log(instance=record.storyteller, action=REMINDED, data={"days": threshold, "to": owners})
    return owners


def enforce_consent(on=None, dry_run=False):
    """Run the sweep for a day (today). With dry_run, report and change nothing.

    Finding the work takes a fixed number of queries; each story taken down
    and each reminder sent then costs its own.
    """
    on = on or timezone.localdate()
    report = SweepReport()
    report.taken_down = lapsed_stories(on)
    report.ending_soon = ending_soon(on)
    if dry_run:
        return report

    report.done += take_down_lapsed(report.taken_down)
    # After the take-downs: a reminder lists the stories still live.
    stories_of = live_stories_of_storytellers_due_a_reminder(on)
    for record, days_left, threshold in report.ending_soon:
        if record.reminded:
            continue
        owners = remind(record, days_left, threshold, stories_of[record.storyteller_id])
        if owners is not None:
            report.reminded.append((record, threshold, owners))
    return report
