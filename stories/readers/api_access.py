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
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from wagtail.models import APIToken

from .membership import Membership, is_locked_out, syndicates


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


# Reading a token, for the API (stories.api) and for files asked with one.

REFUSED = "This API token is not valid, has been revoked, or its organisation is suspended."


class APITokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer wagtail_…` with one of Wagtail's API tokens.

    No `authenticate_header`, so a refused token answers 403, not 401.
    """

    def authenticate(self, request):
        words = get_authorization_header(request).split()
        if not words or words[0].lower() != b"bearer":
            return None
        if len(words) != 2:
            raise AuthenticationFailed(REFUSED)
        presented = words[1].decode("latin-1")
        if not APIToken.validate_token_format(presented):
            raise AuthenticationFailed(REFUSED)
        token = (
            APIToken.objects.select_related("user__membership__organisation")
            .filter(key_hash__in=APIToken.candidate_key_hashes(presented), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active or is_locked_out(token.user):
            raise AuthenticationFailed(REFUSED)
        return token.user, token


def token_user(request):
    """The user a request's API token acts as, or None (no token, or a refused one)."""
    try:
        found = APITokenAuthentication().authenticate(request)
    except AuthenticationFailed:
        return None
    return found[0] if found else None


def token_reader(request):
    """(user, syndicating) for a request with a valid API token, else None.

    Pictures, documents and clips (stories.media_serving, stories.clip_access)
    read a token as the API does, so that a token is served only the files of
    stories it may syndicate.
    """
    user = token_user(request)
    return None if user is None else (user, syndicates(user))
