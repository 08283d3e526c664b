"""Search across the stories a reader may see, at /search/?q=."""

from django.shortcuts import render

from .pagination import paginate
from .pages import with_card_data
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
        matches = visible_stories(request.user).search(query)
        results = paginate(request, matches, RESULTS_PER_PAGE)
        ids = [story.pk for story in results.object_list]
        by_id = with_card_data(visible_stories(request.user)).in_bulk(ids)
        results.object_list = [by_id[pk] for pk in ids if pk in by_id]
    return render(request, "search/search.html", {"query": query, "results": results})
