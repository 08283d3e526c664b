"""Sessions of the people who work in the admin end sooner than readers'.

An editor's or consent officer's session opens storytellers' private
records, so it ends when the browser closes and after
`STAFF_SESSION_IDLE_MINUTES` without a request; readers keep Django's
default (two weeks, across browser restarts). Wagtail's "remember me" on
the admin's login page does not lengthen a staff session.
"""

import time

from django.conf import settings
from django.contrib.auth import logout

from .readers.membership import membership_of, works_in_admin

LAST_SEEN = "staff_last_seen"
# The session is written again at most this often, not on every request.
REFRESH_SECONDS = 60


def is_staff(user):
    """Anyone who works in the admin. A member of a partner organisation is a
    reader (the membership comes with the user, so asking costs no query);
    the admin permission is asked only of everyone else."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return membership_of(user) is None and works_in_admin(user)


def staff_sessions_expire(get_response):
    def middleware(request):
        user = getattr(request, "user", None)
        if user is not None and is_staff(user):
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and time.time() - last_seen > idle_seconds():
                # A fresh, empty session: this request goes on signed out.
                logout(request)
        response = get_response(request)
        # After the view, so that the request that signs someone in counts too.
        user = getattr(request, "user", None)
        if user is not None and is_staff(user):
            keep_short(request.session)
        return response

    return middleware


def idle_seconds():
    return settings.STAFF_SESSION_IDLE_MINUTES * 60


def keep_short(session):
    now = int(time.time())
    if not session.get_expire_at_browser_close():
        session.set_expiry(0)
    last_seen = session.get(LAST_SEEN)
    if last_seen is None or now - last_seen >= REFRESH_SECONDS:
        session[LAST_SEEN] = now
