"""Search latency per query, p50 and p95, with its cost in queries, against
the database this runs on.

Each query is asked of /search/ through the whole site (Django's test
client, the settings it runs with; give it production-like ones, DEBUG off)
as a search nobody asked before: an address the page cache has not kept,
in a process that has served searches already. The queries are the words
the benchmark searches for (stories.benchmark.pages.SEARCH_WORDS), a rare
word, two words, a quoted phrase, a misspelling that "Did you mean" respells
and a word no story has; the page without a search (the form only) says what
the rest of the page costs on this machine at the time. Nothing here fails
on a time: it prints figures.
"""

import re
import statistics
import time
from html import unescape

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from stories.benchmark.pages import SEARCH_WORDS

QUERIES = [
    *((word, "word") for word in SEARCH_WORDS),
    ("nanobots", "rare word"),
    ("dental nurse", "two words"),
    ('"root canal"', "quoted phrase"),
    ("dentsit", "misspelt"),
    ("zqxvwk", "no story's word"),
    ("", "form only"),  # no search: what the rest of the page costs on this machine now
]
COUNT = re.compile(r'<p class="count">(.*?)</p>', re.S)
TAG = re.compile(r"<[^>]+>")
SUGGESTED = re.compile(r"Did you mean “<a [^>]*>(.*?)</a>”")


def percentile(timings, share):
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=20, help="requests per query")
        parser.add_argument("--reader", default="anonymous", help="a username, or anonymous")
        parser.add_argument("--query", action="append", help="search for this instead")

    def handle(self, *args, repeat, reader, query, **options):
        client = Client(HTTP_HOST="127.0.0.1")
        if reader != "anonymous":
            client.force_login(get_user_model().objects.get(username=reader))
        queries = [(text, "asked") for text in query] if query else QUERIES
        self.stdout.write(
            f"search on {connection.vendor}, reader {reader}, {repeat} requests per query"
        )
        self.stdout.write(
            f"{'query':<16} {'kind':<16} {'p50 ms':>8} {'p95 ms':>8}"
            f" {'db ms':>7} {'queries':>8}  found"
        )
        every = []
        for number, (text, kind) in enumerate(queries):
            timings, in_database, counts = [], [], set()
            response = None
            # The first request warms what any process has warmed by then.
            for attempt in range(repeat + 1):
                # A new address each time: the page cache has kept none of them.
                params = {"q": text, "asked": f"{number}-{attempt}-{time.monotonic_ns()}"}
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get("/search/", params)
                    elapsed = (time.perf_counter() - started) * 1000
                if attempt:
                    timings.append(elapsed)
                    counts.add(len(captured))
                    in_database.append(
                        sum(float(each["time"]) for each in captured.captured_queries) * 1000
                    )
            every += timings
            self.stdout.write(
                f"{text:<16} {kind:<16} {statistics.median(timings):>8.1f}"
                f" {percentile(timings, 0.95):>8.1f} {statistics.median(in_database):>7.1f}"
                f" {'/'.join(map(str, sorted(counts))):>8}"
                f"  {self.found(response)}"
            )
        self.stdout.write(
            f"{'all':<16} {'':<16} {statistics.median(every):>8.1f} {percentile(every, 0.95):>8.1f}"
        )

    def found(self, response):
        """What the page said it found, read from the page itself."""
        if response.status_code != 200:
            return f"status {response.status_code}"
        page = response.content.decode()
        count = COUNT.search(page)
        said = " ".join(unescape(TAG.sub("", count.group(1))).split()) if count else "nothing"
        suggested = SUGGESTED.search(page)
        if suggested:
            said += f"; did you mean {unescape(suggested.group(1))!r}"
        return said
