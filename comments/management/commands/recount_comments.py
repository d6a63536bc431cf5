from django.core.management.base import BaseCommand

from comments.services import comment_recount


class Command(BaseCommand):
    help = (
        "Set every article's count of comments readers see from the comments themselves: after comments were "
        "stored or changed without the moderation services (a bulk load, a database restore, a hand edit)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--article", type=int, action="append", dest="articles", help="Only this article id.")

    def handle(self, *args, articles=None, **options):
        updated = comment_recount(article_ids=articles)
        self.stdout.write(self.style.SUCCESS(f"Recounted the comments of {updated} articles."))
