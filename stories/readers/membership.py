"""Which organisation a signed-in reader reads for, and so which audiences."""

from django.conf import settings
from django.db import models

from ..audiences import Audience
from ..consent.policy import AUDIENCES

PUBLIC = Audience.PUBLIC


class Membership(models.Model):
    """A reader's place in a partner organisation: what lets them read its stories."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organisation = models.ForeignKey(
        "stories.PartnerOrganisation", on_delete=models.CASCADE, related_name="memberships"
    )
    is_service_account = models.BooleanField(
        default=False,
        help_text="The account the organisation's API tokens act as. Nobody signs in with it.",
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "user__email"]

    def __str__(self):
        return f"{self.user} at {self.organisation}"


def membership_of(user):
    """The reader's membership, suspended or not; None for the public and staff."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def is_locked_out(user):
    """Members of a suspended organisation may not sign in or use a token."""
    membership = membership_of(user)
    return membership is not None and membership.organisation.is_suspended


def organisation_of(user):
    """The organisation a reader reads for now, or None (public, staff, suspended)."""
    membership = membership_of(user)
    if membership is None or membership.organisation.is_suspended:
        return None
    return membership.organisation


def syndicates(user):
    """An organisation's token syndicates; any other token reads as its user would."""
    return organisation_of(user) is not None


def works_in_admin(user):
    """Editors, reviewers, consent officers and administrators."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm(
        "wagtailadmin.access_admin"
    )


def reader_audiences(user):
    """The audiences a reader belongs to: everyone is the public; members add theirs.

    People who work in the admin read every audience, so that "View live"
    shows them a story meant for schools or partners.
    """
    membership = membership_of(user)  # loaded with the user: no query
    if membership is not None:
        organisation = membership.organisation
        return (PUBLIC,) if organisation.is_suspended else (PUBLIC, organisation.audience)
    return AUDIENCES if works_in_admin(user) else (PUBLIC,)


def audience_key(user=None):
    """The audiences a reader belongs to, as a short key for caches."""
    return "+".join(reader_audiences(user))
