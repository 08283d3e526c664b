"""Private links to a storyteller's page, kept only as digests.

A link is a long random token a consent officer sends by e-mail or prints
as a QR code on the consent form. The database keeps the SHA-256 digest of
the token, never the token, so a copy of the database opens no one's page.
A link belongs to one holder: the storyteller, or the guardian who acts for
a minor; the one-time code goes to that holder's own address.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


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
