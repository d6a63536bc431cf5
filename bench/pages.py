"""The page benchmark: each public page against a bare Django app returning the very same bytes, in one run.

For each size (small: 1,000 articles and 1,000 comments; large: 100,000 and 1,000,000) it makes a scratch
PostgreSQL database on the server of DATABASE_URL (`newsroom_bench_small`, `newsroom_bench_large` unless --prefix),
migrates it, fills it with `manage.py generate_bench_data`, runs collectstatic into a temporary folder and starts
gunicorn (2 sync workers, DEBUG off) for the site and for the baseline (bench/baseline_app.py), both from the
project's gunicorn.conf.py with the same flags. Then `wrk -t2 -c8` with `Accept-Encoding: gzip`, alternating rounds
site / baseline, for every page, warm (the default cache, Redis when REDIS_URL is set) and cold
(`CACHE_URL=dummy://`), and for posting a comment (bench/post_comment.lua), after which every acknowledged comment is
checked to be stored exactly once. SQL queries per page are counted in-process (Django's test client on the same
database). At the large size it also compares each page with its time at the small size, the long thread's first
and last pages with the seed article's, and times the admin's article list and moderation queue.

    make bench                                      # both sizes; BENCH_ARGS="--small-only --seconds 3" for a quick look
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/pages.py --out docs/bench-latest.md

Exit status 1 if a page answered with an error or a comment was lost or doubled. The figures are ratios measured
in the same run on purpose: on a shared machine only those mean something.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load import database_url, recreate_database  # noqa: E402
from tests.appserver import AppServer  # noqa: E402

SIZES = {"small": (1_000, 1_000), "large": (100_000, 1_000_000)}
# Sync workers take one request at a time each; gunicorn turns them into threaded ones unless threads is 1.
GUNICORN = ("--workers", "2", "--worker-class", "sync", "--threads", "1")
SEED = "/news/bench-seed-article/"
SEED_EMPTY = "/news/bench-seed-article-no-comments/"
THREAD = "/news/bench-long-thread/"
POST_ARTICLE_SLUG = "bench-0"
COMMENT_MARKER = re.compile(r"\[bench (\w+) (\d+)\]")
CSRF = "b" * 32  # any 32 letters serve as the CSRF secret, in the cookie and in the form alike
CONNECTIONS = 8  # wrk -c8


def pages() -> dict[str, str]:
    """The pages under test by name; the section, tag and author are the seed article's."""
    return {
        "seed article, 250 comments": SEED,
        "seed article, no comments": SEED_EMPTY,
        "home": "/",
        "section": "/section/bench-politics/",
        "tag": "/tag/bench-seed/",
        "author": "/author/bench-reporter-0/",
        "search": "/search/?q=council+budget",
        "feed": "/feed/",
        "sitemap": "/sitemap.xml",
    }


@dataclass
class Result:
    page: str
    size: str
    mode: str
    bytes: int = 0
    rps: list[float] = field(default_factory=list)
    base_rps: list[float] = field(default_factory=list)
    p50: list[float] = field(default_factory=list)
    p99: list[float] = field(default_factory=list)
    errors: int = 0
    queries: int | None = None

    @property
    def median_rps(self) -> float:
        return statistics.median(self.rps) if self.rps else 0.0

    @property
    def ratio(self) -> float:
        base = statistics.median(self.base_rps) if self.base_rps else 0.0
        return self.median_rps / base if base else 0.0


# wrk


def wrk(url: str, seconds: float, *, script: Path | None = None, env: dict | None = None) -> dict:
    """One wrk round; requests per second, p50 and p99 in ms, and how many answers were errors."""
    # A page slower than wrk's default 2 s would count as no answer at all; gunicorn's own timeout comes first.
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds:g}s", "--timeout", "40s", "--latency",
               "-H", "Accept-Encoding: gzip"]
    if script:
        command += ["-s", str(script)]
    done = subprocess.run([*command, url], capture_output=True, text=True, check=True, env={**os.environ, **(env or {})})
    return parse_wrk(done.stdout)


def parse_wrk(out: str) -> dict:
    """Requests per second, p50 and p99 in ms, and failed answers (non-2xx/3xx and socket errors) from wrk --latency."""

    def ms(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    failed = int(errors.group(1)) if errors else 0
    if socket_errors:
        failed += sum(int(n) for n in socket_errors.groups())
    return {"rps": float(rps.group(1)) if rps else 0.0, "p50": ms("50"), "p99": ms("99"), "errors": failed}


def capture(server: AppServer, path: str, directory: Path, manifest: dict) -> int:
    """Fetch a page once as the benchmark will (gzip accepted) and record its exact bytes for the baseline."""
    status, headers, body = server.request("GET", path, headers={"Accept-Encoding": "gzip"})
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    file = directory / f"page-{secrets.token_hex(6)}.bin"
    file.write_bytes(body)
    manifest[path] = {"file": str(file), "status": status, "headers": headers}
    return len(body)


# The parts run inside Django, in a subprocess on the scratch database: query counts, admin timings, tokens,
# reconciliation.


def inside(task: str, argument: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    result = {"queries": count_queries, "admin": time_admin, "tokens": make_tokens, "reconcile": reconcile,
              "thread": thread_pages}[task](json.loads(argument))
    print(json.dumps(result))


def count_queries(paths: list[str]) -> dict:
    """SQL queries per page: cold (no cache at all, after the first reader kept the body's copy) and warm (the second
    anonymous request, the cache filled).

    Counted with an execute wrapper, which sees every statement the page sends, whatever the debug settings.
    """
    from django.db import connection
    from django.test import Client, override_settings

    def counted(path: str) -> tuple[int, int]:
        statements = []

        def count(execute, sql, params, many, context):
            statements.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            status = client.get(path).status_code
        return len(statements), status

    counts = {}
    for path in paths:
        client = Client(HTTP_ACCEPT_ENCODING="gzip", raise_request_exception=False)
        with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
            # Generated articles have no copy of their body yet: the first reader keeps it, as after any edit.
            client.get(path)
            cold, status = counted(path)
        client.get(path)
        warm, _ = counted(path)
        # A page that failed (a statement past the benchmark's time limit, say) shows its status instead.
        counts[path] = {"cold": cold if status == 200 else f"{cold} (status {status})", "warm": warm}
    return counts


def time_admin(runs: int) -> dict:
    """Median time of the admin's article list and moderation queue pages, signed in as a superuser."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(username="bench-admin", defaults={"is_staff": True})
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    pages = {
        "admin article list": "/admin/articles/article/",
        "admin article list, page 500": "/admin/articles/article/?p=500",
        "admin article list, searched": "/admin/articles/article/?q=council",
        "admin article list, filtered": "/admin/articles/article/?status__exact=published&section__id__exact=1",
        "moderation queue (pending)": "/admin/comments/comment/",
        "moderation queue, spam": "/admin/comments/comment/?queue=spam",
        "moderation queue, searched": "/admin/comments/comment/?q=council",
        "all comments, page 1000": "/admin/comments/comment/?queue=all&p=1000",
    }
    timings = {}
    for name, path in pages.items():
        seconds, status = [], None
        for _ in range(runs):
            started = time.perf_counter()
            status = client.get(path).status_code
            seconds.append(time.perf_counter() - started)
        timings[name] = {"path": path, "status": status, "ms": statistics.median(seconds) * 1000}
    return timings


def thread_pages(_) -> dict:
    """The long thread's and the seed article's first and last pages of threads."""
    from django.conf import settings

    from comments.models import Comment

    def last(slug):
        roots = Comment.objects.visible().filter(article__slug=slug, parent=None).count()
        return max(1, -(-roots // settings.COMMENTS_PER_PAGE))

    return {"seed last": last("bench-seed-article"), "thread last": last("bench-long-thread")}


def make_tokens(spec: dict) -> dict:
    """Form bodies for wrk's comment posts: each with its own token (older than the form's minimum time), its own
    address and e-mail (so the per-address limits never refuse one) and a marker to find it by."""
    from urllib.parse import urlencode

    from articles.models import Article
    from comments.forms import form_token

    article = Article.objects.get(slug=POST_ARTICLE_SLUG)
    lines = []
    for number in range(spec["count"]):
        address = f"10.{spec['net']}.{number // 250 % 250}.{number % 250 + 1}"
        body = urlencode({
            "name": f"Bench Reader {number}", "email": f"bench{number}.{spec['run']}@example.com",
            "body": f"Thanks for the report, this helps me follow the story. [bench {spec['run']} {number}]",
            "parent": "", "website": "", "token": form_token(article.pk, now=time.time() - 30),
            "csrfmiddlewaretoken": CSRF,
        })
        lines.append(f"{address}\t{body}")
    Path(spec["file"]).write_text("\n".join(lines) + "\n")
    return {"path": f"/comments/post/{article.pk}/"}


def reconcile(spec: dict) -> dict:
    """Each acknowledged comment stored once: as many stored as acknowledged, no marker twice, every id named in a
    redirect stored (a held comment's redirect names none)."""
    from collections import Counter

    from comments.models import Comment

    rows = list(Comment.objects.filter(body__contains=f"[bench {spec['run']} ").values_list("pk", "body"))
    markers = Counter(COMMENT_MARKER.search(body).group(0) for _, body in rows)
    stored_ids = {pk for pk, _ in rows}
    problems = [f"{marker} stored {n} times" for marker, n in markers.items() if n > 1]
    problems += [f"acknowledged #{pk} is not stored" for pk in sorted(set(spec["ids"]) - stored_ids)[:20]]
    # wrk stops mid-request: up to one request per connection and round was sent, stored, and never answered.
    unanswered = len(rows) - spec["acknowledged"]
    if not 0 <= unanswered <= spec["in_flight"]:
        problems.append(f"{spec['acknowledged']} comments acknowledged but {len(rows)} stored")
    return {"acknowledged": spec["acknowledged"], "stored": len(rows), "unanswered": unanswered, "problems": problems}


# The run


class Bench:
    def __init__(self, args):
        self.args = args
        self.server_url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
        self.work = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
        self.secret = secrets.token_urlsafe(40)
        self.results: list[Result] = []
        self.extra: list[str] = []
        self.failures: list[str] = []
        self.by_size: dict[tuple[str, str, str], Result] = {}

    def env(self, size: str, *, time_limit: bool = True, **more) -> dict[str, str]:
        url = database_url(self.server_url, f"{self.args.prefix}_{size}")
        if time_limit:
            # A statement that runs away at the large size fails that page instead of holding the whole run.
            url += "?options=-c%20statement_timeout%3D25000"
        env = {
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DJANGO_DEBUG": "0", "DJANGO_HTTPS": "0", "DJANGO_SECRET_KEY": self.secret,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "DJANGO_STATIC_ROOT": str(self.work / "static"), "MEDIA_ROOT": str(self.work / f"media-{size}"),
            "NEWSROOM_TRUSTED_PROXIES": "1",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "DJANGO_TASKS_BACKEND": "django.tasks.backends.dummy.DummyBackend",
        }
        if os.environ.get("REDIS_URL"):
            env["REDIS_URL"] = env["CACHE_URL"] = os.environ["REDIS_URL"]
        return env | more

    def manage(self, size: str, *command: str) -> None:
        with open(self.work / f"setup-{size}.log", "a") as log:
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT,
                           env={**os.environ, **self.env(size, time_limit=False)},
                           check=True, stdout=log, stderr=subprocess.STDOUT)

    def django(self, size: str, task: str, argument) -> dict:
        done = subprocess.run(
            [sys.executable, str(Path(__file__)), "--inside", task, json.dumps(argument)], cwd=ROOT,
            env={**os.environ, **self.env(size, CACHE_URL=self.env(size).get("CACHE_URL", "locmem://"))},
            check=True, capture_output=True, text=True,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])

    def prepare(self, size: str) -> None:
        articles, comments = SIZES[size]
        recreate_database(self.server_url, f"{self.args.prefix}_{size}")
        started = time.monotonic()
        self.manage(size, "migrate", "--no-input")
        self.manage(size, "generate_bench_data", "--articles", str(articles), "--comments", str(comments))
        self.manage(size, "collectstatic", "--no-input")
        print(f"[{size}] data ready in {time.monotonic() - started:.0f} s", flush=True)

    def server(self, size: str, name: str, **env) -> AppServer:
        baseline = name.startswith("baseline")
        app = "bench.baseline_app:application" if baseline else "newsroom.wsgi"
        port = self.args.port + baseline if self.args.port else None
        server = AppServer(self.env(size, **env), args=GUNICORN, log=self.work / f"{name}-{size}.log", app=app,
                           port=port)
        server.start()
        return server

    def compare(self, site: AppServer, baseline: AppServer, result: Result, path: str, *, script=None,
                script_env=None) -> None:
        """Alternating rounds, site then baseline, after a short warm-up of both."""
        for server in (site, baseline):
            wrk(f"http://127.0.0.1:{server.port}{path}", 1, script=script, env=script_env and script_env("warmup"))
        for round_number in range(self.args.rounds):
            for server, into in ((site, result.rps), (baseline, result.base_rps)):
                tag = f"{'site' if server is site else 'baseline'}{round_number}"
                figures = wrk(f"http://127.0.0.1:{server.port}{path}", self.args.seconds, script=script,
                              env=script_env and script_env(tag))
                into.append(figures["rps"])
                if server is site:
                    result.p50.append(figures["p50"])
                    result.p99.append(figures["p99"])
                    result.errors += figures["errors"]

    def run_size(self, size: str) -> None:
        self.prepare(size)
        names = pages()
        if size == "large" or self.args.threads_always:
            thread = self.django(size, "thread", None)
            names |= {
                "seed article, first comment page": f"{SEED}?comments=1",
                "seed article, last comment page": f"{SEED}?comments={thread['seed last']}",
                "20,000-comment article, first page": f"{THREAD}?comments=1",
                "20,000-comment article, last page": f"{THREAD}?comments={thread['thread last']}",
            }
        queries = self.django(size, "queries", list(names.values()))
        manifest: dict = {}
        for mode, cache_url in (("warm", None), ("cold", "dummy://")):
            env = {"CACHE_URL": cache_url} if cache_url else {}
            site = self.server(size, f"site-{mode}", **env)
            try:
                sizes = {path: capture(site, path, self.work, manifest) for path in names.values()}
                if mode == "warm":
                    self.add_post_baseline(manifest)
                (self.work / "manifest.json").write_text(json.dumps(manifest))
                baseline = self.server(size, f"baseline-{mode}", BASELINE_MANIFEST=str(self.work / "manifest.json"))
                try:
                    for name, path in names.items():
                        result = Result(name, size, mode, bytes=sizes[path],
                                        queries=queries[path][mode])
                        print(f"[{size} {mode}] {name} …", flush=True)
                        self.compare(site, baseline, result, path)
                        if result.errors:
                            self.failures.append(f"{size} {mode} {name}: {result.errors} error answers")
                        self.results.append(result)
                        self.by_size[(name, size, mode)] = result
                    if mode == "warm" and not self.args.skip_post:
                        self.post_comments(size, site, baseline)
                finally:
                    baseline.stop()
            finally:
                site.stop()
        if size == "large":
            admin = self.django(size, "admin", self.args.admin_runs)
            self.extra.append("\n| admin page (large size, signed-in superuser) | status | median ms |\n|---|---|---|")
            self.extra += [f"| {name} (`{row['path']}`) | {row['status']} | {row['ms']:.0f} |" for name, row in admin.items()]
        if not self.args.keep:
            recreate_database(self.server_url, f"{self.args.prefix}_{size}", drop_only=True)

    def add_post_baseline(self, manifest: dict) -> None:
        """The baseline answers a comment's POST as the site acknowledges one: a redirect to the comment."""
        file = self.work / "post.bin"
        file.write_bytes(b"")
        manifest["POST /comments/post/0/"] = {"file": str(file), "status": 302,
                                             "headers": {"Location": f"{SEED}#comment-1",
                                                         "Content-Type": "text/html; charset=utf-8"}}

    def post_comments(self, size: str, site: AppServer, baseline: AppServer) -> None:
        run_id = secrets.token_hex(4)
        bodies = self.work / f"bodies-{run_id}.txt"
        count = max(2000, int(400 * self.args.seconds * (self.args.rounds + 1)))
        path = self.django(size, "tokens", {"count": count, "run": run_id, "net": secrets.randbelow(250),
                                            "file": str(bodies)})["path"]
        ids_files: list[Path] = []

        def script_env(tag: str) -> dict:
            out = self.work / f"posted-{run_id}-{tag}.txt"
            if tag.startswith("site") or tag == "warmup":
                ids_files.append(out)
            return {"BENCH_BODIES": str(bodies), "BENCH_OUT": str(out), "BENCH_CSRF": CSRF}

        result = Result("post a comment", size, "warm")
        # The baseline's POST answers at /comments/post/0/; the site's at the article's own form address.
        script = ROOT / "bench" / "post_comment.lua"
        for round_number in range(self.args.rounds):
            for server, into, url_path in ((site, result.rps, path), (baseline, result.base_rps, "/comments/post/0/")):
                tag = f"{'site' if server is site else 'baseline'}{round_number}"
                figures = wrk(f"http://127.0.0.1:{server.port}{url_path}", self.args.seconds, script=script,
                              env=script_env(tag))
                into.append(figures["rps"])
                if server is site:
                    result.p50.append(figures["p50"])
                    result.p99.append(figures["p99"])
        ids: list[int] = []
        statuses: dict[str, int] = {}
        for file in ids_files:
            if file.exists():
                for line in file.read_text().split():
                    kind, _, value = line.partition("=")
                    if kind == "id":
                        ids.append(int(value))
                    else:
                        statuses[kind] = statuses.get(kind, 0) + int(value)
        acknowledged = sum(n for status, n in statuses.items() if status in {"302", "303"})
        check = self.django(size, "reconcile", {"run": run_id, "ids": ids, "acknowledged": acknowledged,
                                                 "in_flight": CONNECTIONS * self.args.rounds})
        refused = sum(statuses.values()) - acknowledged
        result.errors = refused
        self.results.append(result)
        self.extra.append(
            f"\nComment posts ({size}): {check['acknowledged']} acknowledged, {check['stored']} stored "
            f"({check['unanswered']} of them in flight when wrk stopped, never answered), "
            f"statuses {dict(sorted(statuses.items()))}; every acknowledged comment stored exactly once: "
            f"{'yes' if not check['problems'] else 'NO'}"
        )
        self.extra += [f"  PROBLEM: {problem}" for problem in check["problems"]]
        self.failures += check["problems"]
        if not acknowledged:
            self.failures.append(f"{size}: no comment was acknowledged")

    def table(self) -> str:
        lines = [
            f"Run: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, load average "
            f"{os.getloadavg()[0]:.1f}; wrk -t2 -c8, {self.args.rounds} rounds of {self.args.seconds:g} s each, "
            f"medians; cache: {'Redis' if os.environ.get('REDIS_URL') else 'the default (local memory)'} when warm, "
            "`CACHE_URL=dummy://` when cold.",
            "",
            "| page | size | cache | bytes | req/s | baseline req/s | ratio | p50 ms | p99 ms | SQL queries |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for r in self.results:
            base = statistics.median(r.base_rps) if r.base_rps else 0
            queries = "" if r.queries is None else str(r.queries)
            # A round in which no request finished has no latency: shown as such, not as 0 ms.
            ratio = f"{r.ratio:.3f}" if r.median_rps else "none finished"
            p50, p99 = (f"{statistics.median(v):.1f}" if r.median_rps else "–" for v in (r.p50, r.p99))
            lines.append(
                f"| {r.page} | {r.size} | {r.mode} | {r.bytes} | {r.median_rps:.1f} | {base:.0f} | {ratio} | "
                f"{p50} | {p99} | {queries} |"
            )
        scale = [
            (name, mode, self.by_size[(name, "small", mode)], self.by_size[(name, "large", mode)])
            for (name, size, mode) in self.by_size if size == "large" and (name, "small", mode) in self.by_size
        ]
        if scale:
            lines += ["", "| page | cache | time at large ÷ time at small |", "|---|---|---|"]
            lines += [f"| {name} | {mode} | {small.median_rps / large.median_rps:.2f} |"
                      for name, mode, small, large in scale if large.median_rps]
        threads = [
            ("first", "seed article, first comment page", "20,000-comment article, first page"),
            ("last", "seed article, last comment page", "20,000-comment article, last page"),
        ]
        rows = []
        for label, short, long in threads:
            for mode in ("warm", "cold"):
                a, b = self.by_size.get((short, "large", mode)), self.by_size.get((long, "large", mode))
                if a and b and b.median_rps:
                    rows.append(f"| {label} page of threads | {mode} | {a.median_rps / b.median_rps:.2f} |")
        if rows:
            lines += ["", "| 20,000 comments vs 250 | cache | time ratio |", "|---|---|---|", *rows]
        lines += self.extra
        return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inside", nargs=2, metavar=("TASK", "JSON"), help=argparse.SUPPRESS)
    parser.add_argument("--small-only", action="store_true", help="skip the 100,000-article size (a quick run)")
    parser.add_argument("--seconds", type=float, default=10, help="length of one wrk round")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per page (the median is reported)")
    parser.add_argument("--admin-runs", type=int, default=5)
    parser.add_argument("--skip-post", action="store_true", help="leave out posting comments")
    parser.add_argument("--threads-always", action="store_true", help="compare comment pages at the small size too")
    parser.add_argument("--prefix", default="newsroom_bench", help="scratch databases are PREFIX_small, PREFIX_large")
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases afterwards")
    parser.add_argument("--port", type=int, default=0, help="the site on PORT, the baseline on PORT+1 (default: free ones)")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    if args.inside:
        inside(*args.inside)
        return 0
    if not shutil.which("wrk"):
        parser.error("wrk is not installed (make bench installs it with apt-get)")
    server_url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    if not server_url.startswith(("postgres://", "postgresql://")):
        parser.error("the benchmark runs on PostgreSQL: set DATABASE_URL to a PostgreSQL server")
    bench = Bench(args)
    try:
        for size in ["small"] if args.small_only else ["small", "large"]:
            bench.run_size(size)
    finally:
        shutil.rmtree(bench.work, ignore_errors=True)
    table = bench.table()
    print("\n" + table)
    if args.out:
        args.out.write_text(table)
    if bench.failures:
        print("FAILED:\n  " + "\n  ".join(bench.failures[:40]))
    return 1 if bench.failures else 0


if __name__ == "__main__":
    sys.exit(main())
