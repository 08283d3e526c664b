"""Editors invite readers and manage partner API tokens; administrators can do everything."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    ("add_invitation", "invitation"),
    ("view_invitation", "invitation"),
    ("delete_invitation", "invitation"),
    ("manage_api_tokens", "partnerorganisation"),
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    new = Permission.objects.filter(
        content_type__app_label="stories",
        codename__in=[codename for codename, _model in EDITOR_PERMISSIONS]
        + ["change_invitation", "add_membership", "change_membership", "delete_membership", "view_membership"],
    )
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.permissions.add(
            *new.filter(codename__in=[codename for codename, _model in EDITOR_PERMISSIONS])
        )
    administrators = Group.objects.filter(name="Site administrators").first()
    if administrators:
        administrators.permissions.add(*new)


class Migration(migrations.Migration):
    dependencies = [("stories", "0005_readers_and_private_pictures")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
