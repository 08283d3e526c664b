"""Private links to a storyteller's page, kept only as digests.

A link is a long random token a consent officer sends by e-mail or prints
as a QR code on the consent form. The database keeps the SHA-256 digest of
the token, never the token, so a copy of the database opens no one's page.
A link belongs to one holder: the storyteller, or the guardian who acts for
a minor; the one-time code goes to that holder's own address.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from ..consent.policy import is_minor, long_date


class StorytellerLink(models.Model):
    """One private link to a storyteller's page, for the storyteller or their guardian."""

    class Holder(models.TextChoices):
        STORYTELLER = "storyteller", "The storyteller"
        GUARDIAN = "guardian", "Their parent or guardian"

    storyteller = models.ForeignKey(
        "stories.Storyteller", on_delete=models.CASCADE, related_name="page_links"
    )
    holder = models.CharField(max_length=20, choices=Holder.choices, default=Holder.STORYTELLER)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    failed_codes = models.PositiveSmallIntegerField(
        default=0, help_text="Wrong one-time codes typed since the last right one."
    )
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]

    def __str__(self):
        return f"Link for {self.storyteller.reference} ({self.get_holder_display().lower()})"


# Thirty days: long enough to read the story, wait for a review round and
# come back to approve it, or to find the link again in a drawer after the
# consent form; short enough that an old e-mail, forwarded or left in a shared
# inbox, stops opening anything. A consent officer can issue a new link at any
# time, and every opening still needs a code sent to the holder's own address.
LINK_LIFETIME = timedelta(days=30)


def digest_of(token):
    """The SHA-256 hex digest kept in place of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def address_of(storyteller, holder):
    """Where a holder's codes and links go: the storyteller's address, or the
    guardian's; "" when there is none (or it was erased)."""
    if holder == StorytellerLink.Holder.GUARDIAN:
        return storyteller.guardian_email or ""
    return storyteller.email or ""


def holder_email(link):
    """Where this link's codes go (see `address_of`)."""
    return address_of(link.storyteller, link.holder)


def storyteller_is_minor(storyteller):
    return is_minor(storyteller.date_of_birth, timezone.localdate())


def decides_for(storyteller):
    """Who approves, narrows and gives consent: the guardian while the
    storyteller is under 18, else the storyteller."""
    if storyteller_is_minor(storyteller):
        return StorytellerLink.Holder.GUARDIAN
    return StorytellerLink.Holder.STORYTELLER


def may_act_for_minor(link):
    """Whether this link's holder may approve, narrow or give consent.

    False for the storyteller's own link while they are under 18: their
    guardian acts for them. (A minor may still withdraw.)
    """
    return link.holder == StorytellerLink.Holder.GUARDIAN or not storyteller_is_minor(
        link.storyteller
    )


def is_erased(storyteller):
    """Whether the storyteller asked to be forgotten: their page is closed for good."""
    from ..consent.records import ConsentWithdrawal

    return ConsentWithdrawal.objects.filter(record__storyteller=storyteller, erased=True).exists()


def is_open(link, now=None):
    """Whether a link still opens the page: not revoked, not expired, its
    storyteller not erased, and an address to send the code to."""
    now = now or timezone.now()
    return (
        link.revoked_at is None
        and link.expires_at > now
        and bool(holder_email(link))
        and not is_erased(link.storyteller)
    )


def find_open_link(token):
    """The open link a token belongs to, or None: wrong, revoked, replaced,
    expired and erased all answer None, the same way."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    digest = digest_of(token)
    link = StorytellerLink.objects.select_related("storyteller").filter(digest=digest).first()
    if link is None or not hmac.compare_digest(link.digest, digest):
        return None
    return link if is_open(link) else None


def find_expired_link(token):
    """The link a token belongs to if it only ran out of time: not revoked, the
    newest its holder was given, its storyteller not erased and with an address.

    Its holder may ask for a new link by e-mail, once: the new link is then the
    newest, and the old one answers the same 404 as any other.
    """
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    digest = digest_of(token)
    link = StorytellerLink.objects.select_related("storyteller").filter(digest=digest).first()
    if link is None or not hmac.compare_digest(link.digest, digest):
        return None
    if link.revoked_at is not None or link.expires_at > timezone.now():
        return None
    newest = link.storyteller.page_links.filter(holder=link.holder).order_by("-issued_at", "-pk")
    if newest.values_list("pk", flat=True).first() != link.pk:
        return None
    if not holder_email(link) or is_erased(link.storyteller):
        return None
    return link


def open_links(storyteller):
    """A storyteller's links that could still open their page (not revoked, not expired)."""
    return storyteller.page_links.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


def issue_link(storyteller, holder=StorytellerLink.Holder.STORYTELLER, user=None, *, replace=True):
    """A new private link for one holder, and its token (shown or sent once,
    never stored). The holder's earlier open links stop working, unless
    `replace` is False: an invitation to read a story adds a link and leaves
    the one the storyteller already uses working; a consent officer's new
    link replaces a lost or forwarded one."""
    from .audit import LINK_ISSUED, LINK_REVOKED

    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        replaced = (
            list(open_links(storyteller).filter(holder=holder).select_for_update())
            if replace
            else []
        )
        for old in replaced:
            old.revoked_at = now
            old.save(update_fields=["revoked_at"])
            log(
                instance=storyteller,
                action=LINK_REVOKED,
                user=user,
                data={"link": old.pk, "holder": old.holder, "replaced": True},
            )
        link = StorytellerLink.objects.create(
            storyteller=storyteller,
            holder=holder,
            digest=digest_of(token),
            issued_at=now,
            issued_by=user,
            expires_at=now + LINK_LIFETIME,
        )
        log(
            instance=storyteller,
            action=LINK_ISSUED,
            user=user,
            data={"link": link.pk, "holder": holder, "expires_on": long_date(link.expires_at)},
        )
    return link, token


def revoke(link, user=None):
    """Stop a link from opening anything, at once."""
    from .audit import LINK_REVOKED

    with transaction.atomic():
        link = StorytellerLink.objects.select_for_update().get(pk=link.pk)
        if link.revoked_at is None:
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
            log(
                instance=link.storyteller,
                action=LINK_REVOKED,
                user=user,
                data={"link": link.pk, "holder": link.holder},
            )
    return link


def page_url(token):
    """The page's full address, as e-mailed or printed."""
    return settings.SITE_URL.rstrip("/") + reverse("storyteller_page", args=[token])
