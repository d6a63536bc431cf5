"""Two app servers behind one address, sharing one PostgreSQL and one Redis: what an editor or moderator does on
one server is what readers get from the other at once, pages it had already served (and cached) included."""

import os
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connections

from articles.formdata import form_data
from articles.models import Article
from comments.models import Comment
from tests.appserver import AppServer
from tests.factories import ArticleFactory, CommentFactory, TextSectionFactory

pytestmark = [pytest.mark.scaleout, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("NEWSROOM_SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/7")
CSRF = "s" * 32


def database_url() -> str:
    """The test database as a URL the servers can open: the same rows the test writes and reads."""
    s = connections["default"].settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def servers(transactional_db, tmp_path):
    """Servers A and B: the same code and settings, the same database and Redis, different ports."""
    if connections["default"].vendor != "postgresql":
        pytest.skip("two app servers share a database server: runs on PostgreSQL (CI's second pass)")
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at {REDIS_URL}: {error}")
    env = {
        "DATABASE_URL": database_url(), "REDIS_URL": REDIS_URL, "CACHE_URL": REDIS_URL,
        # The session made here must be valid there: the same key signs both.
        "DJANGO_SECRET_KEY": settings.SECRET_KEY, "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "NEWSROOM_TRUSTED_PROXIES": "1", "DJANGO_CONN_MAX_AGE": "0",
    }
    with AppServer(env, log=tmp_path / "a.log") as a, AppServer(env, log=tmp_path / "b.log") as b:
        yield a, b


def signed_in(django_user_model) -> str:
    """A superuser's session, stored in the shared database as a sign-in on any server would store it."""
    user = django_user_model.objects.create_superuser("desk", "desk@example.com", "not-used-here")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}; csrftoken={CSRF}"


def post(server: AppServer, path: str, cookie: str, data: dict) -> tuple[int, dict]:
    status, headers, _ = server.request("POST", path, body=urlencode({**data, "csrfmiddlewaretoken": CSRF}, doseq=True).encode(),
                                        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    return status, headers


def page(server: AppServer, path: str) -> str:
    status, _, body = server.get(path)
    assert status == 200, (path, status)
    return body.decode()


def test_a_comment_approved_on_one_server_shows_on_the_other_at_once(servers, django_user_model):
    a, b = servers
    article = ArticleFactory(headline="Harbour ferry timetable changes")
    TextSectionFactory(article=article)
    held = CommentFactory(article=article, status=Comment.Status.PENDING, body="The early boat suits shift workers.")
    for _ in range(2):  # B has served the page, and kept it if it caches pages
        assert "The early boat suits shift workers." not in page(b, article.get_absolute_url())

    status, _ = post(a, f"/admin/comments/comment/{held.pk}/decide/", signed_in(django_user_model),
                     {"decide-approve": "Approve"})
    assert status == 302
    assert Comment.objects.get(pk=held.pk).status == Comment.Status.APPROVED
    assert "The early boat suits shift workers." in page(b, article.get_absolute_url())


def test_an_article_published_on_one_server_shows_on_the_other_at_once(servers, django_user_model):
    a, b = servers
    ArticleFactory(headline="Council meets on Tuesday")
    draft = ArticleFactory(headline="Night ferry returns to the estuary", status=Article.Status.DRAFT, published_at=None)
    TextSectionFactory(article=draft, body="<p>The night ferry crosses every forty minutes from May.</p>")
    for _ in range(2):
        home = page(b, "/")
        assert "Council meets on Tuesday" in home and "Night ferry returns to the estuary" not in home
    assert b.get(draft.get_absolute_url())[0] == 404

    cookie = signed_in(django_user_model)
    change = f"/admin/articles/article/{draft.pk}/change/"
    status, _, body = a.request("GET", change, headers={"Cookie": cookie})
    assert status == 200
    data = form_data(body.decode())
    data.update({"_workflow_action": ["publish"], "_workflow_ack_publish": ["on"]})
    status, _ = post(a, change, cookie, data)
    assert status == 302
    assert Article.objects.get(pk=draft.pk).is_public

    assert "Night ferry returns to the estuary" in page(b, "/")
    assert "The night ferry crosses every forty minutes" in page(b, draft.get_absolute_url())
