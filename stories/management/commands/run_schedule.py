"""The site's schedule, for deployments without cron (`make serve` starts it).

Each job is a management command run in a process of its own, as cron would
run it, whenever the clock passes a multiple of its interval (every hour on
the hour, every ten minutes on the tens), so restarting the schedule never
postpones a run. A run that fails is logged with its status and the end of
its error output, and the next one runs on time; a run still going when the
next falls due is left to finish, and that turn is skipped.

The cron lines that do the same are in docs/deployment.md.
"""

import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

logger = logging.getLogger("stories.schedule")

# Job → seconds between runs. Stories due to go live wait at most ten minutes;
# the consent sweep runs hourly (the gate re-checks every story as it is
# served, so a consent that lapses between sweeps still reaches no one).
# Visit requests past their retention period are deleted once a day.
JOBS = {"publish_scheduled": 600, "enforce_consent": 3600, "purge_visit_requests": 86400}


def intervals(given):
    """{job: seconds} from "job=seconds,job=seconds" over the defaults."""
    chosen = dict(JOBS)
    for item in filter(None, (part.strip() for part in given.split(","))):
        job, _sep, seconds = item.partition("=")
        if job not in JOBS:
            raise CommandError(f"Unknown job “{job}”: the schedule runs {', '.join(JOBS)}.")
        try:
            chosen[job] = float(seconds)
        except ValueError:
            raise CommandError(
                f"“{item}”: give the seconds between runs, e.g. {job}=600."
            ) from None
        if chosen[job] <= 0:
            raise CommandError(f"“{item}”: the seconds between runs must be more than 0.")
    return chosen


def next_turn(now, every):
    """The next moment after `now` that is a whole multiple of `every` seconds."""
    return (now // every + 1) * every


class Command(BaseCommand):
    help = (
        "Run publish_scheduled every 10 minutes, enforce_consent every hour and "
        "purge_visit_requests every day, each in a process of its own, until stopped. "
        "SCHEDULE_INTERVALS (e.g. 'enforce_consent=1800') or --every change the intervals."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            default=os.environ.get("SCHEDULE_INTERVALS", ""),
            help="job=seconds, comma-separated (default: SCHEDULE_INTERVALS, else "
            + ", ".join(f"{job}={seconds}" for job, seconds in JOBS.items())
            + ")",
        )

    def handle(self, *args, every, verbosity, **options):
        self.configure_logging(verbosity)
        self.every = intervals(every)
        self.stopping = False
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        now = time.time()
        due = {job: next_turn(now, seconds) for job, seconds in self.every.items()}
        running = {}
        logger.info(
            "Schedule started: %s",
            ", ".join(f"{job} every {seconds:g} s" for job, seconds in self.every.items()),
        )
        while not self.stopping:
            now = time.time()
            for job, process in list(running.items()):
                if process.poll() is not None:
                    self.finished(job, process)
                    del running[job]
            for job, at in due.items():
                if now < at:
                    continue
                if job in running:
                    logger.warning("%s is still running from its last turn: this turn skipped", job)
                else:
                    running[job] = self.start(job)
                due[job] = next_turn(now, self.every[job])
            time.sleep(0.2)
        for job, process in running.items():
            # A run is a transaction or a few: let it finish rather than cut it short.
            process.wait()
            self.finished(job, process)
        logger.info("Schedule stopped.")

    def configure_logging(self, verbosity):
        logger.setLevel(logging.DEBUG if verbosity > 1 else logging.INFO)
        if not logger.hasHandlers():
            logger.addHandler(logging.StreamHandler(self.stderr))

    def stop(self, _signum, _frame):
        self.stopping = True

    def start(self, job):
        # Files, not pipes: a run that says a lot never waits for the schedule to read it.
        output = tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed when the run is read)
        errors = tempfile.TemporaryFile("w+")  # noqa: SIM115
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), job],
            cwd=settings.BASE_DIR,
            stdout=output,
            stderr=errors,
            # Ctrl-C at a terminal reaches the schedule, which lets a run finish.
            start_new_session=True,
        )
        process.started = time.monotonic()
        process.output, process.errors = output, errors
        logger.info("%s started (pid %s)", job, process.pid)
        return process

    def finished(self, job, process):
        process.wait()
        output, errors = (self.read(kept) for kept in (process.output, process.errors))
        seconds = time.monotonic() - process.started
        if process.returncode == 0:
            logger.info("%s done in %.1f s", job, seconds)
        else:
            tail = "\n".join(errors.strip().splitlines()[-5:])
            logger.error(
                "%s failed with status %s after %.1f s:\n%s", job, process.returncode, seconds, tail
            )
        # What a run did names stories and storytellers' references: kept for -v 2.
        for line in output.strip().splitlines():
            logger.debug("%s: %s", job, line)

    @staticmethod
    def read(kept):
        with kept:
            kept.seek(0)
            return kept.read()
