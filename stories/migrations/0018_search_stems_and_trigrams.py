"""Search finds a word's other forms on SQLite, and close spellings on PostgreSQL.

SQLite: Wagtail's full-text table (created by wagtailsearch's 0006) splits
words with the unicode61 tokenizer alone, so "dentists" never finds
"dentist". It is recreated with the porter stemmer in front, and refilled
from the index entries it mirrors (the triggers that keep it in step name it
by its table name, so they go on working).

PostgreSQL: stemming comes with the full-text configuration; the trigram
extension (pg_trgm) lets search respell a word nobody wrote (stories.search).
"""

from django.db import migrations

STEMMING = "porter unicode61 remove_diacritics 2"
PLAIN = "unicode61"


def full_text_table(apps, schema_editor):
    """The name of Wagtail's SQLite full-text table, if this database has one."""
    if schema_editor.connection.vendor != "sqlite":
        return None
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        if f"{table}_fts" not in schema_editor.connection.introspection.table_names(cursor):
            return None  # SQLite without FTS5: Wagtail searches with LIKE
    return table


def rebuild_full_text_table(apps, schema_editor, tokenizer):
    table = full_text_table(apps, schema_editor)
    if table is None:
        return
    quote = schema_editor.connection.ops.quote_name
    entries, fts = quote(table), quote(f"{table}_fts")
    schema_editor.execute(f"DROP TABLE {fts}")
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5("
        f"autocomplete, body, title, tokenize = '{tokenizer}')"
    )
    schema_editor.execute(
        f"INSERT INTO {fts}(rowid, title, body, autocomplete) "  # noqa: S608
        f"SELECT id, title, body, autocomplete FROM {entries}"
    )


def stem_words(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    rebuild_full_text_table(apps, schema_editor, STEMMING)


def stop_stemming(apps, schema_editor):
    # The extension stays: other databases' objects may use it by now.
    rebuild_full_text_table(apps, schema_editor, PLAIN)


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0017_what_stories_show"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(stem_words, stop_stemming, elidable=False)]
