"""Site-wide request handling that belongs to no app: shared response headers, outages of the services the site
depends on, and health probes."""

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections
from django.db.backends.signals import connection_created
from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils.cache import add_never_cache_headers

from . import outages
from .views import database_unavailable


def permissions_policy(features: dict[str, list[str]]) -> str:
    """Write a Permissions-Policy header: each feature with the origins allowed to use it, none meaning nobody."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in features.items())


class PermissionsPolicyMiddleware:
    """Switch off browser features a news site never uses, so an injected script or frame cannot use them either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        features = settings.NEWSROOM_PERMISSIONS_POLICY
        if features:
            response.headers.setdefault("Permissions-Policy", permissions_policy(features))
        return response


def _database_reached(sender, connection, **kwargs) -> None:
    outages.database.recovered()


class DatabaseOutageMiddleware:
    """A view that finds the database out of reach answers 503 with Retry-After, never a 500; bugs stay 500s."""

    def __init__(self, get_response):
        self.get_response = get_response
        connection_created.connect(_database_reached, dispatch_uid="newsroom.outages.database_reached")

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not outages.is_database_outage(exception):
            return None
        outages.database.failed(exception, "answering 503 until it returns")
        # A broken connection is of no use to the next request, whatever server runs this one: it connects afresh.
        for connection in connections.all(initialized_only=True):
            connection.close()
        return database_unavailable(request)


class HealthCheckMiddleware:
    """`/healthz`: this process answers. `/readyz`: it can serve readers (503 without the database; a Redis outage
    is reported but keeps the server in the load balancer, as pages work without Redis).

    First in MIDDLEWARE, so that a probe opens no session, meets no host check (load balancers probe by address)
    and no redirect to HTTPS (they probe behind the TLS proxy), and costs one `SELECT 1` at most.
    """

    PATHS = frozenset({"/healthz", "/readyz"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info not in self.PATHS:
            return self.get_response(request)
        if request.method not in {"GET", "HEAD"}:
            response = HttpResponseNotAllowed(["GET", "HEAD"])
        elif request.path_info == "/healthz":
            response = JsonResponse({"status": "ok"})
        else:
            database = "ok" if _database_answers() else "unreachable"
            report = {"status": "ready" if database == "ok" else "unavailable", "database": database,
                      "cache": _cache_state()}
            response = JsonResponse(report, status=200 if database == "ok" else 503)
        add_never_cache_headers(response)
        response["X-Content-Type-Options"] = "nosniff"
        return response


def _database_answers() -> bool:
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        outages.database.failed(error, "answering 503 until it returns")
        connection.close()
        return False
    return True


def _cache_state() -> str:
    """The shared cache server is "ok" or "unreachable"; a cache in this process's memory is "local"."""
    cache = caches["default"]
    if not hasattr(cache, "ping"):
        return "local"
    return "ok" if cache.ping() else "unreachable"
