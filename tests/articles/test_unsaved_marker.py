"""The article page tells its script when the form it shows holds text that is not saved."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory
from tests.formdata import form_data

pytestmark = pytest.mark.django_db


def test_a_form_shown_again_unsaved_counts_as_unsaved_changes(client, writer):
    """After a refused or invalid save the page holds text that is not saved, so leaving it must warn."""
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=writer)
    client.force_login(writer)
    clean = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert 'data-unsaved="true"' not in clean

    data = form_data(clean)
    data["headline"] = [""]
    shown_again = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert shown_again.status_code == 200
    assert 'data-unsaved="true"' in shown_again.content.decode()
