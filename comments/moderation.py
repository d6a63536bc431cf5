"""Pure policy: how verdicts combine, and whether an article takes comments now. No I/O here."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum


class Decision(IntEnum):
    """Stricter decisions are larger, so the strictest verdict is simply the maximum."""

    APPROVE = 0
    HOLD = 1
    SPAM = 2
    REJECT = 3


@dataclass(frozen=True)
class Verdict:
    decision: Decision
    reason: str
    check: str = ""
    score: float | None = None


def strictest(verdicts: list[Verdict]) -> Decision:
    return max((verdict.decision for verdict in verdicts), default=Decision.APPROVE)


def status_for(decision: Decision, *, premoderated: bool) -> str:
    """The status a new comment gets; pre-moderation holds even what every check approved."""
    if decision is Decision.APPROVE:
        return "pending" if premoderated else "approved"
    return {Decision.HOLD: "pending", Decision.SPAM: "spam", Decision.REJECT: "rejected"}[decision]


@dataclass(frozen=True)
class Policy:
    mode: str
    close_after_days: int | None
    closes_at: datetime | None

    def is_open(self, now: datetime) -> bool:
        return self.mode != "closed" and (self.closes_at is None or now < self.closes_at)


def resolve_policy(
    *, site_mode: str, site_days: int | None, section: tuple[str, int | None] | None,
    article: tuple[str, int | None] | None, published_at: datetime | None,
) -> Policy:
    """Each level's non-empty values override the level above: site, then section, then article."""
    mode, days = site_mode, site_days
    for level in (section, article):
        if level is None:
            continue
        level_mode, level_days = level
        mode = level_mode or mode
        days = level_days if level_days is not None else days
    days = days or None
    closes_at = published_at + timedelta(days=days) if days and published_at else None
    return Policy(mode=mode, close_after_days=days, closes_at=closes_at)
