"""The count of shown comments kept on each article equals what readers see, whatever moderators do and in any order."""

import random

import pytest
from django.core.management import call_command

from articles.models import Article
from comments import services
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

STATUSES = ["approved", "approved", "approved", "pending", "rejected", "spam", "removed"]


def shown(article) -> int:
    return Comment.objects.visible().filter(article=article).count()


def kept(article) -> int:
    return Article.objects.values_list("comment_count", flat=True).get(pk=article.pk)


def discussion(rng: random.Random, article, size: int) -> list[Comment]:
    """Threads three deep, with a mix of statuses at every level and a few commenters writing several comments."""
    comments: list[Comment] = []
    for number in range(size):
        parent = rng.choice([None, None, *[c for c in comments if c.depth < 2]]) if comments else None
        comments.append(CommentFactory(
            article=article, parent=parent, status=rng.choice(STATUSES), author_email=f"reader{number % 5}@example.org",
        ))
    return comments


def act(rng: random.Random, article, comments: list[Comment], moderator) -> str:
    """One thing a moderator, a reader or a commenter may do that changes what readers see."""
    action = rng.choice(["approve", "reject", "spam", "remove", "flag", "ban", "erase", "submit", "approve"])
    comment = Comment.objects.get(pk=rng.choice(comments).pk)
    try:
        if action in ("approve", "reject", "spam", "remove"):
            service = {"approve": services.comment_approve, "reject": services.comment_reject,
                       "spam": services.comment_mark_spam, "remove": services.comment_remove}[action]
            service(comment=comment, by=moderator)
        elif action == "flag":
            services.comment_flag(comment=comment, reason="abuse", ip=f"198.51.100.{rng.randrange(1, 250)}")
        elif action == "ban":
            services.comment_ban_commenter(comment=comment, by=moderator)
        elif action == "erase":
            services.commenter_erase(email=comment.author_email, by=moderator)
        else:
            parent = comment if comment.depth < 2 and rng.random() < 0.7 else None
            comments.append(services.comment_submit(
                article=article, name="New Reader", email=f"new{rng.randrange(10**6)}@example.org",
                body=f"A new comment {rng.randrange(10**6)}.", parent=parent, ip=f"192.0.2.{rng.randrange(1, 250)}",
            ))
    except services.CommentRefused:
        pass
    return f"{action} #{comment.pk}"


@pytest.mark.parametrize("seed", range(6))
def test_the_kept_count_equals_the_shown_comments_after_any_sequence_of_actions(settings, moderator, seed):
    settings.COMMENTS_REPORTS_TO_HIDE = 1
    settings.COMMENTS_MODE = "open"
    rng = random.Random(seed)
    article, neighbour = ArticleFactory(), ArticleFactory()
    comments = discussion(rng, article, 25)
    discussion(rng, neighbour, 5)
    before = kept(neighbour)
    assert kept(article) == shown(article)

    steps = []
    for _ in range(40):
        steps.append(act(rng, article, comments, moderator))
        assert kept(article) == shown(article), steps

    assert kept(neighbour) == before == shown(neighbour)


def test_a_decision_on_a_parent_moves_its_whole_thread(moderator):
    article = ArticleFactory()
    root = CommentFactory(article=article)
    reply = CommentFactory(article=article, parent=root)
    CommentFactory(article=article, parent=reply)
    assert kept(article) == 3

    services.comment_remove(comment=root, by=moderator)
    assert kept(article) == 0
    services.comment_approve(comment=root, by=moderator)
    assert kept(article) == 3
    services.comment_reject(comment=reply, by=moderator)
    assert kept(article) == 1


def test_recount_puts_right_counts_stored_behind_the_services_back(capsys):
    articles = ArticleFactory.create_batch(3)
    for article in articles:
        CommentFactory.create_batch(2, article=article)
    Article.objects.update(comment_count=99)

    call_command("recount_comments")

    assert [kept(article) for article in articles] == [2, 2, 2]
    assert "3 articles" in capsys.readouterr().out


def test_the_heading_and_cards_show_the_kept_count(client):
    article = ArticleFactory()
    CommentFactory.create_batch(2, article=article)
    CommentFactory(article=article, status="pending")

    assert "2 comments" in client.get(article.get_absolute_url()).content.decode()
    assert "2 comments" in client.get("/").content.decode()
