from django.core.management.base import BaseCommand

from articles import services
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Make the renditions of lead images and of pictures in article bodies that have none for their current "
        "picture (and, for lead images, focal point)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Make them again even where they are current.")

    def handle(self, *args, force: bool, **options):
        made = 0
        for article in Article.objects.exclude(lead_image="").iterator():
            before = article.lead_image_renditions
            if services.article_make_renditions(article=article, force=force) is not before:
                made += 1
        in_bodies = sum(
            services.article_make_block_renditions(article=article, force=force) for article in Article.objects.iterator()
        )
        self.stdout.write(self.style.SUCCESS(
            f"Made renditions for {made} lead images and {in_bodies} pictures in article bodies.",
        ))
