"""/sitemap.xml: Wagtail's sitemap, with stories taken only from the gate."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap

from .pages import StoryPage
from .visibility import visible_stories


class CampaignSitemap(Sitemap):
    def items(self):
        # Search engines are anonymous readers: stories as the public sees them.
        pages = super().items()
        return pages.filter(
            ~Q(pk__in=StoryPage.objects.values("pk")) | Q(pk__in=visible_stories(None).values("pk"))
        )
