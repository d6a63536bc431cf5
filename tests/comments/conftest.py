import time

import pytest

from comments.forms import form_token
from tests.factories import ArticleFactory, CommentFactory, TextSectionFactory


@pytest.fixture
def article(db):
    story = ArticleFactory(headline="Council approves the harbour budget")
    TextSectionFactory(article=story, body="<p>The council approved the budget on Tuesday.</p>")
    return story


@pytest.fixture
def known_reader(article):
    """A reader with an approved comment under the name `post` sends, so the first-time rule lets them through."""
    return CommentFactory(article=article, author_email="known@example.com", author_name="Ana Reader").author_email


def comment_data(article, **overrides) -> dict:
    data = {
        "name": "Ana Reader",
        "email": "ana@example.com",
        "body": "I went to the meeting and the budget looked sound to me.",
        "token": form_token(article.pk, now=time.time() - 30),
        "website": "",
        "parent": "",
    }
    return data | overrides


@pytest.fixture
def post(client, article):
    def send(**overrides):
        target = overrides.pop("article", article)
        return client.post(f"/comments/post/{target.pk}/", comment_data(target, **overrides), REMOTE_ADDR="203.0.113.7")

    return send
