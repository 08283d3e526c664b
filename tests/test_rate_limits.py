"""The API's allowance is counted once for every worker, per client address
as the operator's trusted proxies give it: a header the client writes itself
buys no extra requests."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory, override_settings

from config.settings.base import cache_settings
from stories.apps import create_cache_tables
from stories.client_address import client_address

LISTING = "/api/v2/pages/?type=stories.StoryPage&limit=5&fields=title"


def address_of(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        # No trusted proxy: the header is ignored.
        (0, "192.0.2.1", "203.0.113.9", "192.0.2.1"),
        # One proxy: the entry it appended, the right-most; what the client wrote is ignored.
        (1, "10.0.0.1", "203.0.113.9", "203.0.113.9"),
        (1, "10.0.0.1", "198.51.100.66, 203.0.113.9", "203.0.113.9"),
        (1, "10.0.0.1", " 198.51.100.66 ,203.0.113.9 ", "203.0.113.9"),
        # Two proxies (a CDN, then the load balancer): the second entry from the right.
        (2, "10.0.0.1", "198.51.100.66, 203.0.113.9, 10.0.0.7", "203.0.113.9"),
        # Fewer entries than proxies, or none, or nonsense: the connection's own address.
        (2, "10.0.0.1", "203.0.113.9", "10.0.0.1"),
        (1, "10.0.0.1", None, "10.0.0.1"),
        (1, "10.0.0.1", "", "10.0.0.1"),
        (1, "10.0.0.1", "not-an-address", "10.0.0.1"),
        (1, "10.0.0.1", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_comes_from_the_trusted_proxies_only(
    proxies, remote, forwarded, expected
):
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert address_of(remote, forwarded) == expected


@override_settings(API_RATE_ANONYMOUS="3/hour")
def test_a_changing_forwarded_for_header_does_not_multiply_the_allowance(client):
    answers = [
        client.get(LISTING, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(6)
    ]
    assert answers == [200, 200, 200, 429, 429, 429]


@override_settings(API_RATE_ANONYMOUS="2/hour", TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_each_client_has_its_own_allowance(client):
    def ask(forwarded):
        return client.get(LISTING, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    # The same client, whatever it puts in front of the proxy's entry.
    assert ask("203.0.113.5").status_code == 200
    assert ask("1.2.3.4, 203.0.113.5").status_code == 200
    assert ask("5.6.7.8, 203.0.113.5").status_code == 429
    # Another client behind the same proxy is counted apart.
    assert ask("203.0.113.6").status_code == 200


def test_rate_limits_are_kept_where_every_worker_sees_them():
    assert cache_settings("")["rate_limits"]["BACKEND"] == (
        "django.core.cache.backends.db.DatabaseCache"
    )
    with_redis = cache_settings("redis://127.0.0.1:6379/13")
    assert with_redis["rate_limits"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert with_redis["rate_limits"]["LOCATION"] == "redis://127.0.0.1:6379/13"


def test_migrate_makes_the_rate_limits_table_of_the_embedded_default():
    with override_settings(CACHES=cache_settings("")):
        create_cache_tables(using="default")
        assert "rate_limits_cache" in connection.introspection.table_names()


def test_the_allowance_is_counted_in_the_rate_limits_cache(client):
    rate_limits = caches["rate_limits"]
    rate_limits.clear()
    assert client.get(LISTING, REMOTE_ADDR="192.0.2.77").status_code == 200
    assert len(rate_limits.get("throttle_api-anonymous_192.0.2.77")) == 1
    assert client.get(LISTING, REMOTE_ADDR="192.0.2.77").status_code == 200
    assert len(rate_limits.get("throttle_api-anonymous_192.0.2.77")) == 2


@pytest.mark.deployed
def test_the_lockout_and_the_api_allowance_hold_across_workers(monkeypatch, tmp_path):
    """Served as deployed (gunicorn, two workers; Redis when REDIS_URL is set,
    else the database): once one worker has counted the allowance or the
    failures out, every worker refuses, whatever the client writes in
    X-Forwarded-For."""
    from concurrent.futures import ThreadPoolExecutor

    from tests.deployment import AT_ONCE, PASSWORD, WORKERS, Campaign, workers_answering

    monkeypatch.setenv("AXES_FAILURE_LIMIT", "3")
    monkeypatch.setenv("API_RATE_ANONYMOUS", "4/hour")
    campaign = Campaign(tmp_path).build()
    site = campaign.copy("limits")
    try:
        site.serve()
        browser = site.reader()

        def all_at_once(method, path, fields=None, rounds=8):
            """Requests sent together, so every worker answers; [(status, probe)]."""
            answers = []
            with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
                for round_ in range(rounds):
                    headers = [
                        {"X-Forwarded-For": f"203.0.113.{round_ * AT_ONCE + n}"}
                        for n in range(AT_ONCE)
                    ]
                    for status, _headers, _text, probe in pool.map(
                        browser.request,
                        [method] * AT_ONCE,
                        [path] * AT_ONCE,
                        [fields] * AT_ONCE,
                        headers,
                    ):
                        answers.append((status, probe))
            return answers

        # The API: the allowance is spent one request at a time...
        api = "/api/v2/pages/?limit=1"
        spent = [
            browser.request("GET", api, headers={"X-Forwarded-For": f"198.51.100.{n}"})[0]
            for n in range(5)
        ]
        assert spent == [200, 200, 200, 200, 429]
        # ...and then every worker refuses, whatever the header says.
        refused = all_at_once("GET", api)
        assert {status for status, _probe in refused} == {429}
        assert len(workers_answering(site, [probe for _s, probe in refused])) == WORKERS

        # Signing in: three wrong passwords, then the right one fails at every worker.
        browser.request("GET", "/account/sign-in/")
        token = browser.cookies["csrftoken"]
        for _ in range(3):
            status = browser.request(
                "POST",
                "/account/sign-in/",
                {"csrfmiddlewaretoken": token, "username": "teacher", "password": "wrong"},
            )[0]
        assert status == 429
        right = {"csrfmiddlewaretoken": token, "username": "teacher", "password": PASSWORD}
        paused = all_at_once("POST", "/account/sign-in/", right, rounds=6)
        assert {status for status, _probe in paused} == {429}
        assert len(workers_answering(site, [probe for _s, probe in paused])) == WORKERS
        assert "sessionid" not in browser.cookies
    finally:
        site.stop()
        campaign.remove()
