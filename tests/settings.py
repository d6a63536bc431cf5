"""The project's settings plus an app that only tests install (a block kind of its own, see tests/blockkind)."""

from newsroom.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.blockkind"]  # noqa: F405

# Most tests change content and read pages inside one transaction, where invalidations (on commit) never run: the
# page cache is switched on by the tests about it (tests/test_page_cache.py), with commits run.
NEWSROOM_PAGE_CACHE = False

# On PostgreSQL the read replica is the primary's test database seen through a second connection (a test mirror),
# so the router's tests can check where each query went; nothing routes to it unless a test turns the router on.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and "replica" not in DATABASES:  # noqa: F405
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
