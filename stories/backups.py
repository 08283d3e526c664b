"""Backups of the whole site, and restoring one into an empty site.

A backup is one folder (or the same folder as a .tar file) holding:

- the database: `database.pgdump` (`pg_dump --format=custom`) on PostgreSQL,
  or `database.sqlite3` (SQLite's online backup API, consistent while the
  site keeps writing);
- every file of every storage the site writes to (`STORAGES`, except the
  static files `collectstatic` rebuilds): `files/<storage>/<name>`, read and
  written through Django's storage API, so object storage works the same as
  folders on disk; a storage inside another (the pictures' `images/` inside
  the private one) is kept once, under its own name;
- `manifest.json`: the size and SHA-256 of every file, and how many rows the
  tables that matter held (stories, storytellers, consent records, ...),
  counted in the very snapshot that was dumped.

Restoring goes only into an empty database (no tables at all) and storages
that hold none of the backup's files, so it can never mix two sites. It
checks every checksum before it changes anything, writes the files, then the
database last; when a step fails, what it had written is removed again and
the error says what was done. The personal data in the database is
encrypted with PERSONAL_DATA_KEYS, which a backup does not hold: the site
restored needs the same keys (see docs/backups.md).
"""

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import connection
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
POSTGRES_DUMP = "database.pgdump"
SQLITE_COPY = "database.sqlite3"
# Rebuilt by `collectstatic` from the code: not the site's data.
NOT_BACKED_UP = {"staticfiles"}
# What the manifest counts, and a restore must find again: (label, table, condition).
COUNTED = [
    ("pages", "wagtailcore_page", ""),
    ("live pages", "wagtailcore_page", "WHERE live"),
    ("stories", "stories_storypage", ""),
    ("revisions", "wagtailcore_revision", ""),
    ("storytellers", "stories_storyteller", ""),
    ("consent records", "stories_consentrecord", ""),
    ("withdrawals", "stories_consentwithdrawal", ""),
    ("images", "stories_storyimage", ""),
    ("renditions", "stories_storyrendition", ""),
    ("documents", "wagtaildocs_document", ""),
    ("users", "accounts_user", ""),
]
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The backup or restore could not be done; the message says what was done."""


@dataclass
class Report:
    lines: list = field(default_factory=list)

    def add(self, line):
        self.lines.append(line)


def sha256_of(opened):
    digest = hashlib.sha256()
    size = 0
    for chunk in iter(lambda: opened.read(CHUNK), b""):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def sha256_of_path(path):
    with open(path, "rb") as opened:
        return sha256_of(opened)


# Storages ------------------------------------------------------------------


def backed_up_storages():
    """The storages the site writes its data to, by alias."""
    return [alias for alias in settings.STORAGES if alias not in NOT_BACKED_UP]


def storage_root(storage):
    """Where a storage keeps its files, comparable across storages: a folder on
    disk, or a bucket and prefix; None for a kind this does not know."""
    location = getattr(storage, "location", None)
    bucket = getattr(storage, "bucket_name", None)
    if bucket:
        prefix = (location or "").strip("/")
        endpoint = getattr(storage, "endpoint_url", None) or ""
        return ("bucket", endpoint, bucket), PurePosixPath(prefix) if prefix else PurePosixPath()
    if location:
        return ("disk",), PurePosixPath(Path(location).resolve())
    return None


def nested_storages(aliases):
    """{outer alias: {prefix inside it that another storage owns}}, and the
    aliases that share one place with an earlier alias (kept once)."""
    roots = {alias: storage_root(storages[alias]) for alias in aliases}
    inside, same_as = {alias: set() for alias in aliases}, {}
    for inner in aliases:
        for outer in aliases:
            if inner == outer or roots[inner] is None or roots[outer] is None:
                continue
            (inner_place, inner_path), (outer_place, outer_path) = roots[inner], roots[outer]
            if inner_place != outer_place:
                continue
            if inner_path == outer_path:
                if aliases.index(outer) < aliases.index(inner):
                    same_as.setdefault(inner, outer)
            elif outer_path in inner_path.parents or (
                outer_path == PurePosixPath() and str(inner_path) not in ("", ".")
            ):
                inside[outer].add(str(inner_path.relative_to(outer_path)))
    return inside, same_as


def walk(storage, skip=(), folder=""):
    """Every file name in a storage, recursively, through `listdir`."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a folder never written to
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        path = f"{folder}/{name}" if folder else name
        if path not in skip:
            yield from walk(storage, skip, path)


# Database ------------------------------------------------------------------


def vendor():
    return connection.vendor


def postgres_environment():
    """libpq's environment for DATABASES["default"]: the password never on a command line."""
    database = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    return env


def run_tool(arguments, what):
    executable = shutil.which(arguments[0])
    if executable is None:
        raise BackupError(
            f"{arguments[0]} is not installed: install PostgreSQL's client tools "
            "(Debian: postgresql-client) of the server's major version or newer."
        )
    result = subprocess.run(  # noqa: S603 (fixed tool, arguments are paths and flags)
        [executable, *arguments[1:]],
        env=postgres_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result


def count_rows(cursor):
    counts = {}
    for label, table, condition in COUNTED:
        cursor.execute(f"SELECT COUNT(*) FROM {table} {condition}")  # noqa: S608 (constants)
        counts[label] = cursor.fetchone()[0]
    return counts


def dump_postgres(target):
    """pg_dump of the database, and the row counts of the very snapshot it dumped."""
    connection.ensure_connection()
    with connection.connection.transaction(), connection.connection.cursor() as cursor:
        # One snapshot for the counts and the dump, however busy the site is.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = count_rows(cursor)
        run_tool(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
            "pg_dump",
        )
    return counts


def dump_sqlite(target):
    """A consistent copy of the SQLite file (the online backup API), and its counts."""
    source = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=30)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy)
        counts = count_rows(copy.cursor())
    finally:
        copy.close()
        source.close()
    return counts


def database_is_empty():
    return not connection.introspection.table_names()


def restore_postgres(dump):
    run_tool(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={settings.DATABASES['default']['NAME']}",
            str(dump),
        ],
        "pg_restore",
    )


def restore_sqlite(copy):
    connection.close()
    source = sqlite3.connect(copy)
    target = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=30)
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()


def restored_counts():
    connection.close()
    with connection.cursor() as cursor:
        return count_rows(cursor)


# Backup --------------------------------------------------------------------


def back_up(destination, report=None):
    """Write a backup of the site to `destination` (a new folder, or a .tar file)."""
    report = report or Report()
    destination = Path(destination)
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise BackupError(f"{destination} already exists: name a new folder or .tar file.")
    as_tar = destination.suffix == ".tar"
    folder = Path(tempfile.mkdtemp(prefix="backup-", dir=destination.parent)) if as_tar else None
    try:
        folder = folder or destination
        folder.mkdir(parents=True, exist_ok=True)
        manifest = write_backup(folder, report)
        if as_tar:
            with tarfile.open(destination, "w") as archive:
                archive.add(folder, arcname=".")
        report.add(f"Backup written to {destination}.")
        return manifest
    except BaseException:
        if as_tar:
            destination.unlink(missing_ok=True)
        else:
            shutil.rmtree(destination, ignore_errors=True)
        raise
    finally:
        if as_tar:
            shutil.rmtree(folder, ignore_errors=True)


def write_backup(folder, report):
    manifest = {"format": FORMAT, "created_at": timezone.now().isoformat(), "storages": {}}
    aliases = backed_up_storages()
    inside, same_as = nested_storages(aliases)
    # Files first, the database last: a file the database names is then in the
    # backup unless it was deleted meanwhile (a deletion the database also saw).
    for alias in aliases:
        if alias in same_as:
            manifest["storages"][alias] = {"same_as": same_as[alias], "files": {}}
            continue
        storage = storages[alias]
        files = {}
        for name in walk(storage, inside[alias]):
            target = folder / FILES / alias / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name, "rb") as source, open(target, "wb") as copy:
                digest = hashlib.sha256()
                for chunk in iter(lambda source=source: source.read(CHUNK), b""):
                    digest.update(chunk)
                    copy.write(chunk)
            files[name] = {"sha256": digest.hexdigest(), "bytes": target.stat().st_size}
        manifest["storages"][alias] = {"files": files}
        total = sum(entry["bytes"] for entry in files.values())
        report.add(f"Storage '{alias}': {len(files)} files, {total} bytes.")
    if vendor() == "postgresql":
        name = POSTGRES_DUMP
        counts = dump_postgres(folder / name)
    elif vendor() == "sqlite":
        name = SQLITE_COPY
        counts = dump_sqlite(folder / name)
    else:
        raise BackupError(f"Backups know PostgreSQL and SQLite, not {vendor()}.")
    digest, size = sha256_of_path(folder / name)
    manifest["database"] = {
        "vendor": vendor(),
        "file": name,
        "sha256": digest,
        "bytes": size,
        "counts": counts,
    }
    report.add(
        f"Database ({vendor()}): " + ", ".join(f"{n} {label}" for label, n in counts.items())
    )
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


# Restore -------------------------------------------------------------------


@contextlib.contextmanager
def opened_backup(source):
    """The backup's folder: the folder given, or a .tar file unpacked for the restore."""
    source = Path(source)
    if source.is_dir():
        yield source
        return
    if not source.is_file():
        raise BackupError(f"There is no backup at {source}. Nothing was restored.")
    folder = Path(tempfile.mkdtemp(prefix="restore-"))
    try:
        try:
            with tarfile.open(source) as archive:
                archive.extractall(folder, filter="data")
        except (tarfile.TarError, OSError) as error:
            raise BackupError(
                f"{source} is not a readable backup archive ({error}). Nothing was restored."
            ) from error
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def read_manifest(folder):
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(
            f"{folder} holds no {MANIFEST}: it is not a backup of this site. Nothing was restored."
        )
    try:
        manifest = json.loads(path.read_text())
        database = manifest["database"]
        files_by_storage = {
            alias: dict(entry["files"]) for alias, entry in manifest["storages"].items()
        }
        same_as = {
            alias: entry["same_as"]
            for alias, entry in manifest["storages"].items()
            if entry.get("same_as")
        }
        checks = [database["file"], database["sha256"], database["vendor"], database["counts"]]
        for files in files_by_storage.values():
            checks += [(entry["sha256"], entry["bytes"]) for entry in files.values()]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise BackupError(
            f"The manifest of {folder} is damaged ({error!r}). Nothing was restored."
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"The backup's format {manifest.get('format')!r} is not {FORMAT}. Nothing was restored."
        )
    return manifest, files_by_storage, same_as


def inside_backup(folder, *parts):
    """A path named by the manifest, which must stay inside the backup."""
    path = (folder.joinpath(*parts)).resolve()
    if folder.resolve() not in path.parents:
        raise BackupError(
            f"The manifest names a file outside the backup: {'/'.join(parts)}. "
            "Nothing was restored."
        )
    return path


def verify_backup(folder, manifest, files_by_storage):
    """Every file is there with the size and checksum the manifest gives."""
    damaged = []
    database = manifest["database"]
    expected = [(inside_backup(folder, database["file"]), database, database["file"])]
    for alias, files in files_by_storage.items():
        for name, entry in files.items():
            expected.append((inside_backup(folder, FILES, alias, name), entry, f"{alias}/{name}"))
    for path, entry, label in expected:
        if not path.is_file():
            damaged.append(f"{label} is missing")
            continue
        digest, size = sha256_of_path(path)
        if digest != entry["sha256"] or size != entry["bytes"]:
            damaged.append(f"{label} does not match its checksum")
    if damaged:
        shown = "; ".join(damaged[:10]) + (
            f"; and {len(damaged) - 10} more" if damaged[10:] else ""
        )
        raise BackupError(f"The backup is damaged, nothing was restored: {shown}.")
    return len(expected)


def restore(source, report=None):
    """Restore a backup into this empty site: files first, the database last."""
    report = report or Report()
    with opened_backup(source) as folder:
        manifest, files_by_storage, same_as = read_manifest(folder)
        database = manifest["database"]
        if database["vendor"] != vendor():
            raise BackupError(
                f"The backup is of a {database['vendor']} database; this site uses "
                f"{vendor()}. Nothing was restored."
            )
        checked = verify_backup(folder, manifest, files_by_storage)
        report.add(f"Checked {checked} files of the backup against their checksums.")
        if not database_is_empty():
            raise BackupError(
                "The database is not empty: a backup is restored only into a new, empty "
                "database (create one and point DATABASE_URL at it). Nothing was restored."
            )
        missing = [alias for alias in files_by_storage if alias not in settings.STORAGES]
        if missing:
            raise BackupError(
                f"This site has no storage named {', '.join(missing)}. Nothing was restored."
            )
        taken = [
            f"{alias}/{name}"
            for alias, files in files_by_storage.items()
            for name in files
            if storages[alias].exists(name)
        ]
        if taken:
            raise BackupError(
                f"The storages already hold {len(taken)} of the backup's files (e.g. "
                f"{taken[0]}): restore into empty storages. Nothing was restored."
            )
        written = []
        try:
            for alias, files in files_by_storage.items():
                if alias in same_as:
                    continue
                for name in files:
                    written.append((alias, write_file(folder, alias, name)))
            for alias, files in files_by_storage.items():
                if alias not in same_as:
                    report.add(f"Storage '{alias}': {len(files)} files restored.")
            if database["vendor"] == "postgresql":
                restore_postgres(folder / database["file"])
            else:
                restore_sqlite(folder / database["file"])
        except BaseException as error:
            for alias, name in written:
                with contextlib.suppress(Exception):
                    storages[alias].delete(name)
            if isinstance(error, BackupError):
                raise BackupError(
                    f"{error} The {len(written)} files restored before it were removed again; "
                    "the database was left as it was."
                ) from error
            raise
        report.add(f"Database ({database['vendor']}) restored.")
        check_restored(database["counts"], files_by_storage, same_as, report)
    return report


def write_file(folder, alias, name):
    storage = storages[alias]
    with open(inside_backup(folder, FILES, alias, name), "rb") as opened:
        saved = storage.save(name, File(opened, name=name))
    if saved != name:
        storage.delete(saved)
        raise BackupError(f"Storage '{alias}' saved {name} as {saved}.")
    return name


def check_restored(counts, files_by_storage, same_as, report):
    """What was restored reads back as it was backed up: rows and file checksums."""
    found = restored_counts()
    different = [
        f"{label}: {found.get(label)} instead of {number}"
        for label, number in counts.items()
        if found.get(label) != number
    ]
    bad_files = []
    for alias, files in files_by_storage.items():
        storage = storages[same_as.get(alias, alias)]
        for name, entry in files.items():
            with storage.open(name, "rb") as opened:
                if sha256_of(opened)[0] != entry["sha256"]:
                    bad_files.append(f"{alias}/{name}")
    if different or bad_files:
        raise BackupError(
            "The restore was written but does not read back as backed up: "
            + "; ".join(different + [f"{name} differs" for name in bad_files])
        )
    report.add("Restored: " + ", ".join(f"{n} {label}" for label, n in found.items()) + ".")
    report.add("Every restored file matches its checksum.")
