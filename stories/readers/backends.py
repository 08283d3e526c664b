"""Signing in, with suspended organisations locked out."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .membership import is_locked_out


class MemberAwareBackend(ModelBackend):
    """Django's usual backend, except that members of a suspended organisation
    cannot sign in, and their open sessions stop working on the next request."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and not is_locked_out(user)

    def get_user(self, user_id):
        # The membership comes with the user, so each request costs one query.
        users = get_user_model()._default_manager.select_related("membership__organisation")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
