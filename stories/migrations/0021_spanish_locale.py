"""Spanish joins English as a language stories are told in.

The site's first locale is the one Wagtail made from LANGUAGE_CODE ("en-gb");
Spanish is added beside it, so translations can be made from the start.
"""

from django.db import migrations


def add_spanish(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="es")


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0020_encrypt_existing_personal_data"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(add_spanish, migrations.RunPython.noop)]
