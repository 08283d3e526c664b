"""The one gate: which stories a reader may see, now.

Every listing, the search, the feed, the sitemap, the API, the home page's
featured stories, related stories, the story page itself and the pictures in
stories ask this module and nothing else. A story is visible when it is
live, neither it nor an ancestor carries a Wagtail view restriction, and for
at least one audience the reader belongs to, the story is meant for that
audience and its storyteller's consent in force today covers it. (What else
a story shows — name, photos, recordings — was checked when it was
published, and stories are taken down when consent narrows, lapses or is
withdrawn.)

Everyone is the public; a signed-in member of a school adds "schools", of a
therapy group or wellness organisation "partners" (see stories.readers).
An organisation's API token sees, of those, only the stories whose consent
allows syndication to that organisation. Another site may frame a story
(`stories.embedding`) only if it is for the public and its consent lets
anyone reuse it.
"""

from django.contrib.auth.views import redirect_to_login
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils import timezone
from wagtail.models import PageViewRestriction

from .consent.policy import AUDIENCES
from .readers.membership import organisation_of, reader_audiences

MEMBER_AUDIENCES = AUDIENCES[1:]  # schools, partners
ANYONE = "anyone"  # `syndicated_to` for a site we do not know: only consent to reuse by anyone


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
        from .pages import StoryPage

        return StoryPage.objects.none()
    return stories_for(reader_audiences(user), on=on, syndicated_to=organisation)


def stories_for(audiences, on=None, syndicated_to=None):
    """The gate's query: live, unrestricted stories meant for one of these
    audiences whose consent in force covers that audience."""
    from .consent.records import ConsentRecord
    from .pages import StoryPage

    consent = ConsentRecord.objects.in_force(on or timezone.localdate()).filter(
        storyteller=OuterRef("storyteller_id")
    )
    if syndicated_to == ANYONE:
        consent = consent.filter(syndication=ConsentRecord.Syndication.ANY)
    elif syndicated_to is not None:
        consent = consent.filter(
            Q(syndication=ConsentRecord.Syndication.ANY)
            | Q(syndication=ConsentRecord.Syndication.NAMED, syndication_partners=syndicated_to)
        )
    meant_and_consented = Q(pk__in=[])
    for audience in audiences:
        meant_and_consented |= Q(**{f"for_{audience}": True}) & Exists(
            consent.filter(**{f"for_{audience}": True})
        )
    return StoryPage.objects.live().exclude(Exists(restricted_here())).filter(meant_and_consented)


def embeddable_stories(on=None):
    """Stories any other site may show in a frame: an embed is read by anyone
    there, and republishes the story beyond the campaign's own pages."""
    return stories_for(AUDIENCES[:1], on=on, syndicated_to=ANYONE)


def audience_key(user=None):
    """The audiences a reader belongs to, as a short key for caches."""
    return "+".join(reader_audiences(user))


def is_story_visible(story, user=None):
    """Whether this one story may be shown to this reader now."""
    return visible_stories(user).filter(pk=story.pk).exists()


def refusal_for(story, request):
    """None if this reader may see the story now; else what they get instead:
    the sign-in page when signing in could help, otherwise a 404 that never
    names the story."""
    if is_story_visible(story, request.user):
        return None
    if not request.user.is_authenticated and is_for_members(story):
        return redirect_to_login(request.get_full_path())
    raise Http404("This story is not available.")


def is_for_members(story):
    """Whether a signed-in member of some organisation could see this story now.

    Decides what a signed-out visitor gets for a story they may not see: the
    sign-in page if signing in could help, else the same 404 as for no story.
    """
    return stories_for(MEMBER_AUDIENCES).filter(pk=story.pk).exists()
