"""Search across the stories a reader may see, at /search/?q=.

Search first, then the gate: Wagtail's search index ranks the stories that
match, and the gate (stories.visibility) is asked about the best
MOST_RELEVANT of them only, in one query over at most that many rows; the
reader is shown, in the index's order, those the gate lets through, and
nothing else. The reverse (ranking everything the gate lets through) costs a
pass of the gate over the whole archive on every search, and Wagtail's
database backend then scores each of those rows with a subquery of its own.

So the results, and their count, are bounded: when more stories match than
are ranked, the page says that these are the closest matches and a reader
narrows the search with more words.
"""

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Q
from django.shortcuts import render
from wagtail.search.backends import get_search_backend

from .pages import StoryPage, with_card_data
from .pagination import paginate
from .visibility import visible_stories

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MOST_RELEVANT = 500  # matches ranked and put to the gate: 50 pages of results
MOST_RANKED_IN_POSTGRES = 500  # by title, and as many by body: see best_matches_in_postgres


def search(request):
    """Stories matching the query, drawn only from what this reader may see.

    Over-long queries are cut rather than refused; an empty one shows the form.
    """
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    results = None
    closest_only = False
    if query:
        matches = best_matches(query, MOST_RELEVANT)
        closest_only = len(matches) == MOST_RELEVANT
        gated = visible_stories(request.user).filter(pk__in=matches)
        shown = set(gated.values_list("pk", flat=True))
        results = paginate(request, [pk for pk in matches if pk in shown], RESULTS_PER_PAGE)
        # The gate let these through a moment ago: load what their cards show.
        by_id = with_card_data(StoryPage.objects.all()).in_bulk(results.object_list)
        results.object_list = [by_id[pk] for pk in results.object_list if pk in by_id]
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "results": results,
            "closest_only": closest_only,
            "search_querystring": urlencode({"q": query}),
        },
    )


def best_matches(query, limit):
    """Ids of the live stories the search index finds for the words, best
    first, at most `limit`. Not gated: only for asking the gate about."""
    words = query.replace('"', " ").strip()  # a quote is no word, and would end a phrase
    if not words:
        return []
    backend = get_search_backend()
    if uses_sqlite_full_text(backend):
        return best_matches_in_sqlite(backend, words, limit)
    if connection.vendor == "postgresql":
        return best_matches_in_postgres(backend, words, limit)
    return [
        story.pk for story in backend.search(words, StoryPage.objects.live().only("pk"))[:limit]
    ]


def uses_sqlite_full_text(backend):
    """Whether the backend is Wagtail's database backend on SQLite with FTS5
    (its modules can only be imported there)."""
    if connection.vendor != "sqlite":
        return False
    try:
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend
    except LookupError:  # SQLite without FTS5: the backend falls back to LIKE
        return False
    return isinstance(backend, SQLiteSearchBackend)


def best_matches_in_sqlite(backend, words, limit):
    """`best_matches` straight from the SQLite full-text table, ranked as the
    backend ranks (bm25, the title weighted).

    The backend's own query filters the stories by `pk IN (entries matching)`
    and scores each row with a correlated subquery that runs the full-text
    match again: SQLite reads the index entries of every story and evaluates
    the match once per entry, then again once per matching row to score it
    (54 s for a word in half of 10,000 stories). Asked of the full-text
    table itself, SQLite evaluates the match once and joins each hit to its
    entry by primary key.
    """
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.conf import get_app_config

    full_text = get_app_config().get_model("SQLiteFTSIndexEntry")
    compiler = backend.query_compiler_class(StoryPage.objects.live(), words)
    match = MatchExpression(
        compiler.FTS_TABLE_FIELDS, compiler.build_search_query(normalize(compiler.query))
    )
    score = compiler._build_rank_expression(compiler.get_search_vectors(), None)
    story_type = ContentType.objects.get_for_model(StoryPage)
    entries = (
        full_text.objects.filter(match)
        .filter(index_entry__content_type=story_type)
        .annotate(score=score)
        .order_by("score", "-index_entry_id")
        .values_list("index_entry__object_id", flat=True)
    )
    return [int(pk) for pk in entries[:limit]]


def best_matches_in_postgres(backend, words, limit):
    """`best_matches` straight from the index entries, ranked as the backend
    ranks (ts_rank of the title, weighted, and of the body).

    The backend's own query joins every live story to its entry and matches
    the title and body concatenated, which no index serves: each search read
    and ranked every story. Matched column by column, each GIN index answers.
    Ranking reads each match's whole body vector (150 ms for a word in 8,000
    of 10,000 stories), so only the newest MOST_RANKED_IN_POSTGRES matches by
    title and as many by body are ranked (25 ms): a word that common says
    little about relevance anyway, and a title that names it still counts.
    """
    from modelsearch.conf import get_app_config

    entries = get_app_config().get_model("IndexEntry").objects
    compiler = backend.query_compiler_class(StoryPage.objects.live(), words)
    config = compiler.get_config(backend)
    query = compiler.build_tsquery(compiler.query, config=config)
    if query is None:
        return []
    score = compiler.build_tsrank(F("title"), compiler.query, config=config) * F(
        "title_norm"
    ) + compiler.build_tsrank(F("body"), compiler.query, config=config)
    stories = entries.filter(content_type=ContentType.objects.get_for_model(StoryPage))

    def newest_matching(field):
        matching = stories.filter(**{field: query}).order_by("-id")
        return matching.values("id")[:MOST_RANKED_IN_POSTGRES]

    matches = (
        entries.filter(Q(id__in=newest_matching("title")) | Q(id__in=newest_matching("body")))
        .annotate(score=score)
        .order_by("-score", "-id")
        .values_list("object_id", flat=True)
    )
    return [int(pk) for pk in matches[:limit]]
