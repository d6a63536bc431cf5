"""Fault run: a real gunicorn (the shipped gunicorn.conf.py) on PostgreSQL and Redis, each behind a proxy that is cut
and restored, while readers, commenters and an editor keep using the site. Prints what they got and how long it took.

Scenarios: the database refusing connections, then back (time to the first good page); the database silent (no
answer at all); Redis refusing, silent, then back; and clients sending their headers slowly, from 2 up to past the
server's threads, with how long readers wait meanwhile.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom python bench/faults.py [--redis redis://127.0.0.1:6379/2]

It fills a scratch database (default `newsroom_faults` on the server of DATABASE_URL), listens on 127.0.0.1 only
(port 8200 unless --port), and stops everything it started.
"""

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.appserver import AppServer, SlowClient  # noqa: E402
from tests.faultproxy import FaultProxy  # noqa: E402

SECRET = f"fault-bench-{uuid.uuid4().hex}"
PASSWORD = "fault-bench-password"
CSRF = "f" * 32  # any 32 letters serve as the CSRF secret in both the cookie and the form


def scratch_url(url: str, name: str, *, port: int | None = None) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc if port is None else f"{parts.netloc.rpartition('@')[0]}@127.0.0.1:{port}".lstrip("@")
    return urlunsplit(parts._replace(path=f"/{name}", netloc=netloc))


def prepare_database(url: str, name: str) -> tuple[str, int, str]:
    """Create, migrate and fill the scratch database; return its URL, the article's id and its page."""
    import subprocess

    import psycopg

    with psycopg.connect(scratch_url(url, "postgres"), autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    target = scratch_url(url, name)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, check=True,
                   env=env | {"DJANGO_SECRET_KEY": SECRET, "DATABASE_URL": target})
    os.environ.update(DJANGO_SECRET_KEY=SECRET, DATABASE_URL=target, DJANGO_SETTINGS_MODULE="newsroom.settings")
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from articles.models import Article
    from tests.factories import ArticleFactory

    user, _ = get_user_model().objects.get_or_create(username="fault-bench", defaults={"is_staff": True})
    user.is_superuser = user.is_staff = True
    user.set_password(PASSWORD)
    user.save()
    article = Article.objects.filter(slug="fault-bench").first() or ArticleFactory(
        slug="fault-bench", headline="Council approves the harbour budget",
    )
    return target, article.pk, article.get_absolute_url()


class Site:
    def __init__(self, app: AppServer, article_id: int, article_path: str):
        self.app, self.article_id, self.article_path = app, article_id, article_path
        self.session = ""
        self.sent = 0

    def timed(self, method: str, path: str, **kwargs) -> tuple[int | str, float, dict, bytes]:
        start = time.perf_counter()
        try:
            status, headers, body = self.app.request(method, path, **kwargs)
        except OSError as error:
            status, headers, body = type(error).__name__, {}, b""
        return status, time.perf_counter() - start, headers, body

    def read(self, count: int = 30, path: str | None = None, timeout: float = 15) -> dict:
        results = [self.timed("GET", path or self.article_path, timeout=timeout) for _ in range(count)]
        return summary([(status, seconds) for status, seconds, _, _ in results])

    def comment(self, text: str) -> tuple[int | str, bool]:
        """Post a comment as a reader from a fresh address; return the status and whether the text came back."""
        from comments.forms import form_token

        self.sent += 1
        data = urlencode({
            "name": "Ana Reader", "email": f"reader{self.sent}-{SECRET[-8:]}@example.com", "body": text, "parent": "", "website": "",
            "token": form_token(self.article_id, now=time.time() - 30), "csrfmiddlewaretoken": CSRF,
        }).encode()
        status, _, _, body = self.timed("POST", f"/comments/post/{self.article_id}/", body=data, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={CSRF}",
            "X-Forwarded-For": f"198.51.100.{self.sent % 250 + 1}",
        })
        return status, text.encode() in body

    def log_in(self) -> None:
        body = urlencode({"username": "fault-bench", "password": PASSWORD, "csrfmiddlewaretoken": CSRF}).encode()
        _, _, headers, _ = self.timed("POST", "/admin/login/?next=/admin/", body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={CSRF}",
        })
        match = re.search(r"sessionid=([^;]+)", headers.get("set-cookie", ""))
        if not match:
            raise RuntimeError("could not log in to the admin")
        self.session = match.group(1)

    def admin(self) -> int | str:
        path = f"/admin/articles/article/{self.article_id}/change/"
        return self.timed("GET", path, headers={"Cookie": f"sessionid={self.session}"})[0]

    def until(self, check, *, limit: float = 60) -> float | None:
        """Seconds until check() is true, polling every 20 ms; None if it never is within the limit."""
        start = time.perf_counter()
        while time.perf_counter() - start < limit:
            if check():
                return time.perf_counter() - start
            time.sleep(0.02)
        return None


def summary(results: list[tuple[int | str, float]]) -> dict:
    statuses: dict = {}
    for status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    seconds = sorted(s for _, s in results)
    return {"statuses": statuses, "p50_ms": round(statistics.median(seconds) * 1000, 1),
            "max_ms": round(seconds[-1] * 1000, 1)}


def line(label: str, value) -> None:
    print(f"| {label} | {value} |", flush=True)


def database_scenarios(site: Site, db_proxy: FaultProxy) -> None:
    print("\n## Database\n\n| what | result |\n|---|---|")
    line("article page, database up (30 requests)", site.read())
    db_proxy.cut("refuse")
    line("article page, database refusing (30 requests)", site.read())
    status, kept = site.comment("Sent while the database was down.")
    line("comment posted, database refusing: status, text given back", f"{status}, {kept}")
    line("admin article page, database refusing", site.admin())
    line("/healthz, /readyz, database refusing", f"{site.timed('GET', '/healthz')[0]}, {site.timed('GET', '/readyz')[0]}")
    headers = site.timed("GET", site.article_path)[2]
    line("Retry-After, Cache-Control on the 503", f"{headers.get('retry-after')}, {headers.get('cache-control')}")
    db_proxy.restore()
    recovery = site.until(lambda: site.timed("GET", site.article_path)[0] == 200)
    line("seconds from the database's return to the first good page", f"{recovery:.2f}" if recovery else "never")
    line("article page after the return (30 requests)", site.read())

    db_proxy.cut("blackhole")
    line("article page on a kept connection, database silent (3 requests, client gives up at 10 s)",
         site.read(3, timeout=10))
    db_proxy.restore()
    site.until(lambda: site.timed("GET", site.article_path)[0] == 200)


def silent_database_on_new_connections(app_args: dict, db_proxy: FaultProxy, site_args: tuple) -> None:
    """A fresh server (no kept connections) meeting a silent database: each request waits for connect_timeout."""
    db_proxy.cut("blackhole")
    with AppServer(**app_args) as app:
        site = Site(app, *site_args)
        line("article page on a new connection, database silent (3 requests)", site.read(3, timeout=30))
    db_proxy.restore()


def redis_scenarios(site: Site, redis_proxy: FaultProxy) -> None:
    print("\n## Redis\n\n| what | result |\n|---|---|")
    line("article page, Redis up (30 requests)", site.read())
    redis_proxy.cut("refuse")
    line("article page, Redis refusing (30 requests)", site.read())
    status, _ = site.comment("Sent while Redis was down.")
    line("comment posted, Redis refusing", status)
    line("admin article page, Redis refusing", site.admin())
    status, _, _, body = site.timed("GET", "/readyz")
    line("/readyz, Redis refusing", f"{status} {body.decode()}")
    redis_proxy.restore()
    back = site.until(lambda: b'"cache": "ok"' in site.timed("GET", "/readyz")[3])
    line("seconds from Redis's return to /readyz reporting it", f"{back:.2f}" if back else "never")
    redis_proxy.cut("blackhole")
    line("article page, Redis silent (30 requests)", site.read())
    status, _ = site.comment("Sent while Redis was silent.")
    line("comment posted, Redis silent", status)
    redis_proxy.restore()


def slow_client_scenarios(site: Site, counts: list[int]) -> None:
    print("\n## Slow clients (headers one byte a second)\n\n| slow clients | readers' home page (20 requests, "
          "client gives up at 5 s) |\n|---|---|")
    for count in counts:
        slow = [SlowClient(site.app.port) for _ in range(count)]
        try:
            time.sleep(2)
            line(count, site.read(20, path="/", timeout=5))
        finally:
            for client in slow:
                client.close()
        time.sleep(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="newsroom_faults", help="scratch database name")
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/2"))
    parser.add_argument("--port", type=int, default=8200)
    parser.add_argument("--slow", default="2,8,16,24,28,31,32,40", help="numbers of slow clients to try")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL server (the scratch database is created on it).")

    target, article_id, article_path = prepare_database(url, args.database)
    db = urlsplit(target)
    redis = urlsplit(args.redis)
    with (FaultProxy(db.hostname or "127.0.0.1", db.port or 5432) as db_proxy,
          FaultProxy(redis.hostname or "127.0.0.1", redis.port or 6379) as redis_proxy,
          tempfile.TemporaryDirectory() as scratch):
        app_args = {
            "env": {
                "DJANGO_SECRET_KEY": SECRET, "DATABASE_URL": scratch_url(target, args.database, port=db_proxy.port),
                "REDIS_URL": f"redis://{redis_proxy.address}{redis.path or '/0'}", "NEWSROOM_TRUSTED_PROXIES": "1",
            },
            "port": args.port, "log": Path(scratch) / "gunicorn.log",
        }
        print(f"# Fault run: gunicorn (gunicorn.conf.py) on 127.0.0.1:{args.port}, PostgreSQL and Redis behind "
              f"proxies, {time.strftime('%Y-%m-%d %H:%M')}")
        with AppServer(**app_args) as app:
            site = Site(app, article_id, article_path)
            site.log_in()
            database_scenarios(site, db_proxy)
        silent_database_on_new_connections(app_args, db_proxy, (article_id, article_path))
        with AppServer(**app_args) as app:
            site = Site(app, article_id, article_path)
            site.log_in()
            redis_scenarios(site, redis_proxy)
            slow_client_scenarios(site, [int(n) for n in args.slow.split(",")])


if __name__ == "__main__":
    main()
