"""Soak the site as deployed: mixed traffic for a bounded time, then the figures.

Sets up a site of its own as `make serve` does (its own SQLite file, or a
PostgreSQL database beside DATABASE_URL's; REDIS_URL's Redis under a prefix
of its own), loads the demo campaign, serves it with `config.serve`, and
sends it readers of every audience, searches, API calls, two people
publishing through the admin and, halfway, a withdrawal typed in another
process (stories.benchmark.soak). Fails on any 5xx, any unexpected answer,
and anything of the withdrawn storyteller's still shown after it.
"""

import os
import time

from django.core.management.base import BaseCommand, CommandError

from stories.benchmark.soak import LIMITS, WITHDRAWN, Site, Soak, report


class Command(BaseCommand):
    help = __doc__.splitlines()[0]
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--seconds",
            type=float,
            default=float(os.environ.get("SOAK_SECONDS") or 60),
            help="how long the traffic lasts (default: SOAK_SECONDS, else 60)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY") or 3),
            help="gunicorn workers (default: WEB_CONCURRENCY, else 3, as make serve)",
        )
        parser.add_argument(
            "--readers",
            type=int,
            default=2,
            choices=[1, 2, 3, 4],
            help="anonymous readers at once (default 2)",
        )
        parser.add_argument(
            "--keep", action="store_true", help="keep the soak's folder (logs, files) afterwards"
        )

    def say(self, message):
        self.stdout.write(f"[soak {time.monotonic() - self.began:5.0f} s] {message}")
        self.stdout.flush()

    def handle(self, *args, seconds, workers, readers, keep, **options):
        if seconds <= 0 or workers < 1:
            raise CommandError("--seconds must be positive and --workers at least 1")
        self.began = time.monotonic()
        site = Site(workers, self.say)
        keep_files = keep
        try:
            self.say(
                f"setting up a site of its own in {site.folder} ({site.database.vendor}"
                + (f" database {site.database.name}" if site.database.server else "")
                + (f"; Redis, key prefix {site.cache_prefix}" if site.redis_url else "")
                + "): migrate, collectstatic, load_demo"
            )
            token, facts = site.build()
            self.say(
                "serving it with `python -m config.serve --no-setup` (production settings, "
                f"{workers} gunicorn workers, task worker, schedule) on port {site.port}"
            )
            self.say(
                "for the soak only: STAFF_TWO_FACTOR=off (staff sign in with a password), "
                + ", ".join(f"{name}={value}" for name, value in LIMITS.items())
                + " (the soak measures the site, not its limits)"
            )
            site.serve()
            soak = Soak(site, token, facts, seconds, self.say)
            self.say(
                f"traffic for {seconds:g} s: {readers} anonymous readers, teacher, partner, "
                "the partner's API token, two publishers in the admin (admin, publisher); "
                f"withdrawal of {WITHDRAWN} halfway"
            )
            soak.run(readers)
            self.stdout.write("")
            for line in report(soak, site, workers):
                self.stdout.write(line)
            problems = soak.tally.problems + soak.tally.failures
            unexpected = sum(1 for answer in soak.tally.answers if answer[3] == "unexpected")
            errors = sum(1 for answer in soak.tally.answers if answer[1] >= 500)
            server_errors = "".join(
                path.read_text() for path in (site.error_log, site.log) if path.exists()
            )
            if "Traceback" in server_errors or "WORKER TIMEOUT" in server_errors:
                problems = [*problems, "gunicorn's error log holds a traceback or a timeout"]
                unexpected += 1
            if unexpected or soak.tally.failures:
                keep_files = True
                self.stdout.write("")
                for problem in problems:
                    self.stdout.write(f"  {problem}")
                raise CommandError(
                    f"the soak failed: {errors} server errors (5xx), {unexpected} unexpected "
                    f"answers, {len(soak.tally.failures)} other failures; "
                    f"logs kept in {site.folder}"
                )
            self.stdout.write(self.style.SUCCESS("soak passed: no 5xx, nothing unexpected"))
        except CommandError:
            raise
        except Exception as error:
            keep_files = True
            raise CommandError(
                f"the soak could not run: {error} (logs in {site.folder})"
            ) from error
        finally:
            site.stop()
            site.remove(keep_files)
