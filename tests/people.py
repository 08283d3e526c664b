"""The campaign's staff as tests meet them: one shared way to make a member of a role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from stories.review import CLINICAL_REVIEWERS, CONSENT_OFFICERS, EDITORS

__all__ = ["CLINICAL_REVIEWERS", "CONSENT_OFFICERS", "EDITORS", "member"]


def member(username, group, **extra):
    """A staff user in one of the groups the migrations create (password "pw")."""
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw", **extra)
    user.groups.add(Group.objects.get(name=group))
    return user
