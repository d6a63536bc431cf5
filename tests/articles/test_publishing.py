from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_published_includes_only_published_articles_whose_time_has_come():
    visible = ArticleFactory()
    ArticleFactory(status=Article.Status.DRAFT)
    ArticleFactory(published_at=timezone.now() + timedelta(minutes=1))
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)

    assert list(Article.objects.published()) == [visible]


def test_future_article_becomes_visible_at_its_time():
    moment = timezone.now() + timedelta(hours=2)
    article = ArticleFactory(published_at=moment)

    assert article not in Article.objects.published(now=moment - timedelta(seconds=1))
    assert article in Article.objects.published(now=moment)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"status": Article.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "future"],
)
def test_hidden_article_is_404_on_every_public_page(client, kwargs):
    article = ArticleFactory(tags=["Hidden topic"], **kwargs)
    author = article.byline[0]

    assert client.get(article.get_absolute_url()).status_code == 404
    # A tag only hidden stories carry does not exist for readers.
    assert client.get("/tag/hidden-topic/").status_code == 404
    for url in ["/", article.section.get_absolute_url(), author.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200
        assert article.headline not in response.content.decode()


def test_related_puts_picks_first_then_shared_tags_and_section_never_itself():
    section = SectionFactory(name="Economy")
    article = ArticleFactory(section=section, tags=["Japan"])
    now = timezone.now()
    pick = ArticleFactory(published_at=now - timedelta(days=30))
    same_tag = ArticleFactory(tags=["Japan"], published_at=now - timedelta(hours=2))
    same_section = ArticleFactory(section=section, published_at=now - timedelta(hours=3))
    ArticleFactory(tags=["Japan"], status=Article.Status.DRAFT)
    ArticleFactory()  # unrelated
    older_same_tag = ArticleFactory(tags=["Japan"], published_at=now - timedelta(days=3))
    ArticleFactory(tags=["Japan"], published_at=now - timedelta(days=4))
    article.related.add(pick)

    related = Article.objects.related_to(article)

    assert related == [pick, same_tag, same_section, older_same_tag]
    assert article not in related
