"""Back up the database and the uploaded files together into one directory."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.backups import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump on PostgreSQL, SQLite's backup API otherwise) and every uploaded file into "
        "a new directory with a manifest of checksums. Restore with `manage.py restore DIRECTORY --yes`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", nargs="?", type=Path,
            help="a new or empty directory (default: backups/newsroom-<date and time>)",
        )

    def handle(self, *args, directory: Path | None, **options):
        directory = directory or Path("backups") / f"newsroom-{timezone.now():%Y%m%d-%H%M%S}"
        try:
            manifest = backup_create(directory=directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        database, media = manifest["database"], manifest["media"]
        self.stdout.write(self.style.SUCCESS(
            f"Backed up to {directory} in {manifest['seconds']:.1f} s: {database['vendor']} database "
            f"({database['bytes']:,} bytes), {media['count']} media files ({media['content_bytes']:,} bytes)."
        ))
