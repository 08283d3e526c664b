"""Benchmark: withdrawing a storyteller with 20 stories and 40 images.

Prints the time of `withdraw_consent`, and of Wagtail's bare unpublish of the
same number of pages as a reference measured in the same run (machines are
noisy; the ratio travels better than the seconds), with the queries each
ran and the time of what waits for the commit (files deleted, the CDN purge,
e-mails to partners, kept rather than sent). Everything it builds is rolled
back.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, reset_queries, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from stories.consent.withdrawal import withdraw_consent
from stories.factories import StoryImageFactory, StoryPageFactory, StorytellerFactory

STORIES = 20
IMAGES_PER_STORY = 2


class Rollback(Exception):
    pass


def build_storyteller():
    storyteller = StorytellerFactory()
    stories = []
    for number in range(STORIES):
        hero, extra = (StoryImageFactory(storyteller=storyteller) for _ in range(IMAGES_PER_STORY))
        story = StoryPageFactory(
            storyteller=storyteller,
            title=f"Benchmark story {number}",
            hero_image=hero,
            body=[("image", {"image": extra, "caption": "Benchmark"})],
        )
        hero.get_rendition("fill-640x400")
        stories.append(story)
    return storyteller, stories


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def run_what_waits_for_the_commit():
    """Run, and time, the callbacks waiting for a commit that will not come."""
    callbacks, connection.run_on_commit = connection.run_on_commit, []
    started = time.perf_counter()
    for _savepoints, callback, _robust in callbacks:
        callback()
    return time.perf_counter() - started


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=3)

    def measure(self, work):
        """(seconds, queries, seconds after the commit) of one run, rolled back."""
        try:
            with transaction.atomic():
                storyteller, stories = build_storyteller()
                reset_queries()  # the log keeps 9,000: building the stories may fill it
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    work(storyteller, stories)
                    elapsed = time.perf_counter() - started
                after_commit = run_what_waits_for_the_commit()
                raise Rollback
        except Rollback:
            return elapsed, len(queries), after_commit

    def handle(self, *args, rounds, **options):
        def withdraw(storyteller, stories):
            withdraw_consent(storyteller.reference, "Benchmark")

        def bare_unpublish(storyteller, stories):
            for story in stories:
                story.unpublish()

        withdrawals = [self.measure(withdraw) for _ in range(rounds)]
        references = [self.measure(bare_unpublish) for _ in range(rounds)]
        best, queries, after_commit = min(withdrawals)
        reference, reference_queries, _ = min(references)
        images = STORIES * IMAGES_PER_STORY
        median = statistics.median(seconds for seconds, _, _ in withdrawals)
        self.stdout.write(
            f"database: {connection.vendor}; {STORIES} stories, {images} images; best of {rounds}"
        )
        self.stdout.write(
            f"withdraw_consent:            {best:.3f} s (median {median:.3f} s), {queries} queries"
        )
        self.stdout.write(f"  then, once it commits:     {after_commit:.3f} s")
        self.stdout.write(
            f"reference, bare unpublish:   {reference:.3f} s, {reference_queries} queries"
        )
        self.stdout.write(f"ratio withdrawal/reference:  {best / reference:.2f}")
        verdict = "under" if best < 1 else "OVER"
        self.stdout.write(f"withdrawal is {verdict} one second")
