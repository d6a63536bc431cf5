"""Headless Debian Chromium driven by pytest-playwright against pytest-django's live server."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API keeps an event loop running in the test thread, so Django would refuse ORM calls from
# test code that sets up data and reads results; the ORM is used synchronously here, which is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the system Chromium (never a downloaded one); without it, browser tests skip."""
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium); CI installs it")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture
def page(page):
    """A tab that gives up after 10 s, so a missing element fails the test quickly instead of after 30 s."""
    page.set_default_timeout(10_000)
    return page
