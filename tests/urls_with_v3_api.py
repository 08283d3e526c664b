"""The site's URLs plus Wagtail's v3 API, for testing its publish action.

The public site does not mount the v3 API yet: its read side must first go
through the visibility gate (the audiences work).
"""

from django.urls import path
from wagtail.api.v3.urls import api

from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("api/v3/", api.urls), *site_urlpatterns]
