"""The project's own user model, in place from the first migration.

Editors, reviewers and consent officers sign in to the admin; school and
partner readers will sign in to the public site. Keeping our own model from
day one lets those later needs add fields without a painful swap.
"""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """Anyone who signs in: staff in the admin, readers on the site."""

    class Meta:
        verbose_name = "user"
        verbose_name_plural = "users"
