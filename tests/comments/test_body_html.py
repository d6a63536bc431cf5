"""A comment's HTML is made once when it is saved, and a page never trusts the stored column with markup."""

import pytest

from comments import services
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def test_the_html_is_made_on_save_and_follows_the_body():
    comment = CommentFactory(body="See https://example.org/a\nthen <b>this</b>.")
    assert comment.body_html == (
        'See <a href="https://example.org/a" rel="nofollow ugc noopener">https://example.org/a</a><br>'
        "then &lt;b&gt;this&lt;/b&gt;."
    )

    comment.body = "Changed words."
    comment.save(update_fields=["body"])

    assert Comment.objects.get(pk=comment.pk).body_html == "Changed words."


def test_markup_slipped_into_the_stored_html_is_cleaned_on_the_page(client):
    article = ArticleFactory()
    comment = CommentFactory(article=article)
    Comment.objects.filter(pk=comment.pk).update(body_html='<script>alert(1)</script><img src=x onerror=alert(1)>Hi')

    page = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in page and "onerror" not in page and "Hi</div>" in page


def test_erased_comments_show_removed(client, moderator):
    article = ArticleFactory()
    CommentFactory(article=article, author_email="gone@example.org", body="My private story.")

    services.commenter_erase(email="gone@example.org", by=moderator)
    page = client.get(article.get_absolute_url()).content.decode()

    assert "My private story." not in page and '<div class="comment-body">[removed]</div>' in page
