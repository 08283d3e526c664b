"""The site survives its parts failing: readers get a page, data stays whole.

A database out of reach is "back in a moment" (503 with Retry-After) in the
site's look, and the site serves again as soon as it is back, without a
restart. The deployed-shape tests (marker `deployed`) prove it with gunicorn
and production settings: against PostgreSQL refusing connections, and with
a Redis of the test's own stopped halfway.
"""

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client
from django.urls import reverse
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import PageLogEntry

from stories.caching import generations
from stories.consent.records import ConsentWithdrawal
from stories.consent.withdrawal import withdraw_consent
from stories.factories import StoryPageFactory, StorytellerFactory, solid_picture
from stories.images import HeldUpload, StoryImage
from stories.pages import StoryPage
from tests.deployment import PASSWORD, Campaign, ask_every_worker
from tests.test_deployed_shape import Redis

FLORA = "/stories/floras-story/"
REFUSED = 'connection to server at "127.0.0.1", port 5432 failed: Connection refused'


@contextlib.contextmanager
def database_refusing(error=None):
    """Every query fails as it does when the database server is out of reach."""
    error = error or OperationalError(REFUSED)
    with (
        mock.patch.object(CursorWrapper, "execute", side_effect=error),
        mock.patch.object(CursorWrapper, "executemany", side_effect=error),
    ):
        yield


@pytest.fixture
def browser():
    """A client that answers as the site does, rather than raising the error."""
    return Client(raise_request_exception=False)


def assert_back_in_a_moment(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "We will be back in a moment" in page
    assert 'href="/static/css/site.css"' in page, "not in the site's look"
    # The readers' policy allows no inline code: none is needed.
    assert not re.search(r"<script|<style|\sstyle=", page)
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    for detail in ("5432", "refused", "127.0.0.1", "Traceback"):
        assert detail not in page


def test_a_reader_of_a_story_is_told_to_come_back_when_the_database_refuses(browser):
    with database_refusing():
        response = browser.get(FLORA)
    assert_back_in_a_moment(response)

    assert browser.get(FLORA).status_code == 200, "the site did not recover"


@pytest.mark.parametrize("path", ["/", "/stories/", "/search/?q=smile", "/account/sign-in/"])
def test_every_kind_of_page_is_back_in_a_moment_not_a_server_error(browser, path):
    with database_refusing():
        response = browser.get(path)
    assert_back_in_a_moment(response)


def test_an_editor_in_the_admin_is_told_to_come_back_too(browser, editor):
    browser.force_login(editor)
    with database_refusing():
        response = browser.get("/admin/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0

    assert browser.get("/admin/").status_code == 200, "the admin did not recover"


def test_a_lost_connection_is_back_in_a_moment_too(browser):
    with database_refusing(InterfaceError("connection already closed")):
        response = browser.get(FLORA)
    assert_back_in_a_moment(response)


def test_any_other_failure_is_still_the_500_page(browser):
    with mock.patch("stories.pages.StoryPage.serve", side_effect=RuntimeError("a bug")):
        response = browser.get(FLORA)
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Something went wrong on our side" in response.content.decode()


# The site as deployed: gunicorn, two workers, production settings.


@pytest.fixture(scope="module")
def campaign():
    folder = tempfile.mkdtemp(prefix="hs-faults-")
    built = Campaign(folder)
    try:
        yield built.build()
    finally:
        built.remove()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def site(campaign, request):
    deployed = campaign.copy(request.node.name[:20])
    yield deployed
    deployed.stop()


def statuses(answers):
    return {status for _reader, _path, status, _text in answers}


def on_postgresql():
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@contextlib.contextmanager
def connections_refused(database):
    """PostgreSQL ends every connection to the site's database and takes no new
    one, as when the server restarts or fails over; then it takes them again."""
    name = database.name
    database._admin(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
    try:
        database._admin(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "  # noqa: S608 (our own name)
            f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        )
        yield
    finally:
        database._admin(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')


@pytest.mark.deployed
@pytest.mark.skipif(
    not on_postgresql(),
    reason="needs a PostgreSQL server (DATABASE_URL) to refuse the site's connections; "
    "SQLite is a file, which cannot be made unreachable while the site runs",
)
def test_a_database_that_refuses_connections_is_back_in_a_moment_without_a_restart(site):
    site.serve()
    readers = {"anonymous": site.reader()}
    before = ask_every_worker(site, readers, ["/", FLORA])
    assert statuses(before) == {200}, site.errors()
    editor = site.reader()

    with connections_refused(site.database):
        down = ask_every_worker(site, readers, ["/", FLORA])
        status, _location, text = editor.submit(
            "/admin/login/", {"username": "editor", "password": PASSWORD, "next": "/admin/"}
        )

    assert statuses(down) == {503}
    assert all("We will be back in a moment" in text for *_rest, text in down)
    assert status == 503 and "We will be back in a moment" in text
    probe = site.reader().request("GET", FLORA)
    assert probe[0] == 200, "a worker still refuses once the database is back"
    back = ask_every_worker(site, readers, ["/", FLORA])
    assert statuses(back) == {200}, "the site did not recover without a restart"
    editor.sign_in("editor", path="/admin/login/")
    assert editor.get("/admin/")[0] == 200


@pytest.fixture
def redis():
    server = Redis()
    if server.executable is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the Redis outage test: redis-server is not installed")
        pytest.skip("redis-server is not installed")
    server.start()
    yield server
    server.kill()


def kept_in(redis, site):
    """How many keys the site keeps in this Redis (pages, fragments, counts)."""
    import redis as redis_client

    connection = redis_client.Redis.from_url(redis.url)
    try:
        return len(connection.keys(f"{site.cache_prefix}*"))
    finally:
        connection.close()


@pytest.mark.deployed
def test_with_redis_gone_pages_are_served_uncached_and_withdrawal_still_reaches_readers(
    site, redis
):
    site.redis_url = redis.url
    site.serve()
    pages = ["/", "/stories/", FLORA, f"{FLORA}embed/", "/stories/feed/", "/search/?q=smile"]
    api = "/api/v2/pages/?type=stories.StoryPage&fields=summary"
    readers = {"anonymous": site.reader()}
    before = ask_every_worker(site, readers, [*pages, api])
    assert statuses(before) == {200}, site.errors()
    assert kept_in(redis, site) > 0, "nothing was cached to begin with: the test proves nothing"

    redis.kill()  # the port now refuses connections

    gone = ask_every_worker(site, readers, [*pages, api])
    assert statuses(gone) == {200}, site.errors()
    editor = site.reader()
    editor.sign_in("editor", path="/admin/login/")
    assert editor.get("/admin/")[0] == 200
    teacher = site.reader()
    teacher.sign_in("teacher")
    assert teacher.get(FLORA)[0] == 200
    site.manage("withdraw_consent", "HS-0001", "--reason", "Take it down, please.")
    withdrawn = ask_every_worker(site, readers, [FLORA, f"{FLORA}embed/"])
    assert statuses(withdrawn) == {404}
    listing = ask_every_worker(site, readers, ["/", "/stories/", api])
    assert statuses(listing) == {200}
    assert not [path for _r, path, _s, text in listing if FLORA in text]

    redis.start()  # empty, on the same port

    again = ask_every_worker(site, readers, pages[:2])
    assert statuses(again) == {200}
    assert kept_in(redis, site) > 0, "pages were not cached again once Redis was back"
    assert not [path for _r, path, _s, text in again if FLORA in text]


# Storage failing while an editor uploads a picture.

DISK_FULL = OSError(28, "No space left on device", "original_images/hazel-quenneville.jpg")


@contextlib.contextmanager
def storage_failing():
    """Every file storage on disk refuses to write (a full disk, a bucket out of reach)."""
    with mock.patch.object(FileSystemStorage, "_save", side_effect=DISK_FULL):
        yield


def files_under(*folders):
    return sorted(
        str(path)
        for folder in folders
        if Path(folder).exists()
        for path in Path(folder).rglob("*")
        if path.is_file()
    )


@pytest.fixture
def editor_in_admin(browser):
    browser.force_login(get_user_model().objects.get(username="editor"))
    return browser


@pytest.fixture
def stored_files():
    """The files every storage holds now, to compare with afterwards."""
    folders = [settings.MEDIA_ROOT, settings.STORAGES["private"]["OPTIONS"]["location"]]
    return lambda: files_under(*folders)


def picture():
    return SimpleUploadedFile("harbour.jpg", solid_picture(), content_type="image/jpeg")


def test_a_picture_the_storage_cannot_keep_is_refused_clearly_by_the_add_form(
    editor_in_admin, stored_files, caplog
):
    images, before = StoryImage.objects.count(), stored_files()

    with storage_failing():
        response = editor_in_admin.post(
            reverse("wagtailimages:add"),
            {"title": "Harbour", "file": picture(), "alt_text": "A harbour", "collection": "1"},
        )

    assert response.status_code == 200
    assert "could not be stored" in response.content.decode()
    assert StoryImage.objects.count() == images
    assert stored_files() == before
    assert "No space left on device" in caplog.text, "the operators were not told"
    assert "quenneville" not in caplog.text.lower(), "a file name may name someone"


def test_the_multiple_uploader_says_the_picture_could_not_be_stored(editor_in_admin, stored_files):
    held, before = HeldUpload.objects.count(), stored_files()

    with storage_failing():
        response = editor_in_admin.post(
            reverse("wagtailimages:add_multiple"),
            {"files[]": picture()},
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )

    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "could not be stored" in answer["error_message"]
    assert HeldUpload.objects.count() == held
    assert stored_files() == before


def test_finishing_a_held_picture_the_storage_cannot_keep_keeps_it_held(
    editor_in_admin, stored_files
):
    answer = editor_in_admin.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": picture()},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    ).json()
    upload_id = answer["uploaded_file_id"]
    images, before = StoryImage.objects.count(), stored_files()
    prefix = f"uploaded-image-{upload_id}"

    with storage_failing():
        finished = editor_in_admin.post(
            reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id]),
            {
                f"{prefix}-title": "Harbour",
                f"{prefix}-alt_text": "A harbour",
                f"{prefix}-collection": "1",
            },
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        ).json()

    assert finished["success"] is False
    assert "could not be stored" in finished["form"]
    assert StoryImage.objects.count() == images
    assert HeldUpload.objects.filter(pk=upload_id).exists(), "the editor may try again"
    assert stored_files() == before


# A withdrawal that fails halfway.


def test_a_withdrawal_that_fails_halfway_leaves_the_storyteller_untouched(browser):
    storyteller = StorytellerFactory()
    first, second = (
        StoryPageFactory(storyteller=storyteller, title=title)
        for title in ("The first visit in years", "What the hygienist said")
    )
    assert browser.get(first.url).status_code == browser.get(second.url).status_code == 200
    before = generations()
    unpublished = []

    def dies_at_the_second(page, **options):
        unpublished.append(page.pk)
        if len(unpublished) == 2:
            raise RuntimeError("the process was killed")
        return UnpublishPageAction(page, **options)

    with (
        mock.patch("stories.consent.takedown.UnpublishPageAction", side_effect=dies_at_the_second),
        pytest.raises(RuntimeError),
    ):
        withdraw_consent(storyteller.reference, "Please take them down.")

    assert len(unpublished) == 2, "the withdrawal did not get as far as the second story"
    assert not ConsentWithdrawal.objects.filter(record__storyteller=storyteller).exists()
    assert set(StoryPage.objects.filter(storyteller=storyteller, live=True)) == {first, second}
    assert generations() == before  # no kept page or part was retired for nothing
    assert not PageLogEntry.objects.filter(page__in=[first, second], action="wagtail.unpublish")
    assert browser.get(first.url).status_code == browser.get(second.url).status_code == 200

    withdraw_consent(storyteller.reference, "Please take them down.")  # tried again: all of it

    assert ConsentWithdrawal.objects.filter(record__storyteller=storyteller).exists()
    assert not StoryPage.objects.filter(storyteller=storyteller, live=True).exists()
    assert browser.get(first.url).status_code == browser.get(second.url).status_code == 404
