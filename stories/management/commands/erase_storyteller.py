from django.core.management.base import BaseCommand, CommandError

from stories.consent.withdrawal import WithdrawalError, forget_storyteller


class Command(BaseCommand):
    help = (
        "Honour a storyteller's request to be forgotten, whatever became of their "
        "consent (in force, withdrawn earlier, ended, or never given): withdraw it if "
        "it is still in force, then delete their stories, pictures, evidence and "
        "personal data, and rewrite the audit log so that only the reference remains. "
        "Running it again is harmless."
    )

    def add_arguments(self, parser):
        parser.add_argument("reference", help="The storyteller's reference code, e.g. HS-0001.")
        parser.add_argument(
            "--reason", required=True, help="The request, as the storyteller made it."
        )

    def handle(self, *args, reference, reason, **options):
        try:
            report = forget_storyteller(reference, reason)
        except WithdrawalError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"{report.reference} erased."))
        for line in report.done:
            self.stdout.write(f"  - {line}")
