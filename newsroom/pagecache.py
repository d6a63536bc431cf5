"""The page cache for anonymous readers: whole public pages kept in the shared cache and never served stale.

Views opt in: a public view marks its response with the tags of everything the page shows (`mark`), for example
`article:12`, `section:3`, `home`. A stored page keeps the version of each of its tags and of the cache's
generation; a hit reads the page and the current versions in one round trip and is served only if they all still
match and the page's own expiry (the next scheduled publication, comments closing) has not come. A change bumps
the versions of the tags it affects once its transaction commits (`invalidate`), so exactly the pages that show it
are rendered again, and a CDN in front is told the same tags (NEWSROOM_CDN_PURGE_URL).

Staff, readers with a session or a pending message, sign-in and preview pages never meet the cache; what belongs
to one reader (CSRF and comment-form tokens) comes from an uncached endpoint, filled in by a script.

A Redis outage serves pages uncached (never from one process's memory, which would miss the other servers'
invalidations); once Redis answers again a new generation begins, so nothing written before or during the outage
is served.
"""

import functools
import hashlib
import logging
import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from django.utils.module_loading import import_string

from .cache import SharedCacheUnavailable

logger = logging.getLogger(__name__)

PREFIX = "pc:"
GENERATION_KEY = f"{PREFIX}generation"
# Changed by every invalidation, before the tags: a page rendered while it changed is not stored.
CLOCK_KEY = f"{PREFIX}clock"
TRACKING_PREFIXES = ("utm_",)
TRACKING_NAMES = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga"})
# Never stored with a page: a cookie belongs to one reader (a response setting one is not stored at all).
STORED_HEADERS_SKIP = frozenset({"set-cookie", "x-cache", "date"})


def now() -> datetime:
    """The time the cache reasons with (tests move it forward through django.utils.timezone.now)."""
    return timezone.now()


def new_token(*, changed: bool = True) -> str:
    """A new version: when its change was made (seconds; 0 for a tag seen for the first time, which changed nothing),
    then random, so a page can tell how fresh the changes to what it shows are."""
    return f"{now().timestamp() if changed else 0:.3f}:{secrets.token_hex(6)}"


def made_at(version) -> float:
    """When a version was made (0 for one from before versions carried their time)."""
    try:
        return float(str(version).partition(":")[0])
    except ValueError:
        return 0.0


def replica_lag() -> float:
    """Seconds a read replica may lag behind the primary, when public pages read from one (newsroom.db_router)."""
    if not any(router.endswith("ReplicaRouter") for router in settings.DATABASE_ROUTERS):
        return 0.0
    return settings.NEWSROOM_REPLICA_LAG_SECONDS


def tag_key(tag: str) -> str:
    return f"{PREFIX}tag:{tag}"


# --- the shared cache, or nothing -------------------------------------------------------------------------------


def _cache():
    return caches[settings.NEWSROOM_PAGE_CACHE_ALIAS]


def enabled() -> bool:
    return settings.NEWSROOM_PAGE_CACHE and not isinstance(_cache(), DummyCache)


_seen_recoveries: dict[str, int] = {}
_state_lock = threading.Lock()
_generation_due = False


def call(name: str, *args, **kwargs):
    """One operation on the shared cache; raises SharedCacheUnavailable rather than answering from local memory.

    The first operation after the shared cache came back (or after an invalidation was lost) starts a new
    generation, so no page stored before or during the outage is ever served.
    """
    global _generation_due
    cache = _cache()
    shared = getattr(cache, "shared_call", None)
    if shared is None:
        return getattr(cache, name)(*args, **kwargs)
    recoveries = cache.recoveries
    with _state_lock:
        due = _generation_due or _seen_recoveries.get(cache.location_id, 0) != recoveries
    if due:
        shared("set", GENERATION_KEY, new_token(), None)
        with _state_lock:
            _generation_due = False
            _seen_recoveries[cache.location_id] = recoveries
        logger.warning(
            "Page cache: a new generation begins; no page stored before the cache server's outage will be served."
        )
    return shared(name, *args, **kwargs)


# --- what a request is --------------------------------------------------------------------------------------------


def is_tracking(name: str) -> bool:
    return name.startswith(TRACKING_PREFIXES) or name in TRACKING_NAMES


def kept_query(query_string: str) -> list[tuple[str, str]]:
    """The query without tracking parameters, in a fixed order: `?b=1&a=2&utm_source=x` is the page `?a=2&b=1`."""
    return sorted(
        (name, value) for name, value in parse_qsl(query_string, keep_blank_values=True) if not is_tracking(name)
    )


def shareable_request(request) -> bool:
    """A request any anonymous reader could have made: no session, no message waiting, no credentials."""
    if request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    return not request.path_info.startswith(tuple(settings.NEWSROOM_PAGE_CACHE_BYPASS_PREFIXES))


@functools.cache
def release() -> str:
    """This version of the site: pages stored by another (before a deploy, or beside it in a rolling one) are apart.

    NEWSROOM_RELEASE when the deployment names one (a commit id); else a digest of the project's code, templates and
    static files, the same on every server running the same files (read once per process).
    """
    return settings.NEWSROOM_RELEASE or _files_digest()


@functools.cache
def _files_digest() -> str:
    digest = hashlib.blake2b(digest_size=8)
    for folder in ("templates", "static", "articles", "comments", "newsroom"):
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in {".py", ".html", ".txt", ".xml", ".js", ".css", ".svg"} and path.is_file():
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def page_key(request, query: list[tuple[str, str]]) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    address = f"{release()} {request.scheme}://{host}{request.path}?{urlencode(query)}"
    return f"{PREFIX}page:{hashlib.sha256(address.encode()).hexdigest()}"


# --- what a view says about its page --------------------------------------------------------------------------------


@dataclass
class Marks:
    tags: set[str] = field(default_factory=set)
    expires_at: datetime | None = None


def mark(response, tags, *, expires_at: datetime | None = None):
    """Declare a response a public page that shows these things; only marked pages are stored or sent `public`."""
    marks = getattr(response, "page_cache", None) or Marks()
    marks.tags.update(tags)
    marks.tags.add("nav")
    if expires_at is not None and (marks.expires_at is None or expires_at < marks.expires_at):
        marks.expires_at = expires_at
    response.page_cache = marks
    return response


def expire_no_later_than(request, when: datetime | None) -> None:
    """A part of the page changes by itself at `when` (comments closing): the stored page must not outlive it."""
    if when is None:
        return
    current = getattr(request, "page_cache_expires_at", None)
    if current is None or when < current:
        request.page_cache_expires_at = when


# --- reading and writing pages ---------------------------------------------------------------------------------------

# Which tags each page had when last seen, so that a hit usually needs one round trip to the cache server.
_known_tags: dict[str, tuple[str, ...]] = {}
_KNOWN_TAGS_MAX = 20_000


@dataclass
class Lookup:
    entry: dict | None
    clock: object


def lookup(key: str) -> Lookup:
    """The stored page if every version it was stored with is still current and it has not expired."""
    guess = _known_tags.get(key, ())
    found = call("get_many", [key, GENERATION_KEY, CLOCK_KEY, *map(tag_key, guess)])
    entry = found.get(key)
    clock = found.get(CLOCK_KEY)
    if entry is None:
        return Lookup(None, clock)
    tags = tuple(entry["versions"])
    if tags != guess:
        if len(_known_tags) > _KNOWN_TAGS_MAX:
            _known_tags.clear()
        _known_tags[key] = tags
        found.update(call("get_many", [tag_key(tag) for tag in tags]))
    current = (
        found.get(GENERATION_KEY) == entry["generation"]
        and all(found.get(tag_key(tag)) == version for tag, version in entry["versions"].items())
        and now().timestamp() < entry["expires"]
    )
    return Lookup(entry if current else None, clock)


def store(key: str, response, marks: Marks, *, clock_before, expires_at: datetime | None) -> bool:
    """Keep the page with its tags' current versions, unless something changed while it was being rendered."""
    tags = sorted(marks.tags)
    keys = [*map(tag_key, tags), GENERATION_KEY]
    found = call("get_many", [*keys, CLOCK_KEY])  # the clock last: an invalidation writes it first
    if found.get(CLOCK_KEY) != clock_before:
        return False
    missing = [k for k in keys if k not in found]
    if missing:
        for k in missing:
            call("add", k, new_token(changed=False), None)
        found.update(call("get_many", missing))
        if call("get", CLOCK_KEY) != clock_before:
            return False
    lifetime = settings.NEWSROOM_PAGE_CACHE_SECONDS
    if (lag := replica_lag()) and now().timestamp() - max(made_at(found[k]) for k in keys) < lag:
        # Read from a replica just after one of its things changed: the page may show the change not yet arrived.
        # Kept only until the replica has caught up, so the staleness is bounded by its lag.
        lifetime = min(lifetime, lag)
    expires = now().timestamp() + lifetime
    if expires_at is not None:
        expires = min(expires, expires_at.timestamp())
    timeout = int(expires - now().timestamp())
    if timeout <= 0:
        return False
    entry = {
        "generation": found[GENERATION_KEY],
        "versions": {tag: found[tag_key(tag)] for tag in tags},
        "expires": expires,
        "status": response.status_code,
        "headers": [(k, v) for k, v in response.items() if k.lower() not in STORED_HEADERS_SKIP],
        "content": response.content,
    }
    call("set", key, entry, timeout)
    _known_tags[key] = tuple(tags)
    return True


def response_from(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


# --- invalidation ---------------------------------------------------------------------------------------------------

class _Pending:
    """The tags invalidated on one database connection and not yet bumped.

    Registered with every on_commit, so that whichever commit comes first bumps them all once: a transaction
    invalidating many things costs one round trip, and a rolled-back one loses nothing others need.
    """

    def __init__(self):
        self.tags: set[str] = set()

    def __call__(self):
        tags, self.tags = self.tags, set()
        if tags:
            bump(tags)


def invalidate(tags) -> None:
    """Bump these tags once the current transaction commits (at once outside one); a CDN is told the same."""
    tags = {str(tag) for tag in tags if tag}
    if not tags:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        bump(tags)
        return
    pending = getattr(connection, "_page_cache_pending", None)
    if pending is None:
        pending = connection._page_cache_pending = _Pending()
    pending.tags.update(tags)
    transaction.on_commit(pending)


def bump(tags) -> None:
    """New versions for these tags: every stored page showing one of them is not served again."""
    global _generation_due
    tags = sorted(set(tags))
    if enabled():
        versions = {CLOCK_KEY: new_token()} | {tag_key(tag): new_token() for tag in tags}
        try:
            call("set", CLOCK_KEY, versions[CLOCK_KEY], None)
            call("set_many", versions, None)
        except SharedCacheUnavailable:
            # Lost: the next operation once the cache answers starts a new generation instead.
            _generation_due = True
    if settings.NEWSROOM_CDN_PURGE_URL:
        from .tasks import purge_cdn

        try:
            purge_cdn.enqueue(tags)
        except Exception:  # noqa: BLE001 - the page cache is invalidated; the CDN's copies expire by s-maxage
            logger.exception("Could not queue the CDN purge of %s", ", ".join(tags))


def new_generation() -> None:
    """Forget every stored page at once (after an outage, or by hand)."""
    call("set", GENERATION_KEY, new_token(), None)


# --- response headers -----------------------------------------------------------------------------------------------


def etag_for(content: bytes) -> str:
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


def public_headers(response, marks: Marks) -> None:
    response["Cache-Control"] = (
        f"public, max-age=0, s-maxage={settings.NEWSROOM_CDN_MAX_AGE}, "
        f"stale-while-revalidate={settings.NEWSROOM_CDN_STALE_SECONDS}"
    )
    response["Surrogate-Key"] = " ".join(sorted(marks.tags))
    if not response.streaming and "ETag" not in response:
        response["ETag"] = etag_for(response.content)


def private_headers(response) -> None:
    if "Cache-Control" not in response:
        response["Cache-Control"] = "private, no-store"


def not_modified(request, response) -> HttpResponse | None:
    """A 304 when the reader already holds this version of the page (If-None-Match)."""
    etag = response.get("ETag")
    wanted = request.META.get("HTTP_IF_NONE_MATCH")
    if not etag or not wanted:
        return None
    if wanted.strip() != "*" and etag not in [tag.strip().removeprefix("W/") for tag in wanted.split(",")]:
        return None
    answer = HttpResponse(status=304)
    for name in ("ETag", "Cache-Control", "Surrogate-Key", "Vary", "Last-Modified", "X-Cache"):
        if name in response:
            answer[name] = response[name]
    return answer


@functools.cache
def _deadline_functions(paths: tuple[str, ...]):
    return [import_string(path) for path in paths]


def deadlines():
    """Functions giving the next moment every page may change by itself (a scheduled story going public)."""
    return _deadline_functions(tuple(settings.NEWSROOM_PAGE_CACHE_DEADLINES))


# --- the middleware -------------------------------------------------------------------------------------------------


class PageCacheMiddleware:
    """Answers stored pages before the session, CSRF, auth and template machinery run; stores marked pages.

    Near the top of MIDDLEWARE (after the health checks and SecurityMiddleware): a hit costs a cache round trip.
    Headers the middleware below adds (CSP, frame and permission policies) are stored with the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        shareable = shareable_request(request)
        if shareable:
            raw_query = request.META.get("QUERY_STRING", "")
            query = kept_query(raw_query) if raw_query else []
            if raw_query and any(is_tracking(name) for name, _value in parse_qsl(raw_query, keep_blank_values=True)):
                # Rendered as without tracking parameters, so that every reader of the entry gets the same page.
                request.GET = QueryDict(urlencode(query))
        if not (shareable and enabled()):
            return self.finish(request, self.get_response(request), shareable=shareable, state="bypass")
        key = page_key(request, query)
        if key is None:
            return self.finish(request, self.get_response(request), shareable=False, state="bypass")
        try:
            found = lookup(key)
        except SharedCacheUnavailable:
            return self.finish(request, self.get_response(request), shareable=shareable, state="bypass")
        if found.entry is not None:
            response = response_from(found.entry)
            response["X-Cache"] = "hit"
            return not_modified(request, response) or response
        response = self.get_response(request)
        marks = getattr(response, "page_cache", None)
        if marks is not None and self.storable(response):
            expires_at = marks.expires_at
            from_request = getattr(request, "page_cache_expires_at", None)
            if from_request is not None and (expires_at is None or from_request < expires_at):
                expires_at = from_request
            public_headers(response, marks)
            response["X-Cache"] = "miss"
            try:
                for deadline in deadlines():
                    when = deadline()
                    if when is not None and (expires_at is None or when < expires_at):
                        expires_at = when
                store(key, response, marks, clock_before=found.clock, expires_at=expires_at)
            except SharedCacheUnavailable:
                response["X-Cache"] = "bypass"
            return not_modified(request, response) or response
        return self.finish(request, response, shareable=shareable, state="miss")

    @staticmethod
    def storable(response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        control = response.get("Cache-Control", "").lower()
        return "private" not in control and "no-store" not in control and "no-cache" not in control

    def finish(self, request, response, *, shareable: bool, state: str):
        marks = getattr(response, "page_cache", None)
        if shareable and marks is not None and self.storable(response):
            public_headers(response, marks)
            response["X-Cache"] = state
            return not_modified(request, response) or response
        private_headers(response)
        response["X-Cache"] = "bypass" if marks is None or not shareable else state
        return response
