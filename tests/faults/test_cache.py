"""Redis out of reach: pages, comments and the admin keep working on a local cache, and Redis is used again on return."""

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse

from comments.forms import form_token
from comments.models import Comment
from tests.factories import ArticleFactory
from tests.faultproxy import FaultProxy

ROOT = Path(__file__).resolve().parents[2]
# The Redis the suite may use: REDIS_URL when set, else a local server's database 2, when one answers.
TEST_REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/2"


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def resilient_cache(url: str) -> dict:
    return {"default": {
        "BACKEND": "newsroom.cache.ResilientRedisCache", "LOCATION": url, "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }}


@pytest.fixture
def redis_gone(settings):
    """The site configured with Redis at an address where nothing listens."""
    settings.CACHES = resilient_cache(f"redis://127.0.0.1:{unused_port()}/0")


@pytest.fixture
def redis_server():
    """host, port and database of a Redis that answers, or a skip saying why."""
    parts = urlsplit(TEST_REDIS_URL)
    host, port = parts.hostname or "127.0.0.1", parts.port or 6379
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        pytest.skip(f"no Redis answers at {host}:{port} (set REDIS_URL); CI runs one")
    return host, port, parts.path.lstrip("/") or "0"


def outage_lines(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "newsroom.outages"]


def test_a_site_with_redis_configured_still_answers_when_redis_is_not_there():
    """The settings as an operator writes them: REDIS_URL set, the server down or never started."""
    code = "from django.core.cache import cache; cache.set('probe', 41); print(cache.get('probe') + 1)"
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, capture_output=True, text=True, check=False,
        env=environment | {"DJANGO_SECRET_KEY": "x", "REDIS_URL": f"redis://127.0.0.1:{unused_port()}/0"},
    )
    assert result.stdout.strip().splitlines()[-1:] == ["42"], result.stderr


def test_comments_are_taken_and_still_rate_limited_while_redis_is_down(client, db, redis_gone, caplog):
    article = ArticleFactory()
    data = {"name": "Ana Reader", "email": "ana@example.com", "website": "", "parent": ""}
    url = reverse("comments:post", args=[article.pk])

    def post(body: str):
        # Each post from a page of its own: a form's token is spent by the comment it carries.
        token = form_token(article.pk, now=time.time() - 30)
        return client.post(url, data | {"body": body, "token": token}, REMOTE_ADDR="203.0.113.7")

    first = post("The budget looked sound to me.")
    second = post("And the harbour plan too.")

    assert first.status_code == 302
    assert second.status_code == 429  # the limit is counted in this process's memory meanwhile
    assert "And the harbour plan too." in second.content.decode()
    assert list(Comment.objects.values_list("body", flat=True)) == ["The budget looked sound to me."]
    assert len([line for line in outage_lines(caplog) if "unreachable" in line]) == 1


def test_the_article_editor_opens_while_redis_is_down(client, db, redis_gone, django_user_model):
    editor = django_user_model.objects.create_superuser("edna", password="pw-for-tests")
    article = ArticleFactory()
    client.force_login(editor)

    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert response.status_code == 200


def test_pages_do_not_wait_for_redis_once_it_is_known_to_be_down(redis_gone, monkeypatch):
    """After the first failure the cache answers from memory until the next attempt is due: no timeout each time."""
    from newsroom import cache as resilient

    attempts = []
    real_get = resilient.RedisCache.get

    def counting_get(self, *args, **kwargs):
        attempts.append(args)
        return real_get(self, *args, **kwargs)

    monkeypatch.setattr(resilient.RedisCache, "get", counting_get)
    for _ in range(20):
        cache.get("anything")

    assert len(attempts) == 1


def test_the_cache_uses_redis_again_when_it_returns(settings, redis_server, monkeypatch, caplog):
    from newsroom import cache as resilient

    host, port, database = redis_server
    now = [1000.0]
    monkeypatch.setattr(resilient, "_clock", lambda: now[0])
    with FaultProxy(host, port) as proxy:
        settings.CACHES = resilient_cache(f"redis://{proxy.address}/{database}")
        cache.set("kept", "in Redis", 60)

        proxy.cut()
        assert cache.get("kept") is None  # served from this process's memory, which never had it
        cache.set("meanwhile", "in memory", 60)
        assert cache.get("meanwhile") == "in memory"

        proxy.restore()
        assert cache.get("kept") is None  # the next attempt is not due yet
        now[0] += 60
        assert cache.get("kept") == "in Redis"
        cache.delete("kept")

    lines = outage_lines(caplog)
    assert len([line for line in lines if "unreachable" in line]) == 1
    assert len([line for line in lines if "reachable again" in line]) == 1


def test_a_silent_redis_costs_a_short_timeout_not_a_hung_page(settings, redis_server):
    """A Redis that accepts connections and answers nothing (a lost network) is given up after the socket timeout."""
    host, port, database = redis_server
    with FaultProxy(host, port) as proxy:
        settings.CACHES = resilient_cache(f"redis://{proxy.address}/{database}")
        proxy.cut("blackhole")

        assert cache.get_or_set("answer", 42) == 42
