"""Train the stored spam filter from labelled CSV files, such as the YouTube Spam Collection or past decisions."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from comments.spamfilter import learn_many, read_labelled_csv


class Command(BaseCommand):
    help = "Teach the learned spam filter every row of labelled CSV files (labels 1/spam/true, 0/ham/false)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE.csv")
        parser.add_argument("--text-column", default="CONTENT", help="column holding the comment (default CONTENT)")
        parser.add_argument("--label-column", default="CLASS", help="column holding the label (default CLASS)")
        parser.add_argument("--reset", action="store_true", help="forget everything learned before training")

    def handle(self, *args, files: list[Path], text_column: str, label_column: str, reset: bool, **options) -> None:
        rows: list[tuple[str, bool]] = []
        # Every file is read before any is learned, so one bad file leaves the stored filter untouched.
        for path in files:
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
            try:
                rows += read_labelled_csv(path, text_column=text_column, label_column=label_column)
            except UnicodeDecodeError as error:
                raise CommandError(f"{path.name} is not UTF-8 text: {error}") from error
            except ValueError as error:
                raise CommandError(str(error)) from error
        spam, ham = learn_many(rows, reset=reset)
        if reset:
            self.stdout.write("Forgot everything the filter had learned.")
        noun = "file" if len(files) == 1 else "files"
        self.stdout.write(self.style.SUCCESS(f"Learned {spam} spam and {ham} ham comments from {len(files)} {noun}."))
