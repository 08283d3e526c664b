"""The site's URLs plus the benchmark's reference: a bare Django view that
returns 30 KB of HTML through the same middleware, with no database and no
template. Only config.settings.bench routes here."""

from django.http import HttpResponse
from django.urls import path

from .urls import urlpatterns as site_urlpatterns

BARE_PATH = "/bench/bare/"
_ROW = "<p>Reference paragraph of the benchmark, the same on every request.</p>\n"
BARE_HTML = (
    "<!doctype html><html lang='en'><head><title>Bare</title></head><body>\n"
    + _ROW * (30 * 1024 // len(_ROW))
    + "</body></html>\n"
)


def bare(request):
    return HttpResponse(BARE_HTML)


urlpatterns = [path(BARE_PATH.strip("/") + "/", bare, name="bench_bare"), *site_urlpatterns]
