"""Requests no page could answer, refused before they reach the database."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest


def refuse_nul_characters(get_response):
    """A NUL character in the address or query is never meaningful here, and
    PostgreSQL refuses to compare text with one: answer 400, not a 500."""

    def middleware(request):
        raw = request.path + request.META.get("QUERY_STRING", "")
        if "\x00" in raw or "%00" in raw or any("\x00" in v for v in request.GET.values()):
            return HttpResponseBadRequest("This address contains a character it cannot have.")
        return get_response(request)

    return middleware


def refuse_oversized_requests(get_response):
    """A request declaring a body larger than any upload we accept (a 2 GB
    "picture", say) is answered 413 before a byte of it is read or stored."""

    def middleware(request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.MAX_REQUEST_BYTES:
            limit = settings.MAX_REQUEST_BYTES // (1024 * 1024)
            return HttpResponse(
                f"This upload is too large: at most {limit} MB can be sent at once.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return get_response(request)

    return middleware
