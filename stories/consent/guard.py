"""The publish guard: no story goes live without consent that covers it.

Every way of publishing a story reaches `refuse_unconsented_publish`:

- `ConsentGuardedPublishAction` replaces Wagtail's page publish action in the
  action registry (the v3 API asks the registry) and is what
  `StoryPage.publish()` runs, so `revision.publish()` (shell, bulk publish,
  the create view, workflows, scheduled publishing) is guarded.
- The admin's edit view builds Wagtail's action itself; the
  `before_publish_page` hook (wagtail_hooks) asks the guard first and sends
  the editor back to the kept draft with the reasons.
- `StoryPage.save()` is the last line: a save that would put an unconsented
  revision live is refused whatever called it (copy with publish, included).
  It checks and saves in one transaction that holds the storytellers' rows
  (`consent_held_still`), so a withdrawal committing meanwhile is seen.

Publishing needs two things (`publish_problems`): consent that covers the
story (`story_problems`), and the storyteller's approval of exactly what
this version shows (approvals.py). `story_problems` alone is consent: what
the expiry sweep, the submission check and reports ask of a story, so a
story already live before its storyteller could approve stays live (the
gate, which asks consent only, is unchanged); only a new publish needs the
approval. A live copy is a new story whose words can part from the
original's: the storyteller approved the original, not a second story, so a
copy is published only after their own approval (`refuse_unapproved_copy`).
An alias shows the original and changes only with it, so the original's
approval holds for it.
"""

from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.log_actions import log
from wagtail.models import ReferenceIndex

from .approvals import COPY_NOT_APPROVED, WAITING, StorytellerApprovalTask, approval_problems
from .audit import PUBLISH_REFUSED
from .policy import StoryNeeds, consent_problems, in_force, long_date, shown_person_problems
from .records import current_record
from .subjects import RECORDINGS, is_subject, pictures_shown, subject_model


class ConsentRefused(ValidationError):
    """Publishing was refused because consent does not cover the story."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(self.problems)


def shows_someone_else(image, page):
    """An identifiable photo of a storyteller other than the story's own."""
    return (
        image.shows_identifiable_person
        and image.storyteller_id is not None
        and image.storyteller_id != page.storyteller_id
    )


def photos_of_others(page):
    """Identifiable photos of other storytellers in the story: {storyteller: titles}."""
    shown = {}
    for image in pictures_shown(page):
        if shows_someone_else(image, page):
            shown.setdefault(image.storyteller, {})[image.title] = None
    return {storyteller: tuple(titles) for storyteller, titles in shown.items()}


def story_needs(page):
    """What a story (live, draft or revision) shows, as the policy sees it.

    Identifiable photos count against the storyteller's own consent unless the
    library names someone else as the person shown (see `photos_of_others`).
    """
    recorded = {medium for medium, _item in page.consent_media() if medium in RECORDINGS}
    return needs_of(page, pictures_shown(page), recorded)


def needs_of(page, pictures, recorded):
    """StoryNeeds from the pictures a story shows and the kinds of recording in it."""
    photos = tuple(
        dict.fromkeys(
            picture.title
            for picture in pictures
            if picture.shows_identifiable_person and not shows_someone_else(picture, page)
        )
    )
    return StoryNeeds(
        reference=page.storyteller.reference,
        audiences=page.audiences,
        naming=page.storyteller.naming,
        identifiable_photos=photos,
        **{kind: kind in recorded for kind in RECORDINGS},
    )


def current_terms(storyteller):
    record = current_record(storyteller, "storyteller")
    return record.terms() if record else None


def publish_day(page, at=None):
    """The day a publish takes effect: now, or the scheduled go-live day."""
    at = at or timezone.now()
    if page.go_live_at and page.go_live_at > at:
        return timezone.localdate(page.go_live_at)
    return timezone.localdate(at)


def story_problems(page, on=None):
    """Why consent does not cover this story on a day: the storyteller's own,
    and that of anyone else its photos show.

    By default the day is the one the story would go live (`publish_day`):
    today, or its scheduled go-live day. A story scheduled past the end of its
    consent is told so in those words, not as a consent that "expired".
    """
    on = on or publish_day(page)
    terms = current_terms(page.storyteller)
    problems = consent_problems(story_needs(page), terms, on)
    late = goes_live_after_consent_ends(terms, on)
    if late:
        problems = [late]
    for storyteller, titles in photos_of_others(page).items():
        theirs = current_terms(storyteller)
        late = goes_live_after_consent_ends(theirs, on)
        if late:
            quoted = ", ".join(f"‘{title}’" for title in titles)
            problems.append(f"Photo {quoted} shows storyteller {storyteller.reference}: {late}")
            continue
        problems += shown_person_problems(titles, storyteller.reference, page.audiences, theirs, on)
    return problems


def goes_live_after_consent_ends(terms, on):
    """The problem of a story scheduled to go live on a future day its
    consent, in force today, no longer covers; else None."""
    today = timezone.localdate()
    if on <= today or not in_force(terms, today) or on < terms.ends_on:
        return None
    return (
        f"The story goes live on {long_date(on)}, after consent ends on {long_date(terms.ends_on)}."
    )


def covered_until(page, on=None):
    """(first day, end day) consent covers the story from the day it would go
    live; None when it does not cover it then. Consent holds every day between,
    so the end is the first day the consent of the storyteller, or of anyone
    its photos show, no longer holds (expiry, or an 18th birthday)."""
    on = on or publish_day(page)
    if story_problems(page, on):
        return None
    everyone = [page.storyteller, *photos_of_others(page)]
    return on, min(current_terms(storyteller).ends_on for storyteller in everyone)


def stories_showing_photos_of(storyteller):
    """Live stories of other storytellers whose pictures show this one."""
    from ..images import StoryImage

    page_ids = set()
    for image in StoryImage.objects.filter(storyteller=storyteller, shows_identifiable_person=True):
        page_ids |= {
            int(reference.object_id)
            for reference in ReferenceIndex.get_references_to(image)
            if reference.base_content_type.model == "page"
        }
    stories = subject_model().objects.live()
    return stories.filter(pk__in=page_ids).exclude(storyteller=storyteller)


def publish_problems(page, on=None):
    """Why this version of the story may not be published: consent's problems,
    and the storyteller's approval of what it shows, when missing."""
    return story_problems(page, on or publish_day(page)) + approval_problems(page)


def refuse_unconsented_publish(page, user=None):
    """Raise ConsentRefused, and record the refusal, if the story may not go live."""
    if not is_subject(page):
        return
    problems = publish_problems(page)
    if problems:
        record_refusal(page, problems, user)
        raise ConsentRefused(problems)


def refuse_unapproved_copy(page, user=None):
    """A live copy of a story is refused: it is a new story the storyteller
    has not approved, whatever the original's approval."""
    if not is_subject(page):
        return
    refuse_unconsented_publish(page, user)
    record_refusal(page, [COPY_NOT_APPROVED], user)
    raise ConsentRefused([COPY_NOT_APPROVED])


@contextmanager
def consent_held_still(page):
    """A transaction in which the consent of everyone a story shows stays as it is.

    The rows of the story's storyteller and of anyone its photos show are
    locked (in one order, so two publishes never wait on each other) until
    it commits: a withdrawal, which locks its storyteller's row first, waits
    for a publish checked and saved inside, and a publish checked inside
    sees a withdrawal that committed while it waited. Checked outside, a
    publish could go live just after a withdrawal took the storyteller's
    stories down, on consent that no longer existed. (SQLite takes the
    whole database's write lock when the transaction begins.)
    """
    from ..storytellers import Storyteller

    shown = {page.storyteller_id} | {
        image.storyteller_id
        for image in pictures_shown(page)
        if image.shows_identifiable_person and image.storyteller_id is not None
    }
    with transaction.atomic():
        list(Storyteller.objects.select_for_update().filter(pk__in=shown).order_by("pk"))
        yield


def record_refusal(page, problems, user=None):
    """Write a refused publish to the audit log (the editors' dashboard reads it)."""
    log(instance=page, action=PUBLISH_REFUSED, user=user, data={"problems": problems})


class ConsentGuardedPublishAction(PublishPageRevisionAction):
    """Wagtail's page publish action, refusing stories that consent does not cover."""

    def check(self, skip_permission_checks=False):
        super().check(skip_permission_checks=skip_permission_checks)
        refuse_unconsented_publish(self.object, user=self.user)


def consent_in_a_word(story, record):
    """What a listing says of a story's consent: "Covered", or why it is blocked.

    For rows fetched together: `record` is the storyteller's current consent
    record (or None), fetched with its withdrawal and storyteller; the story's
    pictures are read from its hero image and its recorded media (`media_shown`,
    fetched with their images), so nothing here asks the database. Photos of
    other storytellers are judged in the story's consent panel, not here.
    """
    pictures = [story.hero_image] if story.hero_image_id else []
    recorded = set()
    for shown in story.media_shown.all():
        if shown.image_id is not None:
            pictures.append(shown.image)
        elif shown.medium in RECORDINGS:
            recorded.add(shown.medium)
    needs = needs_of(story, pictures, recorded)
    terms = record.terms() if record is not None else None
    on = publish_day(story)
    problems = consent_problems(needs, terms, on)
    late = goes_live_after_consent_ends(terms, on)
    word = " ".join([late] if late else problems) or "Covered"
    if word == "Covered" and waits_for_storyteller(story):
        return f"Covered. {WAITING}."
    return word


def waits_for_storyteller(story):
    """Whether the story's review waits for its storyteller, read from the
    workflow states a listing prefetches (Wagtail's `prefetch_workflow_states`);
    without them, asks nothing and says no."""
    states = getattr(story, "_current_workflow_states", None)
    if not states:
        return False
    waiting = ContentType.objects.get_for_model(StorytellerApprovalTask).pk
    return any(
        state.current_task_state is not None
        and state.current_task_state.status == state.current_task_state.STATUS_IN_PROGRESS
        and state.current_task_state.task.content_type_id == waiting
        for state in states
    )
