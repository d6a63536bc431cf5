"""Schema.org JSON-LD for the article page, built as dicts from the article's own typed parts.

The templates serialise each dict with the `json_ld` filter, which escapes <, > and & so that nothing a
journalist typed can close the script element.
"""

from django.conf import settings
from django.urls import reverse

from .blocks import registry
from .models import Article, Correction

CONTEXT = "https://schema.org"


def news_article(article: Article, absolute) -> dict:
    """The NewsArticle: headline, dates, people, publisher, images, section, keywords, place and corrections."""
    url = absolute(article.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "@id": url + "#article",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "description": article.summary or article.subheadline,
        "inLanguage": settings.LANGUAGE_CODE,
        "datePublished": article.published_at.isoformat(timespec="seconds"),
        "dateModified": max(article.updated_at, article.published_at).isoformat(timespec="seconds"),
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
            for author in article.byline
        ],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.NEWSROOM_SITE_NAME,
            "url": absolute(reverse("articles:home")),
        },
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "isAccessibleForFree": True,
    }
    if article.dateline_place:
        data["locationCreated"] = {"@type": "Place", "name": article.dateline_place}
        data["dateline"] = article.dateline_place
    if picture := article.lead_picture:
        # Google asks for large images in several shapes: the photo as taken and the 3:2 crop.
        data["image"] = [
            {
                "@type": "ImageObject",
                "url": absolute(size.jpeg.url),
                "width": size.width,
                "height": size.height,
                "caption": article.lead_image_caption or article.lead_image_alt,
                **({"creditText": article.lead_image_credit} if article.lead_image_credit else {}),
            }
            for size in dict.fromkeys([picture.full.largest, picture.card.largest])
        ]
    corrections = [note for note in article.corrections.all() if note.kind == Correction.Kind.CORRECTION]
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": note.text, "datePublished": note.created_at.isoformat(timespec="seconds")}
            for note in corrections
        ]
    return data


def breadcrumbs(article: Article, absolute) -> dict:
    """The BreadcrumbList, item for item what the page's visible breadcrumbs show."""
    trail = [("Home", reverse("articles:home"))]
    trail += [(section.name, section.get_absolute_url()) for section in article.section.trail()]
    trail.append((article.headline, article.get_absolute_url()))
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(url)}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def article_graphs(article: Article, request) -> list[dict]:
    """Every JSON-LD block of the article page, read from an article loaded with `for_article_page()`."""
    absolute = request.build_absolute_uri
    graphs = [news_article(article, absolute), breadcrumbs(article, absolute)]
    # Block kinds add their own graphs (the FAQ's FAQPage), read from all their blocks in body order.
    blocks = article.body_blocks()
    graphs += [kind.structured_data(article, [b for b in blocks if b.block_kind is kind], absolute) for kind in registry]
    return [graph for graph in graphs if graph is not None]
