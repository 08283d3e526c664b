"""Numbers read from a request: page numbers, offsets and ids.

Pagination forgives a bad page number and refuses one past the end; an id or
offset is put to the database only when its column could hold it, since a
number beyond (PostgreSQL's `integer` ends at 2**31 - 1, SQLite's at
2**63 - 1) makes the database driver fail instead of finding nothing.
"""

from django.core.paginator import EmptyPage, Paginator
from django.db import connection
from django.http import Http404


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


def paginate(request, object_list, per_page):
    """The requested page of object_list.

    A page number that is not a number shows the first page; one past the
    last page is not found (404), like any other missing page.
    """
    paginator = Paginator(object_list, per_page)
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number = 1
    try:
        return paginator.page(max(number, 1))
    except EmptyPage as error:
        raise Http404("There is no such page of results.") from error
