"""Personal data at rest: who a storyteller is, encrypted in the database.

A storyteller's real name, contact details and date of birth, and the name
and relationship of the guardian who consented for a minor, are stored as
Fernet tokens (AES-128-CBC with an HMAC, from `cryptography`), so a dump of
the database alone does not say who anyone is. The code reads and writes
them as plain values: the fields below encrypt on the way in and decrypt on
the way out, for model instances and for `.values()` / `.values_list()`
alike.

Keys come from the PERSONAL_DATA_KEYS setting (the environment variable of
the same name in production: Fernet keys separated by commas). The first
key encrypts; every key decrypts. To rotate, put a new key first, keep the
old ones after it, deploy, run `manage.py rotate_personal_data_key`, then
drop the old keys (README, "Personal data at rest").

What the database cannot do with these columns: compare, sort or search
them. Fernet tokens differ each time the same value is written, so only
"is it empty?" may be asked in SQL; any other lookup is refused rather than
silently matching nothing. What the consent rule must ask in SQL of a date
of birth (the 18th birthday) is kept beside it in clear
(`Storyteller.comes_of_age_on`); search uses the name a storyteller chose
to show, from the search index.
"""

import json
from datetime import date
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.lookups import Exact


class PersonalDataKeyError(ImproperlyConfigured):
    """Personal data could not be decrypted with any key in PERSONAL_DATA_KEYS."""


def configured_keys():
    keys = settings.PERSONAL_DATA_KEYS
    if isinstance(keys, str):
        keys = keys.split(",")
    keys = tuple(key.strip() for key in keys if key and key.strip())
    if not keys:
        raise ImproperlyConfigured(
            "Set PERSONAL_DATA_KEYS (one or more Fernet keys, separated by commas) "
            "to read or write storytellers' personal data."
        )
    return keys


@lru_cache(maxsize=8)
def _fernet(keys):
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except ValueError:
            raise ImproperlyConfigured(
                f"Key {position} of PERSONAL_DATA_KEYS is not a Fernet key (32 bytes in "
                "URL-safe base64, as `manage.py rotate_personal_data_key --new-key` prints)."
            ) from None
    return MultiFernet(fernets)


def fernet():
    """The keys in force: the first encrypts, all decrypt."""
    return _fernet(configured_keys())


def encrypt(text):
    return fernet().encrypt(text.encode()).decode()


def decrypt(token, where="personal data"):
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise PersonalDataKeyError(
            f"The {where} cannot be decrypted with any key in PERSONAL_DATA_KEYS: "
            "the key it was written with is missing, or the value was not written "
            "by this site. Restore the keys the data was written with."
        ) from None


def reencrypt(token):
    """The same value encrypted with the first key (MultiFernet.rotate)."""
    try:
        return fernet().rotate(token.encode()).decode()
    except InvalidToken:
        raise PersonalDataKeyError(
            "A value cannot be decrypted with any key in PERSONAL_DATA_KEYS: "
            "rotation stopped, nothing was changed."
        ) from None


def new_key():
    return Fernet.generate_key().decode()


class OnlyEmptinessLookup(Exact):
    """`field=""`: the one comparison a token allows (`field=None` is `isnull`)."""

    def get_prep_lookup(self):
        if self.rhs != "":
            raise TypeError(
                f"{self.lhs.target.name} is encrypted: the database cannot compare it. "
                "Compare in Python, or ask only whether it is empty."
            )
        return self.rhs


class EncryptedMixin:
    """Stored as a Fernet token in a text column; read back as the plain value.

    An empty value is stored empty (it says nothing about anyone), so
    "has an e-mail address?" can still be asked in SQL.
    """

    encrypted = True

    def get_internal_type(self):
        return "TextField"

    def db_type(self, connection):
        return models.TextField().db_type(connection)

    def cast_db_type(self, connection):
        return models.TextField().cast_db_type(connection)

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(self.as_text(value))

    def as_text(self, value):
        return str(value)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        where = f"{self.model._meta.db_table}.{self.column}" if hasattr(self, "model") else None
        return self.to_python(decrypt(value, where or "personal data"))

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        if lookup_name == "exact":
            return OnlyEmptinessLookup
        return None

    def get_transform(self, lookup_name):
        return None


class EncryptedCharField(EncryptedMixin, models.CharField):
    """A CharField whose max_length limits the plain text (forms check it); the
    column holds the longer token."""


class EncryptedEmailField(EncryptedMixin, models.EmailField):
    pass


class EncryptedDateField(EncryptedMixin, models.DateField):
    def as_text(self, value):
        return value.isoformat() if isinstance(value, date) else str(value)


class EncryptedJSONField(EncryptedMixin, models.TextField):
    """Answers kept as JSON (a form's submission), encrypted whole."""

    def as_text(self, value):
        return json.dumps(value, cls=DjangoJSONEncoder)

    def to_python(self, value):
        return json.loads(value) if isinstance(value, str) else value


def encrypted_fields(model):
    return [field for field in model._meta.concrete_fields if getattr(field, "encrypted", False)]
