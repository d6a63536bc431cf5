"""Readers' wait while 8 clients guess passwords: no guessing, guessing without a lock, guessing once locked.

    python bench/signin_load.py [SECONDS]        # default 15 seconds per phase; stops by itself

Starts gunicorn (2 sync workers, as the README's production line) on 127.0.0.1:8431 over a throwaway SQLite
database (after collectstatic, as in production), three times: once with no guessers (the baseline, same run),
once with the lock set out of reach
(NEWSROOM_LOGIN_FAILURE_LIMIT=1000000000, as before the lock existed) and once with the shipped settings.
One reader fetches the front page in a loop meanwhile.
BENCH_DATABASE_URL=postgres://… runs it on PostgreSQL instead (tables are created if missing). Only loopback is contacted.
"""

import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORT = 8431
BASE = f"http://127.0.0.1:{PORT}"
GUESSERS = 8


def fetch(opener, url, data=None) -> tuple[int, str]:
    try:
        with opener.open(url, data=data, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def guesser(stop: threading.Event, statuses: Counter) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    _, page = fetch(opener, BASE + "/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    n = 0
    while not stop.is_set():
        n += 1
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "editor", "password": f"guess{n}"})
        status, _ = fetch(opener, BASE + "/admin/login/", body.encode())
        statuses[status] += 1


def reader(stop: threading.Event, waits: list[float], statuses: Counter) -> None:
    opener = urllib.request.build_opener()
    while not stop.is_set():
        started = time.perf_counter()
        status, _ = fetch(opener, BASE + "/")
        waits.append(time.perf_counter() - started)
        statuses[status] += 1


def phase(label: str, seconds: float, env: dict, guessers: int, log: Path) -> None:
    subprocess.run([sys.executable, "manage.py", "axes_reset"], cwd=ROOT, env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", "2",
         "--timeout", "120"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log.open("a"),
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(BASE + "/", timeout=10)  # nosec B310 - a fixed http:// loopback address
                break
            except OSError:
                time.sleep(0.2)
        stop, waits, read_statuses, guess_statuses = threading.Event(), [], Counter(), Counter()
        threads = [threading.Thread(target=reader, args=(stop, waits, read_statuses))]
        threads += [threading.Thread(target=guesser, args=(stop, guess_statuses)) for _ in range(guessers)]
        for thread in threads:
            thread.start()
        time.sleep(seconds)
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    waits.sort()
    p50, p99 = statistics.median(waits) * 1000, waits[int(len(waits) * 0.99) - 1] * 1000
    guesses = sum(guess_statuses.values())
    mix = " ".join(f"{code}×{count}" for code, count in sorted(guess_statuses.items())) or "-"
    print(f"| {label} | {len(waits)} | {p50:.0f} | {p99:.0f} | {dict(read_statuses)} | {guesses} | {mix} |")


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 15
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-signin-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NEWSROOM_", "DATABASE_URL", "REDIS"))}
    database = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{workdir / 'db.sqlite3'}")
    env |= {"DJANGO_SECRET_KEY": "bench-only", "DATABASE_URL": database,
            "DJANGO_LOG_LEVEL": "ERROR"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    # As in production: whitenoise serves the hashed files collectstatic writes (to the ignored staticfiles/).
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "manage.py", "shell", "-c",
                    "from django.contrib.auth.models import User; "
                    "User.objects.filter(username='editor').exists() or "
                    "User.objects.create_user('editor', password='the-right-one-is-long', is_staff=True)"],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    log = workdir / "server.log"
    print(f"Database: {database.split(':')[0]}. {GUESSERS} guessers, 1 reader, {seconds:.0f} s per phase, "
          "gunicorn with 2 sync workers on loopback.\n")
    print("| phase | reader requests | reader p50 ms | reader p99 ms | reader statuses | guesses | guess statuses |")
    print("|---|---|---|---|---|---|---|")
    phase("no guessing (baseline)", seconds, env, 0, log)
    phase("8 guessers, no lock (before)", seconds, env | {"NEWSROOM_LOGIN_FAILURE_LIMIT": "1000000000"}, GUESSERS, log)
    phase("8 guessers, lock on (now)", seconds, env, GUESSERS, log)
    errors = log.read_text().count("Traceback")
    print(f"\nServer errors logged: {errors}" + (f" (see {log})" if errors else ""))


if __name__ == "__main__":
    main()
