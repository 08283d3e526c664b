"""Withdrawal reaches every reader of the site as it is deployed.

The site runs under gunicorn with two workers and production settings, as in
production; the withdrawal is typed at a terminal (another process) or made
with the admin's button (one worker), and then no answer from any worker,
to anyone, shows the story: not its page, its card, its summary, its name.
With the embedded defaults each worker has its own cache; with REDIS_URL
(CI's second run) they share Redis; and Redis may stop halfway.
"""

import os
import re
import shutil
import signal
import subprocess
import tempfile
from urllib.parse import urlsplit

import pytest

from tests.deployment import (
    Campaign,
    answers_from_every_worker,
    ask_every_worker,
    free_port,
    readable,
    wait_for_port,
)

pytestmark = pytest.mark.deployed


@pytest.fixture(scope="module")
def campaign():
    folder = tempfile.mkdtemp(prefix="hs-deployed-")
    built = Campaign(folder)
    try:
        yield built.build()
    finally:
        built.remove()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def site(campaign, request):
    deployed = campaign.copy(request.node.name[:20].replace("[", "_").replace("]", ""))
    yield deployed
    deployed.stop()


PUBLIC_PAGES_AND_STORIES = """
import json
from wagtail.models import Page
from stories.pages import StoryPage
from stories.storytellers import Storyteller
def told_by(reference):
    teller = Storyteller.objects.get(reference=reference)
    stories = StoryPage.objects.filter(storyteller=teller, live=True)
    return {
        "name": teller.shown_name,
        "full_name": f"{teller.first_name} {teller.last_name}",
        "titles": [story.title for story in stories],
        "summaries": [story.summary for story in stories],
        "paths": [story.url for story in stories],
    }
print(json.dumps({
    "pages": [page.url for page in Page.objects.live().filter(depth__gt=1).specific()],
    "HS-0001": told_by("HS-0001"),
    "HS-0002": told_by("HS-0002"),
}))
"""


def every_way_out(pages, story_path):
    """Every public page, and each other way a story leaves the site."""
    return [
        *pages,
        "/search/?q=smile",
        "/search/?q=dentist",
        "/stories/feed/",
        "/sitemap.xml",
        "/api/v2/pages/?type=stories.StoryPage&fields=summary,shown_name",
        f"{story_path}embed/",
        f"/oembed/?url=http://127.0.0.1{story_path}",
    ]


def traces_of(storyteller, *, erased=False):
    """What must not be read anywhere once their consent is withdrawn."""
    traces = [*storyteller["titles"], *storyteller["summaries"]]
    traces += [f'href="{path}"' for path in storyteller["paths"]]
    traces += [f"Told by {storyteller['name']}", f"Thank you to {storyteller['name']}"]
    if erased:
        traces += [storyteller["full_name"]]
    return traces


def readers_of(site):
    anonymous, teacher, partner = site.reader(), site.reader(), site.reader()
    teacher.sign_in("teacher")
    partner.sign_in("partner")
    return {"anonymous": anonymous, "teacher": teacher, "partner": partner}


def shown(answers, traces):
    """(reader, path, trace) for every answer that still shows a trace."""
    return [
        (reader, path, trace)
        for reader, path, _status, text in answers
        for trace in traces
        if trace in readable(text)
    ]


def failures(answers):
    return [(reader, path, status) for reader, path, status, _text in answers if status >= 500]


def warmed_up(site, reference, trace=None):
    """Serve the site, and let every worker cache every page for every reader.

    Returns the storyteller's stories as the site knows them, the paths and
    the readers, once the stories are shown (else the test proves nothing).
    """
    site.serve()
    known = site.query(PUBLIC_PAGES_AND_STORIES)
    storyteller = known[reference]
    paths = every_way_out(known["pages"], storyteller["paths"][0])
    readers = readers_of(site)
    before = ask_every_worker(site, readers, paths)
    assert not failures(before), site.errors()
    expected = [trace] if trace else traces_of(storyteller)
    assert shown(before, expected), f"{reference}'s stories were not on the site to begin with"
    return storyteller, paths, readers


def assert_gone_from_every_worker(site, readers, paths, traces):
    after = ask_every_worker(site, readers, paths)
    assert not failures(after), site.errors()
    assert shown(after, traces) == []


def test_a_withdrawal_typed_at_a_terminal_reaches_every_worker_and_reader(site):
    flora, paths, readers = warmed_up(site, "HS-0001")
    site.manage("withdraw_consent", "HS-0001", "--reason", "I no longer want it online.")
    assert_gone_from_every_worker(site, readers, paths, traces_of(flora))


def test_an_erasure_typed_at_a_terminal_leaves_no_name_on_any_worker(site):
    tomasz, paths, readers = warmed_up(site, "HS-0002", trace="Tomasz Nowak")
    site.manage("withdraw_consent", "HS-0002", "--reason", "Please forget me.", "--erase")
    assert_gone_from_every_worker(site, readers, paths, traces_of(tomasz, erased=True))


def test_the_admins_withdraw_button_in_one_worker_reaches_every_other(site):
    flora, paths, readers = warmed_up(site, "HS-0001")
    officer = site.reader()
    officer.sign_in("consent", path="/admin/login/")
    storyteller = site.query(
        "from stories.storytellers import Storyteller;"
        "print(Storyteller.objects.get(reference='HS-0001').pk)"
    )
    status, location, _text = officer.submit(
        f"/admin/storytellers/{storyteller}/withdraw/",
        {"reason": "I changed my mind.", "confirm": "on"},
    )
    assert status == 302 and "/withdraw/" not in location, "the withdrawal was not accepted"
    assert_gone_from_every_worker(site, readers, paths, traces_of(flora))


STORIES_SHOWING = """
import json
from stories.pages import StoryPage
story = StoryPage.objects.get(slug="floras-story")
print(json.dumps({"title": story.title, "path": story.url}))
"""

FOR_SCHOOLS_ONLY = """
from stories.consent.approvals import record_approval
from stories.pages import StoryPage
story = StoryPage.objects.get(slug="floras-story")
story.for_public = False
story.for_schools = True
revision = story.save_revision()
record_approval(story, revision)
revision.publish()
print("{}")
"""


def test_a_story_published_again_for_schools_only_in_another_process_leaves_every_public_page(
    site,
):
    """A publish leaves other stories' kept parts be (stories.caching), unless
    they show the story published: narrowed to schools, Flora's story leaves
    their related stories, on every worker, for the public at once."""
    site.serve()
    known = site.query(PUBLIC_PAGES_AND_STORIES)
    flora = site.query(STORIES_SHOWING)
    others = [path for path in known["pages"] if path != flora["path"]]
    public = {"anonymous": site.reader()}
    before = ask_every_worker(site, public, others)
    assert not failures(before), site.errors()
    assert shown(before, [flora["title"]]), "no other page showed Flora's story to begin with"

    site.query(FOR_SCHOOLS_ONLY)

    assert_gone_from_every_worker(site, public, others, [flora["title"], flora["path"]])
    teacher = {"teacher": site.reader()}
    teacher["teacher"].sign_in("teacher")
    assert shown(ask_every_worker(site, teacher, [flora["path"]]), [flora["title"]])


def open_own_page(site, reference):
    """A storyteller opens the link a consent officer issued (a command in
    another process), asks for a code, reads it in their e-mail and types it."""
    url = site.manage("storyteller_link", reference).stdout.strip().splitlines()[-1]
    page = urlsplit(url).path
    storyteller = site.reader()
    status, _location, _text = storyteller.submit(f"{page}code/", {"send": "1"})
    assert status == 302, f"no code was sent ({status})"
    codes = re.findall(r"^\s+(\d{6})\s*$", "\n".join(site.mail()), re.MULTILINE)
    assert codes, "no code arrived by e-mail"
    status, location, _text = storyteller.submit(f"{page}code/", {"code": codes[-1]})
    assert status == 302 and location.endswith(page), f"the code did not open the page ({status})"
    return storyteller, page


def test_the_storytellers_own_withdraw_button_in_one_worker_reaches_every_other(site):
    flora, paths, readers = warmed_up(site, "HS-0001")
    storyteller, page = open_own_page(site, "HS-0001")
    assert storyteller.get(page)[0] == 200

    status, _location, text = storyteller.submit(f"{page}withdraw/", {"reason": ""})

    assert status == 200 and "withdrawn" in readable(text).lower(), site.errors()
    assert_gone_from_every_worker(site, readers, paths, traces_of(flora))
    receipts = [mail for mail in site.mail() if "flora" in mail.lower() and "withdr" in mail]
    assert receipts, "the storyteller was sent no receipt"


def test_a_new_name_chosen_on_the_storytellers_page_reaches_every_worker(site):
    flora, paths, readers = warmed_up(site, "HS-0001", trace="Told by Flora")
    storyteller, page = open_own_page(site, "HS-0001")

    status, location, _text = storyteller.submit(
        f"{page}change/", {"change": "name", "name-pseudonym": "Wren"}
    )

    assert status in {200, 302} and "/code/" not in location, site.errors()
    old_name = [f"Told by {flora['name']}", f"Thank you to {flora['name']}"]
    after = ask_every_worker(site, readers, paths)
    assert not failures(after), site.errors()
    assert shown(after, old_name) == []
    assert shown(after, ["Told by Wren"]), "the story was not kept up under the new name"


TOMASZS_CLIPS = """
import json
from stories.clips import StoryClip
clips = StoryClip.objects.filter(storyteller__reference="HS-0002")
print(json.dumps({
    "clips": [clip.url for clip in clips],
    "captions": [clip.captions_url for clip in clips if clip.captions],
}))
"""


def each_worker_answers(site, path, headers=None):
    """(status, headers) from every worker for one request."""
    answered = answers_from_every_worker(site, site.reader(), path, headers)
    return [(status, headers) for status, headers, _text in answered]


def test_tomaszs_voice_and_video_seek_on_every_worker_until_a_withdrawal_typed_at_a_terminal(site):
    site.serve()
    tomasz = site.query(TOMASZS_CLIPS)
    if not tomasz["clips"]:
        pytest.skip("the demo was loaded without its clips (espeak-ng or ffmpeg missing)")
    first_bytes = {"Range": "bytes=0-99"}
    for address in tomasz["clips"]:
        for status, headers in each_worker_answers(site, address, first_bytes):
            assert status == 206, (address, status, site.errors())
            assert headers["Content-Range"].startswith("bytes 0-99/"), address
            assert headers["Content-Length"] == "100", address
    for address in tomasz["captions"]:
        assert {status for status, _ in each_worker_answers(site, address)} == {200}, address

    site.manage("withdraw_consent", "HS-0002", "--reason", "Please take my voice down.")

    for address in tomasz["clips"] + tomasz["captions"]:
        assert {status for status, _ in each_worker_answers(site, address, first_bytes)} == {404}


class Redis:
    """A Redis server of the test's own, which the test may stop and start."""

    def __init__(self):
        self.executable = shutil.which("redis-server")
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                self.executable,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, self.process)

    def pause(self):
        """Still listening, answering nothing: a Redis that hangs."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        """Back with everything it held before, old fragments included."""
        self.process.send_signal(signal.SIGCONT)

    def kill(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait()


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


def test_redis_stopping_halfway_slows_pages_but_never_shows_a_withdrawn_story(site, redis):
    site.redis_url = redis.url
    site.serve()
    known = site.query(PUBLIC_PAGES_AND_STORIES)
    flora = known["HS-0001"]
    others = [path for path in known["pages"] if path not in flora["paths"]]
    paths = ["/", "/stories/", *flora["paths"], *others[:4], "/admin/login/"]
    readers = {"anonymous": site.reader()}
    assert shown(ask_every_worker(site, readers, paths), traces_of(flora))

    redis.pause()
    hanging = ask_every_worker(site, readers, paths)
    assert not failures(hanging), site.errors()
    site.manage("withdraw_consent", "HS-0001", "--reason", "Take it down, please.")
    withdrawn_while_down = ask_every_worker(site, readers, paths)
    assert not failures(withdrawn_while_down), site.errors()
    assert shown(withdrawn_while_down, traces_of(flora)) == []

    redis.resume()  # with every fragment it held from before the withdrawal
    back = ask_every_worker(site, readers, paths)
    assert not failures(back), site.errors()
    assert shown(back, traces_of(flora)) == []

    redis.kill()  # now the port refuses connections
    gone = ask_every_worker(site, readers, paths)
    assert not failures(gone), site.errors()
    assert shown(gone, traces_of(flora)) == []
    assert {status for _reader, _path, status, _text in gone} <= {200, 404}
