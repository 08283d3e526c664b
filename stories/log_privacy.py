"""Logs that say what happened, and never who it happened to.

Storytellers are real people, some of them children, and their stories are
about their health: their names, e-mail addresses, phone numbers and private
links must not reach a log file, a log service or an error tracker. Our own
code logs references (`HS-0001`) and ids, never names or addresses; what
libraries log is not ours to word (a mail server refusing an address names
it, django-axes names the username tried, Django logs the path of a page not
found, which for a storyteller's page is their private link). So every
handler passes records through `PersonalDataFilter`, which rewrites the
message and the traceback with e-mail addresses, phone numbers and the
secret parts of private links replaced.

In production each record is one line of JSON (`JsonFormatter`, chosen by
`LOG_FORMAT`): time, level, logger, message, and the request's id and path
when it was logged while serving one (`request_context`, a middleware).
`scrub_event` does the same for Sentry's events (see production settings).
"""

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

from gunicorn import glogging

EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# International (+44 …) or national (07700 …, 020 …) numbers, spaced or not;
# only a run of 9 to 15 digits counts, so dates, times and ids stay readable.
PHONE = re.compile(r"(?<![\w+])(?:\+|\b0)\d[\d ()./-]{7,20}\d(?!\w)")
# The secret part of private links: a storyteller's page, a reader's
# invitation, a password reset.
PRIVATE_LINKS = [
    (re.compile(r"(/my-story/)[^/\s?\"']+"), r"\1[link]"),
    (re.compile(r"(/account/invitation/)[^/\s?\"']+"), r"\1[link]"),
    (re.compile(r"(/account/password-reset/)(?!sent/)[^/\s?\"']+/[^/\s?\"']+"), r"\1[link]"),
]
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
REQUEST_ID_HEADER = "X-Request-ID"

current_request = contextvars.ContextVar("current_request", default=None)


def _phone(match):
    digits = sum(character.isdigit() for character in match.group(0))
    return "[phone]" if 9 <= digits <= 15 else match.group(0)


def redact(text):
    """The text with e-mail addresses, phone numbers and private links replaced."""
    if not text:
        return text
    text = EMAIL.sub("[email]", text)
    text = PHONE.sub(_phone, text)
    for pattern, replacement in PRIVATE_LINKS:
        text = pattern.sub(replacement, text)
    return text


class PersonalDataFilter(logging.Filter):
    """Rewrites each record's message and traceback without personal data.

    On a handler, so every record that handler writes passes through it,
    whichever logger wrote it. It never drops a record: what happened is
    still said, only without whom.
    """

    _formatter = logging.Formatter()

    def filter(self, record):
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        record.exc_text = redact(record.exc_text)
        record.stack_info = redact(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    """One line of JSON a record: what a log service indexes without parsing prose."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(current_request.get() or about(getattr(record, "request", None)))
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False)


def request_id(request):
    """The proxy's request id when it sent a sensible one, else a new one."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given if REQUEST_ID.match(given) else uuid.uuid4().hex


def about(request):
    """What a log line says of the request it was written for: its id and path."""
    if request is None or not hasattr(request, "path"):
        return {}
    return {"request_id": getattr(request, "request_id", None), "path": redact(request.path)}


def request_context(get_response):
    """Remember, while a request is served, its id and path for every log line.

    The id is sent back in `X-Request-ID`, so a reader's report, the proxy's
    log and ours can be matched up.
    """

    def middleware(request):
        # On the request too: Django logs an error page after the middleware are done.
        request.request_id = identity = request_id(request)
        token = current_request.set(about(request))
        try:
            response = get_response(request)
        finally:
            current_request.reset(token)
        response[REQUEST_ID_HEADER] = identity
        return response

    return middleware


SCRUBBED = "[scrubbed]"


def _scrub_values(value):
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _scrub_values(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_values(item) for item in value]
    return value


def scrub_event(event, hint=None):
    """Sentry's before_send: no body, cookies, user or headers that say who;
    e-mail addresses, phone numbers and private links redacted everywhere else."""
    request = event.get("request")
    if isinstance(request, dict):
        for part in ("data", "cookies"):
            if part in request:
                request[part] = SCRUBBED
        headers = request.get("headers")
        if isinstance(headers, dict):
            for name in list(headers):
                if name.lower() in {"cookie", "authorization", "x-csrftoken", "referer"}:
                    headers[name] = SCRUBBED
    event.pop("user", None)
    return _scrub_values(event)


_GUNICORN_FILTER = PersonalDataFilter()


class GunicornLogger(glogging.Logger):
    """gunicorn's access and error logs, through the same filter.

    Its access log writes every address asked for, a storyteller's private
    link among them; serve with `--logger-class stories.log_privacy.GunicornLogger`.
    """

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            log.addFilter(_GUNICORN_FILTER)
