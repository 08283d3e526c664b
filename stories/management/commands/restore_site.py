from django.core.management.base import BaseCommand, CommandError

from stories.backups import BackupError, Report, restore


class Command(BaseCommand):
    help = (
        "Restore a backup written by backup_site into this site, which must be new: an "
        "empty database (no tables) and storages holding none of the backup's files. "
        "Every checksum is checked before anything is written; files are restored first "
        "and the database last, and both are read back and compared with the manifest. "
        "Run it with the same PERSONAL_DATA_KEYS as the site that was backed up."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The backup: its folder, or its .tar file.")

    def handle(self, *args, source, **options):
        report = Report()
        try:
            restore(source, report)
        except BackupError as error:
            for line in report.lines:
                self.stderr.write(line)
            raise CommandError(str(error)) from error
        for line in report.lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Restored {source}."))
