"""Who has an article open in the admin right now, kept in the shared cache so every app server sees it."""

from django.core.cache import cache
from django.utils import timezone

WINDOW_SECONDS = 15 * 60


def _key(article_id: int) -> str:
    return f"articles:editing:{article_id}"


def mark_editing(*, article_id: int, user) -> None:
    editors = {k: v for k, v in cache.get(_key(article_id), {}).items() if _fresh(v["at"])}
    editors[user.pk] = {"name": user.get_full_name() or user.get_username(), "at": timezone.now().timestamp()}
    cache.set(_key(article_id), editors, WINDOW_SECONDS)


def clear_editing(*, article_id: int, user) -> None:
    editors = cache.get(_key(article_id), {})
    if editors.pop(user.pk, None) is not None:
        cache.set(_key(article_id), editors, WINDOW_SECONDS)


def others_editing(*, article_id: int, user) -> list[dict]:
    """The other people who opened this article within the last quarter of an hour."""
    return [
        {"name": entry["name"], "since": timezone.datetime.fromtimestamp(entry["at"], tz=timezone.UTC)}
        for user_id, entry in cache.get(_key(article_id), {}).items()
        if user_id != user.pk and _fresh(entry["at"])
    ]


def _fresh(timestamp: float) -> bool:
    return timezone.now().timestamp() - timestamp < WINDOW_SECONDS
