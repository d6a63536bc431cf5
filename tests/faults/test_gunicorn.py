"""The production server as shipped: slow clients do not stop readers, oversized requests are refused, and the site
recovers from a database outage by itself."""

import os
import socket
import subprocess
import sys
import time

import pytest
from django.db import connections

from tests.appserver import ROOT, AppServer, SlowClient
from tests.factories import ArticleFactory
from tests.faultproxy import FaultProxy


@pytest.fixture(scope="module")
def site_database(tmp_path_factory) -> str:
    """An empty, migrated SQLite database the live server can open (the suite's own lives in this process)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'db.sqlite3'}"
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, check=True,
        env=environment | {"DJANGO_SECRET_KEY": "x", "DATABASE_URL": url},
    )
    return url


@pytest.fixture
def server(site_database, tmp_path):
    """gunicorn as shipped (gunicorn.conf.py), on a database of its own."""
    with AppServer({"DATABASE_URL": site_database}, log=tmp_path / "gunicorn.log") as app:
        yield app


def test_two_slow_clients_do_not_stop_readers(server):
    slow = [SlowClient(server.port) for _ in range(2)]
    try:
        time.sleep(1.5)  # both are in the middle of their headers
        statuses = [server.get("/")[0] for _ in range(10)]
    finally:
        for client in slow:
            client.close()

    assert statuses == [200] * 10


def test_oversized_requests_are_refused_by_the_server(server):
    assert server.request("GET", "/robots.txt", headers={"X-Big": "a" * 9000})[0] in {400, 431}
    many = {f"X-Header-{n}": "1" for n in range(60)}
    assert server.request("GET", "/robots.txt", headers=many)[0] in {400, 431}
    assert server.get("/robots.txt?" + "q=a&" * 1200)[0] in {400, 414}


def test_a_body_over_the_limit_is_refused_before_the_view(server):
    """A 3 MB comment post is refused on its declared length (413) before the body is read, never a 500."""
    status, _, _ = server.request(
        "POST", "/comments/post/1/", body=b"body=" + b"a" * (3 * 1024 * 1024),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 413


def test_idle_connections_hold_no_thread(server):
    """Connections that send nothing wait without a thread: 40 of them, more than the threads, stop nobody."""
    idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(40)]
    try:
        assert server.get("/")[0] == 200
    finally:
        for sock in idle:
            sock.close()


def test_the_live_site_answers_503_then_recovers_by_itself_when_postgresql_returns(transactional_db, tmp_path):
    connection = connections["default"]
    if connection.vendor != "postgresql":
        pytest.skip("the live server needs a database another process can reach: runs on PostgreSQL (CI does)")
    article = ArticleFactory(headline="Council approves the harbour budget")
    db = connection.settings_dict
    with FaultProxy(db["HOST"] or "127.0.0.1", db["PORT"] or 5432) as proxy:
        url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@127.0.0.1:{proxy.port}/{db['NAME']}"
        # No page cache: each request must reach the database (a stored page would still be served meanwhile).
        with AppServer({"DATABASE_URL": url, "CACHE_URL": "dummy://"}, log=tmp_path / "gunicorn.log") as app:
            page = article.get_absolute_url()
            assert app.get(page)[0] == 200

            proxy.cut()
            status, headers, body = app.get(page)
            assert status == 503 and int(headers["retry-after"]) > 0
            assert b"back in a moment" in body
            assert app.get("/readyz")[0] == 503 and app.get("/healthz")[0] == 200

            proxy.restore()
            statuses = []
            while len(statuses) < 100 and statuses[-1:] != [200]:  # persistent connections must notice by themselves
                statuses.append(app.get(page)[0])
                time.sleep(0.05)
            assert statuses[-1] == 200, statuses
            assert all(app.get(page)[0] == 200 for _ in range(20))
