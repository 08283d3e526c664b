"""Invitations: how teachers and partner staff get an account.

An editor invites an e-mail address into an organisation. The e-mail carries
a one-time link that expires after seven days. Only a digest of the link's
secret is stored, so the database alone cannot be used to accept one.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .membership import Membership

INVITATION_LIFETIME = timedelta(days=7)


def digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Not yet accepted, not expired, into an organisation that is not suspended."""
        return self.filter(
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
            organisation__is_suspended=False,
        )


class Invitation(models.Model):
    """One person invited to read for one organisation."""

    email = models.EmailField()
    organisation = models.ForeignKey(
        "stories.PartnerOrganisation", on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(editable=False)
    accepted_at = models.DateTimeField(null=True, blank=True, editable=False)
    secret_digest = models.CharField(max_length=64, unique=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} to {self.organisation}"

    @property
    def status(self):
        if self.accepted_at:
            return "Accepted"
        if self.organisation.is_suspended:
            return "Organisation suspended"
        if self.expires_at <= timezone.now():
            return "Expired"
        return "Waiting"

    def clean(self):
        email = (self.email or "").strip()
        if email and get_user_model().objects.filter(email__iexact=email).exists():
            raise ValidationError({"email": "Someone already has an account with this e-mail."})
        if self.organisation_id and self.organisation.is_suspended:
            raise ValidationError(
                {"organisation": "This organisation is suspended; reinstate it first."}
            )


def send_invitation(invitation, site_url, invited_by=None):
    """Save the invitation and e-mail its one-time link. Returns the link."""
    secret = secrets.token_urlsafe(32)
    invitation.secret_digest = digest(secret)
    invitation.created_at = timezone.now()
    invitation.expires_at = invitation.created_at + INVITATION_LIFETIME
    invitation.invited_by = invited_by
    invitation.save()
    link = site_url.rstrip("/") + reverse("reader_accept_invitation", args=[secret])
    context = {"invitation": invitation, "link": link, "days": INVITATION_LIFETIME.days}
    send_mail(
        subject=f"Your invitation to read Histories & Smiles for {invitation.organisation}",
        message=render_to_string("readers/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
    return link


def open_invitation(secret):
    """The invitation a link stands for, if it can still be accepted; else None.

    Tampered, expired, used and suspended links all look the same to the
    visitor, so a guess learns nothing.
    """
    if not secret or len(secret) > 100:
        return None
    return (
        Invitation.objects.open()
        .select_related("organisation")
        .filter(secret_digest=digest(secret))
        .first()
    )


@transaction.atomic
def accept_invitation(invitation, *, first_name, last_name, password):
    """Create the reader's account in the invitation's organisation; once only."""
    claimed = Invitation.objects.open().filter(pk=invitation.pk).update(accepted_at=timezone.now())
    if not claimed:
        raise ValidationError("This invitation has already been used or has expired.")
    users = get_user_model().objects
    if users.filter(username__iexact=invitation.email).exists():
        raise ValidationError("An account with this e-mail already exists: sign in instead.")
    user = users.create_user(
        username=invitation.email.lower(),
        email=invitation.email,
        password=password,
        first_name=first_name,
        last_name=last_name,
    )
    Membership.objects.create(user=user, organisation=invitation.organisation)
    return user
