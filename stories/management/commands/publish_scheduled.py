from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled

from stories.consent.guard import ConsentRefused
from stories.consent.publishing import publish_due_stories

ATTEMPTS = 3


class Command(WagtailPublishScheduled):
    help = (
        "Publish scheduled pages and unpublish expired ones, as Wagtail does. A "
        "scheduled story consent no longer covers is refused, with its reason, and "
        "its schedule cancelled; every other story due still goes live."
    )

    def handle(self, *args, **options):
        dry_run = options["dryrun"]
        for attempt in range(1, ATTEMPTS + 1):
            for revision, problems in publish_due_stories(dry_run=dry_run):
                verb = "Would refuse" if dry_run else "Refused"
                self.stdout.write(
                    f"{verb} scheduled story “{revision.object_str}”: {' '.join(problems)}"
                )
            try:
                # Expired pages, and whatever else is due that is not a story.
                return super().handle(*args, **options)
            except ConsentRefused:
                # A story fell due after the pass above and the guard refused it:
                # the next pass cancels its schedule and says why.
                if attempt == ATTEMPTS:
                    raise
        return None
