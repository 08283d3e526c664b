from django.core.management.base import BaseCommand, CommandError

from stories.consent.withdrawal import WithdrawalError, withdraw_consent


class Command(BaseCommand):
    help = (
        "Withdraw a storyteller's consent: record it, take down every page and "
        "picture of theirs, tell partner organisations, and list what was done. "
        "With --erase, also delete their stories, pictures and personal data "
        "(as erase_storyteller does, also when consent was withdrawn earlier)."
    )

    def add_arguments(self, parser):
        parser.add_argument("reference", help="The storyteller's reference code, e.g. HS-0001.")
        parser.add_argument("--reason", required=True, help="Why, in the storyteller's words.")
        parser.add_argument(
            "--erase",
            action="store_true",
            help="The storyteller asked to be forgotten: delete their stories and data.",
        )

    def handle(self, *args, reference, reason, erase, **options):
        try:
            report = withdraw_consent(reference, reason, erase=erase)
        except WithdrawalError as error:
            raise CommandError(str(error)) from error
        done = "erased" if erase else "withdrawn"
        self.stdout.write(self.style.SUCCESS(f"Consent of {report.reference} {done}."))
        for line in report.done:
            self.stdout.write(f"  - {line}")
