"""The production shape on one machine, from one command: `make serve`.

    python -m config.serve [--port 8000] [--workers 3] [--demo] [--no-setup]

Runs the site as it is deployed, with the production settings: gunicorn with
several workers, the background-task worker (`manage.py db_worker`, django-tasks'
database backend) and the schedule (`manage.py run_schedule`: `publish_scheduled`
and `enforce_consent`). Before it starts them it migrates the database and
collects the static files, as a deployment does.

It serves the database and cache that DATABASE_URL and REDIS_URL name, and the
embedded defaults when they are unset: local memory, and a SQLite file of its
own, `serve.sqlite3` (`make run`'s holds data encrypted under the development
settings' key). What a
fresh clone lacks it supplies for loopback serving only, and only when the
environment says nothing: a SECRET_KEY and a key for storytellers' personal
data (PERSONAL_DATA_KEYS), each generated once and kept in a git-ignored file
readable by its owner only (`.secret_key`, `.personal_data_key`); ALLOWED_HOSTS 127.0.0.1 and
localhost with SITE_URL http://127.0.0.1:PORT; no redirect to HTTPS, since
nothing here speaks it. Once ALLOWED_HOSTS is set, the site is served for real
and the production defaults (HTTPS redirect included) stand.

This process only supervises: Ctrl-C or SIGTERM stops all three, and when one
of them ends on its own the others are stopped too and the exit status says
so, for a platform (systemd, a container runtime) to restart the whole.
Gunicorn's own settings come from GUNICORN_CMD_ARGS (access log, timeouts).
"""

import argparse
import base64
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY_FILE = ROOT / ".secret_key"
PERSONAL_DATA_KEY_FILE = ROOT / ".personal_data_key"
DATABASE_TASKS = "django_tasks_db.DatabaseBackend"
STOP_SECONDS = 20


def kept_key(path, make):
    """The key kept in `path`, made by `make()` on first use; only its owner may read it."""
    if path.exists():
        key = path.read_text().strip()
        if key:
            return key
    key = make()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as kept:
        kept.write(key + "\n")
    return key


def environment(port, given=None):
    """The environment of every process: the given one, and what loopback
    serving needs where it says nothing."""
    env = dict(os.environ if given is None else given)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    if not env.get("DATABASE_URL"):
        # A file of its own: `make run`'s keeps data under the development keys.
        env["DATABASE_URL"] = f"sqlite:///{ROOT / 'serve.sqlite3'}"
    env.setdefault("TASKS_BACKEND", DATABASE_TASKS)
    if not env.get("SECRET_KEY"):
        env["SECRET_KEY"] = kept_key(SECRET_KEY_FILE, lambda: secrets.token_urlsafe(50))
    if not env.get("PERSONAL_DATA_KEYS"):
        # A Fernet key. Losing the file loses the storytellers' details it encrypted.
        env["PERSONAL_DATA_KEYS"] = kept_key(
            PERSONAL_DATA_KEY_FILE, lambda: base64.urlsafe_b64encode(os.urandom(32)).decode()
        )
    if not env.get("ALLOWED_HOSTS"):
        # Served on loopback, over plain HTTP: nothing else may reach it.
        env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
        env.setdefault("SITE_URL", f"http://127.0.0.1:{port}")
        env.setdefault("SECURE_SSL_REDIRECT", "false")
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def commands(port, workers, host):
    manage = [sys.executable, str(ROOT / "manage.py")]
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    return {
        "web": [
            gunicorn,
            "config.wsgi",
            f"--workers={workers}",
            f"--bind={host}:{port}",
            "--graceful-timeout=10",
        ],
        "worker": [*manage, "db_worker", "--no-reload", "--interval=1"],
        "schedule": [*manage, "run_schedule"],
    }


def say(message):
    print(f"[serve] {message}", file=sys.stderr, flush=True)


def manage(env, *arguments, output=None):
    say("manage.py " + " ".join(arguments))
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *arguments],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=output,
        check=True,
    )


def set_up(env, output=None):
    """Migrate and collect static files, as each deployment does."""
    manage(env, "migrate", "--no-input", output=output)
    manage(env, "collectstatic", "--no-input", "-v0", output=output)


def load_demo(env):
    """The demo campaign and its accounts (password ADMIN_PASSWORD), which only
    the development settings make; with the same keys as the served site."""
    development = {key: value for key, value in env.items() if key != "TASKS_BACKEND"}
    manage({**development, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}, "load_demo")


class Supervisor:
    """Starts the parts, and stops every one when asked or when one ends."""

    def __init__(self, parts, env):
        self.parts = parts
        self.env = env
        self.running = {}
        self.stopping = False

    def start(self):
        for name, command in self.parts.items():
            self.running[name] = subprocess.Popen(command, cwd=ROOT, env=self.env)  # noqa: S603
            say(f"started {name} (pid {self.running[name].pid}): {' '.join(command[1:])}")

    def ask_to_stop(self, signum, _frame):
        if not self.stopping:
            say(f"{signal.Signals(signum).name}: stopping every part")
        self.stopping = True

    def watch(self):
        """Wait until asked to stop or until a part ends; returns the exit status."""
        while not self.stopping:
            for name, process in self.running.items():
                if process.poll() is not None:
                    say(f"{name} ended with status {process.returncode}: stopping the others")
                    self.stop()
                    return process.returncode or 1
            time.sleep(0.2)
        self.stop()
        return 0

    def stop(self):
        for process in self.running.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        for name, process in self.running.items():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                say(f"{name} did not stop within {STOP_SECONDS} s: killed")
                process.kill()
                process.wait()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", "3")),
        help="gunicorn worker processes (default: WEB_CONCURRENCY, else 3)",
    )
    parser.add_argument(
        "--no-setup",
        action="store_true",
        help="skip migrate and collectstatic (a release step has run them)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="load the demo campaign and its accounts first (loopback serving only)",
    )
    options = parser.parse_args(argv)
    if options.workers < 1:
        parser.error("--workers must be at least 1")
    if options.demo and os.environ.get("ALLOWED_HOSTS"):
        parser.error("--demo is for serving on loopback: ALLOWED_HOSTS says this site is real")

    env = environment(options.port)
    supervisor = Supervisor(commands(options.port, options.workers, options.host), env)
    signal.signal(signal.SIGINT, supervisor.ask_to_stop)
    signal.signal(signal.SIGTERM, supervisor.ask_to_stop)
    if not options.no_setup:
        try:
            set_up(env)
            if options.demo:
                load_demo(env)
        except subprocess.CalledProcessError as failed:
            say(f"{' '.join(failed.cmd[2:])} failed with status {failed.returncode}")
            return failed.returncode
    if supervisor.stopping:
        return 0
    supervisor.start()
    say(f"Histories & Smiles (production settings) at http://{options.host}:{options.port}/")
    return supervisor.watch()


if __name__ == "__main__":
    sys.exit(main())
