"""Django's Redis cache, made to keep the site up while Redis is out of reach.

Rate limits, "being edited by" and cached fragments live in Redis so that every app server sees the same. Without
Redis they are better kept per process than not at all: a failed call marks Redis down (logged once), later calls
go to this process's memory at once, and Redis is tried again every few seconds until it answers (logged once).
"""

import pickle
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from . import outages

# Seconds to give Redis to accept a connection and to answer: it answers in well under a millisecond when well.
DEFAULT_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
DEFAULT_RETRY_SECONDS = 5.0
FALLBACK_MAX_ENTRIES = 10_000


def _clock() -> float:
    return time.monotonic()


class _RedisState:
    """Whether one Redis address is known to be down in this process, shared by the threads' cache objects."""

    def __init__(self, location: str):
        self.outage = outages.Outage(f"cache server (Redis at {_without_password(location)})")
        self.retry_at = 0.0
        self.lock = threading.Lock()
        # How many times Redis came back in this process: the page cache starts a new generation after each.
        self.recoveries = 0

    def should_try(self, retry_seconds: float) -> bool:
        """While down, one caller in each interval tries Redis again; the others use memory meanwhile."""
        if not self.outage.ongoing:
            return True
        with self.lock:
            now = _clock()
            if now < self.retry_at:
                return False
            self.retry_at = now + retry_seconds
            return True

    def failed(self, error: Exception, retry_seconds: float) -> None:
        self.retry_at = _clock() + retry_seconds
        self.outage.failed(
            error, "rate limits and presence are kept in each process's memory and pages are served uncached until "
            "it returns",
        )

    def succeeded(self) -> None:
        if self.outage.ongoing:
            self.outage.recovered()
            self.recoveries += 1


_states: dict[str, _RedisState] = {}
_states_lock = threading.Lock()


def _state_for(location: str) -> _RedisState:
    with _states_lock:
        return _states.setdefault(location, _RedisState(location))


class SharedCacheUnavailable(Exception):
    """The shared cache cannot be reached: what needs every server to agree (the page cache) must do without."""


def _without_password(location: str) -> str:
    scheme, _, rest = location.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}" if rest else location


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one redis-py client per connection pool instead of building one per call.

    Building a client sets up about 170 response callbacks: half the cost of a page-cache hit. The client is as
    thread-safe as the pool it draws connections from.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class LocalMemoryCache(LocMemCache):
    """Django's LocMemCache, reading many keys under one lock and without the per-key memcached checks (our keys are
    short and ours). A page-cache hit reads the version of every story a page shows: ~70 keys for the home page,
    which took 0.55 ms a hit through LocMemCache.get_many and takes a third of that this way."""

    def get_many(self, keys, version=None):
        wanted = [(key, self.make_key(key, version=version)) for key in keys]
        now = time.time()
        found = {}
        with self._lock:
            for key, made in wanted:
                expires = self._expire_info.get(made, -1)
                if expires is not None and expires <= now:
                    continue  # absent or expired: left for get() to tidy away
                found[key] = self._cache[made]
                self._cache.move_to_end(made, last=False)
        # Values this process pickled itself, as LocMemCache.get unpickles them.
        return {key: pickle.loads(value) for key, value in found.items()}  # noqa: S301  # nosec B301


class ResilientRedisCache(RedisCache):
    """RedisCache with short socket timeouts that answers from local memory while Redis is unreachable.

    OPTIONS as for Django's RedisCache, plus RETRY_SECONDS: how long to wait between attempts while Redis is down.
    """

    def __init__(self, server, params):
        options = {**DEFAULT_TIMEOUTS, **params.get("OPTIONS", {})}
        self.retry_seconds = float(options.pop("RETRY_SECONDS", DEFAULT_RETRY_SECONDS))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClientRedisCacheClient
        location = ",".join(self._servers)
        self._state = _state_for(location)
        fallback_params = {
            key: params[key] for key in ("TIMEOUT", "KEY_PREFIX", "VERSION", "KEY_FUNCTION") if key in params
        }
        # LocMemCache objects of one name share their data, so every thread of the process sees the same fallback.
        self._fallback = LocMemCache(
            f"newsroom-redis-fallback:{location}", {**fallback_params, "OPTIONS": {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES}},
        )

    def _call(self, name: str, *args, **kwargs):
        from redis.exceptions import RedisError

        if self._state.should_try(self.retry_seconds):
            try:
                result = getattr(RedisCache, name)(self, *args, **kwargs)
            except RedisError as error:
                self._state.failed(error, self.retry_seconds)
            else:
                self._state.succeeded()
                return result
        return getattr(self._fallback, name)(*args, **kwargs)

    def ping(self) -> bool:
        """Ask Redis itself, whatever its last known state; for the readiness check."""
        from redis.exceptions import RedisError

        try:
            self._cache.get_client().ping()
        except RedisError as error:
            self._state.failed(error, self.retry_seconds)
            return False
        self._state.succeeded()
        return True

    @property
    def recoveries(self) -> int:
        return self._state.recoveries

    @property
    def location_id(self) -> str:
        return self._state.outage.service

    def shared_call(self, name: str, *args, **kwargs):
        """Ask Redis itself, never the local fallback; raise SharedCacheUnavailable while it is out of reach."""
        from redis.exceptions import RedisError

        if not self._state.should_try(self.retry_seconds):
            raise SharedCacheUnavailable(self._state.outage.service)
        try:
            if name == "get_many":
                result = self._get_many_unchecked(*args, **kwargs)
            else:
                result = getattr(RedisCache, name)(self, *args, **kwargs)
        except RedisError as error:
            self._state.failed(error, self.retry_seconds)
            raise SharedCacheUnavailable(self._state.outage.service) from error
        self._state.succeeded()
        return result

    def _get_many_unchecked(self, keys, version=None) -> dict:
        """One MGET, without RedisCache's per-key memcached checks (a page-cache hit reads ~70 keys)."""
        key_map = {self.make_key(key, version=version): key for key in keys}
        return {key_map[made]: value for made, value in self._cache.get_many(key_map).items()}

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self):
        return self._call("clear")
