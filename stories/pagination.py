"""Numbers read from a request: page numbers, offsets and ids.

Pagination forgives a bad page number and refuses one past the end, and
counts a listing once per content generation; an id or offset is put to the
database only when its column could hold it, since a number beyond
(PostgreSQL's `integer` ends at 2**31 - 1, SQLite's at 2**63 - 1) makes the
database driver fail instead of finding nothing.
"""

from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.db import connection
from django.http import Http404
from django.utils.functional import cached_property

from .caching import SHARED_CACHE_SECONDS, fragment_key


def column_holds(number, internal_type="BigIntegerField"):
    """Whether a database column of this Django field type can hold `number`
    (the ranges are Django's own, per database)."""
    low, high = connection.ops.integer_field_range(internal_type)
    return (low is None or number >= low) and (high is None or number <= high)


def largest_in_column(internal_type="BigIntegerField"):
    return connection.ops.integer_field_range(internal_type)[1]


def could_be_id_of(model, number):
    """Whether `number` could be the primary key of a row of `model` (a page
    type's key is its link to Page, so follow links to the column itself)."""
    field = model._meta.pk
    while field.is_relation:
        field = field.target_field
    return column_holds(number, field.get_internal_type())


class CountedOncePaginator(Paginator):
    """A paginator that remembers how many items its listing has, for this
    content generation, audience and day (stories.caching.fragment_key).

    Counting what the gate lets a reader see reads every story it lets
    through (110 ms at 10,000 stories on PostgreSQL), and each page of the
    same listing would count it again. A new generation (any publish or
    change to consent) or a new day counts anew, so no page ever offers a
    page that is not there for long, and the count only ever numbers pages:
    what a page lists is always asked of the gate.
    """

    def __init__(self, object_list, per_page, *, request, listing):
        super().__init__(object_list, per_page)
        self.count_key = f"count:{fragment_key(request)}:{listing}"

    @cached_property
    def count(self):
        counted = cache.get(self.count_key)
        if counted is None:
            counted = super().count
            cache.set(self.count_key, counted, SHARED_CACHE_SECONDS)
        return counted


def paginate(request, object_list, per_page, listing=None):
    """The requested page of object_list, counted once for each `listing`
    (a name for what object_list holds, such as its path and filters; see
    CountedOncePaginator) when one is given.

    A page number that is not a number shows the first page; one past the
    last page is not found (404), like any other missing page.
    """
    if listing is None:
        paginator = Paginator(object_list, per_page)
    else:
        paginator = CountedOncePaginator(object_list, per_page, request=request, listing=listing)
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number = 1
    try:
        return paginator.page(max(number, 1))
    except EmptyPage as error:
        raise Http404("There is no such page of results.") from error
