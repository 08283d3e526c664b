"""Whatever says "content changed" is seen by every process at once, and the
cache is an accelerator whose loss slows pages but never breaks them.

Another process is simulated here by a cache this one does not share (each
web worker's local memory); tests/test_deployed_shape.py proves the same
with real workers, commands and Redis.
"""

import contextlib
import socket

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from config.settings.base import cache_settings
from stories.caching import content_generation
from stories.consent.withdrawal import withdraw_consent
from stories.pages import StoryPage

FLORA = "Flora’s story: the chair I could not sit in"
TOMASZ = ["smiling-in-photographs", "learning-to-floss-at-forty-five"]

ANOTHER_PROCESS = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "another-process",
    }
}


def flora_appears(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return FLORA in response.content.decode()


def a_closed_port():
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when this returns


@pytest.mark.parametrize("url", ["/", "/stories/at-my-own-pace/"])
def test_a_withdrawal_in_another_process_retires_this_process_fragments(client, url):
    assert flora_appears(client, url)  # cached here, as a worker would
    with override_settings(CACHES=ANOTHER_PROCESS):
        withdraw_consent("HS-0001", "Withdrawn at a terminal.")
    assert not flora_appears(client, url)


def test_an_erasure_in_another_process_leaves_no_name_in_this_process_fragments(client):
    urls = ["/", *(story.url for story in StoryPage.objects.live().exclude(slug__in=TOMASZ))]
    showing = [url for url in urls if "Tomasz Nowak" in client.get(url).content.decode()]
    assert showing  # his cards, cached here
    with override_settings(CACHES=ANOTHER_PROCESS):
        withdraw_consent("HS-0002", "Forget me.", erase=True)
    assert [url for url in showing if "Tomasz Nowak" in client.get(url).content.decode()] == []


def test_the_content_generation_is_kept_in_the_database_not_the_cache():
    from django.core.cache import cache

    before = content_generation()
    with override_settings(CACHES=ANOTHER_PROCESS):
        withdraw_consent("HS-0001", "Withdrawn by cron.")
        seen_there = content_generation()
    cache.clear()
    assert content_generation() == seen_there != before


def test_a_page_reads_the_generation_once_however_many_fragments_it_caches(
    client, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    story = StoryPage.objects.get(slug="floras-story")
    client.get(story.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(story.url).status_code == 200
    generation_reads = [q for q in queries if "stories_contentgeneration" in q["sql"]]
    assert len(generation_reads) == 1


def test_the_admin_pays_nothing_for_the_generation(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(get_user_model().objects.get(username="admin"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    assert not [q for q in queries if "stories_contentgeneration" in q["sql"]]


@pytest.mark.parametrize(
    "url", ["/", "/stories/", "/stories/floras-story/", "/search/?q=smile", "/admin/login/"]
)
def test_with_redis_down_pages_are_served_uncached(client, url):
    with override_settings(CACHES=cache_settings(f"redis://127.0.0.1:{a_closed_port()}/0")):
        assert client.get(url).status_code == 200


def test_with_redis_down_a_consent_officer_can_still_withdraw(client):
    from stories.storytellers import Storyteller

    client.force_login(get_user_model().objects.get(username="consent"))
    flora = Storyteller.objects.get(reference="HS-0001")
    with override_settings(CACHES=cache_settings(f"redis://127.0.0.1:{a_closed_port()}/0")):
        response = client.post(
            f"/admin/storytellers/{flora.pk}/withdraw/",
            {"reason": "Please take it down.", "confirm": "on"},
        )
        assert response.status_code == 302
        assert not flora_appears(client, "/")
