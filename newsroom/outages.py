"""Telling an unreachable service from a bug, and saying so in the log once per outage rather than once per request."""

import logging
import threading
import time

from django.db import InterfaceError, OperationalError

logger = logging.getLogger(__name__)

# SQLSTATE classes that mean "the server cannot serve you now": connection exception, insufficient resources
# (too many connections, disk full), operator intervention (shutdown, restart, query cancelled).
_POSTGRES_UNAVAILABLE_CLASSES = {"08", "53", "57"}
# What SQLite says when its file cannot be reached or is held by another writer for too long.
_SQLITE_UNAVAILABLE = ("unable to open database file", "database is locked", "disk i/o error", "readonly database")


def is_database_outage(error: BaseException) -> bool:
    """True when the database cannot be reached or cannot serve now; a bug such as a missing column is not one."""
    while error is not None:
        if isinstance(error, InterfaceError):
            return True  # the connection was closed under us
        if isinstance(error, OperationalError):
            return _driver_says_unavailable(error.__cause__)
        error = error.__cause__
    return False


def _driver_says_unavailable(cause: BaseException | None) -> bool:
    if cause is None:
        return False
    module = type(cause).__module__
    if module.startswith("psycopg"):
        sqlstate = getattr(cause, "sqlstate", None)
        # Without an SQLSTATE the client library failed: refused, reset, timed out.
        return sqlstate is None or sqlstate[:2] in _POSTGRES_UNAVAILABLE_CLASSES
    if module == "sqlite3":
        message = str(cause).lower()
        return any(phrase in message for phrase in _SQLITE_UNAVAILABLE)
    return False


class Outage:
    """One service's state in this process: its first failure and its return are logged, the failures between not."""

    def __init__(self, service: str):
        self.service = service
        self.since: float | None = None
        self._lock = threading.Lock()

    @property
    def ongoing(self) -> bool:
        return self.since is not None

    def failed(self, error: BaseException, consequence: str) -> None:
        with self._lock:
            if self.since is not None:
                return
            self.since = time.monotonic()
        logger.error("The %s is unreachable (%s): %s.", self.service, _first_line(error), consequence)

    def recovered(self) -> None:
        if self.since is None:
            return
        with self._lock:
            since, self.since = self.since, None
        if since is not None:
            logger.warning("The %s is reachable again after %.1f s.", self.service, time.monotonic() - since)


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


database = Outage("database")
