"""Replace the database and the uploaded files with a backup made by `manage.py backup`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.backups import BackupError, backup_check, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: checks its manifest and checksums, then replaces the whole "
        "database and every uploaded file (files the backup does not have are removed). Stop the app servers "
        "and the task worker first. Without --yes it only checks the backup and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="the backup's directory")
        parser.add_argument("--yes", action="store_true", help="replace the current database and media files")

    def handle(self, *args, directory: Path, yes: bool, **options):
        try:
            manifest = backup_check(directory=directory)
            summary = (
                f"{directory}: made {manifest['created_at']}, {manifest['database']['vendor']} database "
                f"“{manifest['database']['name']}”, {manifest['media']['count']} media files; checksums match."
            )
            if not yes:
                raise CommandError(
                    f"{summary}\nNothing was changed. Restoring replaces the current database and every uploaded "
                    "file; run again with --yes to do it."
                )
            self.stdout.write(summary)
            result = backup_restore(directory=directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Restored in {result['seconds']:.1f} s: the database and {result['files']} media files "
            f"({result['removed_files']} files not in the backup removed)."
        ))
        if result["pending_migrations"]:
            self.stdout.write(self.style.WARNING(
                f"The backup predates {len(result['pending_migrations'])} migrations of this version: "
                "run `manage.py migrate` before starting the site."
            ))
