"""The project's settings plus an app that only tests install (a block kind of its own, see tests/blockkind)."""

from newsroom.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.blockkind"]  # noqa: F405

# Most tests change content and read pages inside one transaction, where invalidations (on commit) never run: the
# page cache is switched on by the tests about it (tests/test_page_cache.py), with commits run.
NEWSROOM_PAGE_CACHE = False
