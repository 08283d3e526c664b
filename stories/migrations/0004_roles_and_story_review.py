"""The campaign's roles, with least privilege, and the "Story review" workflow.

Editors write and submit; clinical reviewers approve accuracy; consent
officers manage storytellers and consent and approve the consent and
safeguarding check; site administrators can do everything. Readers belong
to no admin group. Publishing happens through the workflow.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("stories", "view_storyteller"),
    ("stories", "add_theme"),
    ("stories", "change_theme"),
    ("stories", "view_theme"),
    ("stories", "view_partnerorganisation"),
]
REVIEWER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("stories", "view_storyteller"),
    ("stories", "view_theme"),
    ("stories", "view_partnerorganisation"),
]
CONSENT_OFFICER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("stories", "add_storyteller"),
    ("stories", "change_storyteller"),
    ("stories", "view_storyteller"),
    ("stories", "add_consentrecord"),
    ("stories", "view_consentrecord"),
    ("stories", "view_private_consent"),
    ("stories", "withdraw_consent"),
    ("stories", "add_partnerorganisation"),
    ("stories", "change_partnerorganisation"),
    ("stories", "view_partnerorganisation"),
    ("stories", "view_theme"),
]


def ensure_permissions(apps):
    """Permissions are normally created after migrating; the groups need them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def perms(pairs):
        return [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in pairs
        ]

    def page_permissions(group, page, codenames):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )

    def collection_permissions(group, collection, pairs):
        for app, codename in pairs:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(content_type__app_label=app, codename=codename),
            )

    home = Page.objects.filter(depth=2).order_by("path").first()
    root = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    images = [("stories", "add_storyimage"), ("stories", "change_storyimage"), ("stories", "choose_image")]
    documents = [
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ]

    # Wagtail starts with broad "Editors" and "Moderators" groups: editors get
    # exactly the rights below, and Wagtail's moderation workflow for other
    # pages goes to site administrators instead of moderators.
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(perms(EDITOR_PERMISSIONS))
    GroupPagePermission.objects.filter(group=editors).delete()
    GroupCollectionPermission.objects.filter(group=editors).delete()
    if home:
        page_permissions(editors, home, ["add_page", "change_page"])
    collection_permissions(editors, root_collection, images + documents)

    reviewers, _ = Group.objects.get_or_create(name="Clinical reviewers")
    reviewers.permissions.add(*perms(REVIEWER_PERMISSIONS))
    collection_permissions(reviewers, root_collection, [("stories", "choose_image")])

    officers, _ = Group.objects.get_or_create(name="Consent officers")
    officers.permissions.add(*perms(CONSENT_OFFICER_PERMISSIONS))
    collection_permissions(officers, root_collection, [("stories", "choose_image")])

    administrators, _ = Group.objects.get_or_create(name="Site administrators")
    administrators.permissions.add(*Permission.objects.all())
    page_permissions(
        administrators, root, ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"]
    )
    collection_permissions(
        administrators,
        root_collection,
        images + documents + [("stories", "delete_storyimage"), ("wagtaildocs", "delete_document")],
    )

    moderators = Group.objects.filter(name="Moderators").first()
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    for task in GroupApprovalTask.objects.filter(groups=moderators) if moderators else []:
        task.groups.set([administrators])
    if moderators:
        moderators.delete()

    create_story_review(apps, reviewers, officers)


def create_story_review(apps, reviewers, officers):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ClinicalAccuracyTask = apps.get_model("stories", "ClinicalAccuracyTask")
    ConsentSafeguardingTask = apps.get_model("stories", "ConsentSafeguardingTask")
    StoryIndexPage = apps.get_model("stories", "StoryIndexPage")

    if Workflow.objects.filter(name="Story review").exists():
        return
    workflow = Workflow.objects.create(name="Story review", active=True)
    clinical = ClinicalAccuracyTask.objects.create(
        name="Clinical accuracy review",
        active=True,
        content_type=ContentType.objects.get_for_model(ClinicalAccuracyTask),
    )
    clinical.groups.set([reviewers])
    consent = ConsentSafeguardingTask.objects.create(
        name="Consent and safeguarding check",
        active=True,
        content_type=ContentType.objects.get_for_model(ConsentSafeguardingTask),
    )
    consent.groups.set([officers])
    WorkflowTask.objects.create(workflow=workflow, task=clinical, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=consent, sort_order=1)
    for index in StoryIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0003_review_tasks"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
