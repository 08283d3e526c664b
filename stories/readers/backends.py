"""Signing in, with suspended organisations and repeated failures locked out."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .membership import is_locked_out


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, first of the backends: a sign-in locked out after
    repeated failures goes no further (no password is even hashed).

    Every sign-in page passes the request, so every one is counted. Without a
    request nothing comes from a browser (the shell, the test client's
    `login`), and there is no address to count; those pass to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class MemberAwareBackend(ModelBackend):
    """Django's usual backend, except that members of a suspended organisation
    cannot sign in, and their open sessions stop working on the next request.

    The password is hashed exactly once per attempt, whoever tries: Django
    hashes it for a username that does not exist, and checks it before asking
    whether the account may sign in. When a suspended member gave the right
    password, the request says so (`request.suspended_member`), so the form
    can explain without checking the password a second time, which would
    make a suspended member's wrong password measurably slower than anyone's.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        self._request = request
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        finally:
            self._request = None

    def user_can_authenticate(self, user):
        if not super().user_can_authenticate(user):
            return False
        if is_locked_out(user):
            # During authenticate, Django asks this only once the password proved right.
            request = getattr(self, "_request", None)
            if request is not None:
                request.suspended_member = True
            return False
        return True

    def get_user(self, user_id):
        # The membership comes with the user, so each request costs one query.
        users = get_user_model()._default_manager.select_related("membership__organisation")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
