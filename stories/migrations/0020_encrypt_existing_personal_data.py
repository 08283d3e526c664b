"""Encrypt the personal data already stored in clear (and decrypt it again
when migrating back), and derive each storyteller's 18th birthday.

Written in SQL on the columns themselves: the fields of 0019 would try to
decrypt the clear values as they read them.
"""

from datetime import date

from django.db import migrations

from stories.consent.policy import eighteenth_birthday
from stories.personal_data import PersonalDataKeyError, decrypt, encrypt

STORYTELLER = ("stories_storyteller", ["first_name", "last_name", "email", "guardian_email", "phone", "date_of_birth"])
CONSENT_RECORD = ("stories_consentrecord", ["guardian_name", "guardian_relationship"])


def is_token(value):
    try:
        decrypt(value)
    except PersonalDataKeyError:
        return False
    return True


def rewrite(connection, table, columns, change, extra=None):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {', '.join(quote(c) for c in columns)} FROM {quote(table)}")
        rows = cursor.fetchall()
        for pk, *values in rows:
            new = {
                column: change(value)
                for column, value in zip(columns, values, strict=True)
                if value not in (None, "")
            }
            new.update(extra(dict(zip(columns, values, strict=True))) if extra else {})
            if not new:
                continue
            sets = ", ".join(f"{quote(column)} = %s" for column in new)
            cursor.execute(
                f"UPDATE {quote(table)} SET {sets} WHERE id = %s", [*new.values(), pk]
            )


def as_date(value):
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def encrypt_clear(apps, schema_editor):
    connection = schema_editor.connection

    def to_token(value):
        value = value.isoformat() if isinstance(value, date) else str(value)
        return value if is_token(value) else encrypt(value)

    def comes_of_age(row):
        born = row["date_of_birth"]
        if born in (None, "") or is_token(str(born)):
            return {}
        return {"comes_of_age_on": eighteenth_birthday(as_date(born))}

    rewrite(connection, *STORYTELLER, to_token, extra=comes_of_age)
    rewrite(connection, *CONSENT_RECORD, to_token)


def decrypt_to_clear(apps, schema_editor):
    connection = schema_editor.connection
    rewrite(connection, *STORYTELLER, lambda value: decrypt(str(value)))
    rewrite(connection, *CONSENT_RECORD, lambda value: decrypt(str(value)))


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0019_personal_data_encrypted"),
    ]

    operations = [
        migrations.RunPython(encrypt_clear, decrypt_to_clear),
    ]
