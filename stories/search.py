"""Search across the stories a reader may see, at /search/?q=."""

from urllib.parse import urlencode

from django.shortcuts import render

from .pages import StoryPage, with_card_data
from .pagination import paginate
from .visibility import visible_stories

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Stories matching the query, drawn only from what this reader may see.

    Over-long queries are cut rather than refused; an empty one shows the form.
    """
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    results = None
    if query:
        # Search backends filter only on indexed fields, so the gate's answer
        # is passed in as ids rather than as its own conditions.
        visible_ids = visible_stories(request.user).values("pk")
        matches = StoryPage.objects.filter(pk__in=visible_ids).search(query)
        results = paginate(request, matches, RESULTS_PER_PAGE)
        ids = [story.pk for story in results.object_list]
        by_id = with_card_data(visible_stories(request.user)).in_bulk(ids)
        results.object_list = [by_id[pk] for pk in ids if pk in by_id]
    return render(
        request,
        "search/search.html",
        {"query": query, "results": results, "search_querystring": urlencode({"q": query})},
    )
