"""One-time codes: the second step of opening a storyteller's page.

A link alone may have been forwarded or photographed; the page opens only
for whoever can also read the holder's own e-mail. Codes are short-lived,
used once, and kept as digests.
"""

from django.db import models
from django.utils import timezone


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
