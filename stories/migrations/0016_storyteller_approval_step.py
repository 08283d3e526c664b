"""The storyteller's approval as a step of "Story review", after the clinical
check and before the consent officer's: nothing is published before the
storyteller (or their guardian) has read and approved the exact version."""

from django.db import migrations

WORKFLOW = "Story review"
STEP = "Storyteller approval"


def add_storyteller_step(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    ClinicalAccuracyTask = apps.get_model("stories", "ClinicalAccuracyTask")
    StorytellerApprovalTask = apps.get_model("stories", "StorytellerApprovalTask")

    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None or StorytellerApprovalTask.objects.filter(name=STEP).exists():
        return
    step = StorytellerApprovalTask.objects.create(
        name=STEP,
        active=True,
        content_type=ContentType.objects.get_for_model(StorytellerApprovalTask),
    )
    steps = list(WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order", "pk"))
    clinical_ids = set(ClinicalAccuracyTask.objects.values_list("pk", flat=True))
    after = max(
        (i for i, workflow_task in enumerate(steps) if workflow_task.task_id in clinical_ids),
        default=-1,
    )
    steps.insert(after + 1, WorkflowTask(workflow=workflow, task=step))
    # Renumber from the end, so no two steps share a place on the way.
    for order, workflow_task in reversed(list(enumerate(steps))):
        workflow_task.sort_order = order
        workflow_task.save()


def remove_storyteller_step(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    Task = apps.get_model("wagtailcore", "Task")
    StorytellerApprovalTask = apps.get_model("stories", "StorytellerApprovalTask")

    step_ids = list(StorytellerApprovalTask.objects.filter(name=STEP).values_list("pk", flat=True))
    WorkflowTask.objects.filter(task_id__in=step_ids).delete()
    Task.objects.filter(pk__in=step_ids).delete()
    for workflow in Workflow.objects.filter(name=WORKFLOW):
        steps = WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order", "pk")
        for order, workflow_task in enumerate(steps):
            workflow_task.sort_order = order
            workflow_task.save()


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0015_storyteller_page"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(add_storyteller_step, remove_storyteller_step)]
