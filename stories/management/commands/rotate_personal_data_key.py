"""Re-encrypt all personal data with the first key of PERSONAL_DATA_KEYS.

The step of key rotation that leaves the old keys unneeded (README,
"Personal data at rest"): put the new key first, keep the old ones after it,
deploy, run this, then remove the old keys.
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from stories.personal_data import PersonalDataKeyError, encrypted_fields, new_key, reencrypt


def rotate_table(model):
    """Rewrite each encrypted value of the model's table under the first key.

    Each value is written only if it is still the one read, so a value saved
    meanwhile (already under the first key) is never overwritten by an old one.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk = quote(model._meta.pk.column)
    rewritten = 0
    for field in encrypted_fields(model):
        column = quote(field.column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {pk}, {column} FROM {table} "  # noqa: S608 (names from the models)
                f"WHERE {column} IS NOT NULL AND {column} <> ''"
            )
            rows = cursor.fetchall()
            for key, token in rows:
                cursor.execute(
                    f"UPDATE {table} SET {column} = %s WHERE {pk} = %s AND {column} = %s",  # noqa: S608
                    [reencrypt(token), key, token],
                )
                rewritten += cursor.rowcount
    return rewritten


class Command(BaseCommand):
    help = (
        "Re-encrypt every storyteller's personal data (and their guardians') with the "
        "first key of PERSONAL_DATA_KEYS, so that the keys after it can be removed. "
        "With --new-key, print a new key to put first, and change nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--new-key", action="store_true", help="Print a newly generated key and stop."
        )

    def handle(self, *args, **options):
        if options["new_key"]:
            self.stdout.write(new_key())
            return
        models = [model for model in apps.get_models() if encrypted_fields(model)]
        try:
            with transaction.atomic():
                counts = {model._meta.label: rotate_table(model) for model in models}
        except PersonalDataKeyError as error:
            raise CommandError(str(error)) from error
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count} values re-encrypted")
        self.stdout.write(
            self.style.SUCCESS(
                f"{sum(counts.values())} values now under the first key of PERSONAL_DATA_KEYS; "
                "the other keys may be removed."
            )
        )
