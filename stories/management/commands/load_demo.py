from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings

from stories.demo import content
from stories.demo.loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Load the Histories & Smiles demo campaign: home page, story index, stories, "
        "storytellers, themes, partner organisations and drawn pictures. "
        "Safe to run again: it only adds what is missing."
    )

    def handle(self, *args, **options):
        # Review notifications the demo triggers would only clutter the console.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            transaction.atomic(),
        ):
            loader = DemoLoader()
            created = loader.load()
        if created:
            call_command("update_index", verbosity=0)
            self.stdout.write(f"Demo campaign loaded: {len(created)} things created.")
            for line in created:
                self.stdout.write(f"  {line}")
        else:
            self.stdout.write("Demo campaign already loaded: nothing to do.")
        if loader.demo_token:
            self.stdout.write(
                f"API token for {loader.partners[content.DEMO_THERAPY_GROUP]} "
                f"(replaces the previous demo token):\n  {loader.demo_token}"
            )
