"""A backup restored into an empty site is the site that was backed up.

The demo campaign (with a consent record's evidence and a document added) is
built in a database and folders of its own, backed up with `backup_site`,
and restored with `restore_site` into a new, empty database (a fresh SQLite
file, or a new PostgreSQL database when DATABASE_URL names a server) and
empty storages, each command in a process of its own, as an operator runs
them. Every story (live and draft, with its revisions), storyteller, consent
record, picture and evidence file reads back the same, byte for byte, and
the restored site, served by gunicorn, answers every story's address as the
original does. A damaged backup is refused before anything is written.
"""

import base64
import contextlib
import json
import os
import shutil
import sqlite3
import tempfile
import textwrap
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from config import serve
from tests.deployment import Campaign, Site, readable

SECRET = "backup-restore-" + uuid.uuid4().hex
# The keys of storytellers' personal data: a restore needs the same ones.
PERSONAL_DATA_KEY = base64.urlsafe_b64encode(os.urandom(32)).decode()


class EmptyDatabase:
    """A database of the test's own: a SQLite file, or a new PostgreSQL database."""

    def __init__(self, folder, name):
        server = os.environ.get("DATABASE_URL", "")
        self.is_postgres = server.startswith(("postgres://", "postgresql://"))
        if self.is_postgres:
            self.server_url = server
            self.name = f"hs_backup_{name}_{os.getpid()}_{uuid.uuid4().hex[:6]}"
            self.url = urlsplit(server)._replace(path=f"/{self.name}").geturl()
            self._admin(f'CREATE DATABASE "{self.name}"')
        else:
            self.path = Path(folder) / f"{name}.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def _admin(self, statement):
        import psycopg

        with psycopg.connect(self.server_url, autocommit=True) as connection:
            connection.execute(statement)

    def tables(self):
        """The tables the database holds, asked without Django."""
        if self.is_postgres:
            import psycopg

            with psycopg.connect(self.url) as connection:
                rows = connection.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                ).fetchall()
        elif self.path.exists():
            with contextlib.closing(sqlite3.connect(self.path)) as connection:
                rows = connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                ).fetchall()
        else:
            rows = []
        return [name for (name,) in rows]

    def drop(self):
        if self.is_postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class Place:
    """A database and its storages' folders, and the commands run against them."""

    def __init__(self, campaign, folder, name):
        self.campaign = campaign
        self.folder = Path(folder) / name
        self.files = self.folder / "files"
        self.database = EmptyDatabase(folder, name)

    def environment(self, settings="config.settings.production"):
        env = self.campaign.environment(
            self.database, self.files, SECRET_KEY=SECRET, PERSONAL_DATA_KEYS=PERSONAL_DATA_KEY
        )
        return {**env, "DJANGO_SETTINGS_MODULE": settings}

    def manage(self, *arguments, settings="config.settings.production", check=True):
        return self.campaign.manage(self.environment(settings), *arguments, check=check)

    def shell(self, code):
        result = self.manage("shell", "--no-imports", "-c", textwrap.dedent(code))
        return json.loads(result.stdout.strip().splitlines()[-1])

    def stored_files(self):
        return sorted(
            str(path.relative_to(self.files)) for path in self.files.rglob("*") if path.is_file()
        )


# Beyond the demo: evidence of a consent record (private storage) and a
# document (the default storage), so every storage holds something.
ADD_EVIDENCE_AND_DOCUMENT = """
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from stories.factories import ConsentRecordFactory, StorytellerFactory

    storyteller = StorytellerFactory(first_name="Evangelina", last_name="Quist", consent=None)
    ConsentRecordFactory(
        storyteller=storyteller,
        evidence=ContentFile(b"%PDF-1.4 signed consent form of Evangelina", name="form.pdf"),
    )
    get_document_model().objects.create(
        title="Leaflet", file=ContentFile(b"%PDF-1.4 the campaign leaflet", name="leaflet.pdf")
    )
    print("null")
"""

# Everything a restore must bring back, read through the models and storages.
FINGERPRINT = """
    import hashlib, json
    from wagtail.documents import get_document_model
    from wagtail.models import Revision
    from stories.consent.records import ConsentRecord
    from stories.images import StoryImage
    from stories.pages import StoryPage
    from stories.storytellers import Storyteller

    def digest(field):
        with field.storage.open(field.name, "rb") as opened:
            return hashlib.sha256(opened.read()).hexdigest()

    stories = {
        story.url_path: {
            "title": story.title,
            "live": story.live,
            "draft changes": story.has_unpublished_changes,
            "live revision": story.live_revision_id,
            "storyteller": story.storyteller.reference,
            "revisions": [
                [revision.pk, revision.content.get("title")]
                for revision in Revision.objects.filter(
                    object_id=str(story.pk), base_content_type=story.get_base_content_type()
                ).order_by("pk")
            ],
        }
        for story in StoryPage.objects.all()
    }
    print(json.dumps({
        "stories": stories,
        "storytellers": {
            teller.reference: [teller.naming, teller.first_name, teller.last_name,
                               teller.email, str(teller.date_of_birth), teller.shown_name]
            for teller in Storyteller.objects.all()
        },
        "consent records": {
            record.pk: [record.storyteller.reference, str(record.given_on),
                        str(record.expires_on), record.supersedes_id,
                        hasattr(record, "withdrawal"),
                        digest(record.evidence) if record.evidence else None]
            for record in ConsentRecord.objects.select_related("storyteller")
        },
        "images": {
            image.pk: [image.title, image.file.name, digest(image.file),
                       sorted(digest(rendition.file) for rendition in image.renditions.all())]
            for image in StoryImage.objects.all()
        },
        "documents": {
            document.pk: [document.title, digest(document.file)]
            for document in get_document_model().objects.all()
        },
    }, sort_keys=True))
"""


@pytest.fixture(scope="module")
def backed_up():
    """The demo campaign built in a place of its own, and its backup."""
    folder = Path(tempfile.mkdtemp(prefix="hs-backup-"))
    campaign = Campaign(folder)
    original = Place(campaign, folder, "original")
    try:
        # Set up as `make serve` does (migrate, collectstatic), then the demo.
        with open(folder / "setup.log", "w") as log:
            serve.set_up(original.environment(), output=log)
        serve.load_demo(original.environment())
        original.shell(ADD_EVIDENCE_AND_DOCUMENT)
        backup = folder / "backup"
        made = original.manage("backup_site", str(backup))
        yield campaign, original, backup, made.stdout, folder
    finally:
        original.database.drop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.deployed
def test_a_backup_restored_into_an_empty_site_brings_back_every_story_and_file(backed_up):
    campaign, original, backup, made, folder = backed_up
    restored = Place(campaign, folder, f"restored-{uuid.uuid4().hex[:6]}")
    try:
        result = restored.manage("restore_site", str(backup))
        assert "Every restored file matches its checksum." in result.stdout

        before, after = original.shell(FINGERPRINT), restored.shell(FINGERPRINT)
        # The campaign is all there: drafts beside live stories, history, evidence, pictures.
        assert len(before["stories"]) >= 16
        assert any(not story["live"] for story in before["stories"].values())
        assert any(story["draft changes"] for story in before["stories"].values())
        assert all(story["revisions"] for story in before["stories"].values())
        assert "HS-0001" in before["storytellers"]
        assert any(record[-1] for record in before["consent records"].values())
        assert len(before["images"]) >= 20 and before["documents"]
        assert after == before
        # Every file of every storage, and nothing else, is back where it was.
        assert restored.stored_files() == original.stored_files()

        # The restored site serves each story as the original does.
        site = Site(campaign, restored.database, restored.folder)
        site.environment = lambda: restored.environment()
        site.serve()
        try:
            reader = site.reader()
            seen = {}
            for path, story in before["stories"].items():
                address = "/" + "/".join(path.strip("/").split("/")[1:]) + "/"
                status, text = reader.get(address)
                seen[address] = status
                if story["live"] and status == 200:
                    assert story["title"] in readable(text)
            assert seen["/stories/floras-story/"] == 200
            assert 404 in seen.values(), "a draft or withdrawn story was served"
            status, text = reader.get("/stories/")
            assert status == 200 and "Flora" in readable(text)
        finally:
            site.stop()
    finally:
        restored.database.drop()


def damage_a_picture(backup):
    picture = next(path for path in (backup / "files" / "images").rglob("*") if path.is_file())
    data = bytearray(picture.read_bytes())
    data[len(data) // 2] ^= 0xFF
    picture.write_bytes(bytes(data))


def damage_the_manifest(backup):
    manifest = backup / "manifest.json"
    manifest.write_text(manifest.read_text()[:200])


def lose_the_database(backup):
    next(backup.glob("database.*")).unlink()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (damage_a_picture, "does not match its checksum"),
        (damage_the_manifest, "manifest of"),
        (lose_the_database, "is missing"),
    ],
    ids=["picture", "manifest", "database"],
)
def test_a_damaged_backup_is_refused_and_nothing_is_restored(backed_up, damage, message):
    campaign, _original, backup, _made, folder = backed_up
    damaged = folder / f"damaged-{uuid.uuid4().hex[:6]}"
    shutil.copytree(backup, damaged)
    damage(damaged)
    target = Place(campaign, folder, f"target-{uuid.uuid4().hex[:6]}")
    try:
        result = target.manage("restore_site", str(damaged), check=False)
        assert result.returncode != 0
        assert message in result.stderr and "Traceback" not in result.stderr
        assert "nothing was restored" in result.stderr.lower()
        assert target.stored_files() == []
        assert target.database.tables() == []
    finally:
        target.database.drop()


def test_a_backup_is_never_restored_over_a_site_with_content(backed_up):
    _campaign, original, backup, _made, _folder = backed_up
    files_before = original.stored_files()
    result = original.manage("restore_site", str(backup), check=False)
    assert result.returncode != 0
    assert "The database is not empty" in result.stderr
    assert original.stored_files() == files_before


def test_a_missing_backup_is_named(backed_up, tmp_path):
    _campaign, original, _backup, _made, _folder = backed_up
    result = original.manage("restore_site", str(tmp_path / "no-such-backup"), check=False)
    assert result.returncode != 0
    assert "There is no backup at" in result.stderr and "Traceback" not in result.stderr
