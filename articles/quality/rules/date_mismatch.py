"""Dates in the story that contradict its dateline."""

import re
from collections.abc import Iterator
from datetime import date, timedelta

from ..dates import DATE, format_date, parse_date
from ..engine import Context, Hit
from ..registry import rule
from ..text import sentences

# Words that tie a sentence to the event the dateline is about.
_EVENT_CUE = re.compile(
    r"""\b(?: held | holds? | took \s+ place | takes? \s+ place | met | meets? | meetings? | talks
        | summit | convened | gathered | session | conference | hosted | today(?:['’]s)? | tonight )\b""",
    re.VERBOSE | re.IGNORECASE,
)
# Words that say the date belongs to another event, before or after the one reported.
_OTHER_EVENT = re.compile(
    r"""\b(?: began | begun | begin | started | starts? | since | signed | previous | prior | last
        | earlier | ago | next | upcoming | again | will | would | scheduled | planned | postponed
        | delayed | due | expected | until | before | after | anniversary | founded | born | died
        | announced | proposed | launched | opened | opens | closed | closes | ended | ends | resumed )\b""",
    re.VERBOSE | re.IGNORECASE,
)
_DATE_WINDOW = timedelta(days=7)
_CUE_WORDS_BEFORE = 8
_CUE_WORDS_AFTER = 6
_MARKER_WORDS_AFTER = 4


def _set_on_dateline_day(ctx: Context, dateline: date) -> bool:
    """True if the text says the reported event happens on the dateline's day."""
    anchor = re.compile(rf"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|{dateline:%A})\b", re.IGNORECASE)
    return any(anchor.search(s.text) for s in ctx.segments if s.kind in {"prose", "heading", "headline"})


def _about_reported_event(before: str, after: str) -> bool:
    """True if an event word is near the date and nothing nearby points at another event."""
    lead = " ".join(before.split()[-_CUE_WORDS_BEFORE:])
    tail = " ".join(after.split()[:_CUE_WORDS_AFTER])
    marked = " ".join(after.split()[:_MARKER_WORDS_AFTER])
    return bool(_EVENT_CUE.search(lead) or _EVENT_CUE.search(tail)) and not (
        _OTHER_EVENT.search(lead) or _OTHER_EVENT.search(marked)
    )


@rule(
    "date-mismatch", severity="warning",
    description="A date written about the reported event matches the dateline.",
)
def date_mismatch(ctx: Context) -> Iterator[Hit]:
    """A date close to the dateline, written about the reported event, must match the dateline.

    The heuristic: only an article that puts its event on the dateline's day (it says “today”,
    “tonight”, “this morning” or the dateline's weekday, e.g. “on Wednesday”) can contradict
    itself; a story filed the day after the event legitimately carries an earlier date. In such
    an article a full date is about the reported event when an event word (held, took place,
    met, meeting, talks, summit, convened…) stands within a few words of it in the same
    sentence and no word pointing at another event (began, since, signed, previous, last, next,
    will, scheduled, opened, before, after…) stands between them or right after the date. Such
    a date one to seven days off the dateline contradicts it; dates further away, years alone
    and weekdays are taken to be other events and never warn.
    """
    dateline = ctx.doc.dateline_date
    if dateline is None or not _set_on_dateline_day(ctx, dateline):
        return
    for segment in ctx.segments:
        if segment.kind not in {"prose", "heading", "headline"}:
            continue
        for start, sentence in sentences(segment.text):
            for match in DATE.finditer(sentence):
                found = parse_date(match, dateline.year)
                if found is None or found == dateline or abs(found - dateline) > _DATE_WINDOW:
                    continue
                if not _about_reported_event(sentence[: match.start()], sentence[match.end() :]):
                    continue
                written = match.group().rstrip(",")
                yield Hit(
                    segment, start + match.start(), start + match.start() + len(written),
                    f"This date ({format_date(found)}) contradicts the dateline ({format_date(dateline)}) "
                    "for what reads as the same event.",
                )
