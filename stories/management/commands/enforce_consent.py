from django.core.management.base import BaseCommand

from stories.consent.expiry import enforce_consent
from stories.uploads import remove_abandoned_uploads


class Command(BaseCommand):
    help = (
        "Take down stories whose consent is no longer in force (expired, a minor "
        "turned 18, narrowed or withdrawn), and remind owners of consent ending "
        "within 60, 30 and 7 days. Run it from cron at least hourly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done; change nothing."
        )

    def handle(self, *args, dry_run, **options):
        report = enforce_consent(dry_run=dry_run)
        would = "Would take down" if dry_run else "Took down"
        if not report.taken_down:
            self.stdout.write("Every live story is covered by consent in force.")
        for story, reason in report.taken_down:
            self.stdout.write(f"{would} “{story.title}” ({story.storyteller.reference}): {reason}")
        for record, days_left, _threshold in report.ending_soon:
            self.stdout.write(
                f"Consent of {record.storyteller.reference} ends in {days_left} day(s), "
                f"on {record.ends_on:%d %B %Y}."
            )
        for record, threshold, owners in report.reminded:
            to = ", ".join(owners) or "no owner with an e-mail address"
            self.stdout.write(
                f"Sent the {threshold}-day reminder for {record.storyteller.reference} to {to}."
            )
        for line in report.done:
            self.stdout.write(f"  - {line}")
        removed = remove_abandoned_uploads(dry_run=dry_run)
        self.stdout.write(
            f"{'Would remove' if dry_run else 'Removed'} {removed} abandoned upload(s) "
            "held for more than a day."
        )
