"""Seed a campaign at scale, for benchmarks: `manage.py seed_scale --stories 10000`.

Loads the demo campaign first (it is idempotent), then adds storytellers,
consent, themes and stories under the demo's story index (stories.scale).
Meant for a database of its own: `make bench` builds one.
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from stories.scale import ScaleCampaign


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=10_000)
        parser.add_argument(
            "--storytellers", type=int, default=None, help="Default: 3 for every 10 stories."
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--pictures-per-story",
            type=int,
            default=3,
            help="0 to 3 (a hero and two in the body); 0 for 100,000 stories.",
        )
        parser.add_argument("--themes", type=int, default=30)

    def handle(self, *args, stories, storytellers, seed, pictures_per_story, themes, **options):
        started = time.perf_counter()
        call_command("load_demo", stdout=self.stdout if options["verbosity"] > 1 else None)

        def log(message):
            self.stdout.write(f"  {time.perf_counter() - started:6.1f} s  {message}")

        log("demo campaign ready")
        summary = ScaleCampaign(
            stories=stories,
            storytellers=storytellers,
            seed=seed,
            pictures_per_story=pictures_per_story,
            themes=themes,
            log=log,
        ).build()
        if connection.vendor == "postgresql":
            # A site that grew to this size would have been analysed by autovacuum;
            # a bulk load gives it no time to, and EXPLAIN plans need the statistics.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            log("statistics gathered (ANALYZE)")
        for key, value in summary.items():
            self.stdout.write(f"{key}: {value}")
        self.stdout.write(f"Seeded in {time.perf_counter() - started:.0f} s.")
