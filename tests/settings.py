"""The project's settings plus an app that only tests install (a block kind of its own, see tests/blockkind)."""

from newsroom.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.blockkind"]  # noqa: F405
