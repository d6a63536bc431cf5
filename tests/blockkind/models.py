from django.db import models

from articles.models import Article, Block


class KeyFigure(Block):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="key_figures")
    figure = models.CharField(max_length=40)
    label = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.figure
