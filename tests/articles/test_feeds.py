"""RSS 2.0 and Atom feeds for the site, each section, tag and author, read back with feedparser."""

import html
import re

import feedparser
import pytest

from articles import services
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, image_file

pytestmark = pytest.mark.django_db

LONG_SUMMARY = (
    "South Korea’s Cho Hyun and Japan’s Toshimitsu Motegi met at the APEC ministerial meeting in Gyeongju, the "
    "first high-level exchange since Japan formed its new cabinet; both said trade & security come first."
)


@pytest.fixture
def newsroom():
    economy = SectionFactory(name="Economy", description="Money, trade and work.")
    asia = SectionFactory(name="Asia economy", parent=economy)
    mina, tom = AuthorFactory(name="Mina Park", slug="mina-park"), AuthorFactory(name="Tom Ellery", slug="tom-ellery")
    story = ArticleFactory(
        headline="Ministers meet in Gyeongju", section=asia, summary=LONG_SUMMARY, tags=["Japan", "Diplomacy"],
        authors=[mina, tom], lead_image=image_file("ministers.jpg", size=(1600, 1000)), lead_image_alt="Two ministers",
    )
    services.article_make_renditions(article=story)
    ArticleFactory(headline="Draft about Japan", section=economy, tags=["Japan"], authors=[mina],
                   status=Article.Status.DRAFT, published_at=None)
    return {"story": story, "economy": economy, "mina": mina}


def feed_urls(newsroom) -> dict[str, str]:
    economy, mina = newsroom["economy"], newsroom["mina"]
    urls = {}
    for kind, base in [("site", "/"), ("section", economy.get_absolute_url()), ("tag", "/tag/japan/"),
                       ("author", mina.get_absolute_url())]:
        urls[f"{kind} rss"] = f"{base}feed/"
        urls[f"{kind} atom"] = f"{base}feed/atom/"
    return urls


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, f"{url}: {feed.get('bozo_exception')}"
    return response, feed


def test_every_feed_parses_and_carries_the_story_in_full(client, newsroom):
    story = newsroom["story"]
    for name, url in feed_urls(newsroom).items():
        response, feed = parsed(client, url)
        kind = "atom" if name.endswith("atom") else "rss"

        assert feed.version == ("atom10" if kind == "atom" else "rss20"), name
        assert response["Content-Type"].startswith(f"application/{kind}+xml"), name
        assert [entry.title for entry in feed.entries] == ["Ministers meet in Gyeongju"], name
        entry = feed.entries[0]
        assert entry.link == f"http://testserver{story.get_absolute_url()}"
        # The summary is HTML in both formats: the journalist's text, escaped, never cut short.
        assert entry.summary_detail.type == "text/html" and html.unescape(entry.summary) == LONG_SUMMARY, name
        assert entry.author == "Mina Park, Tom Ellery", name
        assert [tag.term for tag in entry.tags][:1] == ["Asia economy"], name  # the section comes first
        assert {"Japan", "Diplomacy"} <= {tag.term for tag in entry.tags}, name
        assert entry.published_parsed is not None, name
        enclosure = [link for link in entry.links if link.rel == "enclosure"]
        largest = story.lead_image_renditions["full"][-1]["jpeg"]
        assert len(enclosure) == 1, name
        assert enclosure[0].href == f"http://testserver/media/{largest['name']}", name
        assert (enclosure[0].type, int(enclosure[0].length)) == ("image/jpeg", largest["bytes"]), name


def test_feeds_name_their_subject_and_link_back(client, newsroom):
    _, section = parsed(client, "/section/economy/feed/")
    _, author = parsed(client, "/author/mina-park/feed/atom/")
    _, tag = parsed(client, "/tag/japan/feed/")

    assert section.feed.title == "Newsroom: Economy"
    assert section.feed.link == "http://testserver/section/economy/"
    assert section.feed.description == "Money, trade and work."
    assert author.feed.title == "Newsroom: Mina Park"
    assert author.entries[0].author_detail.href == "http://testserver/author/mina-park/"
    assert tag.feed.link == "http://testserver/tag/japan/"


def test_feeds_never_carry_drafts(client, newsroom):
    for url in feed_urls(newsroom).values():
        assert b"Draft about Japan" not in client.get(url).content


@pytest.mark.parametrize("url", ["/section/missing/feed/", "/tag/missing/feed/atom/", "/author/missing/feed/"])
def test_feeds_of_unknown_subjects_are_404(client, url):
    assert client.get(url).status_code == 404


def test_feeds_are_advertised_in_the_head_of_pages(client, newsroom):
    story = newsroom["story"]
    pages = {
        "/": ["/feed/", "/feed/atom/"],
        "/section/economy/": ["/feed/", "/section/economy/feed/", "/section/economy/feed/atom/"],
        "/tag/japan/": ["/tag/japan/feed/", "/tag/japan/feed/atom/"],
        "/author/mina-park/": ["/author/mina-park/feed/", "/author/mina-park/feed/atom/"],
        story.get_absolute_url(): ["/feed/", "/section/asia-economy/feed/"],
    }
    for page, feeds in pages.items():
        head = client.get(page).content.decode().split("</head>", 1)[0]
        advertised = re.findall(r'<link rel="alternate" type="application/(?:rss|atom)\+xml" title="[^"]+" href="([^"]+)"',
                                head)
        assert set(feeds) <= set(advertised), page
        for url in advertised:
            parsed(client, url)


@pytest.mark.parametrize("count", [2, 20])
def test_feed_query_counts_do_not_grow_with_items(client, django_assert_num_queries, count):
    section = SectionFactory(name="Economy")
    author = AuthorFactory(slug="mina-park")
    ArticleFactory.create_batch(count, section=section, tags=["Japan", "Trade"], authors=[author])

    with django_assert_num_queries(3):  # stories with their sections, bylines, tags
        client.get("/feed/")
    with django_assert_num_queries(4):  # section, stories (its subsections' in the same query), bylines, tags
        client.get("/section/economy/feed/atom/")
    with django_assert_num_queries(4):  # tag, stories, bylines, tags
        client.get("/tag/japan/feed/")
    with django_assert_num_queries(4):  # author, stories, bylines, tags
        client.get("/author/mina-park/feed/atom/")
