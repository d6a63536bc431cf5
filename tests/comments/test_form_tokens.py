"""One page view sends one comment: the form's token is spent by the comment it carried, and names must be visible."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from comments.forms import form_token
from comments.models import Comment
from tests.comments.conftest import comment_data
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def fresh_token(page: str) -> str:
    return page.split('name="token" value="', 1)[1].split('"', 1)[0]


def send(client, article, **data):
    return client.post(f"/comments/post/{article.pk}/", data, REMOTE_ADDR="203.0.113.7")


def test_one_token_sends_one_comment(client, settings, article, known_reader):
    settings.COMMENTS_RATE_LIMITS = []
    token = form_token(article.pk, now=time.time() - 30)

    first = send(client, article, **comment_data(article, email=known_reader, token=token, body="My first point."))
    again = send(client, article, **comment_data(article, email=known_reader, token=token, body="And a second one."))

    assert first.status_code == 302
    page = again.content.decode()
    assert again.status_code == 409
    assert "already sent a comment" in page and "And a second one." in page
    assert fresh_token(page) != token
    stored = Comment.objects.filter(body__in=["My first point.", "And a second one."])
    assert list(stored.values_list("body", flat=True)) == ["My first point."]


def test_a_refused_post_does_not_spend_the_token_and_comes_back_with_a_fresh_one(client, article, known_reader):
    token = form_token(article.pk, now=time.time() - 30)

    refused = send(client, article, **comment_data(article, email=known_reader, token=token, body=""))
    page = refused.content.decode()
    assert refused.status_code == 400 and fresh_token(page) != token

    accepted = send(client, article, **comment_data(article, email=known_reader, token=token, body="Now with words."))
    assert accepted.status_code == 302


def test_a_rate_limited_post_does_not_spend_the_token(client, settings, article, known_reader):
    settings.COMMENTS_RATE_LIMITS = [(1, 60)]
    send(client, article, **comment_data(article, email=known_reader, body="First, within the limit."))
    token = form_token(article.pk, now=time.time() - 30)

    limited = send(client, article, **comment_data(article, email=known_reader, token=token, body="Too soon."))
    assert limited.status_code == 429
    settings.COMMENTS_RATE_LIMITS = []
    again = send(client, article, **comment_data(article, email=known_reader, token=token, body="Too soon."))
    assert again.status_code == 302


def test_spent_tokens_are_forgotten_once_they_have_expired_anyway(client, settings, article, known_reader):
    from comments.models import UsedFormToken

    expired = timezone.now() - timedelta(seconds=settings.COMMENTS_MAX_AGE_SECONDS + 60)
    UsedFormToken.objects.create(nonce="old", used_at=expired)
    UsedFormToken.objects.create(nonce="recent", used_at=timezone.now())

    assert send(client, article, **comment_data(article, email=known_reader)).status_code == 302

    assert UsedFormToken.objects.filter(nonce="recent").exists() and UsedFormToken.objects.count() == 2
    assert not UsedFormToken.objects.filter(nonce="old").exists()


INVISIBLE = ["\u200b\u200b", "\u200d", "\u2060\ufeff", " \u3000 ", "\u3164", "\u115f\u1160", "\u2800", "\u034f",
             "\U000e0041\U000e0042", "\u00ad", "\u180e", "\u2028"]
OVERRIDES = ["Ana\u202eredaeR", "\u202dAna", "Ana\u2066x\u2069", "\u2067Ana", "\u2068Ana", "Ana\u202a"]


@pytest.mark.parametrize("name", INVISIBLE + OVERRIDES)
def test_names_with_nothing_to_see_or_with_direction_overrides_are_refused(post, name):
    response = post(name=name, body="A comment under a name nobody can read.")

    page = response.content.decode()
    assert response.status_code == 400
    assert "Name:" in page and "A comment under a name nobody can read." in page
    assert not Comment.objects.filter(body="A comment under a name nobody can read.").exists()


@pytest.mark.parametrize("name", ["Ana", "José Ñúñez", "محمد", "李小龍", "O'Brien-Smith", "Zoë\u200dx", "עִבְרִית"])
def test_real_names_in_any_script_are_taken(post, name):
    assert post(name=name, body=f"Signed {name}.").status_code == 302


def test_a_report_note_with_direction_overrides_is_refused(client, article):
    comment = CommentFactory(article=article)

    response = client.post(f"/comments/{comment.pk}/report/", {"reason": "spam", "note": "see \u202eelgoog"})

    assert response.status_code == 400
    assert not comment.flags.exists()


def test_two_posts_racing_past_the_form_check_store_one_comment(settings, article, known_reader):
    """The form's look-up can pass twice at the same moment on two servers; the unique row lets one through."""
    from comments import services

    settings.COMMENTS_RATE_LIMITS = []
    common = {"article": article, "name": "Ana Reader", "email": known_reader, "form_nonce": "a" * 32}
    services.comment_submit(body="Sent from the first server.", **common)

    with pytest.raises(services.CommentRefused) as refused:
        services.comment_submit(body="Sent from the second server.", **common)

    assert refused.value.status == 409
    assert not Comment.objects.filter(body="Sent from the second server.").exists()
