"""Questions a query asks of each row, compiled to SQL once per process.

The gate (stories.visibility) is one long condition: consent in force, the
name shown, every medium, other people's consent, view restrictions. Django
builds it from a few hundred expressions and turns it into about 7 KB of SQL
each time a query asks it: 15 to 40 ms of Python, several times a page,
against a few milliseconds for the database to answer it. The question
depends only on its key (a day, some audiences, a partner), never on the data,
so it is compiled once per process, database and key, and each query that asks
it embeds the same SQL as `EXISTS (...)` for the row at hand.

Only the question is kept, never an answer: the database answers it from the
data as they are at that moment, every time, as if Django had built it anew.
"""

import re
from functools import lru_cache

from django.db import connections
from django.db.models import BooleanField, Expression, F

# A value no primary key takes, where the row at hand's key goes in the SQL.
ROW_AT_HAND = -7_340_032_017
ALIAS_PREFIX = "ASKED"  # Django's own aliases are one or two letters and a number
PLACEHOLDER = re.compile(r"%%|%s")


class AskedOfEachRow(Expression):
    """`EXISTS (build(*key) for this row)`: a condition on a query of the same
    model as `build`'s queryset, compiled to SQL once (see the module)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, build, key, row=None):
        super().__init__(output_field=BooleanField())
        self.build = build
        self.key = key
        self.row = row if row is not None else F("pk")

    def __repr__(self):
        return f"{self.__class__.__name__}({self.build.__name__}, {self.key!r})"

    def get_source_expressions(self):
        return [self.row]

    def set_source_expressions(self, expressions):
        (self.row,) = expressions

    def as_sql(self, compiler, connection):
        before, after, params_before, params_after, aliases = compiled(
            self.build, self.key, connection.alias
        )
        row_sql, row_params = compiler.compile(self.row)
        if any(f'"{alias}"' in row_sql for alias in aliases):  # pragma: no cover (never built)
            raise ValueError(f"{row_sql} would name a table of the compiled question")
        return f"EXISTS ({before}{row_sql}{after})", (*params_before, *row_params, *params_after)


@lru_cache(maxsize=256)
def compiled(build, key, using):
    """The question's SQL around the place of the row's key, and its parameters,
    with table aliases of its own so that it never names the asking query's."""
    query = build(*key).filter(pk=ROW_AT_HAND).query.exists()
    aliases = {alias: f"{ALIAS_PREFIX}{number}" for number, alias in enumerate(query.alias_map)}
    query.change_aliases(aliases)
    sql, params = query.get_compiler(using=using).as_sql()
    if connections[using].vendor == "postgresql":
        sql = asked_row_by_row(sql)
    places = [match.start() for match in PLACEHOLDER.finditer(sql) if match.group() == "%s"]
    (where,) = [place for place, value in zip(places, params, strict=True) if value == ROW_AT_HAND]
    index = places.index(where)
    return (
        sql[:where],
        sql[where + 2 :],
        tuple(params[:index]),
        tuple(params[index + 1 :]),
        frozenset(aliases.values()),
    )


def asked_row_by_row(sql):
    """The question with an OFFSET, so that PostgreSQL asks it of each row at
    hand instead of turning `EXISTS` into a join with every story the gate
    lets through: for the related stories' two dozen candidates that join
    cost 170 ms at 10,000 stories, asking them one by one a few. An `EXISTS`
    whose query has an OFFSET is never pulled up into a join."""
    if not sql.rstrip().endswith("LIMIT 1"):  # pragma: no cover (Django's exists() ends so)
        raise ValueError("the compiled question no longer ends with LIMIT 1")
    return f"{sql} OFFSET 0"
