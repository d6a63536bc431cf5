"""Demo comments on the demo articles (idempotent): a short thread, one held comment and one spam."""

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article
from comments.models import Comment
from comments.services import comment_recount

DEMO = [
    # (author, email, body, status, reply to the comment at this index)
    ("Hana K.", "hana@example.com", "Good to see the ministers meeting in person. Trade in our region depends on it.",
     "approved", None),
    ("Daniel", "daniel@example.com", "Agreed, though I'd like to know what “substantive cooperation” means in practice.",
     "approved", 0),
    ("Hana K.", "hana@example.com", "Supply chains, mostly: see the economic security section above.", "approved", 1),
    ("First-time Fiona", "fiona@example.com", "Will the next meeting be held in Japan?", "pending", None),
    ("Deals4U", "deals@example.com", "Cheap flights to Gyeongju!!! http://spam.example/deal", "spam", None),
]


class Command(BaseCommand):
    help = "Add demo comments to the seed article (demo content only)."

    @transaction.atomic
    def handle(self, *args, **options):
        article = Article.objects.published().filter(slug="japans-new-cabinet-first-foreign-ministers-meeting").first()
        if article is None:
            self.stdout.write("No seed article: no demo comments.")
            return
        article.comments.all().delete()
        created: list[Comment] = []
        for name, email, body, status, reply_to in DEMO:
            parent = created[reply_to] if reply_to is not None else None
            created.append(Comment.objects.create(
                article=article, parent=parent, author_name=name, author_email=email, body=body, status=status,
                reasons=["Demo content."],
            ))
        comment_recount(article_ids=[article.pk])  # stored directly, not through the services that keep the count
        self.stdout.write(self.style.SUCCESS(f"Demo comments: {len(created)} on “{article.headline}”."))
