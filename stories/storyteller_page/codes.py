"""One-time codes: the second step of opening a storyteller's page.

A link alone may have been forwarded or photographed; the page opens only
for whoever can also read the holder's own e-mail. Codes are short-lived,
used once, and kept as digests.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.log_actions import log


class OneTimeCode(models.Model):
    """A code sent to a link's holder; it opens the page once."""

    link = models.ForeignKey(
        "stories.StorytellerLink", on_delete=models.CASCADE, related_name="codes"
    )
    digest = models.CharField(max_length=64, editable=False)
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"Code sent {self.sent_at:%d %b %Y %H:%M} for {self.link}"


CODE_LIFETIME = timedelta(minutes=10)
CODES_PER_HOUR = 5
LOCK_AFTER = 5  # wrong codes in a row
LOCK_FOR = timedelta(minutes=15)
REVOKE_AFTER = 10  # wrong codes in a row: a consent officer must issue a new link


class CodeResult(StrEnum):
    RIGHT = "right"
    WRONG = "wrong"  # wrong, used or expired: the holder is told the same
    LOCKED = "locked"
    REVOKED = "revoked"


def code_digest(link, code):
    """A code's digest, salted with its link, so one table row says nothing alone."""
    return hashlib.sha256(f"{link.pk}:{code}".encode()).hexdigest()


def is_locked(link, now=None):
    return link.locked_until is not None and link.locked_until > (now or timezone.now())


def may_send_code(link, now=None):
    """At most CODES_PER_HOUR codes per link in any hour, and none while locked."""
    now = now or timezone.now()
    recent = link.codes.filter(sent_at__gt=now - timedelta(hours=1)).count()
    return recent < CODES_PER_HOUR and not is_locked(link, now)


def send_code(link):
    """E-mail a fresh six-digit code to the link's holder. False when the
    rate limit or a lockout holds it back (nothing is sent then)."""
    from .audit import CODE_SENT
    from .links import StorytellerLink, holder_email

    with transaction.atomic():
        link = (
            StorytellerLink.objects.select_for_update()
            .select_related("storyteller")
            .get(pk=link.pk)
        )
        address = holder_email(link)
        now = timezone.now()
        if not address or not may_send_code(link, now):
            return False
        code = f"{secrets.randbelow(10**6):06d}"
        OneTimeCode.objects.create(
            link=link, digest=code_digest(link, code), sent_at=now, expires_at=now + CODE_LIFETIME
        )
        log(
            instance=link.storyteller,
            action=CODE_SENT,
            data={"link": link.pk, "holder": link.holder},
        )
        body = render_to_string(
            "storyteller_page/email/code.txt",
            {
                "code": code,
                "minutes": int(CODE_LIFETIME.total_seconds() // 60),
                "guardian": link.holder == StorytellerLink.Holder.GUARDIAN,
            },
        )
        # Sent once the code is stored, so the code in the e-mail always works.
        transaction.on_commit(
            lambda: send_mail(
                "Your code for your story page", body, settings.DEFAULT_FROM_EMAIL, [address]
            )
        )
    return True


def check_code(link, typed):
    """Check a typed code against the link's unused, unexpired codes.

    Done under a lock on the link, so two tries at once cannot both pass and
    cannot both be counted as one. Wrong codes count up: LOCK_AFTER locks the
    link for LOCK_FOR (even the right code is refused meanwhile), REVOKE_AFTER
    revokes it.
    """
    from .audit import CODE_WRONG, LINK_OPENED, LINK_REVOKED, LOCKED
    from .links import StorytellerLink

    typed = "".join(ch for ch in str(typed or "") if ch.isdigit())
    with transaction.atomic():
        link = (
            StorytellerLink.objects.select_for_update()
            .select_related("storyteller")
            .get(pk=link.pk)
        )
        now = timezone.now()
        if link.revoked_at is not None:
            return CodeResult.REVOKED
        if is_locked(link, now):
            return CodeResult.LOCKED
        code = None
        if len(typed) == 6:
            digest = code_digest(link, typed)
            for candidate in link.codes.filter(used_at__isnull=True, expires_at__gt=now):
                if hmac.compare_digest(candidate.digest, digest):
                    code = candidate
        storyteller = link.storyteller
        if code is not None:
            code.used_at = now
            code.save(update_fields=["used_at"])
            link.failed_codes = 0
            link.locked_until = None
            link.save(update_fields=["failed_codes", "locked_until"])
            log(
                instance=storyteller,
                action=LINK_OPENED,
                data={"link": link.pk, "holder": link.holder},
            )
            return CodeResult.RIGHT
        link.failed_codes += 1
        log(
            instance=storyteller,
            action=CODE_WRONG,
            data={"link": link.pk, "holder": link.holder, "failed": link.failed_codes},
        )
        result = CodeResult.WRONG
        if link.failed_codes >= REVOKE_AFTER:
            link.revoked_at = now
            log(
                instance=storyteller,
                action=LINK_REVOKED,
                data={"link": link.pk, "holder": link.holder, "too_many_codes": True},
            )
            result = CodeResult.REVOKED
        elif link.failed_codes % LOCK_AFTER == 0:
            link.locked_until = now + LOCK_FOR
            minutes = int(LOCK_FOR.total_seconds() // 60)
            log(
                instance=storyteller,
                action=LOCKED,
                data={"link": link.pk, "holder": link.holder, "minutes": minutes},
            )
            result = CodeResult.LOCKED
        link.save(update_fields=["failed_codes", "locked_until", "revoked_at"])
        return result
