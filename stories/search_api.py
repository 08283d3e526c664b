"""The API's `?search=`, ranked as the search page ranks, then gated.

Wagtail's own SearchFilter hands the raw words to the search backend (a lone
`"` broke SQLite's full-text syntax) and ranks every page the request may
list (640-800 ms at 10,000 stories). Here stories are ranked by
stories.search.best_matches, as on the search page, and the request's gated
queryset is asked about the best MOST_RELEVANT of them only; the few other
pages (the home page, the story index, plain pages) are searched as Wagtail
searches them, with the same reading of the words. `search_operator=or`
lists pages matching any of the words; `and` (the default) those matching
all, or, when none does, those matching most.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat, StrIndex
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .pages import StoryPage
from .search import MAX_QUERY_LENGTH, MOST_RELEVANT, best_matches, reader_query

OPERATORS = ("and", "or")


class GatedSearchFilter(BaseFilterBackend):
    """`?search=` and `?search_operator=` on the pages endpoint; runs last,
    as Wagtail's SearchFilter does, on the queryset the gate allowed."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if not getattr(settings, "WAGTAILAPI_SEARCH_ENABLED", True):
            raise BadRequestError("search is disabled")
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError("filtering by tag with a search query is not supported")
        operator = request.GET.get("search_operator") or "and"
        if operator not in OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        text = " ".join(request.GET["search"].split())[:MAX_QUERY_LENGTH]
        ranked = best_page_matches(text, operator)
        if not ranked:
            return queryset.none()
        queryset = queryset.filter(pk__in=ranked)
        if "order" in request.GET:
            return queryset  # ordered as asked, by OrderingFilter
        return queryset.order_by(place_in(ranked))


def best_page_matches(text, operator="and"):
    """Ids of the live pages matching, best first: the best MOST_RELEVANT
    stories, then the other pages. Not gated: only for asking the gate about."""
    stories = best_matches(text, MOST_RELEVANT, operator)
    query = reader_query(text, operator)
    if query is None:
        return stories
    story_type = ContentType.objects.get_for_model(StoryPage)
    others = Page.objects.live().exclude(content_type=story_type).only("pk")
    return stories + [page.pk for page in get_search_backend().search(query, others)]


def place_in(ranked):
    """An ordering by place in the ranked ids: where ",<id>," first occurs in
    the ids written out in order. One parameter, however many ids (a CASE
    with a branch per id took Django longer to build than the search took)."""
    written = "," + ",".join(str(pk) for pk in ranked) + ","
    marker = Concat(Value(","), Cast("pk", CharField()), Value(","), output_field=CharField())
    return StrIndex(Value(written), marker)
