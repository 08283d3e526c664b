"""Two editors publish while a consent officer withdraws: the rule still holds.

Each person is a process of their own with its own database connection, as
two editors' requests in two web workers and a command at a terminal are.
Editor A publishes through the model (`revision.publish()`, what workflows,
scheduled publishing and the shell call), editor B through Wagtail's page
publish action as the admin's edit view builds it (after the check the
admin's Publish button asks first). Each publishes one story of the
storyteller whose consent is being withdrawn and one of a storyteller who
keeps theirs; the officer withdraws the first. They wait for one another at
a barrier, and one side holds its transaction open a moment (the editors
just after the guard said yes, or the officer while taking stories down), so
the publish and the withdrawal truly overlap, in both orders.

Afterwards the rule holds: no story of the withdrawn storyteller is live or
served, and every story of the other is. Real concurrent writers need
PostgreSQL; SQLite runs one writer at a time (CI's second run uses
PostgreSQL).
"""

import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
import uuid
from pathlib import Path

import pytest

from tests.test_concurrent_withdrawal import ROOT, SharedDatabase, environment, manage, shell

HELD_OPEN_SECONDS = 1.0
ROUNDS = 2

pytestmark = pytest.mark.skipif(
    not SharedDatabase(tempfile.gettempdir(), "probe").is_postgres,
    reason=(
        "concurrent publishing and withdrawal need real concurrent connections: "
        "set DATABASE_URL to PostgreSQL (CI's second run does)"
    ),
)

SET_UP = """
    import json
    from stories.consent.approvals import record_approval
    from stories.factories import StoryPageFactory, StorytellerFactory
    from accounts.models import User

    User.objects.create_superuser("editor-a", "a@example.org", "x")
    User.objects.create_superuser("editor-b", "b@example.org", "x")
    stories = {}
    for who in ("withdrawing", "keeping"):
        storyteller = StorytellerFactory(first_name=who.title())
        stories[who] = {"reference": storyteller.reference, "pages": []}
        for editor in ("a", "b"):
            page = StoryPageFactory(
                storyteller=storyteller, title=f"{who} story by {editor}", publish=False
            )
            record_approval(page, page.latest_revision)
            stories[who]["pages"].append(page.pk)
    print(json.dumps(stories))
"""

# One editor: wait for the others, then publish their two stories.
EDITOR = """
    import json, time
    from pathlib import Path
    from wagtail.actions.publish_page_revision import PublishPageRevisionAction
    import stories.pages
    from accounts.models import User
    from stories.consent.guard import ConsentRefused
    from stories.consent.publishing import before_publish_page
    from stories.pages import StoryPage

    if {hold!r}:
        guard = stories.pages.refuse_unconsented_publish

        def slow_guard(*args, **kwargs):
            guard(*args, **kwargs)
            time.sleep({held_open})  # consent said yes a moment ago

        stories.pages.refuse_unconsented_publish = slow_guard

    class Messages(list):
        def add(self, level, message, extra_tags=""):
            self.append(message)

    class Request:
        # What the admin's Publish button hands its check: the editor, and their messages.

        user = User.objects.get(username="editor-{editor}")
        _messages = Messages()

    barrier = Path({barrier!r})
    (barrier / "editor-{editor}").touch()
    deadline = time.monotonic() + 120
    while len(list(barrier.iterdir())) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    outcome = {{}}
    for pk in {pages!r}:
        page = StoryPage.objects.get(pk=pk)
        revision = page.latest_revision
        try:
            if "{editor}" == "a":
                revision.publish(user=Request.user)
            else:
                refused = before_publish_page(Request, page)
                if refused is not None:
                    raise ConsentRefused(["the Publish button said no"])
                PublishPageRevisionAction(revision, user=Request.user).execute(
                    skip_permission_checks=True
                )
            outcome[pk] = "published"
        except ConsentRefused:
            outcome[pk] = "refused"
    print(json.dumps(outcome))
"""

OFFICER = """
    import json, time
    from pathlib import Path
    from django.core.management import call_command
    import stories.consent.withdrawal as withdrawal

    if {hold!r}:
        take_down = withdrawal.take_down

        def slow_take_down(*args, **kwargs):
            time.sleep({held_open})
            return take_down(*args, **kwargs)

        withdrawal.take_down = slow_take_down
    barrier = Path({barrier!r})
    (barrier / "officer").touch()
    deadline = time.monotonic() + 120
    while len(list(barrier.iterdir())) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    call_command("withdraw_consent", {reference!r}, reason="Changed their mind.")
    print(json.dumps("done"))
"""

CHECK = """
    import json
    from django.test import Client
    from stories.pages import StoryPage

    client = Client()
    print(json.dumps({
        str(story.pk): [story.live, client.get(story.url).status_code if story.url else None]
        for story in StoryPage.objects.all()
    }))
"""


@pytest.fixture(scope="module")
def campaign():
    folder = Path(tempfile.mkdtemp(prefix="hs-editing-withdrawal-"))
    database = SharedDatabase(folder, "backup_editing").create()
    try:
        result = manage(database, "migrate", "--no-input", "-v0")
        assert result.returncode == 0, result.stderr
        yield folder, database, shell(database, SET_UP)
    finally:
        database.drop()
        shutil.rmtree(folder, ignore_errors=True)


def start(database, code):
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env=environment(database),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("held", ["editors-hold", "officer-holds"])
@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_stories_published_during_a_withdrawal_never_stay_live(campaign, held, round_number):
    folder, template, stories = campaign
    database = SharedDatabase(folder, f"backup_run_{uuid.uuid4().hex[:6]}").copy_of(template)
    barrier = Path(tempfile.mkdtemp(dir=folder))
    withdrawing, keeping = stories["withdrawing"], stories["keeping"]
    try:
        people = [
            start(
                database,
                EDITOR.format(
                    editor=editor,
                    pages=[withdrawing["pages"][index], keeping["pages"][index]],
                    barrier=str(barrier),
                    hold=held == "editors-hold",
                    held_open=HELD_OPEN_SECONDS * (1 + round_number % 2),
                ),
            )
            for index, editor in enumerate(("a", "b"))
        ]
        people.append(
            start(
                database,
                OFFICER.format(
                    reference=withdrawing["reference"],
                    barrier=str(barrier),
                    hold=held == "officer-holds",
                    held_open=HELD_OPEN_SECONDS,
                ),
            )
        )
        outcomes = [person.communicate(timeout=300) for person in people]
        for person, (_stdout, stderr) in zip(people, outcomes, strict=True):
            assert person.returncode == 0, stderr
        published = {}
        for stdout, _stderr in outcomes[:2]:
            published.update(json.loads(stdout.strip().splitlines()[-1]))
        # Nothing stopped the other storyteller's stories.
        assert all(published[str(pk)] == "published" for pk in keeping["pages"])

        state = shell(database, CHECK)
        for pk in withdrawing["pages"]:
            live, status = state[str(pk)]
            assert not live, f"story {pk} of the withdrawn storyteller is live ({published})"
            assert status in (None, 404)
        for pk in keeping["pages"]:
            assert state[str(pk)] == [True, 200]
    finally:
        database.drop()
