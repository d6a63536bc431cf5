"""Deployment checks of the project's own settings."""

import os
import runpy
import shlex
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string
from django.core.cache.backends.locmem import LocMemCache
from django.core import checks

GUNICORN_CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def declared_workers(environ=os.environ, conf: Path = GUNICORN_CONF) -> int:
    """How many server processes the deployment declares: GUNICORN_CMD_ARGS, else gunicorn.conf.py (WEB_CONCURRENCY)."""
    args = shlex.split(environ.get("GUNICORN_CMD_ARGS", ""))
    for position, arg in enumerate(args):
        if arg in {"-w", "--workers"} and position + 1 < len(args):
            return int(args[position + 1])
        if arg.startswith("--workers="):
            return int(arg.partition("=")[2])
        if arg.startswith("-w") and arg[2:].isdigit():
            return int(arg[2:])
    if conf.is_file():
        environ, saved = dict(environ), os.environ.copy()
        try:
            os.environ.clear()
            os.environ.update(environ)
            return int(runpy.run_path(str(conf)).get("workers", 1))
        finally:
            os.environ.clear()
            os.environ.update(saved)
    return int(environ.get("WEB_CONCURRENCY", "1"))


@checks.register(checks.Tags.caches, deploy=True)
def local_memory_cache_with_several_workers(app_configs=None, **kwargs):
    """A local-memory cache lives in one process: with several, a page invalidated in one is served stale by another."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    try:
        in_process = issubclass(import_string(backend), LocMemCache)
    except ImportError:
        return []
    if not in_process:
        return []
    workers = declared_workers()
    if workers <= 1:
        return []
    return [
        checks.Error(
            f"The cache is in each process's memory (CACHE_URL=locmem://) but {workers} worker processes are "
            "declared (WEB_CONCURRENCY, gunicorn.conf.py or GUNICORN_CMD_ARGS): a page changed in one would stay "
            "stale in the others, and rate limits would be counted apart.",
            hint="Set CACHE_URL=redis://host:6379/0 (or REDIS_URL), or run one worker (WEB_CONCURRENCY=1).",
            id="newsroom.E010",
        )
    ]
