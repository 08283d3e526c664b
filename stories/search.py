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

What a reader types is read here (`reader_query`), not by the backends:
words, "quoted phrases", and for each word the others readers use for the
same thing. Both databases stem (PostgreSQL's "english" configuration,
SQLite's porter tokenizer, see migration 0018), so "dentists" finds
"dentist". When nothing matches, `suggestion` respells the words after the
stories this reader may see (their words read once per audience until
content changes), by trigram similarity on PostgreSQL (pg_trgm) and difflib
on SQLite, and the search page shows what the respelled words
find ("Did you mean ...?"). The API's `?search=` takes the same path
(stories.search_api).
"""

import difflib
import re
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.db.models.sql import Query
from django.shortcuts import render
from django.utils import timezone
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, Phrase, PlainText

from .caching import request_generation
from .cards import with_card_data
from .naming import shown_name
from .pages import StoryPage
from .pagination import paginate
from .readers.membership import audience_key
from .search_words import word_family
from .taxonomy import Theme
from .translations import in_reader_language
from .visibility import visible_stories

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MOST_RELEVANT = 500  # matches ranked and put to the gate: 50 pages of results
MOST_RANKED_IN_POSTGRES = 500  # by title, and as many by body: see best_matches_in_postgres
MAX_WORDS = 12  # words, and as many phrases, looked for: the rest of a long query is ignored
WORD = re.compile(r"\w+")
# Left out when a story need match only some of the words: they match nearly every story.
LITTLE_WORDS_TEXT = """
a an and are as at be been being but by can could did do for from had has have how i if
in into is it its me my of on or our so than that the their them then there they this to
was we were what when where which who why will with would you your
"""
LITTLE_WORDS = frozenset(LITTLE_WORDS_TEXT.split())
VOCABULARY_STORIES = 2000  # newest stories a reader may see whose words respell a query
VOCABULARY_SECONDS = 60 * 60  # kept at most; a new content generation retires it at once
SHORTEST_RESPELLED = 3  # letters: shorter words are left as typed
TRIGRAM_SIMILARITY = 0.3  # pg_trgm's own default threshold
TRIGRAM_CANDIDATES = 10  # words most alike by trigrams, weighed again by difflib
CLOSE_RATIO = 0.75  # difflib's ratio: "dentsit" and "dentist" score 0.86


def search(request):
    """Stories matching the query, drawn only from what this reader may see.

    Over-long queries are cut rather than refused; an empty one shows the form.
    When nothing matches, the words are spelled as the stories this reader
    may see spell them (see `suggestion`) and the stories found that way are
    shown instead, saying so.
    """
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    results = None
    closest_only = False
    suggested = None
    if query:
        matches = best_matches(query, MOST_RELEVANT)
        shown = gated(matches, request.user)
        if not shown:
            suggested = suggestion(query, request.user, request)
            respelled = best_matches(suggested, MOST_RELEVANT) if suggested else []
            found = gated(respelled, request.user)
            if found:
                matches, shown = respelled, found
            else:
                suggested = None  # a suggestion that finds nothing helps no one
        closest_only = len(matches) == MOST_RELEVANT
        results = paginate(request, shown, RESULTS_PER_PAGE)
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
            "suggestion": suggested,
            "suggestion_querystring": urlencode({"q": suggested or ""}),
            "search_querystring": urlencode({"q": suggested or query}),
        },
    )


def gated(matches, user):
    """Of the ids matched, best first, those this reader may see, in that order,
    in the language they read in (stories.translations): one question to the
    gate about at most MOST_RELEVANT rows."""
    if not matches:
        return []
    allowed = in_reader_language(visible_stories(user)).filter(pk__in=matches)
    allowed = allowed.order_by()  # no sort: a set
    allowed = set(allowed.values_list("pk", flat=True))
    return [pk for pk in matches if pk in allowed]


def reader_query(text, operator="and"):
    """What a reader typed, as a query Wagtail's search backends understand.

    Words are runs of letters and digits: punctuation and the full-text
    engines' own syntax (`*`, `:`, `NEAR(`, `-`) are never passed on, so no
    input can break a query. Words in double quotes are a phrase, found only
    as written; an unclosed quote quotes nothing. Each word is searched with
    the other words readers use for the same thing (stories.search_words).
    Returns None when there is no word to look for.
    """
    parts = text.split('"')
    words, phrases = [], []
    for position, part in enumerate(parts):
        tokens = WORD.findall(part)
        closed = position % 2 == 1 and position < len(parts) - 1
        if closed and len(tokens) > 1:
            phrases.append(" ".join(tokens))
        else:
            words.extend(tokens)
    words = list(dict.fromkeys(word.lower() for word in words))
    if len(words) + len(phrases) > 1:
        words = [word for word in words if len(word) > 1] or ([] if phrases else words[:1])
    if operator == "or" and len(words) + len(phrases) > 1:
        kept = [word for word in words if word not in LITTLE_WORDS]
        words = kept or ([] if phrases else words[:1])
    groups = [
        PlainText(word)
        if len(family := word_family(word)) == 1
        else Or([PlainText(each) for each in family])
        for word in words[:MAX_WORDS]
    ] + [Phrase(phrase) for phrase in phrases[:MAX_WORDS]]
    if not groups:
        return None
    if len(groups) == 1:
        return groups[0]
    return Or(groups) if operator == "or" else And(groups)


def best_matches(text, limit, operator="and"):
    """Ids of the live stories the search index finds for what a reader typed,
    best first, at most `limit`. Not gated: only for asking the gate about.

    With the "and" operator a story must match every word (or its family)
    and phrase; when none does, those matching most of them come first.
    """
    query = reader_query(text, operator)
    if query is None:
        return []
    found = ranked_matches(query, limit)
    if not found and operator == "and" and isinstance(query, And):
        either = reader_query(text, "or")
        found = ranked_matches(either, limit) if either is not None else []
    return found


def ranked_matches(query, limit):
    """`best_matches` for a query built by `reader_query`."""
    backend = get_search_backend()
    if uses_sqlite_full_text(backend):
        return best_matches_in_sqlite(backend, query, limit)
    if connection.vendor == "postgresql":
        return best_matches_in_postgres(backend, query, limit)
    return [
        story.pk for story in backend.search(query, StoryPage.objects.live().only("pk"))[:limit]
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


def best_matches_in_sqlite(backend, query, limit):
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
    compiler = backend.query_compiler_class(StoryPage.objects.live(), query)
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


def best_matches_in_postgres(backend, query, limit):
    """`best_matches` straight from the index entries, ranked as the backend
    ranks (ts_rank of the title, weighted, and of the body).

    The backend's own query joins every live story to its entry and matches
    the title and body concatenated, which no index serves: each search read
    and ranked every story. Here the title and the body are matched column
    by column, and only the newest MOST_RANKED_IN_POSTGRES matches by title
    and as many by body are ranked, since ranking reads each match's whole
    body vector: a word in 8,000 of 10,000 stories says little about
    relevance anyway, and a title that names it still counts.

    One statement, written out (RANKED_IN_POSTGRES), because Django's form
    of it let the planner test the match on every story's body (reading
    each vector: 100 ms for "anxiety") and then scan the whole table again,
    in parallel, to join the newest matches back (190 ms in all; 10 to
    40 ms now, for the same ids in the same order).
    """
    from modelsearch.conf import get_app_config

    entries = get_app_config().get_model("IndexEntry")
    compiler = backend.query_compiler_class(StoryPage.objects.live(), query)
    config = compiler.get_config(backend)
    tsquery = compiler.build_tsquery(compiler.query, config=config)
    if tsquery is None:
        return []
    score = compiler.build_tsrank(F("title"), compiler.query, config=config) * F(
        "title_norm"
    ) + compiler.build_tsrank(F("body"), compiler.query, config=config)
    sql_query = Query(entries)
    sql_compiler = sql_query.get_compiler(connection=connection)
    tsquery_sql, tsquery_params = sql_compiler.compile(tsquery.resolve_expression(sql_query))
    score_sql, score_params = sql_compiler.compile(score.resolve_expression(sql_query))
    story_type = ContentType.objects.get_for_model(StoryPage).pk
    newest = [story_type, *tsquery_params, MOST_RANKED_IN_POSTGRES]
    statement = RANKED_IN_POSTGRES.format(
        entries=connection.ops.quote_name(entries._meta.db_table),
        tsquery=tsquery_sql,
        score=score_sql,
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [*newest, *newest, *score_params, limit])
        return [int(row[0]) for row in cursor.fetchall()]


# The newest matches by title and by body, then ranked, best first. The
# content type is asked "IS TRUE" so the planner keeps its estimate of how
# many entries are stories but cannot reach them through the content type
# index: that index leads it to read every story's vectors to test the match
# (40 ms for "dentist"); left with the primary key and the GIN indexes, it
# walks the newest entries back for a common word (2 ms) and asks the GIN
# index for a rarer one.
RANKED_IN_POSTGRES = """
WITH matching AS MATERIALIZED (
    (SELECT id FROM {entries} WHERE (content_type_id = %s) IS TRUE AND title @@ {tsquery}
     ORDER BY id DESC LIMIT %s)
    UNION
    (SELECT id FROM {entries} WHERE (content_type_id = %s) IS TRUE AND body @@ {tsquery}
     ORDER BY id DESC LIMIT %s)
)
SELECT object_id FROM {entries} JOIN matching USING (id)
ORDER BY {score} DESC, id DESC
LIMIT %s
"""


def suggestion(text, user, request=None):
    """The query respelled after the words of the stories this reader may see,
    or None when no word needs respelling or none comes close.

    Only the newest VOCABULARY_STORIES stories the gate lets this reader see
    lend their words (titles, summaries and the names they show), so no
    suggestion can come from a story the reader may not see.
    """
    words = [word.lower() for word in WORD.findall(text)][:MAX_WORDS]
    unknown = [word for word in words if len(word) >= SHORTEST_RESPELLED]
    if not unknown:
        return None
    vocabulary = words_readers_may_see(user, request)
    closest = {word: closest_word(word, vocabulary) for word in unknown if word not in vocabulary}
    respelled = [closest.get(word) or word for word in words]
    if respelled == words:
        return None
    return " ".join(respelled)


def words_readers_may_see(user, request=None):
    """The words of the newest stories this reader may see, in lower case:
    titles, summaries, the names they show and their themes' names.

    Reading them costs a pass of the gate over the whole archive (300 ms at
    10,000 stories), so they are kept in the cache for the reader's
    audiences under the content generation and today's date, as page
    fragments are (stories.caching): any publish, take-down or change to
    consent, and midnight, start afresh. A word kept from a story taken down
    by a route that changed no generation can only be suggested if the
    gated search for it still finds a story this reader may see (`search`
    drops a suggestion that finds nothing).
    """
    generation = request_generation(request)  # read once per request, with the fragments
    key = f"search-vocabulary:{generation}:{audience_key(user)}:{timezone.localdate().isoformat()}"
    words = cache.get(key)
    if words is None:
        words = read_words_readers_may_see(user)
        cache.set(key, words, VOCABULARY_SECONDS)
    return words


def read_words_readers_may_see(user):
    """`words_readers_may_see` read from the database: one pass of the gate."""
    newest = visible_stories(user).order_by("-first_published_at", "-pk")[:VOCABULARY_STORIES]
    texts, shown = [], []
    for pk, title, summary, *naming in newest.values_list(
        "pk",
        "title",
        "summary",
        "storyteller__naming",
        "storyteller__first_name",
        "storyteller__last_name",
        "storyteller__pseudonym",
    ):
        shown.append(pk)
        texts += [title, summary, shown_name(*naming)]
    texts += Theme.objects.filter(stories__in=shown).distinct().values_list("name", flat=True)
    # Never a little word: "flora" is three letters from "for", and a reader
    # looking for someone whose stories are not here meant no "for".
    words = {word.lower() for text in texts for word in WORD.findall(text)}
    return frozenset(word for word in words if len(word) >= SHORTEST_RESPELLED) - LITTLE_WORDS


def closest_word(word, vocabulary):
    """The word of the vocabulary most like `word`, or None if none is close.

    On PostgreSQL, pg_trgm picks the few words sharing most trigrams with it;
    of those (of all words, on SQLite), the one difflib finds most alike wins:
    trigrams alone favour short words ("dental" over "dentist" for "dentsit").
    """
    candidates = sorted(vocabulary)
    if candidates and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT candidate FROM unnest(%s::text[]) AS candidate"
                " WHERE similarity(candidate, %s::text) >= %s"
                " ORDER BY similarity(candidate, %s::text) DESC, candidate LIMIT %s",
                [candidates, word, TRIGRAM_SIMILARITY, word, TRIGRAM_CANDIDATES],
            )
            candidates = [row[0] for row in cursor.fetchall()]
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=CLOSE_RATIO)
    return close[0] if close else None
