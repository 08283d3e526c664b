"""`python manage.py retire_cached_pages`: after a change made by hand in SQL.

Every route the site has for changing content or consent starts a new
content generation itself; rows changed behind its back do not, and pages
kept for readers (stories.page_cache) would show the old content until
their time is up. This starts a new generation, in every process at once.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from stories.caching import content_changed


class Command(BaseCommand):
    help = "Retire every page and fragment kept for readers, in every process at once."

    def handle(self, *args, **options):
        with transaction.atomic():
            content_changed()
        self.stdout.write("Every kept page and fragment is retired.")
