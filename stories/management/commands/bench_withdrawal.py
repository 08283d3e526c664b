"""Benchmark: withdrawing a storyteller with 20 stories and 40 images.

Prints the time of `withdraw_consent`, and of Wagtail's bare unpublish of the
same number of pages as a reference measured in the same run (machines are
noisy; the ratio travels better than the seconds). Everything it builds is
rolled back.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

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


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=3)

    def measure(self, work):
        try:
            with transaction.atomic():
                storyteller, stories = build_storyteller()
                started = time.perf_counter()
                work(storyteller, stories)
                elapsed = time.perf_counter() - started
                raise Rollback
        except Rollback:
            return elapsed

    def handle(self, *args, rounds, **options):
        def withdraw(storyteller, stories):
            withdraw_consent(storyteller.reference, "Benchmark")

        def bare_unpublish(storyteller, stories):
            for story in stories:
                story.unpublish()

        withdrawals = [self.measure(withdraw) for _ in range(rounds)]
        references = [self.measure(bare_unpublish) for _ in range(rounds)]
        best, reference = min(withdrawals), min(references)
        images = STORIES * IMAGES_PER_STORY
        median = statistics.median(withdrawals)
        self.stdout.write(
            f"database: {connection.vendor}; {STORIES} stories, {images} images; best of {rounds}"
        )
        self.stdout.write(f"withdraw_consent:            {best:.3f} s (median {median:.3f} s)")
        self.stdout.write(f"reference, bare unpublish:   {reference:.3f} s")
        self.stdout.write(f"ratio withdrawal/reference:  {best / reference:.2f}")
        verdict = "under" if best < 1 else "OVER"
        self.stdout.write(f"withdrawal is {verdict} one second")
