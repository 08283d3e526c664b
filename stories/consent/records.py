"""Consent records: what a storyteller (or their guardian) agreed to.

A record is never edited once captured: a change of mind is a new record
that supersedes it, and withdrawal is an event recorded beside it. The
history therefore reads as it happened.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from ..naming import NamingChoice
from ..personal_data import EncryptedCharField
from .evidence import evidence_problem
from .policy import (
    ConsentTerms,
    add_years,
    audiences_of,
    eighteenth_birthday,
    given_alone_as_a_minor,
    long_date,
)
from .storage import private_storage

DEFAULT_YEARS = 2
MAX_YEARS = 3
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
EVIDENCE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "webp", "heic", "mp3", "m4a", "wav", "ogg"]


class ImmutableRecordError(Exception):
    """Raised when code tries to change a consent record after capture."""


def default_expiry():
    return add_years(timezone.localdate(), DEFAULT_YEARS)


def validate_evidence_size(file):
    if file.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            "The evidence file is larger than 20 MB; scan it at a lower resolution."
        )


def evidence_path(record, filename):
    return (
        f"consent-evidence/{record.storyteller.reference}/{timezone.now():%Y%m%d%H%M%S}-{filename}"
    )


def syndication_problems(syndication, partners):
    """What is wrong with a syndication choice and the partners named with it.

    The partners are a many-to-many, known only to the form (before saving),
    so the form asks this; the model cannot.
    """
    if syndication == ConsentRecord.Syndication.NAMED and not partners:
        return {
            "syndication_partners": (
                "Name at least one partner organisation that may reuse the story, "
                "or choose another answer to who may reuse it."
            )
        }
    return {}


def current_record(storyteller, *related):
    """The storyteller's newest consent record (None before the first), with
    its withdrawal if there is one, and any other `related` fields joined."""
    return storyteller.consent_records.select_related("withdrawal", *related).current().first()


class ConsentRecordQuerySet(models.QuerySet):
    def current(self):
        """Each storyteller's newest record (not superseded by another).

        Asked with NOT EXISTS rather than Django's outer join for
        `superseded_by__isnull`: PostgreSQL reads it as an anti-join and
        estimates how many records it keeps, where the outer join led it to
        expect one and join every story to every record in a nested loop.
        """
        later = ConsentRecord.objects.filter(supersedes=OuterRef("pk"))
        return self.exclude(Exists(later))

    def not_withdrawn(self):
        return self.exclude(Exists(ConsentWithdrawal.objects.filter(record=OuterRef("pk"))))

    def in_force(self, on=None):
        """Records that hold on a day: current, not withdrawn, started, not ended.

        The same answer as `policy.in_force(record.terms(), on)`, in SQL, by the
        storyteller's date of birth as it is now: a consent the storyteller gave
        alone while under 18 holds on no day, and a guardian's ends at 18. The
        date of birth itself is encrypted; the 18th birthday derived from it
        (`Storyteller.comes_of_age_on`) is what the database compares.
        """
        on = on or timezone.localdate()
        adult_from = "storyteller__comes_of_age_on"
        return (
            self.current()
            .not_withdrawn()
            .filter(given_on__lte=on, expires_on__gt=on)
            .exclude(
                Q(given_by=ConsentRecord.GivenBy.STORYTELLER)
                & Q(**{f"{adult_from}__isnull": False})
                & Q(**{f"{adult_from}__gt": F("given_on")})
            )
            .exclude(
                # A guardian's consent ends at 18: on this day, for anyone 18 by then.
                given_by=ConsentRecord.GivenBy.GUARDIAN,
                **{f"{adult_from}__lte": on},
            )
        )


class ConsentRecord(models.Model):
    """One capture of consent, immutable once saved."""

    class GivenBy(models.TextChoices):
        STORYTELLER = "storyteller", "The storyteller"
        GUARDIAN = "guardian", "A parent or guardian"

    class Syndication(models.TextChoices):
        NONE = "none", "No partner organisation may reuse the story"
        ANY = "any", "Any partner organisation in its audiences"
        NAMED = "named", "Only the partner organisations named"

    storyteller = models.ForeignKey(
        "stories.Storyteller", on_delete=models.PROTECT, related_name="consent_records"
    )
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )

    for_public = models.BooleanField("the public", default=False)
    for_schools = models.BooleanField("schools", default=False)
    for_partners = models.BooleanField("partner organisations", default=False)
    syndication = models.CharField(
        max_length=10, choices=Syndication.choices, default=Syndication.NONE
    )
    syndication_partners = models.ManyToManyField(
        "stories.PartnerOrganisation", blank=True, related_name="+"
    )
    naming_allowed = models.CharField(
        "most identifying name allowed",
        max_length=20,
        choices=NamingChoice.choices,
        default=NamingChoice.FIRST_NAME,
    )
    identifiable_photos = models.BooleanField("photos that show them", default=False)
    voice = models.BooleanField("voice recordings", default=False)
    video = models.BooleanField("video", default=False)

    given_by = models.CharField(max_length=20, choices=GivenBy.choices, default=GivenBy.STORYTELLER)
    # Who the guardian is says who the child is: encrypted (stories.personal_data).
    guardian_name = EncryptedCharField(max_length=120, blank=True)
    guardian_relationship = EncryptedCharField(max_length=60, blank=True)
    given_on = models.DateField(default=timezone.localdate)
    expires_on = models.DateField(
        default=default_expiry, help_text="At most three years after consent was given."
    )
    ends_on = models.DateField(
        editable=False, help_text="When it stops holding: expiry, or an 18th birthday."
    )
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    captured_at = models.DateTimeField(auto_now_add=True)
    evidence = models.FileField(
        storage=private_storage,
        upload_to=evidence_path,
        blank=True,
        validators=[
            FileExtensionValidator(
                EVIDENCE_EXTENSIONS, "Evidence must be a PDF, an image or audio."
            ),
            validate_evidence_size,
        ],
        help_text="The signed form or recording. Kept private; never published.",
    )

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-captured_at", "-pk"]
        permissions = [
            ("view_private_consent", "Can see storytellers' identity, contact and evidence"),
            ("withdraw_consent", "Can withdraw a storyteller's consent"),
        ]

    def __str__(self):
        return f"Consent of {self.storyteller.reference} given {self.given_on:%d %b %Y}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecordError(
                "Consent records are never edited: capture a new record to change consent."
            )
        self.ends_on, _reason = self.compute_end()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError("Consent records are kept as the history of consent.")

    @property
    def status_label(self):
        if hasattr(self, "withdrawal"):
            return "Withdrawn"
        if hasattr(self, "superseded_by"):
            return "Superseded"
        if self.ends_on <= timezone.localdate():
            return "Ended"
        return "In force"

    @property
    def audiences(self):
        return audiences_of(self)

    @property
    def withdrawal_reason(self):
        """When and why consent was withdrawn, in the storyteller's words.

        Shown only where the record is (to consent officers and site
        administrators): histories and e-mails never carry it.
        """
        withdrawal = getattr(self, "withdrawal", None)
        if withdrawal is None:
            return "Not withdrawn"
        withdrawn_on = long_date(timezone.localdate(withdrawal.withdrawn_at))
        return f"Withdrawn {withdrawn_on}: {withdrawal.reason}"

    def compute_end(self):
        """The first day this consent no longer holds, and why."""
        birthday = eighteenth_birthday(self.storyteller.date_of_birth)
        if self.given_by == self.GivenBy.GUARDIAN and birthday and birthday < self.expires_on:
            return birthday, "turned 18"
        return self.expires_on, "expired"

    def terms(self):
        ends_on, because = self.compute_end()
        withdrawal = getattr(self, "withdrawal", None) if self.pk else None
        return ConsentTerms(
            reference=self.storyteller.reference,
            audiences=self.audiences,
            naming_allowed=self.naming_allowed,
            identifiable_photos=self.identifiable_photos,
            voice=self.voice,
            video=self.video,
            starts_on=self.given_on,
            ends_on=ends_on,
            ends_because=because,
            withdrawn_on=timezone.localdate(withdrawal.withdrawn_at) if withdrawal else None,
            given_alone_at_age=given_alone_as_a_minor(
                self.given_by == self.GivenBy.GUARDIAN,
                self.storyteller.date_of_birth,
                self.given_on,
            ),
        )

    def clean(self):
        errors = {}
        if self.given_on and self.expires_on:
            if self.expires_on <= self.given_on:
                errors["expires_on"] = "Consent must expire after the day it was given."
            elif self.expires_on > add_years(self.given_on, MAX_YEARS):
                errors["expires_on"] = "Consent can last at most three years; renew it after."
        if self.given_on and self.given_on > timezone.localdate() + timedelta(days=0):
            errors["given_on"] = "Consent cannot be recorded as given in the future."
        if not (self.for_public or self.for_schools or self.for_partners):
            errors["for_public"] = "Choose at least one audience the storyteller agreed to."
        storyteller = self.storyteller if self.storyteller_id else None
        if storyteller is not None:
            errors.update(self.guardian_problems(storyteller))
        if self._state.adding and self.evidence:
            # Judged by content on every path that cleans: the admin's form and capture.
            problem = evidence_problem(self.evidence)
            if problem:
                errors["evidence"] = problem
        if self.given_by == self.GivenBy.GUARDIAN:
            if not self.guardian_name.strip():
                errors["guardian_name"] = "Give the name of the parent or guardian."
            if not self.guardian_relationship.strip():
                errors["guardian_relationship"] = "Say how they are related to the storyteller."
        if errors:
            raise ValidationError(errors)

    def guardian_problems(self, storyteller):
        if storyteller.date_of_birth is None:
            return {
                "storyteller": (
                    "Record the storyteller's date of birth first: "
                    "under-18s need a parent or guardian's consent."
                )
            }
        birthday = eighteenth_birthday(storyteller.date_of_birth)
        given_on = self.given_on or date.today()
        if given_on < birthday and self.given_by != self.GivenBy.GUARDIAN:
            return {"given_by": "The storyteller is under 18: a parent or guardian must consent."}
        return {}


class ConsentWithdrawal(models.Model):
    """The storyteller took their consent back: when, why, and who recorded it."""

    record = models.OneToOneField(
        ConsentRecord, on_delete=models.PROTECT, related_name="withdrawal"
    )
    withdrawn_at = models.DateTimeField(default=timezone.now)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField()
    erased = models.BooleanField(
        default=False, help_text="The storyteller also asked to be forgotten."
    )
    actions = models.JSONField(default=list, help_text="What was done to honour the withdrawal.")

    class Meta:
        ordering = ["-withdrawn_at"]

    def __str__(self):
        return f"Withdrawal of {self.record.storyteller.reference} on {self.withdrawn_at:%d %b %Y}"


class ConsentReminder(models.Model):
    """An expiry reminder sent for a record at one threshold (60, 30 or 7 days).

    Kept so that each threshold is announced once, however often the sweep runs.
    """

    record = models.ForeignKey(ConsentRecord, on_delete=models.CASCADE, related_name="reminders")
    days = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record", "days"], name="one_reminder_per_threshold")
        ]

    def __str__(self):
        return f"{self.days}-day reminder for {self.record}"
