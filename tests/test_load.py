"""The load test's client, run briefly against the live server, so `make load` cannot quietly stop working."""

import pytest

from bench import load
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, SectionFactory

READERS, COMMENTERS, HASTY, SECONDS = 3, 3, 1, 6


@pytest.fixture
def site(transactional_db, settings):
    """Two stories open for comments, a short form minimum and a short rate limit window, so a few seconds suffice."""
    from django.db import connection

    if connection.vendor == "sqlite":
        # The live server's threads share the one in-memory SQLite connection of the test database, so concurrent
        # requests race inside the driver; `make load` itself runs on PostgreSQL, as does CI's second pass.
        pytest.skip("concurrent requests need a database server: runs on PostgreSQL")
    settings.NEWSROOM_TRUSTED_PROXIES = 1
    settings.COMMENTS_MIN_SECONDS = 1
    settings.COMMENTS_RATE_LIMITS = [(1, 3)]
    section = SectionFactory(name="Economy")
    ArticleFactory(section=section, tags=["Trade"])
    ArticleFactory(section=section)
    return settings


@pytest.fixture
def run(site, live_server):
    return load.drive(
        live_server.url, readers=READERS, commenters=COMMENTERS, hasty=HASTY, duration=SECONDS, think=0.2,
        min_seconds=site.COMMENTS_MIN_SECONDS, limits=site.COMMENTS_RATE_LIMITS, timeout=30, seed=8,
    )


def test_brief_load_reconciles_every_comment(run):
    result = load.reconcile(run)

    assert load.failures(run, result) == []
    kinds = {sample.kind for sample in run.samples}
    assert {"article", "home", "listing", "search", "feed", "comment page", "comment post"} <= kinds
    polite = [attempt for attempt in run.attempts if not attempt.hasty]
    assert polite and all(attempt.acknowledged for attempt in polite)
    assert any(attempt.refused_on_purpose for attempt in run.attempts)
    assert result.acknowledged == Comment.objects.count()
    assert result.refused == sum(attempt.refused_on_purpose for attempt in run.attempts)
    print(load.report(run, result))


def test_reconciliation_finds_a_lost_a_doubled_and_a_wrongly_stored_comment(db):
    article = ArticleFactory()
    marker = "[load feed1 c{} n1]"
    sent = [
        load.Attempt(marker.format(0), 0, False, status=302),
        load.Attempt(marker.format(1), 1, False, status=302),
        load.Attempt(marker.format(2), 2, True, status=429),
        load.Attempt(marker.format(3), 3, False, status=302),
    ]
    run = load.Run("feed1", 1.0, [], sent, [])
    for body in (marker.format(1), marker.format(1), marker.format(2), marker.format(3), marker.format(4)):
        CommentFactory(article=article, body=f"Text {body}")

    problems = load.reconcile(run).problems

    assert sorted(problems) == sorted([
        f"acknowledged {marker.format(0)} is stored 0 times",
        f"acknowledged {marker.format(1)} is stored 2 times",
        f"refused {marker.format(2)} (429) is stored 1 times",
        f"{marker.format(4)} is stored but was never sent",
    ])
    assert load.failures(run, load.reconcile(run))


def test_an_unexpected_answer_fails_the_run(db):
    run = load.Run("feed2", 1.0, [load.Sample("article", 500, 0.1)], [], ["article GET /news/x/: 500"])

    assert "article GET /news/x/: 500" in load.failures(run, load.reconcile(run))
    assert "unexpected answers: 1" in load.report(run, load.reconcile(run))


def test_comment_form_is_read_as_a_browser_sends_it():
    page = """<form method="get" action="/search/"><input name="q"></form>
    <form method="post" action="/comments/post/7/#comment-form">
      <input type="hidden" name="csrfmiddlewaretoken" value="abc"><input type="hidden" name="token" value="t:1">
      <input type="checkbox" name="notify_replies"><input type="checkbox" name="kept" value="on" checked>
      <textarea name="body">Kept &amp; sent</textarea></form>"""

    action, fields, token_url = load.comment_form(page)

    assert action == "/comments/post/7/"
    assert fields == {"csrfmiddlewaretoken": "abc", "token": "t:1", "kept": "on", "body": "Kept & sent"}
    assert token_url == ""


def test_a_cached_page_s_comment_form_says_where_its_tokens_come_from():
    page = """<form method="post" action="/comments/post/7/#comment-form" data-form-token-url="/comments/7/form-token">
      <input type="hidden" name="csrfmiddlewaretoken" value=""><input type="hidden" name="token"></form>"""

    action, fields, token_url = load.comment_form(page)

    assert (action, token_url) == ("/comments/post/7/", "/comments/7/form-token")
    assert fields == {"csrfmiddlewaretoken": "", "token": ""}
