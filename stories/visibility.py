"""The one gate: which stories a reader may see, now.

Every listing, the search, the feed, the sitemap, the API, the home page's
featured stories, related stories, the story page itself and the pictures and
documents in stories ask this module and nothing else. A story is visible
when it is live, neither it nor an ancestor carries a Wagtail view
restriction, and for at least one audience the reader belongs to, the story
is meant for that audience and the storyteller's consent in force today
covers it, the name shown and every medium the story's live content shows
(recognisable photos, voice, video), while everyone else its photos show
consents for themselves to photos for that audience.

This is the law, whatever published the story: the publish guard
(stories.consent.guard) is a courtesy that tells editors in time. The gate
reads a live story's hero from the page row, joined with the picture's flags
as they are now, and what its body shows from a summary (stories.shown) of
the record the body leaves when saved (stories.shown.StoryMedium) and of each
picture's flags, rewritten whenever one of them changes, never from a draft.
Consent it reads as it is at that moment.

Everyone is the public; a signed-in member of a school adds "schools", of a
therapy group or wellness organisation "partners" (see stories.readers).
An organisation's API token sees, of those, only the stories whose consent
allows syndication to that organisation. Another site may frame a story
(`stories.embedding`) only if it is for the public and its consent lets
anyone reuse it.
"""

from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.shortcuts import resolve_url
from django.utils import timezone
from wagtail.models import PageViewRestriction

from .audiences import MEMBER_AUDIENCES, Audience
from .compiled_questions import AskedOfEachRow
from .consent.coverage import ANYONE, condition_for
from .consent.subjects import subject_model
from .readers.membership import organisation_of, reader_audiences


def restricted_here():
    """A view restriction on the page or one of its ancestors (paths are prefixes).

    One subquery, where Wagtail's `.public()` first loads every restriction.
    """
    return PageViewRestriction.objects.annotate(path_length=Length("page__path")).filter(
        page__path=Substr(OuterRef("path"), 1, F("path_length"))
    )


def visible_stories(user=None, on=None, syndication=False):
    """Stories this reader may see on a day (today), as a StoryPage queryset.

    With `syndication`, only those the reader's organisation may republish
    (for its API token): none for the public.
    """
    organisation = organisation_of(user) if syndication else None
    if syndication and organisation is None:
        return subject_model().objects.none()
    return stories_for(reader_audiences(user), on=on, syndicated_to=organisation)


def stories_for(audiences, on=None, syndicated_to=None):
    """The gate's query: live, unrestricted stories meant for one of these
    audiences, whose storyteller's consent in force covers that audience, the
    name shown and every medium the story's live content shows, and whose
    photos of other storytellers are covered by their own consent for it."""
    return the_gates_question(*question_key(audiences, on, syndicated_to))


def gate_allows(audiences, on=None, syndicated_to=None, story=None):
    """`stories_for` as a condition on one story (the row at hand, or `story`,
    an expression naming it), for queries about a story or a few: its question
    is compiled to SQL once per process (stories.compiled_questions) and
    answered from the data of the moment. Listings and anything asked of many
    stories ask `stories_for`: PostgreSQL plans the compiled condition over
    hundreds of rows badly (500 search matches took 17 s, against 90 ms)."""
    return AskedOfEachRow(the_gates_question, question_key(audiences, on, syndicated_to), story)


def reader_may_see(user=None, syndication=False):
    """`visible_stories(user, syndication)` as a condition on the story at hand
    (`gate_allows`), for a listing that walks its rows in order and stops at a
    page's end: as `pk IN (visible stories)` the database worked out every
    story the reader may see first, whatever the page."""
    organisation = organisation_of(user) if syndication else None
    if syndication and organisation is None:
        return Q(pk__in=[])
    return gate_allows(reader_audiences(user), syndicated_to=organisation)


def question_key(audiences, on, syndicated_to):
    if syndicated_to is not None and syndicated_to != ANYONE:
        syndicated_to = syndicated_to.pk
    return tuple(audiences), on or timezone.localdate(), syndicated_to


def the_gates_question(audiences, day, syndicated_to):
    """`stories_for`, for a key of `question_key`: a new queryset each time,
    cloned from the one built once per process for the key (`question_built`)."""
    return question_built(audiences, day, syndicated_to).all()


@lru_cache(maxsize=64)
def question_built(audiences, day, syndicated_to):
    """The gate's queryset as Django builds it (16 ms): never evaluated itself,
    only cloned, so it holds the question and no answer."""
    return (
        subject_model()
        .objects.live()
        .filter(shows__isnull=False)  # a story not summed up reaches no one
        .exclude(Exists(restricted_here()))
        .filter(condition_for(audiences, day, syndicated_to))
    )


def embeddable_stories(on=None):
    """Stories any other site may show in a frame: an embed is read by anyone
    there, and republishes the story beyond the campaign's own pages."""
    return stories_for((Audience.PUBLIC,), on=on, syndicated_to=ANYONE)


def is_story_visible(story, user=None):
    """Whether this one story may be shown to this reader now."""
    answer = getattr(story, "gate_answer", None)
    if answer is not None and answer.user is user:
        return answer.visible
    return one_story_allowed(story, reader_audiences(user))


class GateAnswer:
    """The gate's answers about one story for one reader, asked in the query
    that loads the story to serve it (see `asked_when_loaded`)."""

    def __init__(self, user, visible, embeddable, restricted):
        self.user = user
        self.visible = visible
        self.embeddable = embeddable
        self.restricted = restricted


def asked_when_loaded(stories, user):
    """Stories loaded together with the gate's answers for this reader: whether
    they may see each one, whether other sites may frame it, and whether a view
    restriction covers it. Saves three queries each time a story is served."""
    return stories.annotate(
        gate_visible=gate_allows(reader_audiences(user)),
        gate_embeddable=gate_allows((Audience.PUBLIC,), syndicated_to=ANYONE),
        gate_restricted=Exists(restricted_here()),
    )


def remember_answers(story, user):
    """Keep the answers `asked_when_loaded` brought with the story."""
    story.gate_answer = GateAnswer(
        user, story.gate_visible, story.gate_embeddable, story.gate_restricted
    )
    return story


def refusal_for(story, request):
    """None if this reader may see the story now; else what they get instead:
    the sign-in page when signing in could help, otherwise a 404 that never
    names the story.

    The sign-in page is told who could read the story (`shared_with`: the
    member audiences the gate lets in, such as "schools" or
    "schools-partners"), so it can say why it asks, never which story."""
    if is_story_visible(story, request.user):
        return None
    if not request.user.is_authenticated and is_for_members(story):
        shared_with = "-".join(a for a in MEMBER_AUDIENCES if one_story_allowed(story, (a,)))
        sign_in = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'shared_with': shared_with})}"
        return redirect_to_login(request.get_full_path(), sign_in)
    raise Http404("This story is not available.")


def is_for_members(story):
    """Whether a signed-in member of some organisation could see this story now.

    Decides what a signed-out visitor gets for a story they may not see: the
    sign-in page if signing in could help, else the same 404 as for no story.
    """
    return one_story_allowed(story, MEMBER_AUDIENCES)


def one_story_allowed(story, audiences):
    """Whether the gate lets these audiences see this one story now."""
    return subject_model().objects.filter(gate_allows(audiences), pk=story.pk).exists()
