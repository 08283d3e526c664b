"""`make serve` runs the whole production shape: the web workers, the
background-task worker and the schedule, each a process of its own.

The site is started by the command `make serve` runs (tests/deployment.py),
with the schedule's intervals shortened to seconds. Stories are made and
published from yet another process, as an editor's or a cron job's would be;
what the worker and the schedule do is then read where a reader or an
operator sees it: the served pages and search, the database, the log.
"""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid

import pytest

from tests.deployment import WORKERS, Campaign, readable

pytestmark = pytest.mark.deployed

SCHEDULE = "enforce_consent=3,publish_scheduled=3"


@pytest.fixture(scope="module")
def site():
    folder = tempfile.mkdtemp(prefix="hs-serving-")
    campaign = Campaign(folder).build()
    deployed = campaign.copy("serving")
    deployed.settings["SCHEDULE_INTERVALS"] = SCHEDULE
    try:
        yield deployed.serve()
    finally:
        deployed.stop()
        campaign.remove()
        shutil.rmtree(folder, ignore_errors=True)


def eventually(site, question, done, seconds=180):
    """Ask `question` (Python printing JSON, run in another process) until
    `done(answer)`, or the time is up; returns the last answer."""
    deadline = time.monotonic() + seconds
    while True:
        answer = site.query(question)
        if done(answer) or time.monotonic() > deadline:
            return answer
        time.sleep(1)


LAPSED_AND_SCHEDULED = """
import json
from datetime import timedelta
from django.utils import timezone
from stories.consent.records import ConsentRecord
from stories.factories import StoryPageFactory, StorytellerFactory
from tests.people import storyteller_approves

# A story live under consent that has since ended (as if its date had passed).
lapsing = StoryPageFactory(title="{lapsing}")
today = timezone.localdate()
ConsentRecord.objects.filter(storyteller=lapsing.storyteller).update(
    given_on=today - timedelta(days=400), expires_on=today - timedelta(days=1)
)
# A story approved to go live in half a minute, which nobody publishes by hand
# (long enough to see it is not live before then, however slow the machine).
scheduled = StoryPageFactory(title="{scheduled}", publish=False)
scheduled.go_live_at = timezone.now() + timedelta(seconds=30)
revision = scheduled.save_revision()
storyteller_approves(scheduled)
revision.publish()
print(json.dumps({{"lapsing": [lapsing.pk, lapsing.url], "scheduled": scheduled.pk}}))
"""

LIVE_AND_URL = """
import json
from stories.pages import StoryPage
story = StoryPage.objects.get(pk={pk})
print(json.dumps([story.live, story.url]))
"""


def test_the_schedule_takes_down_a_lapsed_story_and_publishes_one_when_due(site):
    lapsing_title = f"Lapsing {uuid.uuid4().hex[:8]}"
    scheduled_title = f"Scheduled {uuid.uuid4().hex[:8]}"
    made = site.query(LAPSED_AND_SCHEDULED.format(lapsing=lapsing_title, scheduled=scheduled_title))
    lapsing_pk, lapsing_url = made["lapsing"]
    reader = site.reader()
    assert reader.get(lapsing_url)[0] == 404, "the gate serves no lapsed story, sweep or not"
    assert site.query(LIVE_AND_URL.format(pk=made["scheduled"]))[0] is False

    lapsing_live = eventually(site, LIVE_AND_URL.format(pk=lapsing_pk), lambda live: not live[0])
    scheduled_live = eventually(
        site, LIVE_AND_URL.format(pk=made["scheduled"]), lambda live: live[0]
    )

    log = site.log.read_text()
    assert not lapsing_live[0], f"the schedule never took the lapsed story down:\n{log}"
    assert scheduled_live[0], f"the schedule never published the story due:\n{log}"
    status, text = reader.get(scheduled_live[1])
    assert status == 200 and scheduled_title in readable(text)
    assert "enforce_consent done" in log and "publish_scheduled done" in log
    assert " failed with status " not in log


PUBLISHED_WITH_A_PICTURE = """
import json
from stories.factories import StoryImageFactory, StoryPageFactory
story = StoryPageFactory(title="{title}", hero_image=StoryImageFactory())
print(json.dumps([story.pk, story.url, story.hero_image_id]))
"""

TASKS_RUN = """
import json
from django_tasks_db.models import DBTaskResult
from stories.images import StoryRendition
tasks = DBTaskResult.objects.filter(task_path__in=[
    "stories.renditions.prepare_story_renditions",
    "modelsearch.tasks.insert_or_update_object_task",
])
# Search indexing names its object by model and primary key (as text).
done = {{
    task.task_path.rsplit(".", 1)[-1]: [task.status, task.worker_ids, task.return_value]
    for task in tasks.order_by("enqueued_at")
    if task.args_kwargs["args"] in ([{pk}], ["stories", "storypage", "{pk}"])
}}
waiting = tasks.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists()
renditions = StoryRendition.objects.filter(image_id={image}).count()
print(json.dumps([waiting, done, renditions]))
"""


def test_the_worker_indexes_a_published_story_and_prepares_its_pictures(site):
    word = f"Quill{uuid.uuid4().hex[:6]}"
    pk, url, image = site.query(PUBLISHED_WITH_A_PICTURE.format(title=f"The {word} visit"))

    waiting, done, renditions = eventually(
        site, TASKS_RUN.format(pk=pk, image=image), lambda answer: not answer[0] and answer[1]
    )

    search = done.get("insert_or_update_object_task")
    prepared = done.get("prepare_story_renditions")
    assert not waiting, f"the worker left tasks waiting:\n{site.log.read_text()}"
    assert search and search[0] == "SUCCESSFUL" and search[1], done
    assert prepared and prepared[0] == "SUCCESSFUL" and prepared[2] > 0, done
    assert renditions == prepared[2], "the first reader would have to wait for pictures"
    status, text = site.reader().get(f"/search/?q={word}")
    assert status == 200 and f"The {word} visit" in readable(text)
    assert site.reader().get(url)[0] == 200


def test_a_browsers_idle_connections_leave_no_reader_waiting(site):
    """Chromium opens connections before it needs them (and keeps unused ones
    for ten seconds), sending nothing on them; the site must go on answering
    everyone else, even with more such connections open than it has workers.
    """
    idle = [socket.create_connection(("127.0.0.1", site.port)) for _ in range(WORKERS + 1)]
    asking = http.client.HTTPConnection("127.0.0.1", site.port, timeout=20)
    try:
        asking.request("GET", "/")
        status = asking.getresponse().status
    except TimeoutError:
        status = "no answer in 20 s"
    finally:
        asking.close()
        for connection in idle:
            connection.close()
    assert status == 200, f"a reader waited behind idle connections: {status}"


def still_running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_stopping_the_command_stops_every_process_it_started(site):
    """Last in the module: it stops the module's site."""
    started = subprocess.run(  # noqa: S603
        ["ps", "-o", "pid=", "--ppid", str(site.server.pid)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert len(started) == 3, "gunicorn, the worker and the schedule"

    site.server.send_signal(signal.SIGTERM)

    assert site.server.wait(timeout=60) == 0
    assert [pid for pid in map(int, started) if still_running(pid)] == []
