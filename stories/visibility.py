"""The one gate: which stories a reader may see, now.

Every listing, the search, the feed, the sitemap, the home page's featured
stories, related stories and the story page itself ask this module and
nothing else. A story is visible when it is live, neither it nor an ancestor
carries a Wagtail view restriction, it is meant for the reader's audience,
and its storyteller's consent in force today covers that audience. (What
else a story shows — name, photos, recordings — was checked when it was
published, and stories are taken down when consent narrows, lapses or is
withdrawn.)

Until readers can sign in as members of schools and partner organisations,
every reader is the public.
"""

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.models import PageViewRestriction


def restricted_here():
    """A view restriction on the page or one of its ancestors (paths are prefixes).

    One subquery, where Wagtail's `.public()` first loads every restriction.
    """
    return PageViewRestriction.objects.annotate(path_length=Length("page__path")).filter(
        page__path=Substr(OuterRef("path"), 1, F("path_length"))
    )


def visible_stories(user=None, on=None):
    """Stories this reader may see on a day (today), as a StoryPage queryset."""
    from .consent.records import ConsentRecord
    from .pages import StoryPage

    consent_covers_public = ConsentRecord.objects.in_force(on or timezone.localdate()).filter(
        storyteller=OuterRef("storyteller_id"), for_public=True
    )
    return (
        StoryPage.objects.live()
        .filter(for_public=True)
        .exclude(Exists(restricted_here()))
        .filter(Exists(consent_covers_public))
    )


def audience_key(user=None):
    """The audiences a reader belongs to, as a short key for caches."""
    return "public"


def is_story_visible(story, user=None):
    """Whether this one story may be shown to this reader now."""
    return visible_stories(user).filter(pk=story.pk).exists()
