"""Reads from a replica database when one is configured (DATABASE_REPLICA_URL), everything else on the primary.

Only anonymous-looking public reads may use the replica: a GET or HEAD outside the admin, and only until the
request writes something. A write, anything inside a transaction, and every read after the first write in the same
request go to the primary (`default`), so a request always sees what it wrote. Requests that change things (POST…),
the admin, management commands and the task worker read from the primary throughout: a replica a few moments behind
would show an editor their old version, or a task the state before the request that queued it. Migrations run on
the primary only; the replica follows it by streaming replication.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
# True while the current request may read from the replica; outside a request (commands, workers) never.
_replica_allowed: ContextVar[bool] = ContextVar("newsroom_replica_allowed", default=False)


def replica_allowed() -> bool:
    return _replica_allowed.get()


def use_primary() -> None:
    """From now on, for the rest of this request, read from the primary too."""
    _replica_allowed.set(False)


def read_database(*, has_replica: bool, public_read: bool, in_transaction: bool) -> str:
    """Where a read goes: the replica only for a public read outside any transaction, when there is a replica."""
    return REPLICA if has_replica and public_read and not in_transaction else PRIMARY


class ReplicaRouter:
    """Database router: public reads to the replica, the rest to the primary (see the module's docstring)."""

    def db_for_read(self, model, **hints):
        return read_database(
            has_replica=REPLICA in settings.DATABASES, public_read=_replica_allowed.get(),
            in_transaction=connections[PRIMARY].in_atomic_block,
        )

    def db_for_write(self, model, **hints):
        use_primary()
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # One database copied to another: rows from either may refer to each other.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def reads_may_use_replica(request) -> bool:
    """A public read: a safe method, outside the admin (editors must see what they saved a moment ago)."""
    return request.method in {"GET", "HEAD"} and not request.path.startswith("/admin/")


class ReplicaReadsMiddleware:
    """Lets this request's reads go to the replica while it is a public read, and never past its end."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _replica_allowed.set(reads_may_use_replica(request))
        try:
            return self.get_response(request)
        finally:
            _replica_allowed.reset(token)
