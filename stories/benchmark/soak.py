"""A soak: mixed traffic for a bounded time against the site as `make serve` runs it.

The site is set up in a place of its own (a SQLite file in a temporary
folder, or a PostgreSQL database `hs_soak_<pid>` beside DATABASE_URL's, and
REDIS_URL's Redis under a key prefix of its own), with the demo campaign,
and served by `python -m config.serve --no-setup`: gunicorn with production
settings and several workers, the task worker and the schedule. Then, for a
bounded time, from threads of this process: anonymous readers, a schools
reader and a partner reader signed in through the site's form, the demo
partner's API token, two site administrators publishing through the admin's
own publish action (editors submit for review; administrators publish), and
halfway a consent officer's withdrawal typed in another process
(`manage.py withdraw_consent`). Every answer is classed as it comes: what a
reader should get, a 4xx the soak expects (a withdrawn story after the
withdrawal), or unexpected. Any 5xx, any unexpected answer, and anything of
the withdrawn storyteller's shown after the withdrawal fail the soak.
"""

import base64
import contextlib
import json
import os
import random
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from config import serve
from stories.benchmark.load import percentile
from stories.benchmark.pages import SEARCH_WORDS

ROOT = serve.ROOT
PYTHON = sys.executable
PASSWORD = "soak-" + uuid.uuid4().hex[:16]
WITHDRAWN = "HS-0001"  # Flora: her stories are public, with pictures
SECOND_PUBLISHER = "publisher"
PUBLISHERS = ("admin", SECOND_PUBLISHER)
REQUEST_TIMEOUT = 60
MORE_WORDS = ["nervous", "gallery", "floss", "walking", "photographs", "panic", "volume"]
# Generous limits for the soak's own site: it measures the site, not the limits.
LIMITS = {
    "AXES_FAILURE_LIMIT": "100000",
    "API_RATE_PER_TOKEN": "1000000/hour",
    "API_RATE_ANONYMOUS": "1000000/hour",
}
IMAGE_SOURCE = re.compile(r"""(?:src|srcset)="(/images/[^"\s,]+)""")
THEME_LINK = re.compile(r"""\?theme=([\w-]+)""")
LATER_PAGE = re.compile(r"^/stories/\?.*page=([2-9]|\d\d)")
STAFF_KINDS = {"admin", "publish"}
PAGE_LINK = re.compile(r"""[?&;]page=(\d+)""")


def free_port():
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_facts():
    """Run inside the soak's site (`manage.py shell`): prints what the traffic
    needs as JSON, and gives the second publisher an account."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from stories.visibility import stories_for

    User = get_user_model()
    if not User.objects.filter(username=SECOND_PUBLISHER).exists():
        user = User.objects.create_user(
            SECOND_PUBLISHER, f"{SECOND_PUBLISHER}@example.com", os.environ["ADMIN_PASSWORD"]
        )
        user.groups.add(Group.objects.get(name="Site administrators"))

    def described(stories):
        return [
            {
                "id": story.pk,
                "url": story.url,
                "storyteller": story.storyteller.reference,
                # A pending edit would be published with it: such stories are left alone.
                "unchanged": story.latest_revision_id == story.live_revision_id,
            }
            for story in stories.select_related("storyteller").order_by("pk")
        ]

    public = stories_for(("public",))
    print(
        json.dumps(
            {
                "public": described(public),
                "schools": described(stories_for(("public", "schools")).exclude(pk__in=public)),
                "partners": described(stories_for(("public", "partners")).exclude(pk__in=public)),
            }
        )
    )


def publishes_recorded(since):
    """Run inside the soak's site: how many publishes Wagtail recorded for each
    publisher since `since` (an ISO time), as JSON."""
    from django.db.models import Count
    from wagtail.models import PageLogEntry

    rows = (
        PageLogEntry.objects.filter(
            action="wagtail.publish",
            timestamp__gte=datetime.fromisoformat(since),
            user__username__in=PUBLISHERS,
        )
        .values("user__username")
        .annotate(count=Count("pk"))
    )
    print(json.dumps({row["user__username"]: row["count"] for row in rows}))


class Database:
    """The soak's own database: a SQLite file in its folder, or `hs_soak_<pid>`."""

    def __init__(self, folder):
        given = os.environ.get("DATABASE_URL", "")
        self.server = given if given.startswith(("postgres://", "postgresql://")) else None
        if self.server:
            self.name = f"hs_soak_{os.getpid()}"
            self.url = urlsplit(self.server)._replace(path=f"/{self.name}").geturl()
            self.vendor = "PostgreSQL"
        else:
            self.url = f"sqlite:///{Path(folder) / 'site.sqlite3'}"
            self.vendor = "SQLite"

    def _admin(self, statement):
        import psycopg

        with psycopg.connect(self.server, autocommit=True) as connection:
            connection.execute(statement)

    def create(self):
        if self.server:
            self.drop()
            self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        if self.server:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class Site:
    """The soak's deployment: set up as `make serve` does, served by config.serve."""

    def __init__(self, workers, say):
        self.folder = Path(tempfile.mkdtemp(prefix="hs-soak-"))
        self.database = Database(self.folder)
        self.redis_url = os.environ.get("REDIS_URL") or None
        self.cache_prefix = f"hs-soak-{os.getpid()}"
        self.workers = workers
        self.port = free_port()
        self.say = say
        self.server = None
        self.access_log = self.folder / "access.log"
        self.error_log = self.folder / "error.log"
        # What the task worker, the schedule and the web workers wrote.
        self.log = self.folder / "serve.log"

    def environment(self):
        given = {
            key: value
            for key, value in os.environ.items()
            if key
            not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "CACHE_KEY_PREFIX", "ALLOWED_HOSTS"}
        }
        given.update(
            DATABASE_URL=self.database.url,
            MEDIA_ROOT=str(self.folder / "media"),
            PRIVATE_ROOT=str(self.folder / "private"),
            STATIC_ROOT=str(self.folder / "static"),
            SECRET_KEY="soak-" + uuid.uuid4().hex,
            PERSONAL_DATA_KEYS=self.personal_data_key,
            ADMIN_PASSWORD=PASSWORD,
            # Production asks consent officers and administrators for a code
            # from an app after the password; the soak's staff sign in without.
            STAFF_TWO_FACTOR="off",
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(self.folder / "mail"),
            PYTHONDONTWRITEBYTECODE="1",
            **LIMITS,
        )
        if self.redis_url:
            given.update(REDIS_URL=self.redis_url, CACHE_KEY_PREFIX=self.cache_prefix)
        return serve.environment(self.port, given)

    def manage(self, *arguments, timeout=600):
        return subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", *arguments],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )

    def build(self):
        """migrate, collectstatic and the demo campaign; returns the demo's API token."""
        self.personal_data_key = base64.urlsafe_b64encode(os.urandom(32)).decode()
        self.database.create()
        self.env = self.environment()
        setup_log = self.folder / "setup.log"
        with open(setup_log, "w") as log:
            serve.set_up(self.env, output=log)
            log.flush()
            # load_demo writes to this process's own output: into the log instead.
            saved = os.dup(1), os.dup(2)
            try:
                os.dup2(log.fileno(), 1)
                os.dup2(log.fileno(), 2)
                serve.load_demo(self.env)
            finally:
                os.dup2(saved[0], 1)
                os.dup2(saved[1], 2)
                os.close(saved[0])
                os.close(saved[1])
        lines = setup_log.read_text().splitlines()
        token = next(
            (lines[n + 1].strip() for n, line in enumerate(lines[:-1]) if "API token for" in line),
            None,
        )
        if not token:
            raise RuntimeError(f"the demo loader printed no API token (see {setup_log})")
        return token, self.ask("site_facts()")

    def ask(self, call):
        """JSON printed by one of this module's functions, run in the site's environment."""
        code = f"from stories.benchmark import soak; soak.{call}"
        result = self.manage("shell", "--no-imports", "-c", code)
        return json.loads(result.stdout.strip().splitlines()[-1])

    def serve(self):
        gunicorn = [
            f"--timeout={REQUEST_TIMEOUT}",
            f"--access-logfile={self.access_log}",
            "--access-logformat=%(p)s %({x-probe}i)s %(s)s",
            f"--error-logfile={self.error_log}",
        ]
        env = {**self.env, "GUNICORN_CMD_ARGS": shlex.join(gunicorn)}
        with open(self.log, "a") as log:
            self.server = subprocess.Popen(  # noqa: S603
                [PYTHON, "-m", "config.serve", f"--port={self.port}"]
                + [f"--workers={self.workers}", "--no-setup"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError(f"config.serve ended with {self.server.returncode}")
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), 0.5).close()
                if len(self.worker_pids()) >= self.workers:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"nothing answered on port {self.port} within 90 s")

    def stop(self):
        if self.server is not None and self.server.poll() is None:
            self.server.send_signal(signal.SIGTERM)
            try:
                self.server.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait()

    def remove(self, keep_files):
        self.database.drop()
        if self.redis_url:
            with contextlib.suppress(Exception):
                import redis

                client = redis.Redis.from_url(self.redis_url)
                for key in client.scan_iter(match=f"{self.cache_prefix}:*", count=1000):
                    client.delete(key)
        if not keep_files:
            shutil.rmtree(self.folder, ignore_errors=True)

    def worker_pids(self):
        """The gunicorn master's children: its workers."""
        children = children_of()
        masters = [
            pid
            for pid in children.get(self.server.pid, [])
            if b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]
        return sorted(pid for master in masters for pid in children.get(master, []))

    def worker_memory(self):
        """{pid: resident MB} of each gunicorn worker."""
        sizes = {}
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes[pid] = int(line.split()[1]) / 1024
        return sizes

    def workers_by_probe(self):
        answered = {}
        if self.access_log.exists():
            for line in self.access_log.read_text().splitlines():
                parts = line.split()
                if len(parts) >= 2 and parts[1] != "-":
                    answered[parts[1]] = parts[0].strip("<>")
        return answered


def picture_of(source):
    """The picture a rendition's address shows: `/images/images/flora-hero` of
    `/images/images/flora-hero.2e16d0ba.format-webp.fill-640x400.webp`."""
    return source.split(".", 1)[0]


def children_of():
    children = defaultdict(list)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                children[int(stat.rsplit(")", 1)[1].split()[1])].append(int(entry.name))
    return children


class Browser:
    """One client: cookies and forms, as a browser, each request numbered."""

    _numbers = iter(range(1, 10**9))
    _lock = threading.Lock()

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, fields=None, headers=None):
        """(status, text, probe, milliseconds); status 0 when no answer came."""
        with self._lock:
            probe = f"s{next(self._numbers)}"
        sent = {"X-Probe": probe, **(headers or {})}
        if self.cookies:
            # Production cookies are Secure; this plain-HTTP client sends them anyway.
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        started = time.perf_counter()
        connection = HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT + 5)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except OSError as error:
            return 0, f"{type(error).__name__}: {error}", probe, 0.0
        finally:
            connection.close()
        elapsed = (time.perf_counter() - started) * 1000
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, text, probe, elapsed

    def submit(self, path, fields):
        """Open the form, then send it with its token: (status, text, probe, ms)."""
        self.request("GET", path)
        return self.request(
            "POST", path, {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        )

    def sign_in(self, username, path):
        status, _text, _probe, _ms = self.submit(
            path, {"username": username, "password": PASSWORD, "next": "/"}
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"{username} could not sign in at {path} (status {status})")


class Tally:
    """Every answer: kind, status, milliseconds, and how it was judged."""

    def __init__(self):
        self.lock = threading.Lock()
        self.answers = []  # (kind, status, ms, verdict)
        self.problems = []
        self.failures = []  # what went wrong outside any one answer

    def fail(self, problem):
        with self.lock:
            self.failures.append(problem)

    def add(self, kind, status, ms, verdict, problem=None):
        with self.lock:
            self.answers.append((kind, status, ms, verdict))
            if problem and len(self.problems) < 40:
                self.problems.append(problem)


class Soak:
    """Mixed traffic against a served Site for `seconds`, with a withdrawal halfway."""

    def __init__(self, site, token, facts, seconds, say):
        self.site = site
        self.token = token
        self.seconds = seconds
        self.say = say
        self.tally = Tally()
        self.random = random.Random(15)  # noqa: S311 (which page to ask for next)
        public = facts["public"]
        self.withdrawn_stories = [s["url"] for s in public if s["storyteller"] == WITHDRAWN]
        self.public_stories = [s["url"] for s in public if s["storyteller"] != WITHDRAWN]
        self.schools_stories = [s["url"] for s in facts["schools"]]
        self.partners_stories = [s["url"] for s in facts["partners"]]
        self.to_publish = [
            s["id"] for s in public if s["storyteller"] != WITHDRAWN and s["unchanged"]
        ]
        self.withdrawn_marks = [urlsplit(url).path for url in self.withdrawn_stories]
        if not (self.withdrawn_stories and self.public_stories and self.to_publish):
            raise RuntimeError(f"the demo campaign lacks what the soak reads: {facts}")
        self.withdrawal_started = self.withdrawal_ended = None
        self.memory_halfway = {}
        self.stopping = threading.Event()

    # What is read --------------------------------------------------------

    def discover(self):
        """Themes from the index, pictures from the story pages (before anything else)."""
        reader = Browser(self.site.port)
        index = reader.request("GET", "/stories/")[1]
        self.themes = sorted(set(THEME_LINK.findall(index))) or [""]
        self.index_pages = sorted(set(PAGE_LINK.findall(index)))
        sources, shown_by = set(), defaultdict(set)
        for url in self.public_stories + self.withdrawn_stories:
            for source in IMAGE_SOURCE.findall(reader.request("GET", url)[1]):
                sources.add(source)
                shown_by[picture_of(source)].add(url in self.withdrawn_stories)
        # Pictures only other stories show stay; those only hers show go with her
        # stories. One both show (her story's card among another's related
        # stories) may go or stay: it is left out.
        self.pictures = sorted(src for src in sources if shown_by[picture_of(src)] == {False})
        self.withdrawn_pictures = sorted(
            src for src in sources if shown_by[picture_of(src)] == {True}
        )
        self.withdrawn_marks += sorted({picture_of(src) for src in self.withdrawn_pictures})

    def anonymous_path(self):
        choice = self.random.random()
        if choice < 0.10:
            return "home", "/"
        if choice < 0.25:
            theme = self.random.choice(self.themes)
            page = self.random.choice(["", *(f"&page={n}" for n in self.index_pages)])
            query = f"?theme={quote(theme)}{page}" if theme else page.replace("&", "?")
            return "index", f"/stories/{query}"
        if choice < 0.50:
            return "story", self.random.choice(self.public_stories)
        if choice < 0.55:
            return "withdrawn story", self.random.choice(self.withdrawn_stories)
        if choice < 0.65:
            word = self.random.choice(SEARCH_WORDS + MORE_WORDS)
            return "search", f"/search/?q={quote(word)}"
        if choice < 0.72:
            return "feed", "/stories/feed/"
        if choice < 0.77:
            return "sitemap", "/sitemap.xml"
        if choice < 0.95 and self.pictures:
            return "picture", self.random.choice(self.pictures)
        if self.withdrawn_pictures:
            return "withdrawn picture", self.random.choice(self.withdrawn_pictures)
        return "story", self.random.choice(self.public_stories)

    # Judging -------------------------------------------------------------

    def phase(self):
        if self.withdrawal_started is None:
            return "before"
        return "after" if self.withdrawal_ended is not None else "during"

    def judge(self, kind, path, status, text, ms, phase, expect=200):
        """Record one answer: ok, expected (a 4xx the soak foresaw) or unexpected."""
        withdrawn = kind.startswith("withdrawn")
        problem = None
        if status == 0:
            verdict, problem = "unexpected", f"{kind} {path}: no answer ({text})"
        elif status >= 500:
            verdict, problem = "unexpected", f"{kind} {path}: {status}"
        elif withdrawn and phase == "after":
            verdict = "expected" if status == 404 else "unexpected"
            if status != 404:
                problem = f"{path} answered {status} after the withdrawal (404 expected)"
        elif withdrawn and phase == "during" and status in (200, 404):
            verdict = "ok" if status == 200 else "expected"
        elif status == expect:
            verdict = "ok" if status < 400 else "expected"
        elif status == 404 and LATER_PAGE.search(path):
            # The last page moves as stories come and go: past it, a 404.
            verdict = "expected"
        else:
            verdict, problem = "unexpected", f"{kind} {path}: {status}, {expect} expected"
        if phase == "after" and status == 200 and not withdrawn and kind not in STAFF_KINDS:
            shown = [mark for mark in self.withdrawn_marks if mark in text]
            if shown:
                verdict = "unexpected"
                problem = f"{kind} {path} still shows {shown[0]} after the withdrawal"
        self.tally.add(kind, status, ms, verdict, problem)

    def fetch(self, browser, kind, path, expect=200, headers=None):
        phase = self.phase()
        status, text, _probe, ms = browser.request("GET", path, headers=headers)
        self.judge(kind, path, status, text, ms, phase, expect)
        return status, text

    # The clients ---------------------------------------------------------

    def anonymous(self):
        browser = Browser(self.site.port)
        members_only = self.schools_stories + self.partners_stories
        while not self.stopping.is_set():
            if members_only and self.random.random() < 0.04:
                # A story for schools or partners: the public is asked to sign in.
                path = self.random.choice(members_only)
                self.fetch(browser, "members' story, anonymous", path, expect=302)
                continue
            kind, path = self.anonymous_path()
            self.fetch(browser, kind, path)

    def member(self, username, own_stories):
        """A signed-in member: stories for their audience, and what everyone reads."""
        browser = Browser(self.site.port)
        browser.sign_in(username, "/account/sign-in/")
        while not self.stopping.is_set():
            if self.random.random() < 0.5 and own_stories:
                self.fetch(browser, f"{username} (own audience)", self.random.choice(own_stories))
            else:
                kind, path = self.anonymous_path()
                if kind in ("home", "index", "story", "withdrawn story", "search"):
                    self.fetch(browser, kind if kind.startswith("withdrawn") else username, path)

    def api(self):
        browser = Browser(self.site.port)
        headers = {"Authorization": f"Bearer {self.token}"}
        while not self.stopping.is_set():
            choice = self.random.random()
            if choice < 0.5:
                offset = self.random.choice([0, 0, 5, 10])
                path = f"/api/v2/pages/?type=stories.StoryPage&limit=5&offset={offset}"
            elif choice < 0.8:
                word = self.random.choice(SEARCH_WORDS)
                path = f"/api/v2/pages/?type=stories.StoryPage&search={quote(word)}"
            else:
                path = "/api/v2/pages/"
            self.fetch(browser, "api", path, headers=headers)

    def publisher(self, username, story_ids):
        browser = Browser(self.site.port)
        browser.sign_in(username, "/admin/login/")
        published = 0
        while not self.stopping.is_set():
            story = story_ids[published % len(story_ids)]
            # The admin's own publish action (the page listing's "Publish"),
            # through Wagtail's action layer and the consent guard.
            path = f"/admin/bulk/wagtailcore/page/publish/?id={story}&next=%2Fadmin%2F"
            self.fetch(browser, "admin", path)
            phase = self.phase()
            status, text, _probe, ms = browser.request(
                "POST", path, {"csrfmiddlewaretoken": browser.cookies.get("csrftoken", "")}
            )
            self.judge("publish", path, status, text, ms, phase, expect=302)
            published += 1
            self.fetch(browser, "admin", "/admin/")
            self.stopping.wait(0.5)
        self.published[username] = published

    def withdraw(self):
        self.stopping.wait(self.seconds / 2)
        if self.stopping.is_set():
            return
        self.memory_halfway = self.site.worker_memory()
        self.withdrawal_started = time.monotonic()
        try:
            self.site.manage(
                "withdraw_consent", WITHDRAWN, "--reason", "Soak: please take my story down."
            )
        except subprocess.CalledProcessError as failed:
            self.tally.fail(f"withdraw_consent failed: {failed.stderr}")
        self.withdrawal_ended = time.monotonic()
        self.say(
            f"withdrew {WITHDRAWN} in another process "
            f"({self.withdrawal_ended - self.withdrawal_started:.1f} s)"
        )

    # The run -------------------------------------------------------------

    def run(self, clients):
        self.discover()
        self.published = {}
        half = len(self.to_publish) // 2 or 1
        staff = [
            (PUBLISHERS[0], self.to_publish[:half]),
            (PUBLISHERS[1], self.to_publish[half:] or self.to_publish),
        ]
        threads = [
            threading.Thread(target=self.anonymous, name="anonymous") for _ in range(clients)
        ]
        threads += [
            threading.Thread(target=self.member, args=("teacher", self.schools_stories)),
            threading.Thread(target=self.member, args=("partner", self.partners_stories)),
            threading.Thread(target=self.api),
            *(threading.Thread(target=self.publisher, args=person) for person in staff),
        ]
        self.memory_before = self.site.worker_memory()
        began = self.started_at = time.monotonic()
        since = datetime.now(UTC).isoformat()
        withdrawal = threading.Thread(target=self.withdraw)

        def guarded(target):
            def run():
                try:
                    target()
                except Exception as error:  # a client that cannot go on fails the soak
                    self.tally.fail(f"{threading.current_thread().name} stopped: {error}")

            return run

        for thread in threads:
            thread.run = guarded(thread.run)
            thread.start()
        withdrawal.start()
        self.stopping.wait(self.seconds)
        self.stopping.set()
        for thread in [*threads, withdrawal]:
            thread.join()
        self.elapsed = time.monotonic() - began
        self.memory_after = self.site.worker_memory()
        self.after_check()
        self.recorded = self.site.ask(f"publishes_recorded({since!r})")
        for name, sent in self.published.items():
            if self.recorded.get(name, 0) != sent:
                self.tally.fail(
                    f"{name} sent {sent} publishes, Wagtail recorded {self.recorded.get(name, 0)}"
                )

    def after_check(self):
        """Each withdrawn story asked until every worker answered it: 404 from all."""
        self.checked_workers = set()
        if self.withdrawal_ended is None:
            return
        workers = set(map(str, self.site.worker_pids()))
        browsers = [Browser(self.site.port) for _ in range(2)]
        for url in self.withdrawn_stories:
            answered, probes = set(), []
            for _round in range(20):
                # Two at once: a busy worker leaves the next request to another.
                with ThreadPoolExecutor(max_workers=2) as pool:
                    results = list(pool.map(Browser.request, browsers, ["GET"] * 2, [url] * 2))
                for status, text, probe, ms in results:
                    self.judge("withdrawn check", url, status, text, ms, "after")
                    probes.append(probe)
                time.sleep(0.1)  # the access log is written after the answer
                by_probe = self.site.workers_by_probe()
                answered = {by_probe[probe] for probe in probes if probe in by_probe}
                if workers <= answered:
                    break
            self.checked_workers |= answered
            if not workers <= answered:
                self.tally.fail(
                    f"only workers {sorted(answered)} of {sorted(workers)} answered {url}"
                )


def counted(counter):
    """`404: 3, 200: 9`, by status; a request that got no answer shows as 0."""
    return ", ".join(f"{status}: {count}" for status, count in sorted(counter.items())) or "none"


def report(soak, site, workers):
    """The figures, as lines of text."""
    answers = soak.tally.answers
    total = len(answers)
    cache = "Redis" if site.redis_url else "local memory per worker"
    verdicts = Counter(verdict for _kind, _status, _ms, verdict in answers)
    lines = [
        f"{total} requests in {soak.elapsed:.1f} s: {total / soak.elapsed:.1f} requests/s "
        f"({workers} gunicorn workers, {site.database.vendor}, cache: {cache})",
        "by status: " + counted(Counter(status for _k, status, _ms, _v in answers)),
        f"as foreseen: {verdicts['ok']}; expected 4xx: {verdicts['expected']} ("
        + counted(Counter(status for _k, status, _ms, v in answers if v == "expected"))
        + ": the withdrawn storyteller's stories and pictures once withdrawn, "
        "index pages past the last); "
        f"unexpected: {verdicts['unexpected']} ("
        + counted(Counter(status for _k, status, _ms, v in answers if v == "unexpected"))
        + ")",
        "",
        f"{'kind':<24}{'requests':>9}{'p50 ms':>9}{'p99 ms':>9}    statuses",
    ]
    by_kind = defaultdict(list)
    for kind, status, ms, _verdict in answers:
        if status:
            by_kind[kind].append(ms)
    for kind in sorted(by_kind):
        times = by_kind[kind]
        statuses = counted(Counter(status for k, status, _ms, _v in answers if k == kind))
        p50, p99 = percentile(times, 0.5), percentile(times, 0.99)
        lines.append(f"{kind:<24}{len(times):>9}{p50:>9.0f}{p99:>9.0f}    {statuses}")
    every = [ms for _kind, status, ms, _v in answers if status]
    p50, p99 = percentile(every, 0.5), percentile(every, 0.99)
    lines += [f"{'all':<24}{len(every):>9}{p50:>9.0f}{p99:>9.0f}", ""]
    published = ", ".join(
        f"{name} {soak.published.get(name, 0)} sent, {soak.recorded.get(name, 0)} recorded"
        for name in PUBLISHERS
    )
    lines.append(f"publishes through the admin's publish action: {published} (Wagtail's log)")
    if soak.withdrawal_ended is not None:
        lines.append(
            f"withdrawal of {WITHDRAWN} at {soak.withdrawal_started - soak.started_at:.0f} s "
            f"({soak.withdrawal_ended - soak.withdrawal_started:.1f} s in another process); "
            f"then her {len(soak.withdrawn_stories)} stories answered 404 on "
            f"{len(soak.checked_workers)} of {workers} workers, each asked until all had answered"
        )
    else:
        lines.append("no withdrawal happened (the soak ended first)")
    lines.append("gunicorn worker memory (RSS, MB) at the start, halfway and the end:")
    samples = (soak.memory_before, soak.memory_halfway, soak.memory_after)
    for pid in sorted(set().union(*samples)):
        shown = " -> ".join(f"{sample[pid]:.0f}" if pid in sample else "-" for sample in samples)
        before, after = soak.memory_before.get(pid), soak.memory_after.get(pid)
        if before is None or after is None:
            growth = "started during the soak" if before is None else "ended during the soak"
        else:
            growth = f"{after - before:+.0f} in all"
            if pid in soak.memory_halfway:
                growth += f", {after - soak.memory_halfway[pid]:+.0f} in the second half"
        lines.append(f"  worker {pid}: {shown} ({growth})")
    return lines
