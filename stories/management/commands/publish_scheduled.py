from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled
from wagtail.models import Revision

from stories.consent.publishing import refuse_due_scheduled_stories


class Command(WagtailPublishScheduled):
    help = (
        "Publish scheduled pages and unpublish expired ones, as Wagtail does, "
        "first cancelling scheduled stories that consent no longer covers."
    )

    def handle(self, *args, **options):
        refused = refuse_due_scheduled_stories(Revision.objects.all(), dry_run=options["dryrun"])
        for revision, problems in refused:
            verb = "Would refuse" if options["dryrun"] else "Refused"
            self.stdout.write(
                f"{verb} scheduled story “{revision.object_str}”: {' '.join(problems)}"
            )
        return super().handle(*args, **options)
