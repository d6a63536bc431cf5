"""Threads come a page of roots at a time, cut by keyset: every comment is reachable by links, without JavaScript."""

import html
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def link(page: str, label: str) -> str | None:
    found = re.search(rf'<a href="(\?[^"#]+)#comments" rel="(?:prev|next)">{label}</a>', page)
    return html.unescape(found.group(1)) if found else None


def shown_ids(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li class="comment" id="comment-(\d+)"', page)]


def long_discussion(article, roots: int):
    """Roots a minute apart, some sharing a second, each fifth with a reply and a reply to it."""
    start = timezone.now() - timedelta(days=1)
    comments = []
    for number in range(roots):
        root = CommentFactory(article=article, created_at=start + timedelta(minutes=number // 2))
        comments.append(root)
        if number % 5 == 0:
            reply = CommentFactory(article=article, parent=root, created_at=root.created_at + timedelta(hours=2))
            comments += [reply, CommentFactory(article=article, parent=reply, created_at=reply.created_at)]
    return comments


def test_later_and_earlier_links_reach_every_comment_once_in_order(client, settings):
    settings.COMMENTS_PER_PAGE = 7
    article = ArticleFactory()
    comments = long_discussion(article, 30)
    url = article.get_absolute_url()

    pages, page = [], client.get(url).content.decode()
    assert link(page, "Earlier comments") is None
    while True:
        pages.append(page)
        later = link(page, "Later comments")
        if later is None:
            break
        page = client.get(url + later).content.decode()
    forward = [pk for page in pages for pk in shown_ids(page)]

    backward_pages, page = [], pages[-1]
    while (earlier := link(page, "Earlier comments")) is not None:
        page = client.get(url + earlier).content.decode()
        backward_pages.append(page)
    backward = [pk for page in reversed(backward_pages) for pk in shown_ids(page)] + shown_ids(pages[-1])

    assert len(pages) == 5
    assert sorted(forward) == sorted(c.pk for c in comments) and len(set(forward)) == len(forward)
    assert backward == forward
    roots = [c.pk for c in sorted(comments, key=lambda c: (c.created_at, c.pk)) if c.parent_id is None]
    assert [pk for pk in forward if pk in roots] == roots


class Nesting(HTMLParser):
    """Which comment each comment's list item sits in, read from the page's own markup."""

    def __init__(self):
        super().__init__()
        self.stack: list[str | None] = []
        self.parents: dict[int, int | None] = {}

    def handle_starttag(self, tag, attrs):
        if tag in ("li", "ol"):
            found = dict(attrs).get("id", "") or ""
            own = found.removeprefix("comment-") if tag == "li" and found.startswith("comment-") else None
            if own:
                above = [item for item in self.stack if item]
                self.parents[int(own)] = int(above[-1]) if above else None
            self.stack.append(own)

    def handle_endtag(self, tag):
        if tag in ("li", "ol"):
            self.stack.pop()


def test_replies_are_nested_under_their_parents(client):
    article = ArticleFactory()
    root = CommentFactory(article=article, body="Root words.")
    reply = CommentFactory(article=article, parent=root, body="Reply words.")
    deepest = CommentFactory(article=article, parent=reply, body="Deepest words.")
    other_reply = CommentFactory(article=article, parent=root, body="Second reply.")
    second = CommentFactory(article=article, body="Second root.")

    page = client.get(article.get_absolute_url()).content.decode()
    nesting = Nesting()
    nesting.feed(page.split('<section class="comments"')[1].split('<div class="comment-form"')[0])

    assert nesting.parents == {
        root.pk: None, reply.pk: root.pk, deepest.pk: reply.pk, other_reply.pk: root.pk, second.pk: None,
    }
    assert nesting.stack == []  # every list the thread opens is closed


@pytest.mark.parametrize("query", [
    "?comments=2", "?comments_after=", "?comments_after=abc", "?comments_before=1.2.3", "?comments_after=-5.1",
    "?comments_after=99999999999999999.1", "?comments_before=1.1", "?comments_after=١٢.٣", "?comments_after=%00",
])
def test_old_links_and_bad_cursors_show_the_first_page(client, query):
    article = ArticleFactory()
    first = CommentFactory(article=article, body="The first comment.")

    response = client.get(article.get_absolute_url() + query)

    assert response.status_code == 200
    assert f'id="comment-{first.pk}"' in response.content.decode()


@pytest.mark.parametrize("roots", [1, 60])
def test_the_last_page_of_threads_costs_what_the_first_does(client, settings, django_assert_num_queries, roots):
    settings.COMMENTS_PER_PAGE = 30
    article = ArticleFactory(tags=["Harbour"])
    ArticleFactory(section=article.section)
    long_discussion(article, roots)
    url = article.get_absolute_url()
    first = client.get(url).content.decode()
    last = url + (link(first, "Later comments") or "")

    for address in (url, last):
        with django_assert_num_queries(8):
            assert client.get(address).status_code == 200
