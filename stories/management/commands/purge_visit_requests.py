from django.core.management.base import BaseCommand, CommandError

from stories.visits import purge_old_visit_requests, retention_days


class Command(BaseCommand):
    help = (
        "Delete visit requests older than VISIT_REQUEST_RETENTION_DAYS (or --days). "
        "Run it daily from cron; the schedule does."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would be deleted; delete none."
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Keep this many days (default {retention_days()}).",
        )

    def handle(self, *args, dry_run, days, **options):
        if days is not None and days < 0:
            raise CommandError("--days must be 0 or more.")
        kept_for = retention_days() if days is None else days
        count = purge_old_visit_requests(days=kept_for, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {count} visit request(s) older than {kept_for} days.")
