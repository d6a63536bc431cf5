"""Put the real database out of reach and bring it back, on SQLite and on PostgreSQL alike."""

import pytest
from django.db import connections
from django.test import Client

from tests.faultproxy import FaultProxy


class _UnreachableSqliteFile:
    """SQLite has no server to stop: point the connection at a file in a folder that does not exist, then back."""

    def __init__(self, connection, missing: str):
        self.connection, self.missing = connection, missing
        self.held = self.name = None

    def cut(self, mode: str = "refuse") -> None:
        self.held, self.connection.connection = self.connection.connection, None
        self.name, self.connection.settings_dict["NAME"] = self.connection.settings_dict["NAME"], self.missing

    def restore(self) -> None:
        """The site connects again by itself; the old connection stays open until the end of the test, because
        the test database may live in memory only as long as one connection to it is open."""
        if self.name is not None:
            self.connection.settings_dict["NAME"], self.name = self.name, None

    def close(self) -> None:
        if self.held is not None:
            self.held.close()


@pytest.fixture
def database_outage(transactional_db, tmp_path):
    """A switch for the database: `cut()` makes it unreachable for the site, `restore()` brings it back."""
    connection = connections["default"]
    if connection.vendor == "sqlite":
        switch = _UnreachableSqliteFile(connection, str(tmp_path / "gone" / "db.sqlite3"))
        yield switch
        switch.restore()
        connection.ensure_connection()
        switch.close()
        return
    settings_dict = connection.settings_dict
    saved = settings_dict["HOST"], settings_dict["PORT"]
    with FaultProxy(saved[0] or "127.0.0.1", saved[1] or 5432) as proxy:
        connection.close()
        settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", proxy.port
        try:
            yield proxy
        finally:
            proxy.restore()
            connection.close()
            settings_dict["HOST"], settings_dict["PORT"] = saved


@pytest.fixture
def visitor():
    """A client that shows what a visitor would get: a server error is a page, not an exception in the test."""
    return Client(raise_request_exception=False)
