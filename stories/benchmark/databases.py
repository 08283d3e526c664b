"""The benchmark's own databases, never the developer's nor the one named.

On SQLite: files under `.bench/`. With DATABASE_URL naming a PostgreSQL
server: databases created beside the named one (whose own name is only used
to reach the server). A seeded database is kept under a name carrying a hash
of everything that shapes it (migrations, the demo, the seeder, installed
versions), reused while that hash holds, and served from a throw-away copy.
"""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent.parent
BENCH = ROOT / ".bench"
PYTHON = sys.executable
PREFIX = "hs_bench_"

SHAPING = [
    "pyproject.toml",
    "accounts/migrations",
    "stories/migrations",
    "stories/demo",
    "stories/factories.py",
    "stories/scale.py",
    "stories/management/commands/seed_scale.py",
    "stories/management/commands/load_demo.py",
]


def shaping_hash():
    """A hash of what decides a seeded database's content."""
    digest = hashlib.sha256()
    for entry in SHAPING:
        path = ROOT / entry
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            if file.exists() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(ROOT)).encode())
                digest.update(file.read_bytes())
    from importlib.metadata import version

    for package in ("wagtail", "django", "modelsearch", "pillow"):
        digest.update(f"{package}={version(package)}".encode())
    # Storytellers' details are encrypted: a database built under another key is unreadable.
    digest.update(hashlib.sha256(personal_data_key().encode()).digest())
    return digest.hexdigest()[:10]


def personal_data_key():
    """The key every benchmark process keeps storytellers' details under, the
    ones that build a database and the production-settings ones that serve it:
    made once and kept in `.bench/` beside the databases it reads."""
    from cryptography.fernet import Fernet

    from config.serve import kept_key

    BENCH.mkdir(exist_ok=True)
    return kept_key(BENCH / "personal_data_key", lambda: Fernet.generate_key().decode())


def server_url():
    """DATABASE_URL when it names PostgreSQL, else None (SQLite)."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


class Database:
    """One database of the benchmark's, and the folder of its files."""

    def __init__(self, name):
        self.name = name
        self.server = server_url()
        self.folder = BENCH / name
        self.files = self.folder / "files"
        if self.server:
            self.url = urlsplit(self.server)._replace(path=f"/{PREFIX}{name}").geturl()
            self.dbname = f"{PREFIX}{name}"
        else:
            self.path = self.folder / "site.sqlite3"
            self.url = f"sqlite:///{self.path}"

    @property
    def vendor(self):
        return "postgresql" if self.server else "sqlite"

    def _admin(self, statement, parameters=None, fetch=False):
        import psycopg

        with psycopg.connect(self.server, autocommit=True) as connection:
            cursor = connection.execute(statement, parameters)
            return cursor.fetchall() if fetch else None

    def exists(self):
        if not (self.folder / "complete").exists():
            return False
        if self.server:
            return bool(
                self._admin("SELECT 1 FROM pg_database WHERE datname = %s", [self.dbname], True)
            )
        return self.path.exists()

    def create(self, template=None, share_files=False):
        """Empty, or a copy of `template`; its files shared (served copies) or linked."""
        self.drop()
        self.folder.mkdir(parents=True, exist_ok=True)
        if template is not None and share_files:
            self.files = template.files
        elif template is not None:
            shutil.copytree(template.files, self.files, dirs_exist_ok=True, copy_function=link)
        if self.server:
            suffix = f' TEMPLATE "{template.dbname}"' if template else ""
            self._admin(f'CREATE DATABASE "{self.dbname}"{suffix}')
        elif template is not None:
            shutil.copyfile(template.path, self.path)

    def drop(self):
        if self.server:
            if not self.dbname.startswith(PREFIX):  # never the named database, never `test`
                raise ValueError(f"not a benchmark database: {self.dbname}")
            self._admin(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')
        shutil.rmtree(self.folder, ignore_errors=True)

    def mark_complete(self):
        (self.folder / "complete").write_text("seeded\n")

    def environment(self, settings="config.settings.dev", **extra):
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "CACHE_KEY_PREFIX"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE=settings,
            DATABASE_URL=self.url,
            MEDIA_ROOT=str(self.files / "media"),
            PRIVATE_ROOT=str(self.files / "private"),
            PERSONAL_DATA_KEYS=personal_data_key(),
            PYTHONDONTWRITEBYTECODE="1",
        )
        env.update({key: value for key, value in extra.items() if value is not None})
        return env

    def manage(self, *arguments, env=None, timeout=7200, capture=True):
        try:
            return subprocess.run(  # noqa: S603
                [PYTHON, "manage.py", *arguments],
                cwd=ROOT,
                env=env or self.environment(),
                capture_output=capture,
                text=True,
                timeout=timeout,
                check=True,
            )
        except subprocess.CalledProcessError as error:
            # Captured output would otherwise vanish with the traceback that replaces it.
            sys.stderr.write(f"manage.py {arguments[0]} failed:\n{error.stderr or ''}")
            raise


def link(source, target):
    """Copy a file by linking it: seeded pictures are only read."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def remove_stale(keep):
    """Seeded databases of earlier hashes, which nothing will reuse."""
    server = server_url()
    if BENCH.exists():
        for folder in BENCH.iterdir():
            stale = folder.is_dir() and folder.name.startswith(("sqlite-", "postgresql-"))
            if stale and folder.name not in keep:
                if server and folder.name.startswith("postgresql-"):
                    Database(folder.name).drop()
                elif not server and folder.name.startswith("sqlite-"):
                    shutil.rmtree(folder, ignore_errors=True)
