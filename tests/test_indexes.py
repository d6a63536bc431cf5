"""Every post's first-comment check finds the commenter's earlier comments from an index, not by reading every
comment (PostgreSQL's plan; docs/performance.md gives the plans and timings of the lists at 1,000,000 comments)."""

import pytest
from django.db import connection

from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="query plans are PostgreSQL's: runs on PostgreSQL (CI's second pass)",
)


def plan(queryset) -> str:
    """The plan of a query with whole-table reads forbidden: a tiny test table would otherwise always be read whole."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SET LOCAL enable_seqscan = off")
        return queryset.explain()


@pytest.fixture
def story(db):
    article = ArticleFactory()
    CommentFactory.create_batch(60, article=article)  # other commenters: the status alone no longer narrows it down
    CommentFactory(article=article, author_email="Reader@Example.com", author_name="Reader")
    return article


def test_the_first_comment_check_finds_a_commenter_by_e_mail_whatever_its_case(story):
    from comments.checks import Submission, first_time_commenter  # the query each post runs

    queryset = Comment.objects.approved().filter(author_email__iexact="reader@example.COM")

    assert "comment_email_ci_idx" in plan(queryset)
    assert first_time_commenter(
        Submission(article_id=story.pk, body="Hello", author_name="Reader", author_email="READER@example.com",
                   address_hash="")
    ) is None
