"""Benchmark the site as deployed, against a bare Django view in the same round.

Builds its own databases (stories.benchmark.databases): the demo campaign,
and the demo plus `--stories` seeded stories (reused while nothing that
shapes them changed). For each, on a throw-away copy: figures measured in one
process (`bench_inprocess`), then gunicorn (2 sync workers, production
settings, config.settings.bench) driven page by page, each page's round
preceded by a round of the bare view, so the ratio cancels the machine's
noise. Prints the table and writes it to .bench/results.md.
"""

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import time
import uuid
from datetime import datetime
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from django.core.management.base import BaseCommand

from config.bench_urls import BARE_PATH
from stories.benchmark import load
from stories.benchmark.databases import BENCH, ROOT, Database, remove_stale, shaping_hash
from stories.benchmark.pages import PAGES

GUNICORN = str(Path(os.sys.executable).with_name("gunicorn"))
WORKERS = 2
PASSWORD = os.environ.get("ADMIN_PASSWORD", "changeme")
REQUEST_TIMEOUT = 30


def free_port():
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn ended with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer on {port}")


def rss_of_children(pid):
    """Resident memory (MB) of each worker of a gunicorn master."""
    sizes = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = (entry / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                for line in (entry / "status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
    return sorted(sizes)


class Server:
    """gunicorn with the bench settings on loopback, for one copy of a database."""

    def __init__(self, database, env):
        self.database, self.env, self.port, self.process = database, env, free_port(), None

    def __enter__(self):
        log = self.database.folder / "gunicorn.log"
        self.process = subprocess.Popen(  # noqa: S603
            [
                GUNICORN,
                "config.wsgi",
                f"--workers={WORKERS}",
                # Sync workers, one request at a time each (the site's own
                # gunicorn.conf.py gives threads): the figures stay comparable
                # with every earlier run, and measure a page's cost alone.
                "--worker-class=sync",
                "--threads=1",
                f"--bind=127.0.0.1:{self.port}",
                f"--timeout={REQUEST_TIMEOUT}",
                f"--error-logfile={log}",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, self.process)
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def request(self, method, path, headers=None, body=None):
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT + 5)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            response.read()
            return response
        finally:
            connection.close()

    def sign_in(self, username):
        """A session cookie, got the way a reader gets one: through the form."""
        cookies = {}

        def keep(response):
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie()
                cookie.load(header)
                cookies.update({name: morsel.value for name, morsel in cookie.items()})

        keep(self.request("GET", "/account/sign-in/"))
        body = urlencode(
            {
                "csrfmiddlewaretoken": cookies.get("csrftoken", ""),
                "username": username,
                "password": PASSWORD,
                "next": "/",
            }
        )
        response = self.request(
            "POST",
            "/account/sign-in/",
            {
                "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.port}/account/sign-in/",
            },
            body,
        )
        keep(response)
        if response.status != 302 or "sessionid" not in cookies:
            raise RuntimeError(f"{username} could not sign in ({response.status})")
        return {"Cookie": f"sessionid={cookies['sessionid']}"}


class Command(BaseCommand):
    help = __doc__.splitlines()[0]
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=10_000)
        parser.add_argument(
            "--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS", 5))
        )
        parser.add_argument("--seed", type=int, default=1)

    def say(self, message):
        self.stdout.write(f"[{time.monotonic() - self.started:6.0f} s] {message}")
        self.stdout.flush()

    def handle(self, *args, stories, seconds, seed, **options):
        self.started = time.monotonic()
        self.seconds = seconds
        BENCH.mkdir(exist_ok=True)
        digest = shaping_hash()
        vendor = (
            "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
        )
        demo = Database(f"{vendor}-demo-{digest}")
        scaled = Database(f"{vendor}-{stories}-s{seed}-{digest}")
        remove_stale(keep={demo.name, scaled.name})
        self.redis = os.environ.get("REDIS_URL") or None
        self.say(
            f"database: {vendor}; cache: {'Redis' if self.redis else 'local memory per worker'}; "
            f"load generator: {load.generator_name()} ({load.CONNECTIONS} connections, "
            f"a new one per request); {seconds:g} s per round"
        )
        self.ensure(demo, None, ["load_demo"])
        self.ensure(
            scaled,
            demo,
            ["seed_scale", f"--stories={stories}", f"--seed={seed}"],
        )
        self.static = BENCH / "static"
        demo.manage("collectstatic", "--no-input", "-v0", env=self.serving_env(demo))
        sizes = [("demo", demo), (f"{stories:,}", scaled)]
        results = {}
        for label, seeded in sizes:
            results[label] = self.measure(label, seeded, big=seeded is scaled)
        table = self.table(results, vendor)
        self.stdout.write("\n" + table)
        (BENCH / "results.md").write_text(table)
        self.say(f"written to {BENCH / 'results.md'}")

    def ensure(self, database, template, command):
        if database.exists():
            self.say(f"reusing {database.name} (same migrations, demo and seeder)")
            return
        self.say(f"building {database.name} ...")
        started = time.monotonic()
        database.create(template=template)
        try:
            if template is None:
                database.manage("migrate", "--no-input", "-v0")
            database.manage(*command)
        except subprocess.CalledProcessError as error:
            database.drop()
            raise RuntimeError(f"{command[0]} failed:\n{error.stdout}\n{error.stderr}") from error
        database.mark_complete()
        self.say(f"built {database.name} in {time.monotonic() - started:.0f} s")

    def serving_env(self, database, **extra):
        return database.environment(
            "config.settings.bench",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
            SECURE_SSL_REDIRECT="false",
            STATIC_ROOT=str(BENCH / "static"),
            # The anonymous API limit (300 an hour) would answer 429 within a second.
            API_RATE_ANONYMOUS="1000000000/hour",
            REDIS_URL=self.redis,
            CACHE_KEY_PREFIX=f"hs-bench-{uuid.uuid4().hex[:12]}" if self.redis else None,
            **extra,
        )

    def measure(self, label, seeded, big):
        copy = Database(f"run-{seeded.name}")
        copy.create(template=seeded, share_files=True)
        try:
            env = self.serving_env(copy)
            out = copy.folder / "inprocess.json"
            flags = ["--search", "--sweep", "--writes"] if big else ["--sweep", "--writes"]
            self.say(
                f"{label}: queries per request, search, sweep, publish, withdrawal (in-process)"
            )
            copy.manage("bench_inprocess", f"--out={out}", *flags, env=env, capture=False)
            inprocess = json.loads(out.read_text())
            paths = inprocess["paths"]
            rounds = {}
            with Server(copy, env) as server:
                readers = {"anonymous": {}}
                for reader in ("teacher", "partner"):
                    readers[reader] = server.sign_in(reader)
                for path, reader in paths.values():
                    # Warm: caches. A page slower than the workers' timeout fails here too.
                    with contextlib.suppress(OSError):
                        server.request("GET", path, readers[reader])
                for name, (path, reader) in paths.items():
                    rounds[name] = self.round(server, path, readers[reader])
                    self.say(f"{label}: {name} {rounds[name]['page']['rate']:.1f} req/s")
                memory = rss_of_children(server.process.pid)
                self.clean_redis(env)
            uncached = (
                ("story_after_publish", "after-publish"),
                ("story_after_change", "after-change"),
                ("story_nocache", "dummy"),
            )
            for name, cache in uncached:
                with Server(copy, self.serving_env(copy, BENCH_CACHE=cache)) as server:
                    rounds[name] = self.round(server, paths["story"][0], {})
                    self.say(f"{label}: {name} {rounds[name]['page']['rate']:.1f} req/s")
            others = []
            if not big:
                # The older benchmarks, on this copy (each rolls back what it builds).
                for command in ("bench_withdrawal", "bench_pictures"):
                    self.say(f"{label}: {command}")
                    try:
                        done = copy.manage(command, env=copy.environment()).stdout
                    except subprocess.CalledProcessError as error:
                        done = f"failed:\n{error.stdout}\n{error.stderr[-3000:]}"
                    others.append((command, done.strip()))
            return {"inprocess": inprocess, "rounds": rounds, "memory_mb": memory, "others": others}
        finally:
            copy.drop()

    def round(self, server, path, headers):
        # A worker restarted (after a request over the timeout) or just started
        # imports the site on its first request: not part of either figure.
        for _ in range(4 * WORKERS):
            with contextlib.suppress(OSError):
                server.request("GET", BARE_PATH)
        bare = load.drive(server.port, BARE_PATH, self.seconds, headers)
        page = load.drive(server.port, path, self.seconds, headers)
        return {
            "path": path,
            "bare": vars(bare) | {"rate": bare.rate},
            "page": vars(page) | {"rate": page.rate},
        }

    def clean_redis(self, env):
        if not self.redis:
            return
        import redis

        client = redis.Redis.from_url(self.redis)
        for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}*"):
            client.delete(key)

    def table(self, results, vendor):
        lines = [
            f"# Benchmark, {datetime.now():%Y-%m-%d %H:%M}",
            "",
            f"Database {vendor}; cache {'Redis' if self.redis else 'local memory per worker'}; "
            f"gunicorn, {WORKERS} sync workers, production settings; load generator "
            f"{load.generator_name()}, {load.CONNECTIONS} connections, {self.seconds:g} s a round. "
            "`× bare` divides by the bare 30 KB Django view measured just before, in the same "
            "gunicorn: req/s below 1× is slower than bare, latency above 1× is slower.",
        ]
        for label, result in results.items():
            lines += ["", f"## {label} stories", ""]
            lines += [
                "| page | req/s | × bare | p50 ms | × bare | p99 ms | × bare | failed |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            ]
            for name, title in PAGES.items():
                round_ = result["rounds"].get(name)
                if round_ is None:
                    continue
                page, bare = round_["page"], round_["bare"]
                lines.append(
                    f"| {title} | {page['rate']:.1f} | {ratio(page['rate'], bare['rate'])} | "
                    f"{page['p50']:.1f} | {ratio(page['p50'], bare['p50'])} | "
                    f"{page['p99']:.1f} | {ratio(page['p99'], bare['p99'])} | {page['failures']} |"
                )
            bare_rates = [r["bare"]["rate"] for r in result["rounds"].values()]
            memory = ", ".join(f"{mb:.0f}" for mb in result["memory_mb"])
            lines += [
                "",
                f"Bare view: {min(bare_rates):.0f}–{max(bare_rates):.0f} req/s over the rounds. "
                f"Worker memory after the load (RSS): {memory} MB.",
            ]
        lines += ["", "## Queries per request (in-process, test client)", ""]
        labels = list(results)
        header = " | ".join(f"{label} cold | {label} warm" for label in labels)
        lines += [f"| page | {header} |", "| --- |" + " ---: |" * (2 * len(labels))]
        for name, title in PAGES.items():
            cells = []
            for label in labels:
                counted = results[label]["inprocess"]["queries"].get(name)
                if counted is None:
                    cells += ["", ""]
                    continue
                cells += [queries_cell(counted["cold"]), queries_cell(counted["warm"])]
            if any(cells):
                lines.append(f"| {title} | " + " | ".join(cells) + " |")
        lines += ["", "## In one process", ""]
        for label, result in results.items():
            inprocess = result["inprocess"]
            bare_ms = inprocess["bare_ms"]
            lines.append(f"- {label} stories: bare view {bare_ms:.2f} ms in the test client")
            search = inprocess.get("search")
            if search:
                p95 = search["p95_ms"]
                lines.append(
                    f"  - search: p95 {fmt_ms(p95)} ({ratio(p95, bare_ms)} bare), "
                    f"p50 {fmt_ms(search['p50_ms'])}, over {search['queries']} queries, "
                    f"{search['timeouts']} over {search['timeout_s']:g} s"
                )
            sweep = inprocess.get("sweep")
            if sweep and "seconds" in sweep:
                took = sweep["seconds"]
                lines.append(
                    f"  - expiry sweep (dry run): {took:.2f} s "
                    f"({ratio(took * 1000, bare_ms)} bare), "
                    f"{sweep['queries']} queries; {sweep['lapsed']} stories to take down, "
                    f"{sweep['ending_soon']} records ending within 60 days"
                )
            elif sweep:
                lines.append(f"  - expiry sweep (dry run): over {sweep['timed_out_after_s']:.0f} s")
            writes = inprocess.get("writes")
            if writes and "timed_out_after_s" in writes:
                lines.append(
                    f"  - publish, then withdraw a storyteller with 20 stories: over "
                    f"{writes['timed_out_after_s']:g} s (publish: "
                    f"{fmt_ms(writes['publish_s'] * 1000) if 'publish_s' in writes else '–'})"
                )
            elif writes:
                lines.append(
                    f"  - publish one story: {writes['publish_s'] * 1000:.0f} ms "
                    f"({ratio(writes['publish_s'] * 1000, bare_ms)} bare), "
                    f"{writes['publish_queries']} queries; withdraw a storyteller with 20 stories: "
                    f"{writes['withdrawal_s']:.2f} s, {writes['withdrawal_queries']} queries"
                )
        for result in results.values():
            for command, output in result.get("others", []):
                lines += ["", f"## manage.py {command} (demo)", "", "```", output, "```"]
        return "\n".join(lines) + "\n"


def ratio(value, reference):
    if not value or not reference or value != value or reference != reference:
        return "–"
    return f"{value / reference:.2f}×" if value / reference < 10 else f"{value / reference:.0f}×"


def fmt_ms(value):
    return "–" if value is None else f"{value:.0f} ms"


def queries_cell(counted):
    if counted is None:
        return "timed out"
    status = "" if counted["status"] == 200 else f" ({counted['status']})"
    return f"{counted['queries']}{status}"
