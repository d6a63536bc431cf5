"""Load the site as a busy news day would, on loopback, and check that no reader's comment was lost or doubled.

One command prepares a scratch PostgreSQL database (`newsroom_loadrun` on the server of DATABASE_URL), migrates it,
loads the demo, runs collectstatic, starts gunicorn on 127.0.0.1 with DEBUG off, and drives it for a fixed time with
readers (home, section/tag/author pages, articles, search, feeds) and commenters who behave like people: they load
the article, wait before sending, and send one comment with a unique marker per page view, each from their own
address (`X-Forwarded-For`, with one trusted proxy). Some commenters are hasty on purpose and run into the rate
limits. Then it stops the server, reconciles every answer with the database (each acknowledged comment stored
exactly once, nothing stored for refused ones), prints the figures and drops the scratch database.
Exit status 1 on any unexpected answer or a failed reconciliation.

    make load
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/0 \\
        python bench/load.py --readers 64 --commenters 8 --duration 60

Without REDIS_URL each gunicorn worker counts rate limits in its own memory, as a server without Redis would.
"""

import argparse
import asyncio
import html.parser
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from xml.etree import ElementTree

import httpx

ROOT = Path(__file__).resolve().parents[1]

# How often a reader opens each kind of page, roughly as on a news site: articles first.
READER_MIX = {"article": 40, "home": 15, "listing": 15, "search": 15, "feed": 15}
SEARCH_TERMS = ["minister", "council", "Japan", "trade", "APEC", "budget", "Seoul", "weather", "energy", "qzxwv"]
READER_STATUSES = {200}
# A comment acknowledged by the site answers with a redirect back to the article; a refusal keeps the reader's text.
ACKNOWLEDGED = {302, 303}
RATE_LIMITED = 429
MARKER = re.compile(r"\[load (\w+) c(\d+) n(\d+)\]")
COMMENT_ID = re.compile(r"#comment-(\d+)$")


@dataclass(frozen=True)
class Sample:
    kind: str
    status: int | str
    seconds: float


@dataclass
class Attempt:
    """One comment sent: its marker, who sent it, and how the site answered."""

    marker: str
    commenter: int
    hasty: bool
    status: int | str = ""
    comment_id: int | None = None
    message: str = ""

    @property
    def acknowledged(self) -> bool:
        return self.status in ACKNOWLEDGED

    @property
    def refused_on_purpose(self) -> bool:
        return self.status == RATE_LIMITED and self.hasty


@dataclass
class Targets:
    articles: list[str] = field(default_factory=list)
    listings: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)


@dataclass
class Run:
    run_id: str
    seconds: float
    samples: list[Sample]
    attempts: list[Attempt]
    unexpected: list[str]


class FormReader(html.parser.HTMLParser):
    """The fields of the form posting to `action_part`, as a browser would send them."""

    def __init__(self, action_part: str):
        super().__init__(convert_charrefs=True)
        self.action_part, self.action, self.fields, self.token_url = action_part, None, {}, ""
        self._inside, self._textarea = False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.action is None and self.action_part in (attrs.get("action") or ""):
            self._inside, self.action = True, attrs["action"]
            # Where comment_form.js asks for the reader's tokens: a cached page carries none of its own.
            self.token_url = attrs.get("data-form-token-url") or ""
        elif self._inside and tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind not in {"checkbox", "radio"} or "checked" in attrs:
                self.fields[attrs["name"]] = attrs.get("value") or ""
        elif self._inside and tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self.fields[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._inside:
            self._inside = False


def comment_form(page: str) -> tuple[str, dict[str, str], str] | None:
    """The comment form's address, its fields, and the address its tokens come from."""
    reader = FormReader("/comments/post/")
    reader.feed(page)
    return (reader.action.split("#")[0], reader.fields, reader.token_url) if reader.action else None


def error_text(page: str) -> str:
    """The reason a refused comment was given, for the report."""
    match = re.search(r'class="alert alert-danger error-summary".*?<ul>(.*?)</ul>', page, re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", match.group(1) if match else page[:300])
    return " ".join(text.split())[:200]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the value below which `share` of the samples fall."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


async def discover(client: httpx.AsyncClient) -> Targets:
    """Find the public pages from the sitemap (the home page's links if it fails), as a crawler would."""
    targets = Targets()
    paths: list[str] = []
    pending = ["/sitemap.xml"]
    while pending:
        response = await client.get(pending.pop())
        if response.status_code != 200:
            break
        root = ElementTree.fromstring(response.content)  # nosec B314 - our own server's sitemap, on loopback
        for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
            path = urlsplit(loc.text.strip()).path
            (pending if root.tag.endswith("sitemapindex") else paths).append(path)
    if not paths:
        home = await client.get("/")
        paths = sorted(set(re.findall(r'href="(/(?:news|section|tag|author)/[^"#?]+)"', home.text)))
    for path in dict.fromkeys(paths):
        if path.startswith("/news/"):
            targets.articles.append(path)
        elif re.match(r"^/(section|tag|author)/[^/]+/$", path):
            targets.listings.append(path)
    targets.feeds = ["/feed/", "/feed/atom/"] + [f"{path}feed/" for path in targets.listings[:20]]
    return targets


class Driver:
    """Readers and commenters against one site until the deadline; every answer is recorded."""

    def __init__(
        self, base_url: str, *, readers: int, commenters: int, hasty: int, duration: float, think: float,
        min_seconds: float, limits: list[tuple[int, int]], timeout: float = 30, seed: int | None = None,
    ):
        self.base_url, self.readers, self.commenters, self.hasty = base_url.rstrip("/"), readers, commenters, hasty
        self.duration, self.think, self.min_seconds, self.limits = duration, think, min_seconds, limits
        self.timeout = timeout
        self.random = random.Random(seed)
        self.run_id = secrets.token_hex(4)
        # Addresses unique to this run, so counters left in a shared cache by an earlier run do not apply.
        self.network = f"10.{self.random.randrange(256)}.{self.random.randrange(256)}"
        self.samples: list[Sample] = []
        self.attempts: list[Attempt] = []
        self.unexpected: list[str] = []
        self.targets = Targets()

    def client(self, address: str) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self.base_url, timeout=self.timeout, follow_redirects=False,
            headers={"X-Forwarded-For": address, "User-Agent": "newsroom-load/1"},
        )

    async def fetch(self, client: httpx.AsyncClient, kind: str, method: str, url: str, **kwargs):
        started = time.perf_counter()
        try:
            response = await client.request(method, url, **kwargs)
        except httpx.HTTPError as error:
            self.samples.append(Sample(kind, type(error).__name__, time.perf_counter() - started))
            self.unexpected.append(f"{kind} {method} {url}: {type(error).__name__} {error}")
            return None
        self.samples.append(Sample(kind, response.status_code, time.perf_counter() - started))
        return response

    async def run(self) -> Run:
        loop = asyncio.get_running_loop()
        started = time.perf_counter()
        async with self.client(f"{self.network}.250") as probe:
            self.targets = await discover(probe)
        if not self.targets.articles:
            self.unexpected.append("no published article found in the sitemap or on the home page")
            return Run(self.run_id, 0, self.samples, self.attempts, self.unexpected)
        deadline = loop.time() + self.duration
        workers = [self.reader(number, deadline) for number in range(self.readers)]
        workers += [self.commenter(number, deadline, hasty=number < self.hasty) for number in range(self.commenters)]
        await asyncio.wait_for(asyncio.gather(*workers), timeout=self.duration + 3 * self.timeout + 30)
        return Run(self.run_id, time.perf_counter() - started, self.samples, self.attempts, self.unexpected)

    def reader_url(self) -> tuple[str, str]:
        kind = self.random.choices(list(READER_MIX), weights=list(READER_MIX.values()))[0]
        targets = self.targets
        if kind == "article" or (kind == "listing" and not targets.listings):
            return "article", self.random.choice(targets.articles)
        if kind == "home":
            return kind, "/"
        if kind == "listing":
            return kind, self.random.choice(targets.listings)
        if kind == "search":
            page = "&page=2" if self.random.random() < 0.1 else ""
            return kind, f"/search/?q={self.random.choice(SEARCH_TERMS)}{page}"
        return kind, self.random.choice(targets.feeds)

    async def reader(self, number: int, deadline: float) -> None:
        loop = asyncio.get_running_loop()
        async with self.client(f"{self.network}.{number % 200 + 1}") as client:
            # Readers arrive over the first second instead of all in the same instant.
            await asyncio.sleep(self.random.random())
            while loop.time() < deadline:
                kind, url = self.reader_url()
                response = await self.fetch(client, kind, "GET", url)
                if response is not None and response.status_code not in READER_STATUSES:
                    self.unexpected.append(f"{kind} GET {url}: {response.status_code}")
                if self.think or response is None:
                    await asyncio.sleep(max(self.think, 0.1 if response is None else 0) * self.random.uniform(0.5, 1.5))

    def wait_for_limits(self, sent: list[float], now: float) -> float:
        """Seconds a polite commenter waits so that no rate limit window would hold one comment too many."""
        wait = 0.0
        margin = 1.0
        for allowed, seconds in self.limits:
            recent = [at for at in sent if at > now - seconds - margin]
            if len(recent) >= allowed:
                wait = max(wait, recent[-allowed] + seconds + margin - now)
        return wait

    async def commenter(self, number: int, deadline: float, *, hasty: bool) -> None:
        """Read an article, write, send; a fresh page for every comment, as the form's token may serve only one."""
        loop = asyncio.get_running_loop()
        address = f"{self.network}.{201 + number % 50}"
        sent: list[float] = []
        count = 0
        async with self.client(address) as client:
            await asyncio.sleep(self.random.random() * 2)
            while loop.time() < deadline:
                url = self.random.choice(self.targets.articles)
                response = await self.fetch(client, "comment page", "GET", url)
                if response is None or response.status_code != 200:
                    if response is not None:
                        self.unexpected.append(f"comment page GET {url}: {response.status_code}")
                    await asyncio.sleep(1)  # a server in trouble is not hammered by the same person
                    continue
                form = comment_form(response.text)
                if form is None:
                    await asyncio.sleep(0.2)  # comments closed on this one: pick another article
                    continue
                action, fields, token_url = form
                if token_url:
                    # As the page's script does when the reader starts writing: their own CSRF and form tokens.
                    tokens = await self.fetch(client, "form token", "GET", token_url)
                    if tokens is None or tokens.status_code != 200:
                        if tokens is not None:
                            self.unexpected.append(f"form token GET {token_url}: {tokens.status_code}")
                        continue
                    fields.update({"csrfmiddlewaretoken": tokens.json()["csrf"], "token": tokens.json()["token"]})
                # Past the form's minimum time, as a person reading and typing is; hasty ones barely so.
                pause = self.min_seconds + (0.3 if hasty else self.random.uniform(0.5, 2.5))
                if not hasty:
                    pause += self.wait_for_limits(sent, loop.time() + pause)
                if loop.time() + pause > deadline:
                    break
                await asyncio.sleep(pause)
                count += 1
                marker = f"[load {self.run_id} c{number} n{count}]"
                fields.update({
                    "name": f"Load Reader {number}",
                    "email": f"reader{number}.{self.run_id}@example.com",
                    "body": f"Thanks for the report, this helps me follow the story. {marker}",
                })
                fields.pop("website", None)
                attempt = Attempt(marker=marker, commenter=number, hasty=hasty)
                self.attempts.append(attempt)
                posted = await self.fetch(
                    client, "comment post", "POST", action, data=fields,
                    headers={"Referer": str(response.url), "Origin": self.base_url},
                )
                # The server counted it at some moment before its answer came: the answer's time is the safe bound.
                sent.append(loop.time())
                if posted is None:
                    attempt.status = "no answer"
                    continue
                attempt.status = posted.status_code
                if attempt.acknowledged:
                    found = COMMENT_ID.search(posted.headers.get("location", ""))
                    attempt.comment_id = int(found.group(1)) if found else None
                elif not attempt.refused_on_purpose:
                    attempt.message = error_text(posted.text)
                    self.unexpected.append(f"comment POST {action}: {posted.status_code} {attempt.message}")


def drive(base_url: str, **options) -> Run:
    """Run readers and commenters against a live site; return every answer.

    The event loop runs in a thread of its own, so a caller with a loop already running (a test session
    with browser tests, say) can use it too.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(Driver(base_url, **options).run())).result()


@dataclass
class Reconciliation:
    acknowledged: int = 0
    refused: int = 0
    stored_statuses: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


def reconcile(run: Run) -> Reconciliation:
    """Compare what the site told each commenter with what the database holds for their marker."""
    from comments.models import Comment

    stored: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pk, body, status in Comment.objects.filter(body__contains=f"[load {run.run_id} ").values_list(
        "pk", "body", "status"
    ):
        for found in MARKER.finditer(body):
            stored[found.group(0)].append((pk, status))
    result = Reconciliation()
    attempted = set()
    for attempt in run.attempts:
        attempted.add(attempt.marker)
        rows = stored.get(attempt.marker, [])
        if attempt.acknowledged:
            result.acknowledged += 1
            if len(rows) != 1:
                result.problems.append(f"acknowledged {attempt.marker} is stored {len(rows)} times")
            elif attempt.comment_id is not None and rows[0][0] != attempt.comment_id:
                result.problems.append(f"acknowledged {attempt.marker} as #{attempt.comment_id}, stored as #{rows[0][0]}")
            else:
                result.stored_statuses[rows[0][1]] += 1
        elif isinstance(attempt.status, int) and 400 <= attempt.status < 500:
            result.refused += 1
            if rows:
                result.problems.append(f"refused {attempt.marker} ({attempt.status}) is stored {len(rows)} times")
        else:
            result.problems.append(f"{attempt.marker} got {attempt.status!r}; stored {len(rows)} times")
    for marker in stored.keys() - attempted:
        result.problems.append(f"{marker} is stored but was never sent")
    return result


def report(run: Run, reconciliation: Reconciliation | None = None) -> str:
    """The figures, as plain text for a terminal and for docs/reliability.md."""
    lines = []
    by_kind: dict[str, list[Sample]] = defaultdict(list)
    for sample in run.samples:
        by_kind[sample.kind].append(sample)
    total = len(run.samples)
    seconds = max(run.seconds, 1e-9)
    statuses = Counter(sample.status for sample in run.samples)
    lines.append(f"{total} requests in {run.seconds:.1f} s: {total / seconds:.1f} requests/s")
    lines.append("status mix: " + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items(), key=str)))
    lines.append("")
    lines.append(f"{'kind':<14} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}  statuses")
    for kind in sorted(by_kind):
        samples = by_kind[kind]
        times = [sample.seconds * 1000 for sample in samples]
        mix = Counter(sample.status for sample in samples)
        lines.append(
            f"{kind:<14} {len(samples):>8} {percentile(times, 0.5):>8.0f} {percentile(times, 0.99):>8.0f} "
            f"{max(times):>8.0f}  " + ", ".join(f"{status}: {count}" for status, count in sorted(mix.items(), key=str))
        )
    lines.append("")
    hasty = [attempt for attempt in run.attempts if attempt.hasty]
    lines.append(
        f"comments sent: {len(run.attempts)} ({len(hasty)} by hasty commenters), "
        f"acknowledged: {sum(attempt.acknowledged for attempt in run.attempts)}, "
        f"refused by the rate limit as intended: {sum(attempt.refused_on_purpose for attempt in run.attempts)}"
    )
    if reconciliation is not None:
        stored = ", ".join(f"{status}: {count}" for status, count in sorted(reconciliation.stored_statuses.items()))
        lines.append(
            f"reconciliation: {reconciliation.acknowledged} acknowledged, each stored once: "
            f"{'yes' if not reconciliation.problems else 'NO'}; {reconciliation.refused} refused, none stored: "
            f"{'yes' if not any(p.startswith('refused') for p in reconciliation.problems) else 'NO'}"
            f" (stored as {stored or 'nothing'})"
        )
        lines += [f"  PROBLEM: {problem}" for problem in reconciliation.problems[:50]]
    if run.unexpected:
        lines.append(f"unexpected answers: {len(run.unexpected)}")
        lines += [f"  {line}" for line in run.unexpected[:30]]
    else:
        lines.append("unexpected answers: none")
    return "\n".join(lines)


def failures(run: Run, reconciliation: Reconciliation) -> list[str]:
    """What makes the run fail: unexpected answers, reconciliation problems, or limits that never bit."""
    problems = list(run.unexpected) + list(reconciliation.problems)
    if run.attempts and not any(attempt.acknowledged for attempt in run.attempts):
        problems.append("no comment was acknowledged")
    hasty = [attempt for attempt in run.attempts if attempt.hasty]
    if len(hasty) > 1 and not any(attempt.refused_on_purpose for attempt in hasty):
        problems.append("the hasty commenters were never slowed down by the rate limit")
    return problems


# The orchestration: a scratch database, a real gunicorn, then the drive above.


def database_url(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def recreate_database(url: str, name: str, *, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(database_url(url, "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_command(port: int, workers: int | None) -> list[str]:
    """Run as production would: the project's gunicorn.conf.py when it has one, else flags that suit this test."""
    command = [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}"]
    if not (ROOT / "gunicorn.conf.py").is_file():
        command += [
            "--worker-class", "gthread", "--threads", "4", "--timeout", "30", "--graceful-timeout", "10",
            "--keep-alive", "5",
        ]
        workers = workers or 2 * (os.cpu_count() or 1)
    if workers:
        command += ["--workers", str(workers)]
    return command


def wait_until_up(base_url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode}")
        try:
            if httpx.get(f"{base_url}/robots.txt", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the site did not answer on {base_url} within {seconds:.0f} s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=64)
    parser.add_argument("--commenters", type=int, default=8)
    parser.add_argument("--hasty", type=int, default=2, help="how many of the commenters exceed the rate limits")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--think", type=float, default=1.0, help="a reader's mean pause between pages (0: none)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py, else 2 per core)")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--database", default="newsroom_loadrun", help="scratch database, dropped afterwards")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database for a look afterwards")
    parser.add_argument("--seed", type=int, help="random seed for the readers' and commenters' choices")
    args = parser.parse_args(argv)

    server_url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    if not server_url.startswith(("postgres://", "postgresql://")):
        parser.error("the load test runs on PostgreSQL: set DATABASE_URL to a PostgreSQL server")
    run_url = database_url(server_url, args.database)
    work = Path(tempfile.mkdtemp(prefix="newsroom-load-"))
    env = {
        **os.environ,
        "DATABASE_URL": run_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "NEWSROOM_TRUSTED_PROXIES": "1",
        "MEDIA_ROOT": str(work / "media"),
        # Nothing leaves the machine: mail queued by the site is never sent during the run.
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    port = args.port or free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = work / "gunicorn.log"
    server = None
    try:
        print(f"Preparing database {args.database} on {urlsplit(server_url).hostname} …", flush=True)
        recreate_database(server_url, args.database)
        with open(work / "setup.log", "w") as setup_log:
            call_command("migrate", "--no-input", stdout=setup_log)
            call_command("load_demo", stdout=setup_log)
            call_command("load_demo_comments", stdout=setup_log)
            call_command("collectstatic", "--no-input", stdout=setup_log)
        connections.close_all()
        command = gunicorn_command(port, args.workers)
        print("Starting " + " ".join(command[2:]), flush=True)
        with open(log_path, "w") as log:
            server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        wait_until_up(base_url, server)
        print(
            f"Driving {base_url}: {args.readers} readers, {args.commenters} commenters ({args.hasty} hasty) "
            f"for {args.duration:.0f} s, redis: {'yes' if settings.CACHES['default']['BACKEND'].endswith('RedisCache') else 'no'}",
            flush=True,
        )
        # The figures mean little without knowing what else the machine was doing.
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before the run", flush=True)
        run = drive(
            base_url, readers=args.readers, commenters=args.commenters, hasty=args.hasty, duration=args.duration,
            think=args.think, min_seconds=settings.COMMENTS_MIN_SECONDS, limits=settings.COMMENTS_RATE_LIMITS,
            seed=args.seed,
        )
        print(f"machine: load average {os.getloadavg()[0]:.1f} at the end", flush=True)
        stop(server)
        result = reconcile(run)
        print(report(run, result))
        problems = failures(run, result)
        if any(isinstance(sample.status, int) and sample.status >= 500 for sample in run.samples):
            print("\nServer log (last lines):\n" + "\n".join(log_path.read_text().splitlines()[-40:]))
        print("\nRESULT: " + ("FAILED, " + f"{len(problems)} problem(s)" if problems else "passed"))
        return 1 if problems else 0
    finally:
        if server is not None:
            stop(server)
        connections.close_all()
        if not args.keep:
            recreate_database(server_url, args.database, drop_only=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
