"""JSON-LD, Open Graph and Twitter cards, canonical links, titles and descriptions, as machines read them."""

import json
import re

import extruct
import pytest

from articles import services
from articles.models import Article
from articles.previews import preview_url
from tests.factories import ArticleFactory, FaqEntryFactory, SectionFactory, image_file

pytestmark = pytest.mark.django_db

SEED_URL = "/news/japans-new-cabinet-first-foreign-ministers-meeting/"
SEED_HEADLINE = (
    "Japan’s New Cabinet Initiates First Foreign Ministers’ Meeting: Aiming to Foster Stable International Relations"
)


def _no_constants(name):
    raise ValueError(f"not strict JSON: {name}")


def json_ld(html: str) -> dict[str, dict]:
    """Every JSON-LD block by its @type, read by extruct and, block by block, by a strict JSON parser."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    strict = [json.loads(block, parse_constant=_no_constants) for block in blocks]
    extracted = extruct.extract(html, syntaxes=["json-ld"], errors="strict")["json-ld"]
    assert extracted == strict, "extruct and a strict parser read the blocks differently"
    by_type = {block["@type"]: block for block in strict}
    assert len(by_type) == len(strict), "one block per type"
    return by_type


def opengraph(html: str) -> dict[str, str]:
    [found] = extruct.extract(html, syntaxes=["opengraph"], errors="strict")["opengraph"]
    return dict(found["properties"])


def meta(html: str, name: str) -> str | None:
    match = re.search(rf'<meta name="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def test_seed_article_has_news_article_breadcrumbs_and_faq_page(client, demo):
    html = client.get(SEED_URL).content.decode()
    data = json_ld(html)
    seed = Article.objects.get(slug=SEED_URL.split("/")[2])

    assert set(data) == {"NewsArticle", "BreadcrumbList", "FAQPage"}
    article = data["NewsArticle"]
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == SEED_HEADLINE
    assert article["description"].startswith("South Korea’s Cho Hyun and Japan’s Toshimitsu Motegi met")
    assert article["datePublished"] == "2025-10-29T09:00:00+00:00"
    assert article["dateModified"] >= article["datePublished"]
    assert article["author"] == [
        {"@type": "Person", "name": "Newsroom Desk", "url": "http://testserver/author/newsroom-desk/"},
    ]
    assert article["publisher"]["name"] == "Newsroom" and article["publisher"]["url"] == "http://testserver/"
    assert article["articleSection"] == "Economy"
    assert article["keywords"] == ["Japan", "South Korea", "Diplomacy", "APEC"]
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": f"http://testserver{SEED_URL}"}
    assert article["locationCreated"] == {"@type": "Place", "name": "Gyeongju, South Korea"}
    assert "correction" not in article

    breadcrumbs = data["BreadcrumbList"]["itemListElement"]
    assert [(item["position"], item["name"]) for item in breadcrumbs] == [
        (1, "Home"), (2, "Economy"), (3, SEED_HEADLINE),
    ]
    visible = re.findall(r"<li>(?:<a [^>]+>|<span [^>]+>)([^<]+)<", html.split('aria-label="Breadcrumb"', 1)[1])[:3]
    assert [item["name"] for item in breadcrumbs] == visible
    assert breadcrumbs[1]["item"] == "http://testserver/section/economy/"

    faq = data["FAQPage"]
    entries = list(seed.faq_entries.order_by("position"))
    assert len(faq["mainEntity"]) == len(entries) == 5
    for question, entry in zip(faq["mainEntity"], entries, strict=True):
        assert question["@type"] == "Question" and question["name"] == entry.question
        assert question["acceptedAnswer"] == {"@type": "Answer", "text": entry.answer}
    assert faq["mainEntity"][0]["name"] == "What is the primary goal of the recent Korea-japan talks?"


def test_script_in_a_headline_cannot_end_the_json_ld_block(client):
    hostile = 'Budget </script><script>alert("x")</script> & <!-- vote'
    article = ArticleFactory(headline=hostile, summary="</SCRIPT> in the summary too")
    FaqEntryFactory(article=article, question="</script>?", answer="<b>no</b>")

    html = client.get(article.get_absolute_url()).content.decode()
    data = json_ld(html)

    assert data["NewsArticle"]["headline"] == hostile
    assert data["FAQPage"]["mainEntity"][0]["name"] == "</script>?"
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        assert not re.search(r"[<>&]", block)
    assert "<script>alert" not in html


def test_corrections_appear_as_correction_comments(client, editor):
    article = ArticleFactory()
    services.article_add_correction(article=article, by=editor, text="An earlier version misspelt the mayor’s name.")
    services.article_add_correction(article=article, by=editor, kind="update", text="The vote was confirmed.")

    data = json_ld(client.get(article.get_absolute_url()).content.decode())

    [correction] = data["NewsArticle"]["correction"]
    assert correction["@type"] == "CorrectionComment"
    assert correction["text"] == "An earlier version misspelt the mayor’s name."


def test_open_graph_and_twitter_cards_of_an_article_with_a_picture(client):
    article = ArticleFactory(
        headline="Harbour cranes return", summary="Dockers accepted the offer.", tags=["Ports"],
        lead_image=image_file("cranes.jpg", size=(1600, 1200)), lead_image_alt="Two cranes at dawn",
        dateline_place="Busan, South Korea",
    )
    services.article_make_renditions(article=article)
    card = article.lead_image_renditions["card"][-1]
    full = article.lead_image_renditions["full"][-1]

    html = client.get(article.get_absolute_url()).content.decode()
    og = opengraph(html)

    assert og["og:type"] == "article" and og["og:title"] == "Harbour cranes return"
    assert og["og:description"] == "Dockers accepted the offer."
    assert og["og:url"] == f"http://testserver{article.get_absolute_url()}"
    assert og["og:image"] == f"http://testserver/media/{card['jpeg']['name']}"
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "800")
    assert og["og:image:alt"] == "Two cranes at dawn"
    assert og["article:section"] == article.section.name and og["article:tag"] == "Ports"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == og["og:image"]
    images = json_ld(html)["NewsArticle"]["image"]
    assert [(image["url"], image["width"], image["height"]) for image in images] == [
        (f"http://testserver/media/{full['jpeg']['name']}", 1200, 900),
        (f"http://testserver/media/{card['jpeg']['name']}", 1200, 800),
    ]


def test_every_page_has_one_canonical_link_a_title_and_a_description(client, settings):
    section = SectionFactory(name="Economy", description="Money, trade and work.")
    article = ArticleFactory(section=section, tags=["Japan"], summary="The council approved the budget.")
    ArticleFactory.create_batch(settings.NEWSROOM_PAGE_SIZE, section=section)
    author = article.byline[0]
    pages = {
        "/": ("http://testserver/", "Newsroom"),
        article.get_absolute_url() + "?utm_source=x": (f"http://testserver{article.get_absolute_url()}",
                                                       f"{article.headline} – Newsroom"),
        "/section/economy/?page=1": ("http://testserver/section/economy/", "Economy – Newsroom"),
        # Lists are paged by keyset: an old numbered link shows the first page, which is what it then names.
        "/section/economy/?page=2": ("http://testserver/section/economy/", "Economy – Newsroom"),
        "/tag/japan/": ("http://testserver/tag/japan/", "Stories tagged “Japan” – Newsroom"),
        author.get_absolute_url(): (f"http://testserver{author.get_absolute_url()}", f"{author.name} – Newsroom"),
        "/search/?q=budget": ("http://testserver/search/?q=budget", "Search: budget – Newsroom"),
    }
    for url, (canonical, title) in pages.items():
        html = client.get(url).content.decode()
        assert re.findall(r'<link rel="canonical" href="([^"]+)">', html) == [canonical], url
        assert re.search(r"<title>(.*?)</title>", html, re.S).group(1) == title, url
        assert meta(html, "description"), url
    assert meta(client.get(article.get_absolute_url()).content.decode(), "description") == (
        "The council approved the budget."
    )
    assert meta(client.get("/section/economy/").content.decode(), "description") == "Money, trade and work."


def test_paginated_lists_link_their_neighbours_in_the_head(client, settings):
    section = SectionFactory(name="Economy")
    ArticleFactory.create_batch(settings.NEWSROOM_PAGE_SIZE * 2 + 1, section=section)

    first = client.get("/section/economy/").content.decode().split("</head>", 1)[0]
    older = re.search(r'<link rel="next" href="\?older=([0-9.]+)">', first).group(1)
    middle = client.get(f"/section/economy/?older={older}").content.decode().split("</head>", 1)[0]

    assert 'rel="prev"' not in first
    assert re.search(r'<link rel="prev" href="\?newer=[0-9.]+">', middle)
    assert re.search(r'<link rel="next" href="\?older=[0-9.]+">', middle)
    assert f'<link rel="canonical" href="http://testserver/section/economy/?older={older}">' in middle
    assert "<title>Economy, older stories – Newsroom</title>" in middle


def test_search_results_are_kept_out_of_search_engines(client):
    assert meta(client.get("/search/?q=budget").content.decode(), "robots") == "noindex, follow"


def test_previews_carry_no_structured_data_and_ask_not_to_be_indexed(client):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    url, _ = preview_url(article_id=draft.pk)

    html = client.get(url).content.decode()

    assert "application/ld+json" not in html and 'property="og:' not in html
    assert meta(html, "robots") == "noindex, nofollow"

