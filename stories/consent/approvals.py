"""The storyteller's approval of the exact words, name and pictures to be published.

Recorded against a revision and against the fingerprint of what a reader
would see in it, so that any later edit of what is shown needs approving
again, whichever revision carries it.
"""

from django.db import models
from django.utils import timezone


class StorytellerApproval(models.Model):
    """The storyteller (or guardian) approved a version of their story, or asked for a change."""

    class Decision(models.TextChoices):
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes_requested", "Asked for a change"

    class GivenBy(models.TextChoices):
        STORYTELLER = "storyteller", "The storyteller"
        GUARDIAN = "guardian", "Their parent or guardian"

    story = models.ForeignKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="storyteller_approvals"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fingerprint = models.CharField(
        max_length=64, db_index=True, help_text="Digest of what a reader would see."
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    comment = models.TextField(blank=True)
    given_by = models.CharField(max_length=20, choices=GivenBy.choices)
    link = models.ForeignKey(
        "stories.StorytellerLink",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self):
        return f"{self.get_decision_display()} by {self.get_given_by_display().lower()}"
