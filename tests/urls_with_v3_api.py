"""The site's URLs plus Wagtail's v3 API, for testing its publish action.

The public site serves the read-only v2 API instead (stories.api says why);
this checks that even so, a v3 publish would meet the consent guard.
"""

from django.urls import path
from wagtail.api.v3.urls import api

from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("api/v3/", api.urls), *site_urlpatterns]
