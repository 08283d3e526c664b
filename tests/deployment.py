"""The site as it is deployed: gunicorn with production settings, several
workers, commands run in processes of their own, readers over HTTP.

A rule that holds in one test process is not yet proven: each worker has its
own memory (and, without Redis, its own cache), and a withdrawal typed at a
terminal happens in yet another process. These helpers build a demo campaign
in a database of its own (a SQLite file, or a PostgreSQL database when
DATABASE_URL names one), serve it with the command `make serve` runs
(`python -m config.serve`: gunicorn with two workers, the background-task
worker and the schedule), and read it the way browsers do. The access log
names the worker that answered each request, so a test can prove that every
worker had its say.
"""

import base64
import contextlib
import html
import http.client
import json
import os
import runpy
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "deployed-shape-password"
WORKERS = 2
# A threaded worker accepts every connection it can, so one worker would
# answer everything; the site is served here with each worker's connections
# capped at its threads (gunicorn.conf.py), so that requests sent together
# spread over the workers as a load balancer would spread them, and `AT_ONCE`
# of them are sure to reach more than one.
THREADS = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["threads"]
AT_ONCE = THREADS + 1
DATABASE_TASKS = "django_tasks_db.DatabaseBackend"
MAIL_SEPARATOR = "-" * 79 + "\n"


def free_port():
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process=None, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the process for port {port} ended with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port} within {seconds} s")


class Database:
    """A database of the test's own, which every process of the site shares."""

    def __init__(self, folder, name):
        self.url = os.environ.get("DATABASE_URL", "")
        self.is_postgres = self.url.startswith(("postgres://", "postgresql://"))
        if self.is_postgres:
            self.name = f"hs_deployed_{name}_{os.getpid()}"
            self.server_url = self.url
            self.url = urlsplit(self.url)._replace(path=f"/{self.name}").geturl()
        else:
            self.path = Path(folder) / "site.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def _admin(self, statement):
        import psycopg

        with psycopg.connect(self.server_url, autocommit=True) as connection:
            connection.execute(statement)

    def create(self, template=None):
        if self.is_postgres:
            self.drop()
            suffix = f' TEMPLATE "{template.name}"' if template else ""
            self._admin(f'CREATE DATABASE "{self.name}"{suffix}')
        elif template is not None:
            shutil.copyfile(template.path, self.path)

    def drop(self):
        if self.is_postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class Campaign:
    """The demo campaign, loaded once, from which each test copies its own site."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.static = self.folder / "static"
        self.files = self.folder / "files"
        self.database = Database(folder, "campaign")
        # Storytellers' details are encrypted with it: every copy shares it.
        self.personal_data_key = base64.urlsafe_b64encode(os.urandom(32)).decode()

    def environment(self, database, files, **extra):
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "CACHE_KEY_PREFIX"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            DATABASE_URL=database.url,
            MEDIA_ROOT=str(Path(files) / "media"),
            PRIVATE_ROOT=str(Path(files) / "private"),
            STATIC_ROOT=str(self.static),
            SECRET_KEY="deployed-shape-" + uuid.uuid4().hex,
            PERSONAL_DATA_KEYS=self.personal_data_key,
            TASKS_BACKEND=DATABASE_TASKS,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="false",
            ADMIN_PASSWORD=PASSWORD,
            # Staff sign in with the password alone here (production requires
            # a code from an app of consent officers and administrators:
            # tests/test_two_factor.py); a test may ask for it in `extra`.
            STAFF_TWO_FACTOR="off",
            PYTHONDONTWRITEBYTECODE="1",
        )
        env.update({key: value for key, value in extra.items() if value is not None})
        return env

    def manage(self, env, *arguments, check=True):
        return subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", *arguments],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=check,
        )

    def build(self):
        """Set up as `make serve` does (migrate, collectstatic), then load the demo."""
        from config import serve

        self.database.create()
        env = self.environment(self.database, self.files)
        with open(self.folder / "setup.log", "w") as log:
            serve.set_up(env, output=log)
        # Demo accounts exist under the development settings only.
        serve.load_demo(env)
        return self

    def copy(self, name):
        """A site of its own for one test: the campaign's database and files."""
        folder = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=self.folder))
        database = Database(folder, f"{name}_{uuid.uuid4().hex[:8]}")
        database.create(template=self.database)
        shutil.copytree(self.files, folder / "files", dirs_exist_ok=True)
        return Site(self, database, folder)

    def remove(self):
        self.database.drop()


class Site:
    """One deployment: gunicorn with several workers, and commands beside it."""

    def __init__(self, campaign, database, folder):
        self.campaign = campaign
        self.database = database
        self.folder = Path(folder)
        self.access_log = self.folder / "access.log"
        self.server = None
        self.port = None
        self.redis_url = os.environ.get("REDIS_URL") or None
        self.cache_prefix = f"hs-deployed-{uuid.uuid4().hex[:12]}"
        self.settings = {}  # more of the environment, e.g. SCHEDULE_INTERVALS
        self._probe = 0

    def environment(self):
        return self.campaign.environment(
            self.database,
            self.folder / "files",
            REDIS_URL=self.redis_url,
            CACHE_KEY_PREFIX=self.cache_prefix if self.redis_url else None,
            # Every process writes its e-mail here, so a test can read what was sent.
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(self.mailbox),
            **self.settings,
        )

    @property
    def mailbox(self):
        return self.folder / "mail"

    def mail(self):
        """Every e-mail any process of the site has sent, oldest first."""
        if not self.mailbox.exists():
            return []
        files = sorted(self.mailbox.iterdir(), key=lambda path: path.stat().st_mtime_ns)
        # Django's file backend may append several messages to one file (its
        # name is the second and the backend's id), each ended by this line.
        return [
            message + MAIL_SEPARATOR
            for path in files
            for message in path.read_text().split(MAIL_SEPARATOR)
            if message.strip()
        ]

    @property
    def log(self):
        """What the worker, the schedule and the serving command said."""
        return self.folder / "serve.log"

    def serve(self, workers=WORKERS):
        """Start the site as `make serve` does; the campaign was set up already."""
        self.port = free_port()
        gunicorn = [
            "--timeout=60",
            f"--worker-connections={THREADS}",
            f"--access-logfile={self.access_log}",
            "--access-logformat=%(p)s %({x-probe}i)s %(s)s",
            f"--error-logfile={self.folder / 'error.log'}",
        ]
        env = {**self.environment(), "GUNICORN_CMD_ARGS": shlex.join(gunicorn)}
        with open(self.log, "a") as log:
            self.server = subprocess.Popen(  # noqa: S603
                [PYTHON, "-m", "config.serve", f"--port={self.port}", f"--workers={workers}"]
                + ["--no-setup"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group, so that nothing it started outlives the test.
                start_new_session=True,
            )
        wait_for_port(self.port, self.server)
        return self

    def stop(self):
        if self.server is not None and self.server.poll() is None:
            self.server.send_signal(signal.SIGTERM)
            try:
                self.server.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait()
        if self.server is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.server.pid, signal.SIGKILL)  # whatever it left behind
        self.database.drop()

    def manage(self, *arguments, check=True):
        """A command in a process of its own, as cron or a terminal runs it."""
        return self.campaign.manage(self.environment(), *arguments, check=check)

    def query(self, code):
        """JSON printed by Python run in `manage.py shell`, in another process."""
        result = self.manage("shell", "--no-imports", "-c", code)
        return json.loads(result.stdout.strip().splitlines()[-1])

    def errors(self):
        path = self.folder / "error.log"
        return path.read_text() if path.exists() else ""

    def reader(self):
        return Reader(self)

    def next_probe(self):
        self._probe += 1
        return str(self._probe)

    def workers_by_probe(self):
        """Which worker (pid) answered each request that carried a probe number."""
        answered = {}
        if self.access_log.exists():
            for line in self.access_log.read_text().splitlines():
                parts = line.split()
                if len(parts) >= 2 and parts[1] != "-":
                    answered[parts[1]] = parts[0]
        return answered


class Reader:
    """A browser, as far as the site can tell: cookies, forms, nothing else."""

    def __init__(self, site):
        self.site = site
        self.cookies = {}

    def request(self, method, path, fields=None, headers=None):
        """(status, headers, text, probe) for one request."""
        probe = self.site.next_probe()
        sent = {"X-Probe": probe, **(headers or {})}
        if self.cookies:
            # Production cookies are Secure; this plain-HTTP browser sends them anyway.
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.site.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, response.headers, text, probe

    def get(self, path):
        status, _headers, text, _probe = self.request("GET", path)
        return status, text

    def submit(self, form_path, fields):
        """Fill in a form the way a person does: open it, then send it with its token."""
        self.request("GET", form_path)
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        status, headers, text, _probe = self.request(
            "POST", form_path, fields, headers={"Referer": self.address(form_path)}
        )
        return status, headers.get("Location", ""), text

    def address(self, path):
        return f"http://127.0.0.1:{self.site.port}{path}"

    def sign_in(self, username, path="/account/sign-in/"):
        status, location, _text = self.submit(
            path, {"username": username, "password": PASSWORD, "next": "/"}
        )
        assert status == 302, f"{username} could not sign in at {path} ({status})"
        assert "sessionid" in self.cookies
        return location


def readable(text):
    """A response as a person reads it: entities and JSON escapes undone."""
    text = html.unescape(text)
    with contextlib.suppress(UnicodeDecodeError):
        if "\\u" in text:
            text = text.encode("latin-1", "backslashreplace").decode("unicode_escape")
    return text


def ask_every_worker(site, readers, paths, rounds=8):
    """Each reader asks for each path until every worker has answered it once.

    Returns [(reader name, path, status, text)] for every answer, and fails if
    some worker never answered some request: the test would prove nothing.
    """
    answers = []
    for name, reader in readers.items():
        for path in paths:
            asked = answers_from_every_worker(site, reader, path, rounds=rounds, who=name)
            answers.extend((name, path, status, text) for status, _headers, text in asked)
    return answers


def answers_from_every_worker(site, reader, path, headers=None, rounds=8, who="a reader"):
    """[(status, headers, text)] for one request, asked `AT_ONCE` at a time
    (more than one worker's connections) until every worker has answered it."""
    from concurrent.futures import ThreadPoolExecutor

    answers, probes = [], []
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        for _round in range(rounds):
            asked = [
                pool.submit(reader.request, "GET", path, None, headers) for _ in range(AT_ONCE)
            ]
            for status, answered, text, probe in (done.result() for done in asked):
                answers.append((status, answered, text))
                probes.append(probe)
            if len(workers_answering(site, probes)) >= WORKERS:
                return answers
    raise AssertionError(f"only one worker answered {path} for {who}; the test would prove nothing")


def workers_answering(site, probes, seconds=5):
    deadline = time.monotonic() + seconds
    while True:
        answered = site.workers_by_probe()
        if all(probe in answered for probe in probes) or time.monotonic() > deadline:
            return {answered[probe] for probe in probes if probe in answered}
        time.sleep(0.05)
