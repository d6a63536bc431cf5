"""/healthz says the process answers; /readyz says whether it can serve readers (the database), cheaply and uncached."""

import json

import pytest

from .test_cache import redis_gone  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def body(response) -> dict:
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def assert_uncacheable(response) -> None:
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200 and body(response) == {"status": "ok"}
    assert_uncacheable(response)


def test_readyz_asks_the_database_once(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/readyz")

    assert response.status_code == 200
    assert body(response) == {"status": "ready", "database": "ok", "cache": "local"}
    assert_uncacheable(response)


def test_readyz_answers_503_while_the_database_is_down_and_healthz_still_200(visitor, database_outage):
    database_outage.cut()

    ready = visitor.get("/readyz")
    assert ready.status_code == 503
    assert body(ready) == {"status": "unavailable", "database": "unreachable", "cache": "local"}
    assert_uncacheable(ready)
    assert visitor.get("/healthz").status_code == 200

    database_outage.restore()
    assert visitor.get("/readyz").status_code == 200


def test_readyz_reports_redis_down_but_keeps_the_server_in_service(client, redis_gone):  # noqa: F811
    response = client.get("/readyz")

    assert response.status_code == 200
    assert body(response) == {"status": "ready", "database": "ok", "cache": "unreachable"}


def test_probes_answer_a_load_balancer_that_uses_an_address_over_plain_http(client, settings):
    """Load balancers probe by IP address, over HTTP, behind the TLS proxy: no host check, no redirect."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["news.example.com"]

    for path in ("/healthz", "/readyz"):
        assert client.get(path, HTTP_HOST="10.0.0.7:8000").status_code == 200, path


def test_probes_only_answer_reads(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/readyz").status_code == 200
