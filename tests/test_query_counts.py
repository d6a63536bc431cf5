"""Every public page costs the same number of queries for a small site and a bigger one (issue 10's cold path:
no cache, so these are the queries each reader's request makes)."""

import pytest

from articles import services
from articles.models import Article
from tests.factories import (
    add_blocks_of_every_kind,
    ArticleFactory, AuthorFactory, CommentFactory, SectionFactory,
)

pytestmark = pytest.mark.django_db

SIZES = {
    # blocks of every kind, root comments (each with a reply and a reply to it), tags and authors on the article,
    # stories in its section
    "small": {"blocks": 1, "roots": 1, "tags": 1, "authors": 1, "stories": 3},
    "large": {"blocks": 12, "roots": 60, "tags": 5, "authors": 5, "stories": 40},
}

# What each page reads; the same whatever the size.
EXPECTED = {
    # article (its body's copy, corrections and comment count on its row), bylines, tags, related stories, their
    # bylines, nav sections, the comment policy, a page of threads with all their replies
    "article": 8,
    "article, last page of threads": 8,
    "home": 3,  # latest stories, their bylines, nav sections
    "section": 4,  # section, a page of its (and its subsections') stories, bylines, nav
    "section, older stories": 4,
    "tag": 4,  # tag, page, bylines, nav
    "author": 4,  # author, page, bylines, nav
    "search": 4,  # count (capped), page, bylines, nav
    "rss": 3,  # stories with sections, bylines, tags
    "section atom": 4,  # section, stories, bylines, tags
    "tag rss": 4,
    "author atom": 4,
    # a count per kind of page (articles: the last id) to choose one file or an index, the articles' newest change
    "sitemap index": 6,
    "sitemap page": 2,  # the count of pages, the page
    "news sitemap": 2,  # the count (at most 1,000 stories), the page
}


def site(size: dict):
    section = SectionFactory(name="Economy", slug="economy")
    authors = AuthorFactory.create_batch(size["authors"])
    tags = ["Harbour", *[f"Topic {n}" for n in range(size["tags"] - 1)]]
    article = ArticleFactory(section=section, tags=tags, authors=authors, headline="Harbour budget approved")
    add_blocks_of_every_kind(article, size["blocks"])
    for _ in range(size["roots"]):
        reply = CommentFactory(article=article, parent=CommentFactory(article=article))
        CommentFactory(article=article, parent=reply)
    ArticleFactory.create_batch(
        size["stories"] - 1, section=section, tags=["Harbour"], authors=[authors[0]], headline="Harbour news",
    )
    for story in Article.objects.all():  # their search text and, on PostgreSQL, their search vectors
        services.article_reindex(article=story)
    return article, authors[0]


@pytest.mark.parametrize("size", SIZES)
def test_every_public_page_costs_the_same_queries_at_two_sizes(client, settings, django_assert_num_queries, size):
    settings.NEWSROOM_SITEMAP_LIMIT = 2  # so the sitemap is an index of files at both sizes
    article, author = site(SIZES[size])
    url = article.get_absolute_url()
    first = client.get(url).content.decode()  # the first reader keeps the copy of the body
    later_threads = first.split('href="?comments_after=')[1].split('"')[0] if size == "large" else None
    section_page = client.get("/section/economy/").content.decode()
    older = section_page.split('<a rel="next" href="')[1].split('"')[0].replace("&amp;", "&") if size == "large" else ""
    pages = {
        "article": url,
        "article, last page of threads": url + (f"?comments_after={later_threads}".split("#")[0] if later_threads else ""),
        "home": "/",
        "section": "/section/economy/",
        "section, older stories": "/section/economy/" + older,
        "tag": "/tag/harbour/",
        "author": author.get_absolute_url(),
        "search": "/search/?q=harbour",
        "rss": "/feed/",
        "section atom": "/section/economy/feed/atom/",
        "tag rss": "/tag/harbour/feed/",
        "author atom": author.get_absolute_url() + "feed/atom/",
        "sitemap index": "/sitemap.xml",
        "sitemap page": "/sitemap-articles.xml?p=2",
        "news sitemap": "/sitemap-news.xml",
    }

    for name, address in pages.items():
        with django_assert_num_queries(EXPECTED[name], info=name):
            response = client.get(address)
        assert response.status_code == 200, name
        if name == "search":
            assert response.context["articles"], "search found nothing"
