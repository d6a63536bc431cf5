"""What each public page shows, as page-cache tags, and which tags a change of content touches (newsroom.pagecache).

A page is tagged with every article it shows (`article:<pk>`: its own page, each card, each feed item), the
sections, authors and tags whose names it prints, and the lists it is (`home`, `section:<pk>`, `tag:<pk>`,
`author:<pk>`, `search`, `feeds`, `sitemaps`). A change bumps the tags of what it changed, and for a story
entering or leaving the public site the lists it belongs to, before and after.
"""

from django.utils import timezone

from newsroom import pagecache

from .models import Article, Section


def card_tags(articles) -> set[str]:
    """What an article card prints: the article, its section's name, its authors' names."""
    tags = set()
    for article in articles:
        if article is None:
            continue
        tags.add(f"article:{article.pk}")
        tags.add(f"section:{article.section_id}")
        tags.update(f"author:{author.pk}" for author in article.byline)
    return tags


def article_page_tags(article: Article, related) -> set[str]:
    """The article page: the story and everything it names, and what "You may also like" is chosen from."""
    tags = {f"article:{article.pk}"} | card_tags(related)
    tags.update(f"section:{section.pk}" for section in article.section.trail())
    tags.update(f"author:{author.pk}" for author in article.byline)
    tags.update(f"tag:{tag.pk}" for tag in article.tags.all())
    return tags


def section_tags(section_ids) -> set[str]:
    """A section's list also shows its subsections' stories: a change there touches it and every section above."""
    tags, pending, seen = set(), set(filter(None, section_ids)), set()
    while pending:
        seen |= pending
        tags.update(f"section:{pk}" for pk in pending)
        pending = set(Section.objects.filter(pk__in=pending).exclude(parent=None).values_list("parent", flat=True))
        pending -= seen
    return tags


def membership_tags(*, section_ids=(), author_ids=(), tag_ids=()) -> set[str]:
    """The lists a public story appears in: all of them must show it arrive or go."""
    return (
        {"home", "search", "feeds", "sitemaps"}
        | section_tags(section_ids)
        | {f"author:{pk}" for pk in author_ids}
        | {f"tag:{pk}" for pk in tag_ids}
    )


NEXT_PUBLICATION = "pc:next-publication"


def next_publication():
    """When the next scheduled story goes public: no stored page may live past it (it may belong on the page).

    Kept in the shared cache with the version of the `schedule` tag it was computed under; scheduling,
    publishing or unpublishing any story bumps that tag.
    """
    version_key = pagecache.tag_key("schedule")
    found = pagecache.call("get_many", [NEXT_PUBLICATION, version_key])
    version = found.get(version_key)
    if version is None:
        pagecache.call("add", version_key, pagecache.new_token(), None)
        version = pagecache.call("get", version_key)
    now = timezone.now()
    stored = found.get(NEXT_PUBLICATION)
    if stored is not None and stored[0] == version and (stored[1] is None or stored[1] > now):
        return stored[1]
    upcoming = (
        Article.objects.filter(status__in=Article.PUBLIC_STATES, published_at__gt=now)
        .order_by("published_at").values_list("published_at", flat=True).first()
    )
    pagecache.call("set", NEXT_PUBLICATION, (version, upcoming), None)
    return upcoming
