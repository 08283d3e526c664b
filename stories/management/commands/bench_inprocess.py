"""Benchmark figures measured in one process, against the database it is given.

Queries per request (cache cleared, then warm) with Django's test client;
search latency over a few hundred varied queries; the expiry sweep as a dry
run (nothing changes); publishing a story and withdrawing a storyteller
(built for the purpose, rolled back). Each is also given as a multiple of a
bare Django view requested the same way. Writes JSON for `bench_site`.
A request still running after `--request-timeout` seconds is interrupted.
"""

import json
import logging
import statistics
import threading
import time
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from stories.benchmark.pages import SEARCH_WORDS, page_paths
from stories.consent.expiry import enforce_consent
from stories.scale import WORDS

BARE = "/bench/bare/"


class TimedOut(Exception):
    pass


class Rollback(Exception):
    pass


@contextmanager
def interrupted_after(seconds):
    """Stop the work after `seconds`, so one slow page cannot stall the bench:
    no query starts after the deadline, and one running past it is interrupted
    (SQLite: interrupt(); PostgreSQL: statement_timeout)."""
    deadline = time.monotonic() + seconds

    def before_each_query(execute, sql, params, many, context):
        if time.monotonic() > deadline:
            raise TimedOut
        return execute(sql, params, many, context)

    connection.ensure_connection()
    timer = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")
    elif connection.vendor == "sqlite":
        timer = threading.Timer(seconds, connection.connection.interrupt)
        timer.start()
    timed_out = True
    try:
        with connection.execute_wrapper(before_each_query):
            yield
        timed_out = False
    except TimedOut:
        raise
    except Exception as error:
        words = str(error)
        if "interrupted" in words or "statement timeout" in words or time.monotonic() > deadline:
            raise TimedOut from error
        timed_out = False
        raise
    finally:
        if timer is not None:
            timer.cancel()
        if connection.vendor == "postgresql":
            if not timed_out:
                with connection.cursor() as cursor:
                    cursor.execute("SET statement_timeout = 0")
            elif not connection.in_atomic_block:
                connection.close()  # a cancelled statement may leave the session unusable
            # Inside a transaction, the rollback that follows a time-out ends it.


def clear_cache():
    # Redis is shared: delete this run's keys (its prefix) only, never FLUSHDB.
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True)
        parser.add_argument("--request-timeout", type=float, default=20)
        parser.add_argument("--search-queries", type=int, default=300)
        parser.add_argument("--search-seconds", type=float, default=90)
        parser.add_argument("--sweep-timeout", type=float, default=120)
        parser.add_argument("--search", action="store_true", help="measure search latency")
        parser.add_argument("--sweep", action="store_true", help="measure the expiry sweep")
        parser.add_argument("--writes", action="store_true", help="publish and withdraw")

    def handle(self, *args, out, **options):
        # An interrupted page is a figure here ("over 30 s"), not an error to
        # log; the logger is given back as it was (the command may run in a
        # process that goes on, as in the tests).
        request_log = logging.getLogger("django.request")
        level = request_log.level
        request_log.setLevel(logging.CRITICAL)
        try:
            self.measure(out, options)
        finally:
            request_log.setLevel(level)

    def measure(self, out, options):
        self.timeout = options["request_timeout"]
        self.write_timeout = options["sweep_timeout"]
        paths = page_paths()
        results = {"paths": paths, "database": connection.vendor}
        results["bare_ms"] = self.bare_ms()
        results["queries"] = self.queries(paths)
        if options["search"]:
            self.stdout.write("    search ...")
            results["search"] = self.search(options["search_queries"], options["search_seconds"])
        if options["sweep"]:
            self.stdout.write("    expiry sweep (dry run) ...")
            results["sweep"] = self.sweep(options["sweep_timeout"])
        if options["writes"]:
            self.stdout.write("    publish and withdrawal ...")
            results["writes"] = self.writes()
        with open(out, "w") as file:
            json.dump(results, file, indent=1)

    def client_for(self, reader):
        client = Client(HTTP_HOST="127.0.0.1")
        if reader != "anonymous":
            client.force_login(get_user_model().objects.get(username=reader))
        return client

    def bare_ms(self):
        client = Client(HTTP_HOST="127.0.0.1")
        timings = []
        for _ in range(60):
            started = time.perf_counter()
            client.get(BARE)
            timings.append((time.perf_counter() - started) * 1000)
        return statistics.median(timings[10:])

    def count(self, client, path):
        """(queries, status, milliseconds) for one request, or None if it timed out."""
        try:
            with interrupted_after(self.timeout), CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                elapsed = (time.perf_counter() - started) * 1000
        except TimedOut:
            return None
        return {"queries": len(queries), "status": response.status_code, "ms": elapsed}

    def queries(self, paths):
        """Queries of each page with nothing cached, in a process that has
        served pages before (as a worker has when a publish retires its cache):
        a first request also fills per-process caches (content types, the
        site's root paths), which no reader after it pays for."""
        for path, reader in paths.values():
            self.count(self.client_for(reader), path)
        counted = {}
        for name, (path, reader) in paths.items():
            client = self.client_for(reader)
            clear_cache()
            cold = self.count(client, path)
            warm = self.count(client, path) if cold is not None else None
            counted[name] = {"cold": cold, "warm": warm}
            self.stdout.write(f"    {name}: {cold and cold['queries']} queries cold", ending="\n")
            self.stdout.flush()
        return counted

    def search(self, wanted, seconds):
        """Latency of /search/ over varied queries: words, pairs, names, misses."""
        import random

        rng = random.Random(5)  # noqa: S311 (which queries, reproducibly)
        vocabulary = SEARCH_WORDS + [w for values in WORDS.values() for w in values]
        queries = []
        while len(queries) < wanted:
            kind = rng.random()
            if kind < 0.5:
                queries.append(rng.choice(vocabulary))
            elif kind < 0.8:
                queries.append(" ".join(rng.sample(vocabulary, 2)))
            elif kind < 0.9:
                queries.append(rng.choice(vocabulary)[:4])
            else:
                queries.append(f"zq{rng.randint(0, 9999)}x")
        client = Client(HTTP_HOST="127.0.0.1")
        timings, timeouts = [], 0
        deadline = time.perf_counter() + seconds
        for query in queries:
            if time.perf_counter() > deadline:
                break
            result = self.count(client, f"/search/?q={query}")
            if result is None:
                timeouts += 1
                if timeouts >= 3 and not timings:
                    break  # every search is over the limit: the figure is that
            else:
                timings.append(result["ms"])
        timings.sort()
        return {
            "queries": len(timings) + timeouts,
            "timeouts": timeouts,
            "timeout_s": self.timeout,
            "p50_ms": timings[len(timings) // 2] if timings else None,
            "p95_ms": timings[int(0.95 * (len(timings) - 1))] if timings else None,
        }

    def sweep(self, seconds):
        try:
            with interrupted_after(seconds), CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                report = enforce_consent(dry_run=True)
                elapsed = time.perf_counter() - started
        except TimedOut:
            return {"timed_out_after_s": seconds}
        return {
            "seconds": elapsed,
            "queries": len(queries),
            "lapsed": len(report.taken_down),
            "ending_soon": len(report.ending_soon),
        }

    @override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    def writes(self):
        """Publish one story, then withdraw a storyteller with 20 stories and 40
        pictures (as bench_withdrawal builds), both rolled back afterwards."""
        from stories.consent.approvals import record_approval
        from stories.consent.withdrawal import withdraw_consent
        from stories.factories import StoryPageFactory, StorytellerFactory

        from .bench_withdrawal import build_storyteller

        figures = {}
        try:
            with transaction.atomic():
                story = StoryPageFactory(storyteller=StorytellerFactory(), publish=False)
                revision = story.save_revision()
                record_approval(story, revision)  # the storyteller read this version
                with (
                    interrupted_after(self.write_timeout),
                    CaptureQueriesContext(connection) as queries,
                ):
                    started = time.perf_counter()
                    revision.publish()
                    figures["publish_s"] = time.perf_counter() - started
                figures["publish_queries"] = len(queries)
                storyteller, _stories = build_storyteller()
                with (
                    interrupted_after(self.write_timeout),
                    CaptureQueriesContext(connection) as queries,
                ):
                    started = time.perf_counter()
                    withdraw_consent(storyteller.reference, "Benchmark")
                    figures["withdrawal_s"] = time.perf_counter() - started
                figures["withdrawal_queries"] = len(queries)
                raise Rollback
        except Rollback:
            pass
        except TimedOut:
            figures["timed_out_after_s"] = self.write_timeout
        return figures
