"""Consent officers may read every story, never edit or publish one.

Wagtail 8 has no view-only page permission: any page permission in the tree
(add, change, publish, lock, bulk delete) lets its holder change something.
Officers get Django's model permission to view story pages instead, which
opens the read-only story overview (state, consent, history, take-down) that
the coverage report and a storyteller's page link to.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Consent officers"
PERMISSION = ("stories", "view_storypage")


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    app_label, codename = PERMISSION
    group.permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    permission = Permission.objects.filter(
        content_type__app_label=PERMISSION[0], codename=PERMISSION[1]
    ).first()
    if group is not None and permission is not None:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [("stories", "0013_pictures_fetched_once_per_page")]

    operations = [migrations.RunPython(grant, revoke)]
