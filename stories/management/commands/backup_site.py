from django.core.management.base import BaseCommand, CommandError

from stories.backups import BackupError, Report, back_up


class Command(BaseCommand):
    help = (
        "Back up the whole site into DEST (a new folder, or a file ending in .tar): "
        "the database (pg_dump on PostgreSQL, SQLite's online backup otherwise), every "
        "file of the public and private storages, and a manifest with the SHA-256 of each "
        "file and the counts of stories, storytellers and consent records. The keys in "
        "the environment (SECRET_KEY, PERSONAL_DATA_KEYS) are not in it: keep them apart."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="A new folder, or a new file ending in .tar.")

    def handle(self, *args, destination, **options):
        report = Report()
        try:
            back_up(destination, report)
        except BackupError as error:
            raise CommandError(f"No backup was written: {error}") from error
        for line in report.lines:
            self.stdout.write(line)
