"""Run the pre-publish quality gate on article files or on every stored article, or list its rules."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles import services
from articles.quality import Finding, all_rules, check_document, document_from_article, document_from_text


def format_finding(label: str, finding: Finding) -> str:
    """One finding a line: where, severity, rule, field, the offending text quoted as written, and advice."""
    quoted = f' "{finding.text}"' if finding.text else ""
    return f"{label}:{finding.severity}:{finding.rule}:{finding.label}:{quoted} — {finding.message}"


class Command(BaseCommand):
    help = (
        "Check articles for what must not be published (placeholders, cut-off text, machine text, missing parts) "
        "and what an editor should look at (spacing, capitals, dates, repeats). Exits 1 if any error."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help="Plain-text or Markdown article files.")
        parser.add_argument("--all", action="store_true", dest="all_articles", help="Check every stored article.")
        parser.add_argument(
            "--list-rules", action="store_true",
            help="List every rule: its id, its severity on this site (with the default when changed), what it "
                 "checks and its examples.",
        )

    def handle(self, *args, paths: list[str], all_articles: bool, list_rules: bool, **options):
        config = services.gate_config()
        if list_rules:
            self.list_rules(config)
            return
        if not paths and not all_articles:
            raise CommandError("Give at least one PATH, or --all for every stored article.", returncode=2)
        errors = warnings = checked = 0
        for label, doc in self.documents(paths, all_articles):
            checked += 1
            for finding in check_document(doc, config=config):
                self.stdout.write(format_finding(label, finding))
                errors += finding.severity == "error"
                warnings += finding.severity == "warning"
        self.stderr.write(f"{checked} checked: {errors} error(s), {warnings} warning(s).")
        if errors:
            raise CommandError(f"{errors} error(s) block publishing.", returncode=1)

    def list_rules(self, config) -> None:
        for spec in all_rules():
            level = config.level(spec) if config else spec.severity
            changed = f" (default {spec.severity})" if level != spec.severity else ""
            self.stdout.write(f"{spec.id}: {level}{changed}")
            self.stdout.write(f"    {spec.description}")
            for text, flagged in spec.examples:
                self.stdout.write(f"    {'flags' if flagged else 'passes'}: {text!r}")

    def documents(self, paths: list[str], all_articles: bool):
        for path in paths:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"Cannot read {path}: {exc}", returncode=2) from exc
            yield path, document_from_text(text)
        if all_articles:
            from articles.models import Article

            for article in Article.objects.for_article_page().order_by("pk"):
                yield f"{article.slug} (#{article.pk})", document_from_article(article)
