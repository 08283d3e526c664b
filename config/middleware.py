"""Requests no page could answer, refused before they reach the database."""

from django.http import HttpResponseBadRequest


def refuse_nul_characters(get_response):
    """A NUL character in the address or query is never meaningful here, and
    PostgreSQL refuses to compare text with one: answer 400, not a 500."""

    def middleware(request):
        raw = request.path + request.META.get("QUERY_STRING", "")
        if "\x00" in raw or "%00" in raw or any("\x00" in v for v in request.GET.values()):
            return HttpResponseBadRequest("This address contains a character it cannot have.")
        return get_response(request)

    return middleware
