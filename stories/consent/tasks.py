"""The expiry sweep as a background task, for a worker-driven schedule.

Cron can run `manage.py enforce_consent` directly, or enqueue this task
(`enforce_consent_task.enqueue()`) for the django-tasks worker to run.
"""

from django_tasks import task

from .expiry import enforce_consent


@task()
def enforce_consent_task():
    report = enforce_consent()
    return {
        "taken_down": [story.pk for story, _reason in report.taken_down],
        "reminded": [record.pk for record, _days, _owners in report.reminded],
    }
