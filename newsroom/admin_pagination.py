"""Admin lists that stay quick on big tables: no exact count of a whole table on PostgreSQL."""

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

# Below this many rows an exact count is cheap, and readers of a small list expect it to be exact.
EXACT_BELOW = 20_000


def estimated_rows(model, using: str) -> int | None:
    """PostgreSQL's own estimate of a table's rows (kept by ANALYZE and autovacuum), or None elsewhere."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table])
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] is not None and row[0] >= 0 else None


class EstimatedCountPaginator(Paginator):
    """Counts a list exactly when it is filtered or small; an unfiltered list of a big PostgreSQL table takes the
    planner's estimate instead of a COUNT(*) over every row (the last page numbers are then approximate)."""

    @cached_property
    def count(self):
        queryset = self.object_list
        if getattr(queryset, "query", None) is not None and not queryset.query.where and not queryset.query.distinct:
            estimate = estimated_rows(queryset.model, queryset.db)
            if estimate is not None and estimate >= EXACT_BELOW:
                return estimate
        return super().count
