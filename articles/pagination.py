"""Keyset pagination: pages cut at a row's (time, id) rather than counted and skipped, so the thousandth page of a
section costs what the first does (no COUNT over the whole list, no OFFSET), and links stay put as stories are added.
"""

import dataclasses
from datetime import UTC, datetime, timedelta

from django.db.models import Q, QuerySet

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def make_cursor(moment: datetime, pk: int) -> str:
    """A row's place in a list as one word for a link: its time in microseconds and its id."""
    return f"{(moment - EPOCH) // timedelta(microseconds=1)}.{pk}"


def parse_cursor(value) -> tuple[datetime, int] | None:
    """The time and id a cursor holds; None for anything a link of ours would not hold."""
    micro, _dot, pk = (value or "").partition(".")
    if not (micro.isascii() and micro.isdigit() and pk.isascii() and pk.isdigit()) or len(micro) > 18 or len(pk) > 18:
        return None
    try:
        return EPOCH + timedelta(microseconds=int(micro)), int(pk)
    except OverflowError:
        return None


def after(field: str, cursor: tuple[datetime, int]) -> Q:
    """Rows after the cursor in ascending (field, pk) order."""
    at, pk = cursor
    return Q(**{f"{field}__gt": at}) | Q(**{field: at, "pk__gt": pk})


def before(field: str, cursor: tuple[datetime, int]) -> Q:
    """Rows before the cursor in ascending (field, pk) order."""
    at, pk = cursor
    return Q(**{f"{field}__lt": at}) | Q(**{field: at, "pk__lt": pk})


@dataclasses.dataclass
class KeysetPage:
    """A page of a newest-first list, shaped enough like Django's `Page` for templates (iteration, `has_next`,
    `has_previous`, `has_other_pages`); its links are `previous_query` and `next_query`, made by `page_link`."""

    object_list: list
    newer: str = ""
    older: str = ""
    number = None

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_previous(self) -> bool:
        return bool(self.newer)

    def has_next(self) -> bool:
        return bool(self.older)

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def link(self, params, direction: str) -> str:
        """The query string of the newer ("previous") or older ("next") page: the same parameters, moved cursor."""
        params = params.copy()
        for name in ("newer", "older", "page"):
            params.pop(name, None)
        if direction == "previous":
            params["newer"] = self.newer
        else:
            params["older"] = self.older
        return f"?{params.urlencode()}"


def newest_first(queryset: QuerySet, params, size: int, field: str = "published_at") -> KeysetPage:
    """The page of `queryset` (newest first by `field`, then id) that the request's `older`/`newer` cursor asks for,
    the first page without one (old `?page=N` links land there too), in one query for `size + 1` rows."""
    older, newer = parse_cursor(params.get("older")), parse_cursor(params.get("newer"))
    if older:
        rows = queryset.filter(before(field, older)).order_by(f"-{field}", "-pk")
    elif newer:
        rows = queryset.filter(after(field, newer)).order_by(field, "pk")
    else:
        rows = queryset.order_by(f"-{field}", "-pk")
    items = list(rows[: size + 1])
    more, items = len(items) > size, items[:size]
    if not items and (older or newer):
        return newest_first(queryset, {}, size, field)
    if newer:
        items.reverse()
    has_newer = more if newer else bool(older)
    has_older = True if newer else more
    return KeysetPage(
        object_list=items,
        newer=make_cursor(getattr(items[0], field), items[0].pk) if has_newer and items else "",
        older=make_cursor(getattr(items[-1], field), items[-1].pk) if has_older and items else "",
    )
