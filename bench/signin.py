"""What a password guess costs the server, with no lockout, before the lock and once locked, in the same run.

    python bench/signin.py [GUESSES]        # default 30 guesses per phase

Runs Django's test client against the real admin sign-in view with the production password hasher, on a
throwaway in-memory SQLite database: nothing is listened on and no real database is touched.
"""

import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    guesses = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    import django

    django.setup()
    import logging

    from axes.models import AccessAttempt
    from django.conf import settings
    from django.contrib.auth.hashers import get_hasher
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment

    logging.disable(logging.WARNING)
    warnings.filterwarnings("ignore", "No directory at")
    # Pages render without collectstatic having been run.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    User.objects.create_user("editor", password="the-right-one-is-long", is_staff=True)
    hasher = get_hasher()
    client = Client()

    def run(label: str, note: str) -> float:
        times = []
        for n in range(guesses):
            started = time.perf_counter()
            response = client.post(
                "/admin/login/", {"username": "editor", "password": f"guess-{n}"}, REMOTE_ADDR="203.0.113.9",
            )
            times.append(time.perf_counter() - started)
        median = statistics.median(times) * 1000
        print(f"| {label} | {guesses} | {median:.1f} | {response.status_code} | {note} |")
        return median

    print(f"Password hasher: {hasher.algorithm}, {getattr(hasher, 'iterations', '?')} iterations; "
          f"lock after {settings.AXES_FAILURE_LIMIT} failures for {settings.AXES_COOLOFF_TIME}.\n")
    print("| phase | guesses | median ms per guess | last status | what the guesser gets |")
    print("|---|---|---|---|---|")
    with override_settings(AXES_ENABLED=False):
        open_ms = run("no lockout (before)", "a verdict on every password, without end")
    with override_settings(AXES_FAILURE_LIMIT=10**9):
        counted_ms = run("lockout on, not yet locked", "a verdict, and one step nearer the lock")
    AccessAttempt.objects.all().delete()
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "editor", "password": f"warm-{n}"}, REMOTE_ADDR="203.0.113.9")
    locked_ms = run("locked", "429 'sign-in paused', no verdict")
    hours = settings.AXES_COOLOFF_TIME.total_seconds() / 3600
    per_hour = settings.AXES_FAILURE_LIMIT / hours
    print(f"\nA locked guess costs {locked_ms / open_ms:.3f}× an unlocked one "
          f"({open_ms / locked_ms:.0f} times cheaper); "
          f"counting failures: {counted_ms - open_ms:+.1f} ms on an unlocked guess.")
    print(f"Guesses one worker could test per hour before: {3600 * 1000 / open_ms:,.0f}; "
          f"now at most {per_hour:.0f} per account and {per_hour:.0f} per address.")


if __name__ == "__main__":
    main()
