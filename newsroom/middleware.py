"""Site-wide request handling that belongs to no app: outages of the services the site depends on."""

from django.db import connections
from django.db.backends.signals import connection_created

from . import outages
from .views import database_unavailable


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
