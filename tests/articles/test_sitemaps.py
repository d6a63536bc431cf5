"""Sitemaps (one file, or an index when large), the Google News sitemap and robots.txt."""

from datetime import timedelta
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def xml(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)


def entries(root) -> dict[str, str | None]:
    """Each address of a urlset with its lastmod, paths only."""
    return {
        urlsplit(url.findtext("s:loc", namespaces=NS)).path: url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


@pytest.fixture
def newsroom():
    economy, sport = SectionFactory(name="Economy"), SectionFactory(name="Sport")
    mina, idle = AuthorFactory(slug="mina-park"), AuthorFactory(slug="no-stories")
    public = [
        ArticleFactory(section=economy, tags=["Japan"], authors=[mina]),
        ArticleFactory(section=economy, tags=["Trade"], authors=[mina]),
    ]
    ArticleFactory(section=sport, tags=["Secret"], authors=[idle], status=Article.Status.DRAFT, published_at=None)
    return {"public": public, "economy": economy, "sport": sport}


def test_sitemap_lists_every_public_page_and_each_article_with_its_last_change(client, newsroom):
    listed = entries(xml(client, "/sitemap.xml"))
    public = newsroom["public"]

    assert set(listed) == {
        *(article.get_absolute_url() for article in public),
        "/section/economy/", "/section/sport/", "/tag/japan/", "/tag/trade/", "/author/mina-park/",
    }
    for article in public:
        assert parse_datetime(listed[article.get_absolute_url()]) == article.updated_at
    # Listing pages carry no last change: finding it would cost a read of every story they list.
    assert {listed[path] for path in ("/section/economy/", "/section/sport/", "/tag/japan/", "/author/mina-park/")} == {
        None
    }


def test_large_sitemap_becomes_an_index_of_files(client, newsroom, settings):
    everything = entries(xml(client, "/sitemap.xml"))
    settings.NEWSROOM_SITEMAP_LIMIT = 1

    index = xml(client, "/sitemap.xml")

    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    files = [urlsplit(loc.text) for loc in index.findall("s:sitemap/s:loc", NS)]
    assert ("/sitemap-articles.xml", "p=2") in [(file.path, file.query) for file in files]
    listed = {}
    for file in files:
        listed |= entries(xml(client, f"{file.path}?{file.query}"))
    assert listed == everything


def test_news_sitemap_lists_the_last_two_days_with_the_news_namespace(client):
    fresh = ArticleFactory(headline="Ports & harbours reopen", published_at=timezone.now() - timedelta(hours=47))
    ArticleFactory(headline="Old news", published_at=timezone.now() - timedelta(days=3))
    ArticleFactory(headline="Draft news", status=Article.Status.DRAFT, published_at=None)

    root = xml(client, "/sitemap-news.xml")
    urls = root.findall("s:url", NS)

    assert [urlsplit(url.findtext("s:loc", namespaces=NS)).path for url in urls] == [fresh.get_absolute_url()]
    news = urls[0].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Newsroom"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Ports & harbours reopen"
    assert parse_datetime(news.findtext("news:publication_date", namespaces=NS)) == fresh.published_at


def test_robots_txt_names_the_sitemaps_and_keeps_admin_and_previews_out(client):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert {"User-agent: *", "Disallow: /admin/", "Disallow: /preview/"} <= set(lines)
    sitemaps = [line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap: ")]
    assert sitemaps == ["http://testserver/sitemap.xml", "http://testserver/sitemap-news.xml"]
    for url in sitemaps:
        assert client.get(urlsplit(url).path).status_code == 200


@pytest.mark.parametrize("count", [2, 20])
def test_sitemap_query_counts_do_not_grow_with_pages(client, django_assert_num_queries, count):
    section = SectionFactory(name="Economy")
    for number in range(count):
        ArticleFactory(section=section, tags=[f"Topic {number}"], authors=[AuthorFactory()])

    # Per kind of page (articles, sections, tags, authors): a count to choose file or index, then count and page.
    with django_assert_num_queries(12):
        client.get("/sitemap.xml")
    with django_assert_num_queries(2):  # count, page
        client.get("/sitemap-news.xml")
