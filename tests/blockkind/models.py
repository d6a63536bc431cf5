from django.db import models

from articles.models import Article, Block


class PullQuote(Block):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pull_quotes")
    quote = models.TextField()
    attribution = models.CharField(max_length=120, blank=True)

    def __str__(self) -> str:
        return self.quote[:60]
