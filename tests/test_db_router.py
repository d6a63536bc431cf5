"""The read-replica router: public reads to the replica; writes, transactions, the admin and the rest of a request
after a write to the primary; migrations on the primary only."""

import pytest
from django.db import connections, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Section
from newsroom import db_router
from newsroom.db_router import PRIMARY, REPLICA, ReplicaReadsMiddleware, ReplicaRouter, read_database
from tests.factories import ArticleFactory

ROUTER = "newsroom.db_router.ReplicaRouter"


@pytest.mark.parametrize(("has_replica", "public_read", "in_transaction", "expected"), [
    (True, True, False, REPLICA),
    (False, True, False, PRIMARY),
    (True, False, False, PRIMARY),
    (True, True, True, PRIMARY),
])
def test_where_a_read_goes(has_replica, public_read, in_transaction, expected):
    assert read_database(has_replica=has_replica, public_read=public_read, in_transaction=in_transaction) == expected


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("GET", "/news/a-story/", True),
    ("HEAD", "/", True),
    ("POST", "/comments/post/1/", False),
    ("GET", "/admin/articles/article/", False),
])
def test_only_public_reads_may_use_the_replica(method, path, allowed):
    seen = []
    middleware = ReplicaReadsMiddleware(lambda request: seen.append(db_router.replica_allowed()))
    middleware(RequestFactory().generic(method, path))
    assert seen == [allowed]
    # Outside a request (commands, the task worker) reads stay on the primary.
    assert db_router.replica_allowed() is False


def test_a_write_sends_the_rest_of_the_request_to_the_primary():
    seen = []

    def view(request):
        seen.append(db_router.replica_allowed())
        ReplicaRouter().db_for_write(Section)
        seen.append(db_router.replica_allowed())

    ReplicaReadsMiddleware(view)(RequestFactory().get("/"))
    assert seen == [True, False]


def test_migrations_run_on_the_primary_only():
    router = ReplicaRouter()
    assert router.allow_migrate(PRIMARY, "articles") is True
    assert router.allow_migrate(REPLICA, "articles") is False


# On PostgreSQL, with the replica a second connection to the same test database.

needs_replica = pytest.mark.skipif(
    "replica" not in connections.settings, reason="the replica is a test mirror on PostgreSQL only (tests/settings.py)",
)


@pytest.fixture
def routed(settings):
    settings.DATABASE_ROUTERS = [ROUTER]
    settings.MIDDLEWARE = [settings.MIDDLEWARE[0], "newsroom.db_router.ReplicaReadsMiddleware", *settings.MIDDLEWARE[1:]]
    return settings


def queries_on(client_call):
    with CaptureQueriesContext(connections[PRIMARY]) as primary, CaptureQueriesContext(connections[REPLICA]) as replica:
        response = client_call()
    return response, len(primary), len(replica)


@needs_replica
@pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])
def test_public_pages_read_from_the_replica(routed, client):
    article = ArticleFactory(headline="Harbour budget passes")
    # The first reader keeps the copy of the body on the article's row: a write, so on the primary.
    _first, wrote_on_primary, _ = queries_on(lambda: client.get(article.get_absolute_url()))
    assert wrote_on_primary > 0
    response, on_primary, on_replica = queries_on(lambda: client.get(article.get_absolute_url()))
    assert response.status_code == 200
    assert b"Harbour budget passes" in response.content
    assert on_replica > 0
    assert on_primary == 0


@needs_replica
@pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])
def test_the_admin_reads_from_the_primary(routed, client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw-for-tests-only")
    client.force_login(admin)
    ArticleFactory()
    response, on_primary, on_replica = queries_on(lambda: client.get("/admin/articles/article/"))
    assert response.status_code == 200
    assert on_primary > 0 and on_replica == 0


@needs_replica
@pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])
def test_reads_after_a_write_and_in_a_transaction_go_to_the_primary(routed):
    ArticleFactory()
    seen = {}

    def view(request):
        with CaptureQueriesContext(connections[REPLICA]) as replica:
            Article.objects.count()
        seen["before"] = len(replica)
        with CaptureQueriesContext(connections[REPLICA]) as replica:
            with transaction.atomic():
                Article.objects.count()
        seen["in a transaction"] = len(replica)
        Section.objects.create(name="Weather", slug="weather")
        with CaptureQueriesContext(connections[REPLICA]) as replica:
            assert Section.objects.filter(slug="weather").exists()
        seen["after a write"] = len(replica)

    ReplicaReadsMiddleware(view)(RequestFactory().get("/"))
    assert seen == {"before": 1, "in a transaction": 0, "after a write": 0}
