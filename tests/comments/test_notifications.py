"""What commenters, authors and moderators get by mail, and what its links do."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from articles.management.commands.load_demo import SEED_SLUG
from articles.models import Article, Author
from comments import services
from comments.models import Comment
from tests.conftest import SEED
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory

pytestmark = pytest.mark.django_db


def test_new_comments_on_the_demo_desks_stories_are_mailed_to_the_demo_editor(
    seed_text, moderator, django_capture_on_commit_callbacks,
):
    for _ in range(2):  # loading twice leaves the same link
        call_command("load_demo", "--seed", str(SEED), stdout=io.StringIO())
    desk = Author.objects.get(name="Newsroom Desk")
    assert (desk.user.username, desk.user.email) == ("editor", "editor@example.com")
    comment = CommentFactory(article=Article.objects.get(slug=SEED_SLUG), status="pending")

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment=comment, by=moderator)

    assert ["editor@example.com"] in [message.to for message in mail.outbox]


@pytest.fixture
def site_url(settings):
    settings.NEWSROOM_SITE_URL = "https://news.example"
    return settings.NEWSROOM_SITE_URL


def test_moderators_and_authors_get_links_they_can_follow(site_url, moderator, django_user_model,
                                                         django_capture_on_commit_callbacks):
    journalist = django_user_model.objects.create_user("jo", email="jo@example.com")
    article = ArticleFactory(authors=[AuthorFactory(user=journalist)])

    with django_capture_on_commit_callbacks(execute=True):
        held = services.comment_submit(article=article, name="Ana", email="ana@example.com", body="First words.")
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment=held, by=moderator)

    to_moderator, to_author = mail.outbox
    assert f"{site_url}/admin/comments/comment/{held.pk}/change/" in to_moderator.body
    assert f"{site_url}/admin/comments/comment/?queue=pending" in to_moderator.body
    assert "First-time commenter: First comment from this e-mail address." in to_moderator.body
    assert f"{site_url}{article.get_absolute_url()}#comment-{held.pk}" in to_author.body


@pytest.fixture
def reply_mail(site_url, moderator, django_capture_on_commit_callbacks):
    """A reply mail to a commenter who asked for them on two comments (under two spellings of the address)."""
    article = ArticleFactory()
    asked = CommentFactory(article=article, author_email="Asked@Example.com", notify_replies=True)
    CommentFactory(article=article, author_email="asked@example.com", notify_replies=True)
    CommentFactory(article=article, author_email="someone@example.com", notify_replies=True)
    reply = CommentFactory(article=article, parent=asked, status="pending", body="I see it differently.")
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment=reply, by=moderator)
    [message] = [message for message in mail.outbox if message.to == ["Asked@Example.com"]]
    return message, reply


def unsubscribe_path(message) -> str:
    return re.search(r"https://news\.example(/comments/unsubscribe/[^/\s]+/)", message.body).group(1)


def test_reply_mail_links_are_absolute_and_one_stops_such_mail(reply_mail, site_url):
    message, reply = reply_mail

    assert f"{site_url}{reply.article.get_absolute_url()}#comment-{reply.pk}" in message.body
    assert "/comments/unsubscribe/" in message.body
    assert "asked@example.com" not in unsubscribe_path(message).lower()


def test_unsubscribing_asks_first_and_stops_reply_mail_for_every_comment_of_that_address(reply_mail):
    path = unsubscribe_path(reply_mail[0])
    browser = Client(enforce_csrf_checks=True)

    page = browser.get(path)

    assert page.status_code == 200 and "Stop e-mails about replies" in page.content.decode()
    assert Comment.objects.filter(notify_replies=True).count() == 3  # opening the link changes nothing
    assert browser.post(path).status_code == 403  # no CSRF token
    assert Comment.objects.filter(notify_replies=True).count() == 3

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = browser.post(path, {"csrfmiddlewaretoken": token})

    assert response.status_code == 302 and response["Location"] == path
    assert list(Comment.objects.filter(notify_replies=True).values_list("author_email", flat=True)) == [
        "someone@example.com"
    ]
    after = browser.get(path).content.decode()
    assert "We send you no e-mails about replies" in after and "<form" not in after.split("<main", 1)[1]


def test_an_altered_unsubscribe_link_is_not_found(client, reply_mail):
    path = unsubscribe_path(reply_mail[0])
    signed, signature = path.rstrip("/").rsplit(":", 1)
    altered = f"{signed}:{signature[::-1]}/"

    assert client.get(altered).status_code == 404
    assert client.post(altered).status_code == 404
    assert client.get("/comments/unsubscribe/not-a-token/").status_code == 404
    assert Comment.objects.filter(notify_replies=True).count() == 3
