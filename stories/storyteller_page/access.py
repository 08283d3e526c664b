"""Who may see a storyteller's page: the `storyteller_view` decorator.

A page opens only for a request that carries an open link (links.py) AND a
session in which that link's holder typed a right one-time code (codes.py)
no more than SESSION_IDLE ago. Everything else answers one calm 404 page,
identical for a wrong, revoked, replaced, expired or erased link, so that
guessing learns nothing.
"""

import time
from functools import wraps

from django.shortcuts import redirect, render

from .links import find_expired_link, find_open_link

SESSION_KEY = "storyteller_page"
SESSION_IDLE = 30 * 60  # seconds without a page opened before the code is asked again


def private(response):
    """Nothing of this page is kept by a browser's or proxy's cache, indexed,
    or sent to another site as a referrer (the address holds the token).

    Same-origin, not no-referrer: under no-referrer browsers send their forms
    with `Origin: null`, which Django's CSRF check rightly refuses."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def not_found(request):
    """The one answer for every link that does not open a page."""
    return private(render(request, "storyteller_page/not_found.html", status=404))


def closed(request, token):
    """A link that opens nothing: the one 404, or for a link that only ran out
    of time, a page offering to e-mail a new one to its holder."""
    expired = find_expired_link(token)
    if expired is None:
        return not_found(request)
    return private(render(request, "storyteller_page/expired.html", {"token": token}, status=410))


def open_session(request, link):
    """After a right code: a new session key (no fixation), holding this link only."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = {"link": link.pk, "seen": time.time()}


def close_session(request):
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def session_opens(request, link):
    """Whether this session was opened with a code for this very link, lately."""
    held = request.session.get(SESSION_KEY)
    if not isinstance(held, dict) or held.get("link") != link.pk:
        return False
    return time.time() - float(held.get("seen", 0)) <= SESSION_IDLE


def storyteller_view(view):
    """Wrap `view(request, link, *args, **kwargs)` for a URL with `<str:token>` first.

    The view gets the open link (storyteller loaded) only with a verified
    session; a valid link without one goes to the code step; anything else
    gets the same 404. Responses are private, uncached and not indexed.
    """

    @wraps(view)
    def wrapped(request, token, *args, **kwargs):
        link = find_open_link(token)
        if link is None:
            return closed(request, token)
        if not session_opens(request, link):
            return private(redirect("storyteller_page_code", token=token))
        request.session[SESSION_KEY] = {"link": link.pk, "seen": time.time()}
        request.storyteller_page_token = token  # base.html's "Sign out" and links home
        return private(view(request, link, *args, **kwargs))

    return wrapped
