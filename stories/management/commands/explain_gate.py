"""`python manage.py explain_gate`: the database's plans for the gate's queries.

The gate (stories.visibility) is asked by every listing, the feed, the API
and related stories, and by each story page as it loads its story (the
question compiled once, stories.compiled_questions); each story page also
asks the publish of every page its kept parts show (stories.caching). Its
cost must not grow with the archive: on a seeded database (`seed_scale --stories 10000`, or
100000 on PostgreSQL) these plans should show index scans and times close to
those on the demo. Prints the row count, then for each query its plan and,
with --analyze, its real time.
"""

from django.core.management.base import BaseCommand
from django.db import connection

from stories.cards import with_card_data
from stories.pages import (
    STORIES_PER_PAGE,
    StoryIndexPage,
    StoryPage,
)
from stories.visibility import asked_when_loaded, visible_stories


def gate_queries():
    """(name, queryset) for the queries whose cost matters at scale."""
    index = StoryIndexPage.objects.first()
    newest = visible_stories(None).order_by("-first_published_at").first()
    queries = [
        ("story index, first page", with_card_data(index.stories(None))[:STORIES_PER_PAGE]),
        ("story index, count", index.stories(None).order_by()),
        ("feed", visible_stories(None).order_by("-first_published_at")[:20]),
        ("one story for one reader", visible_stories(None).filter(pk=newest.pk)),
        (
            "one story as its page loads it (compiled question)",
            asked_when_loaded(StoryPage.objects.filter(pk=newest.pk), None),
        ),
    ]
    themes = [theme.pk for theme in newest.themes.all()]
    chosen, ranked = newest.related_ids(themes)
    queries.append(
        ("stories sharing its themes, ranked (kept)", newest.sharing_themes_ranked(themes))
    )
    queries.append(("related stories", newest.related_candidates(None, themes, chosen, ranked)))
    queries.append(
        (
            "the publish of what its page shows",
            newest.publishes_shown(chosen, ranked, newest.linked_page_ids()),
        )
    )
    return queries


class Command(BaseCommand):
    help = "Print the database's plans for the gate's queries and the related stories' ranking."

    def add_arguments(self, parser):
        parser.add_argument("--analyze", action="store_true", help="Run them and show real times.")

    def handle(self, *args, analyze, **options):
        self.stdout.write(f"{StoryPage.objects.count()} stories, on {connection.vendor}\n")
        if not StoryPage.objects.live().exists():
            self.stdout.write("No live story: seed some first (manage.py seed_scale).")
            return
        for name, queryset in gate_queries():
            self.stdout.write(f"== {name}")
            sql, params = queryset.query.sql_with_params()
            if name.endswith("count"):
                sql = f"SELECT COUNT(*) FROM ({sql}) AS counted"  # noqa: S608 (our own SQL)
            prefix = "EXPLAIN "
            if analyze:
                prefix += "(ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else ""
            if connection.vendor == "sqlite":
                prefix = "EXPLAIN QUERY PLAN "
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql, params)
                for row in cursor.fetchall():
                    self.stdout.write("  " + " ".join(str(column) for column in row))
            self.stdout.write("")
