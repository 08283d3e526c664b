"""Search finds what readers type in the demo campaign (tests/search_relevance.py),
and never a story the reader may not see.

Recall: of the stories each query should find, the share the search page
lists (every page of results), over all queries. PostgreSQL must find at
least 90%, SQLite at least 80%; the figures and each query's misses are
printed.
"""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client

from stories.visibility import visible_stories

from .search_relevance import FOR_A_TEACHER, MEMBERS_STORIES, QUERIES

LEAST_RECALL = {"postgresql": 0.9, "sqlite": 0.8}


def found_by(client, query):
    """Every story the search page lists for the query, all pages of it."""
    slugs, number = [], 1
    while True:
        cache.clear()  # rendered afresh, not the page kept for the last reader who asked
        response = client.get("/search/", {"q": query, "page": number})
        assert response.status_code == 200
        results = response.context["results"]
        slugs += [story.slug for story in results]
        if not results.has_next():
            return slugs
        number += 1


def recall(client, queries):
    expected = found = 0
    misses = {}
    for query, stories in queries:
        listed = set(found_by(client, query))
        expected += len(stories)
        found += len(stories & listed)
        if stories - listed:
            misses[query] = sorted(stories - listed)
    return found / expected, misses


def report(capsys, label, figure, misses):
    with capsys.disabled():
        print(f"\nsearch recall on {connection.vendor}, {label}: {figure:.3f}")
        for query, missed in misses.items():
            print(f"  {query!r} missed {', '.join(missed)}")


def test_the_relevance_set_expects_only_public_stories():
    public = set(visible_stories().values_list("slug", flat=True))
    for query, stories in QUERIES:
        assert stories <= public, (query, stories - public)


def test_the_public_finds_what_they_type(client, capsys):
    figure, misses = recall(client, QUERIES)
    report(capsys, f"the public, {len(QUERIES)} queries", figure, misses)
    assert figure >= LEAST_RECALL[connection.vendor]


def test_a_teacher_finds_the_stories_for_schools_too(capsys):
    teacher = Client()
    teacher.force_login(get_user_model().objects.get(username="teacher"))
    figure, misses = recall(teacher, FOR_A_TEACHER + QUERIES[:5])
    report(capsys, "a teacher", figure, misses)
    assert figure >= LEAST_RECALL[connection.vendor]


def test_no_query_finds_a_story_the_public_may_not_see(client):
    public = set(visible_stories().values_list("slug", flat=True))
    assert not MEMBERS_STORIES & public
    queries = [query for query, _stories in QUERIES + FOR_A_TEACHER]
    queries += ["walking group", "Marlow", "teacher's note", "class", "Penhale", "Dunmore"]
    for query in queries:
        listed = set(found_by(client, query))
        assert listed <= public, (query, listed - public)
