"""API tokens for partner organisations.

Each organisation has one service account, a member that nobody signs in
as; its tokens are Wagtail's own API tokens (only a digest is stored). The
API reads as that member, through the same gate as the site, narrowed to
stories whose consent allows syndication to the organisation.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import APIToken

from .membership import Membership


@transaction.atomic
def service_account_for(organisation):
    """The organisation's service account, created the first time it is needed."""
    membership = (
        Membership.objects.select_related("user")
        .filter(organisation=organisation, is_service_account=True)
        .first()
    )
    if membership is not None:
        return membership.user
    user = get_user_model().objects.create_user(
        username=f"api-{slugify(organisation.name)[:100]}-{organisation.pk}",
        first_name=organisation.name[:150],
        last_name="(API)",
    )
    Membership.objects.create(user=user, organisation=organisation, is_service_account=True)
    return user


def tokens_of(organisation):
    return APIToken.objects.filter(
        user__membership__organisation=organisation, user__membership__is_service_account=True
    ).order_by("-created")


def create_token(organisation, name):
    """A new token for the organisation; the plain text is shown once, never stored."""
    token, plaintext = APIToken.create_token(user=service_account_for(organisation), name=name)
    return token, plaintext


def revoke_token(organisation, token_pk):
    """Revoke one of the organisation's tokens; another organisation's is left alone."""
    return (
        tokens_of(organisation)
        .filter(pk=token_pk, revoked_at__isnull=True)
        .update(revoked_at=timezone.now())
    )
