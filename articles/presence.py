"""Who has an article open in the admin right now, kept in the shared cache so every app server sees it."""

import secrets
from datetime import UTC, datetime

from django.core.cache import cache
from django.utils import timezone

WINDOW_SECONDS = 15 * 60


def _key(article_id: int) -> str:
    return f"articles:editing:{article_id}"


def _current(article_id: int) -> dict:
    """Each person's open pages (page id: when opened), dropping pages older than the window."""
    editors = {}
    for user_id, entry in cache.get(_key(article_id), {}).items():
        pages = {page: at for page, at in entry.get("pages", {}).items() if _fresh(at)}
        if pages:
            editors[user_id] = {**entry, "pages": pages}
    return editors


def mark_editing(*, article_id: int, user) -> str:
    """Record one page view of the article by this person; return its id, which the page sends back when left."""
    editors = _current(article_id)
    now = timezone.now().timestamp()
    page = secrets.token_urlsafe(12)
    entry = editors.get(user.pk) or {"since": now, "pages": {}}
    # "Since" is when they opened it, not their latest reload or save-and-continue.
    editors[user.pk] = {
        "name": user.get_full_name() or user.get_username(), "since": entry["since"],
        "pages": {**entry["pages"], page: now},
    }
    cache.set(_key(article_id), editors, WINDOW_SECONDS)
    return page


def clear_editing(*, article_id: int, user, page: str | None = None) -> None:
    """Forget one page the person left, or all of theirs (a save that closes the article)."""
    editors = _current(article_id)
    entry = editors.get(user.pk)
    if entry is None:
        return
    if page is not None:
        entry["pages"].pop(page, None)
    if page is None or not entry["pages"]:
        del editors[user.pk]
    cache.set(_key(article_id), editors, WINDOW_SECONDS)


def others_editing(*, article_id: int, user) -> list[dict]:
    """The other people with this article open (seen within the last quarter of an hour), and since when."""
    return [
        {"name": entry["name"], "since": datetime.fromtimestamp(entry["since"], tz=UTC)}
        for user_id, entry in _current(article_id).items()
        if user_id != user.pk
    ]


def _fresh(timestamp: float) -> bool:
    return timezone.now().timestamp() - timestamp < WINDOW_SECONDS
