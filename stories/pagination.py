"""Pagination that forgives a bad page number and refuses one past the end."""

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404


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
