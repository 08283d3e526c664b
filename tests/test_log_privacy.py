"""Logs say what happened, never who it happened to.

Whatever logs it (our code, Django, a mail server's refusal, a page not
found at a storyteller's private link), the line written carries no e-mail
address, phone number or private link, and in production it is one line of
JSON with the time, level, logger, message and the request's id and path.
Errors reach Sentry only when SENTRY_DSN is set, and without personal data.
"""

import base64
import io
import json
import logging
import os
import smtplib
import subprocess
import sys
import textwrap
from pathlib import Path
from unittest import mock

import pytest

from stories.consent.self_service import withdraw_on_own_page
from stories.factories import StoryPageFactory, StorytellerFactory
from stories.log_privacy import JsonFormatter, PersonalDataFilter, redact, scrub_event
from stories.naming import NamingChoice
from stories.storyteller_page.links import issue_link

ROOT = Path(__file__).resolve().parent.parent
ADDRESS = "hazel.quenneville@example.org"


@pytest.fixture
def written():
    """What the site's own log handler writes, exactly as it writes it."""
    handler = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(each, PersonalDataFilter) for each in handler.filters)
    )
    buffer = io.StringIO()
    before = handler.setStream(buffer)
    formatter = handler.formatter
    try:
        yield handler, buffer
    finally:
        handler.setStream(before)
        handler.setFormatter(formatter)


@pytest.fixture
def hazel():
    storyteller = StorytellerFactory(
        naming=NamingChoice.FULL_NAME,
        first_name="Hazelbury",
        last_name="Quenneville",
        email=ADDRESS,
    )
    StoryPageFactory(storyteller=storyteller, title="The chair that stopped frightening me")
    link, token = issue_link(storyteller)
    return storyteller, link, token


def test_a_mail_server_refusing_a_storytellers_address_is_logged_without_it(
    written, hazel, django_capture_on_commit_callbacks
):
    _handler, buffer = written
    storyteller, link, _token = hazel
    refusal = smtplib.SMTPRecipientsRefused({ADDRESS: (550, b"5.1.1 <%s> unknown" % b"x")})

    with (
        mock.patch("stories.consent.self_service.send_mail", side_effect=refusal),
        django_capture_on_commit_callbacks(execute=True),
    ):
        withdraw_on_own_page(link, reason="Please take it down.")

    lines = buffer.getvalue()
    assert "SMTPRecipientsRefused" in lines, "the failure was not logged: the test proves nothing"
    assert "[email]" in lines
    assert ADDRESS not in lines
    assert "hazel" not in lines.lower() and "Quenneville" not in lines


def test_a_page_not_found_at_a_private_link_is_logged_as_json_without_the_link(
    written, hazel, client
):
    handler, buffer = written
    handler.setFormatter(JsonFormatter())
    _storyteller, _link, token = hazel

    response = client.get(f"/my-story/{token}/no-such-step/", HTTP_X_REQUEST_ID="lb-7f3a")

    assert response.status_code == 404
    assert response["X-Request-ID"] == "lb-7f3a"
    lines = buffer.getvalue().splitlines()
    assert lines, "the page not found was not logged: the test proves nothing"
    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    entry = next(entry for entry in entries if entry["logger"] == "django.request")
    assert entry["level"] == "WARNING"
    assert entry["message"] == "Not Found: /my-story/[link]/no-such-step/"
    assert entry["request_id"] == "lb-7f3a"
    assert entry["path"] == "/my-story/[link]/no-such-step/"
    assert entry["time"].endswith("+00:00")
    assert token not in buffer.getvalue()


def test_a_request_id_a_client_made_up_is_replaced(client):
    response = client.get("/", HTTP_X_REQUEST_ID="<script>" + "x" * 100)
    assert response["X-Request-ID"].isalnum() and len(response["X-Request-ID"]) == 32


@pytest.mark.parametrize(
    "said",
    [
        "Mail to flora.b+stories@mail.example.co.uk failed",
        "Call +44 7700 900123 after six",
        "Call 07700 900123 after six",
        "Call (020) 7946-0958 after six",
        "AXES: Locked out {username: 'a.parent@school.example', ip_address: '203.0.113.9'}",
    ],
)
def test_addresses_and_phone_numbers_are_redacted(said):
    assert redact(said) != said
    assert "@" not in redact(said)
    assert not any(number in redact(said) for number in ("900123", "7946"))


@pytest.mark.parametrize(
    "said",
    [
        "Withdrew HS-0001 on 2026-12-07 06:49:08 (3 pages, 12 renditions)",
        "Page 123456789 took 0.25 s",
        "GET /stories/floras-story/ 200",
    ],
)
def test_what_is_not_personal_stays_readable(said):
    assert redact(said) == said


def test_sentry_events_carry_no_body_cookies_user_or_addresses():
    event = {
        "request": {
            "url": "https://stories.example/my-story/abc123/withdraw/",
            "data": {"reason": "my neighbour recognised me"},
            "cookies": {"sessionid": "secret"},
            "headers": {"Cookie": "sessionid=secret", "User-Agent": "Firefox"},
        },
        "user": {"email": ADDRESS, "username": "hazel"},
        "exception": {"values": [{"type": "SMTPRecipientsRefused", "value": f"{{'{ADDRESS}'}}"}]},
        "breadcrumbs": {"values": [{"message": f"Sending to {ADDRESS}"}]},
    }

    sent = json.dumps(scrub_event(event))

    for secret in (ADDRESS, "neighbour", "sessionid=secret", "abc123", '"hazel"'):
        assert secret not in sent
    assert "Firefox" in sent and "SMTPRecipientsRefused" in sent


def production_settings(code, **env):
    """Run code against the production settings in a fresh interpreter."""
    keep = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env = {
        **keep,
        "SECRET_KEY": "x",
        "PERSONAL_DATA_KEYS": base64.urlsafe_b64encode(b"k" * 32).decode(),
        "SENTRY_DSN": "",
        **env,
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


WITHOUT_SENTRY_SDK = "import sys; sys.modules['sentry_sdk'] = None\n"


def test_production_starts_without_sentry_sdk_and_without_a_dsn():
    result = production_settings(
        WITHOUT_SENTRY_SDK + "import config.settings.production as s; print(s.LOG_FORMAT)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "json"


def test_a_dsn_without_sentry_sdk_says_what_to_install():
    result = production_settings(
        WITHOUT_SENTRY_SDK + "import config.settings.production",
        SENTRY_DSN="https://key@sentry.example/1",
    )
    assert result.returncode != 0
    assert "sentry-sdk is not installed" in result.stderr


def test_with_a_dsn_sentry_is_told_to_send_nothing_personal(tmp_path):
    (tmp_path / "sentry_sdk.py").write_text(
        "given = {}\ndef init(**options):\n    given.update(options)\n"
    )
    result = production_settings(
        """
        import config.settings.production, sentry_sdk
        given = sentry_sdk.given
        print(given["dsn"], given["send_default_pii"], given["include_local_variables"],
              given["max_request_body_size"], given["before_send"].__name__)
        """,
        SENTRY_DSN="https://key@sentry.example/1",
        PYTHONPATH=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "https://key@sentry.example/1",
        "False",
        "False",
        "never",
        "scrub_event",
    ]


def test_gunicorns_access_log_writes_no_private_link(tmp_path):
    from datetime import timedelta
    from types import SimpleNamespace

    from gunicorn.config import Config

    from stories.log_privacy import GunicornLogger

    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    logger = GunicornLogger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/my-story/Zk3xq-secret-token/withdraw/",
        "PATH_INFO": "/my-story/Zk3xq-secret-token/withdraw/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "https://stories.example/account/invitation/abc-invite-secret/",
    }
    answer = SimpleNamespace(status="200 OK", sent=120, headers=[])

    logger.access(answer, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=12))

    written = (tmp_path / "access.log").read_text()
    assert "GET /my-story/[link]/withdraw/ HTTP/1.1" in written
    assert "secret" not in written


def test_gunicorn_started_in_the_project_uses_the_filtering_logger():
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    result = subprocess.run(  # noqa: S603
        [gunicorn, "--print-config", "config.wsgi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    settings = dict(
        [part.strip() for part in line.split("=", 1)]
        for line in result.stdout.splitlines()
        if "=" in line
    )
    assert settings["logger_class"] == "stories.log_privacy.GunicornLogger"
