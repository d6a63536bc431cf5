"""Flood control in the shared cache (Redis in production), so every app server counts the same."""

from django.conf import settings
from django.core.cache import cache


def hit(*, keys: list[str]) -> int | None:
    """Count one comment against each key; return the seconds to wait if any limit is already used up."""
    for key in keys:
        for allowed, seconds in settings.COMMENTS_RATE_LIMITS:
            name = f"comments:rate:{seconds}:{key}"
            # add() is atomic: only the first comment of a window creates the counter.
            if not cache.add(name, 1, timeout=seconds):
                try:
                    count = cache.incr(name)
                except ValueError:  # the window expired between add() and incr()
                    cache.add(name, 1, timeout=seconds)
                    count = 1
                if count > allowed:
                    return seconds
    return None
