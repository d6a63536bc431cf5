from django.core.management.base import BaseCommand

from articles import services
from articles.models import Article


class Command(BaseCommand):
    help = "Rebuild every article's search columns (after an upgrade, or a change to what search reads)."

    def handle(self, *args, **options):
        count = 0
        for article in Article.objects.only("pk").iterator():
            services.article_reindex(article=article)
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Reindexed {count} articles."))
