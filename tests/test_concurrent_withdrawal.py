"""Two withdrawals at once: both are done and recorded, neither is lost.

Each withdrawal runs as the command a consent officer types, in a process of
its own, against a database those processes share (a SQLite file, or a
PostgreSQL database of the test's own when DATABASE_URL names one). Both
start at the same instant and each holds its transaction open for a moment,
so they truly overlap. They run once with the database settings as
configured, and once with SQLite's defaults (transactions that take the
write lock only when they first write, and give up after a short wait):
a withdrawal must wait and try again rather than fail and leave a story
live, whatever the database says.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
HELD_OPEN_SECONDS = 1.5


class SharedDatabase:
    """A database every process of the test uses: a SQLite file or a PostgreSQL database."""

    def __init__(self, folder, name):
        server = os.environ.get("DATABASE_URL", "")
        self.is_postgres = server.startswith(("postgres://", "postgresql://"))
        if self.is_postgres:
            self.server_url = server
            self.name = f"hs_{name}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
            self.url = urlsplit(server)._replace(path=f"/{self.name}").geturl()
        else:
            self.path = Path(folder) / f"{name}.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def _admin(self, statement):
        import psycopg

        with psycopg.connect(self.server_url, autocommit=True) as connection:
            connection.execute(statement)

    def copy_of(self, template):
        if self.is_postgres:
            self._admin(f'CREATE DATABASE "{self.name}" TEMPLATE "{template.name}"')
        else:
            shutil.copyfile(template.path, self.path)
        return self

    def create(self):
        if self.is_postgres:
            self._admin(f'CREATE DATABASE "{self.name}"')
        return self

    def drop(self):
        if self.is_postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def environment(database):
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database.url,
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def manage(database, *arguments, **kwargs):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment(database),
        capture_output=True,
        text=True,
        timeout=600,
        **kwargs,
    )


def shell(database, code):
    """Run Python in `manage.py shell` in a process of its own; its last line, as JSON."""
    result = manage(database, "shell", "--no-imports", "-c", textwrap.dedent(code))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


SET_UP = """
    import json, os, shutil
    from django.conf import settings
    from stories.factories import StoryImageFactory, StoryPageFactory, StorytellerFactory

    stories = []
    for first_name in ("Wilhelmina", "Bartholomew"):
        storyteller = StorytellerFactory(first_name=first_name)
        photo = StoryImageFactory(storyteller=storyteller, shows_identifiable_person=True)
        title = f"{first_name}'s story"
        stories.append(StoryPageFactory(storyteller=storyteller, title=title, hero_image=photo))
    # Withdrawal needs the pictures' rows, not their files: leave no scratch folder behind.
    shutil.rmtree(os.path.dirname(settings.MEDIA_ROOT), ignore_errors=True)
    print(json.dumps([[story.storyteller.reference, story.pk] for story in stories]))
"""

# One officer's withdrawal: wait for the other officer, then withdraw, holding
# the transaction open a moment once the first row is written.
WITHDRAW = """
    import json, os, sys, time
    from pathlib import Path
    from django.core.management import call_command
    from django.db import connection
    import stories.consent.withdrawal as withdrawal

    if {sqlite_defaults!r}:
        connection.close()
        connection.settings_dict["OPTIONS"] = {{}}

    take_down = withdrawal.take_down

    def slow_take_down(*args, **kwargs):
        time.sleep({held_open})
        return take_down(*args, **kwargs)

    withdrawal.take_down = slow_take_down
    barrier = Path({barrier!r})
    (barrier / {reference!r}).touch()
    deadline = time.monotonic() + 120
    while len(list(barrier.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    call_command("withdraw_consent", {reference!r}, reason="Changed their mind.")
    print(json.dumps("done"))
"""

CHECK = """
    import json
    from stories.consent.records import ConsentWithdrawal
    from stories.pages import StoryPage

    print(json.dumps({
        "withdrawn": sorted(
            ConsentWithdrawal.objects.values_list("record__storyteller__reference", flat=True)
        ),
        "live": sorted(StoryPage.objects.filter(live=True).values_list("pk", flat=True)),
    }))
"""


@pytest.fixture(scope="module")
def campaign():
    """A migrated database with two storytellers and their live stories, to copy."""
    folder = Path(tempfile.mkdtemp(prefix="hs-concurrent-"))
    database = SharedDatabase(folder, "campaign").create()
    try:
        result = manage(database, "migrate", "--no-input", "-v0")
        assert result.returncode == 0, result.stderr
        stories = shell(database, SET_UP)
        yield folder, database, stories
    finally:
        database.drop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("sqlite_defaults", [False, True], ids=["as-configured", "sqlite-defaults"])
def test_two_withdrawals_at_once_are_both_done_and_recorded(campaign, sqlite_defaults):
    folder, template, stories = campaign
    if sqlite_defaults and template.is_postgres:
        pytest.skip("SQLite's defaults matter only on SQLite")
    database = SharedDatabase(folder, f"run_{uuid.uuid4().hex[:6]}").copy_of(template)
    barrier = Path(tempfile.mkdtemp(dir=folder))
    try:
        officers = [
            subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "manage.py",
                    "shell",
                    "--no-imports",
                    "-c",
                    textwrap.dedent(
                        WITHDRAW.format(
                            reference=reference,
                            barrier=str(barrier),
                            held_open=HELD_OPEN_SECONDS,
                            sqlite_defaults=sqlite_defaults,
                        )
                    ),
                ],
                cwd=ROOT,
                env=environment(database),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for reference, _page in stories
        ]
        outcomes = [officer.communicate(timeout=300) for officer in officers]
        for officer, (stdout, stderr) in zip(officers, outcomes, strict=True):
            assert officer.returncode == 0, stderr
            assert "Traceback" not in stderr
            assert "withdrawn." in stdout
        if sqlite_defaults:
            # They did collide: one found the database locked, waited, and tried again.
            assert "running the withdrawal again" in "".join(err for _out, err in outcomes)
        state = shell(database, CHECK)
        assert state["withdrawn"] == sorted(reference for reference, _page in stories)
        assert not set(state["live"]) & {page for _reference, page in stories}
    finally:
        database.drop()
