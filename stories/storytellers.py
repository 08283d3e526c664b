"""Storytellers: the real people whose stories these are.

The public sees only the reference code (in the admin) and the shown name;
real identity and contact details are private to the campaign. Consent
records attach to the storyteller (see the consent module, to come).
"""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from wagtail.search import index

from .consent.policy import NAMING_LABELS, NAMING_ORDER, eighteenth_birthday
from .naming import NamingChoice, naming_problems, shown_name
from .personal_data import EncryptedCharField, EncryptedDateField, EncryptedEmailField

REFERENCE_PREFIX = "HS-"
REFERENCE_PATTERN = re.compile(r"^HS-(\d{4,})$")


def next_reference():
    """The next free reference code: HS-0001, HS-0002, …"""
    numbers = [
        int(match.group(1))
        for match in (
            REFERENCE_PATTERN.match(ref)
            for ref in Storyteller.objects.values_list("reference", flat=True)
        )
        if match
    ]
    return f"{REFERENCE_PREFIX}{max(numbers, default=0) + 1:04d}"


class ComesOfAgeField(models.DateField):
    """The storyteller's 18th birthday, derived from their date of birth each
    time the row is written.

    The date of birth is encrypted, and the database cannot compare a token;
    the consent rule asks in SQL whether a guardian's consent still holds (it
    ends at 18) and whether a consent was given alone by a minor, so this one
    date is kept in clear beside it (README, "Personal data at rest").
    """

    def __init__(self, *args, **kwargs):
        kwargs.update(null=True, blank=True, editable=False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for derived in ("null", "blank", "editable"):
            kwargs.pop(derived, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = eighteenth_birthday(model_instance.date_of_birth)
        setattr(model_instance, self.attname, value)
        return value


class StorytellerQuerySet(models.QuerySet):
    """Updates in bulk keep the 18th birthday with the date of birth they change."""

    def update(self, **kwargs):
        if "date_of_birth" in kwargs and "comes_of_age_on" not in kwargs:
            born = Storyteller._meta.get_field("date_of_birth").to_python(kwargs["date_of_birth"])
            kwargs["comes_of_age_on"] = eighteenth_birthday(born)
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if "date_of_birth" in fields and "comes_of_age_on" not in fields:
            for storyteller in objs:
                storyteller.comes_of_age_on = eighteenth_birthday(storyteller.date_of_birth)
            fields = [*fields, "comes_of_age_on"]
        return super().bulk_update(objs, fields, *args, **kwargs)


class Storyteller(index.Indexed, models.Model):
    """The person a story belongs to, known to editors by reference code.

    Stories name them only as their naming choice allows; the real name and
    contact details never leave the admin, and are encrypted in the database
    (stories.personal_data).
    """

    reference = models.CharField(
        max_length=16,
        unique=True,
        editable=False,
        help_text="Generated when the storyteller is first saved, e.g. HS-0001.",
    )
    naming = models.CharField(
        "name shown as",
        max_length=20,
        choices=NamingChoice.choices,
        default=NamingChoice.FIRST_NAME,
        help_text="How the storyteller asked to be named on the site.",
    )
    pseudonym = models.CharField(max_length=80, blank=True)
    first_name = EncryptedCharField(max_length=80, blank=True)
    last_name = EncryptedCharField(max_length=80, blank=True)
    email = EncryptedEmailField(blank=True)
    guardian_email = EncryptedEmailField(
        "parent or guardian's e-mail",
        blank=True,
        help_text="For a storyteller under 18: their page's codes go to this address.",
    )
    phone = EncryptedCharField(max_length=40, blank=True)
    date_of_birth = EncryptedDateField(null=True, blank=True)
    comes_of_age_on = ComesOfAgeField("18th birthday")
    created_at = models.DateTimeField(auto_now_add=True)

    search_fields = [
        index.SearchField("reference"),
        index.AutocompleteField("reference"),
        index.SearchField("pseudonym"),
        index.AutocompleteField("shown_name"),  # never the real name behind a pseudonym
        index.FilterField("naming"),
    ]

    objects = StorytellerQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]

    def __str__(self):
        return f"{self.reference} · {self.shown_name}"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "date_of_birth" in update_fields:
            kwargs["update_fields"] = {*update_fields, "comes_of_age_on"}
        if self.reference:
            return super().save(*args, **kwargs)
        # Two editors saving at once could pick the same number: retry.
        for _attempt in range(5):
            self.reference = next_reference()
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                self.reference = ""
        raise IntegrityError("Could not allocate a storyteller reference code.")

    def clean(self):
        problems = naming_problems(self.naming, self.first_name, self.last_name, self.pseudonym)
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            problems["date_of_birth"] = "A date of birth cannot be in the future."
        allowed = self.most_identifying_name_consented()
        if allowed and NAMING_ORDER.index(self.naming) > NAMING_ORDER.index(allowed):
            problems["naming"] = (
                f"Their consent allows {NAMING_LABELS[allowed]} at most: "
                "record new consent before naming them this way."
            )
        if problems:
            raise ValidationError(problems)

    def most_identifying_name_consented(self):
        if self.pk is None:
            return None
        record = self.consent_records.current().first()
        return record.naming_allowed if record else None

    @property
    def shown_name(self):
        return shown_name(self.naming, self.first_name, self.last_name, self.pseudonym)
