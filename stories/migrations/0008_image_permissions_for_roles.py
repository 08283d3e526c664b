"""Give the roles their picture permissions under the names Wagtail checks.

Wagtail's image permission policy asks for `wagtailimages.*_image` even with
a custom image model, so the `stories.*_storyimage` collection permissions
given before let no editor upload or change a picture.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_IMAGE_PERMISSIONS = {
    "Editors": ["add_image", "change_image", "choose_image"],
    "Clinical reviewers": ["choose_image"],
    "Consent officers": ["change_image", "choose_image"],
    "Site administrators": ["add_image", "change_image", "delete_image", "choose_image"],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for name, codenames in ROLE_IMAGE_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        GroupCollectionPermission.objects.filter(
            group=group, permission__content_type__app_label="stories",
            permission__codename__in=["add_storyimage", "change_storyimage", "choose_image"],
        ).delete()
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailimages", codename=codename
                ),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0007_unblurred_originals"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
