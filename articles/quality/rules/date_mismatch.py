"""Dates in the story that contradict its dateline."""

import re
from collections.abc import Iterator
from datetime import date, timedelta

from ..dates import DATE, WEEKDAYS, format_date, parse_date
from ..engine import Context, Hit
from ..registry import rule
from ..text import sentences

# Words that tie a sentence to the event the dateline is about.
_EVENT_CUE = re.compile(
    r"""\b(?: held | holds? | took \s+ place | takes? \s+ place | met | meets? | meetings? | talks
        | summit | convened | gathered | session | conference | hosted | today(?:['’]s)? | tonight
        | hearings? | sentenc(?:ed|ing) | verdicts? | ruled | ruling | convicted | acquitted | fined | voted )\b""",
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
# Right after a date, “before” or “after” relate its event to another (“on Friday after a long debate”);
# they do not make it another event.
_OTHER_EVENT_AFTER = re.compile(_OTHER_EVENT.pattern.replace("| until | before | after ", "| until "), _OTHER_EVENT.flags)
_WEEKDAY = re.compile(r"\b(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s)?(?![\w-])")
_TIME_OF_DAY = re.compile(r"\s*(?:morning|afternoon|evening|night)\b", re.IGNORECASE)
# Verbs of saying: a weekday right after one dates the statement, not the event.
_REPORTED = re.compile(
    r"\b(?:said|says|told|announced|confirmed|reported|added|stated|explained|warned|wrote|tweeted)\b(?:\s+\w+)?\s*(?:on)?\s*$",
    re.IGNORECASE,
)
_REPORT_WORDS_BEFORE = 4
_DATE_WINDOW = timedelta(days=7)
_CUE_WORDS_BEFORE = 8
_CUE_WORDS_AFTER = 6
_MARKER_WORDS_AFTER = 4


def _set_on_dateline_day(ctx: Context, dateline: date | None) -> bool:
    """True if the text says the reported event happens on the dateline's day (its weekday only when the dateline
    has a year, since a month and day alone name no weekday). The day of a statement (“the council said on
    Thursday”) sets only the statement there: the events it reports may be days older."""
    weekday = f"|{dateline:%A}" if dateline is not None else ""
    anchor = re.compile(rf"\b(?:today|tonight|this\s+(?:morning|afternoon|evening){weekday})\b", re.IGNORECASE)
    for segment in ctx.segments:
        if segment.kind not in {"prose", "heading", "headline"}:
            continue
        for match in anchor.finditer(segment.text):
            if not _REPORTED.search(" ".join(segment.text[: match.start()].split()[-_REPORT_WORDS_BEFORE:])):
                return True
    return False


def _about_reported_event(before: str, after: str) -> bool:
    """True if an event word is near the date and nothing nearby points at another event."""
    lead = " ".join(before.split()[-_CUE_WORDS_BEFORE:])
    tail = " ".join(after.split()[:_CUE_WORDS_AFTER])
    marked = " ".join(after.split()[:_MARKER_WORDS_AFTER])
    return bool(_EVENT_CUE.search(lead) or _EVENT_CUE.search(tail)) and not (
        _OTHER_EVENT.search(lead) or _OTHER_EVENT_AFTER.search(marked)
    )


def _dateline(ctx: Context) -> tuple[date | None, tuple[int, int] | None]:
    """The dateline's full date, or its month and day when it gives no year (“GLASGOW, Sept 4 (Reuters) -”)."""
    full = ctx.doc.dateline_date
    if full is not None:
        return full, (full.month, full.day)
    month_day = getattr(ctx.doc, "dateline_month_day", None)
    return None, tuple(month_day) if month_day else None


def _on(year: int, month_day: tuple[int, int]) -> date | None:
    try:
        return date(year, *month_day)
    except ValueError:
        return None


# A verb in the past just before a date: what it tells has happened by the time the story was filed.
_PAST_CUE = re.compile(
    r"""\b(?: was | were | had | broke | began | took | met | held | fell | rose | won | lost | died | struck | hit
        | came | went | ran | [a-z]{3,}ed ) \b""",
    re.VERBOSE | re.IGNORECASE,
)
# Words that put the date in the future or make it a deadline, so the past tense is not about the date.
_NOT_YET = re.compile(
    r"""\b(?: will | would | could | may | might | shall | expected | due | scheduled | planned | set \s+ to | is \s+ to
        | are \s+ to | plans? | next | deadline | postponed | delayed | moved | rescheduled | pushed
        | brought \s+ forward )\b""",
    re.VERBOSE | re.IGNORECASE,
)
# A word right before the date that makes it a limit or a starting point rather than the day something happened.
_LIMIT = re.compile(r"\b(?:by|until|till|from|before|after|since|through)\s+(?:the\s+)?$", re.IGNORECASE)
_PAST_CUE_WORDS = 12
# Where a clause ends: a past verb before it belongs to another clause (“He was charged, and his trial starts …”).
_CLAUSE_BREAK = re.compile(r"[,;:—–]|\b(?:and|but|while|whereas|although|though|because|so)\b")
# A weekday written beside a full date (“on Tuesday, May 14”, “Tuesday 14 May”): both must name the same day.
_WEEKDAY_DATE = re.compile(rf"\b(?P<weekday>{'|'.join(d.capitalize() for d in WEEKDAYS)}),?\s+(?:the\s+)?")


def _weekdays_beside_dates(ctx: Context, dateline: date | None) -> Iterator[Hit]:
    """A weekday beside a date must be that date's weekday; the year is the date's own, else the one that puts it
    nearest the dateline."""
    for segment in ctx.segments:
        if segment.kind not in {"prose", "heading", "headline"}:
            continue
        for match in _WEEKDAY_DATE.finditer(segment.text):
            written = DATE.match(segment.text, match.end())
            if written is None:
                continue
            found = _in_year_near(written, dateline)
            if found is None or found.strftime("%A") == match["weekday"]:
                continue
            yield Hit(
                segment, match.start(), written.end(),
                f"{format_date(found)} is a {found:%A}, not a {match['weekday']}: one of the two is wrong.",
            )


def _in_year_near(written: re.Match[str], dateline: date | None) -> date | None:
    if written["year"] or written["year2"] or written["iso_year"]:
        return parse_date(written, 0)
    if dateline is None:
        return None
    candidates = [found for year in (dateline.year - 1, dateline.year, dateline.year + 1)
                  if (found := parse_date(written, year)) is not None]
    return min(candidates, key=lambda found: abs(found - dateline), default=None)


def _past_events_after_the_dateline(
    ctx: Context, dateline: date | None, month_day: tuple[int, int],
) -> Iterator[Hit]:
    """A date after the dateline told in the past tense (“the fire started on Sept. 6” in copy filed Sept. 4)
    cannot be right: the story could not report it yet."""
    for segment in ctx.segments:
        if segment.kind not in {"prose", "heading", "headline"}:
            continue
        for start, sentence in sentences(segment.text):
            for match in DATE.finditer(sentence):
                found = parse_date(match, dateline.year if dateline else 2000)
                reference = dateline or (found and _on(found.year, month_day))
                if found is None or reference is None or not timedelta(0) < found - reference <= _DATE_WINDOW:
                    continue
                clause = _CLAUSE_BREAK.split(sentence[: match.start()])[-1]
                lead = " ".join(clause.split()[-_PAST_CUE_WORDS:])
                if not _PAST_CUE.search(lead) or _NOT_YET.search(clause) or _LIMIT.search(sentence[: match.start()]):
                    continue
                written = match.group().rstrip(",")
                yield Hit(
                    segment, start + match.start(), start + match.start() + len(written),
                    f"This date ({format_date(found)}) is after the dateline ({format_date(reference)}), yet the "
                    "story tells it as past: one of the two is wrong.",
                )


@rule(
    "date-mismatch", severity="warning",
    description="A date or weekday written about the reported event matches the dateline.",
    examples=(
        ("Council cuts bus fares\n\nDERBY – March 12, 2025 – The council voted today to cut fares. "
         "The vote, held on March 10, passed easily.", True),
        ("Council cuts bus fares\n\nDERBY – March 12, 2025 – The council voted today to cut fares. "
         "The previous vote, held on March 10, failed.", False),
        ("Jury clears driver\n\nLEEDS – May 6, 2025 – A jury cleared a driver on Tuesday. "
         "The jury returned its verdict on Thursday after two hours.", True),
        ("Jury clears driver\n\nLEEDS – May 6, 2025 – A jury cleared a driver on Tuesday. "
         "The trial began on Thursday last week.", False),
        ("Mill fire\n\nBOLTON, Oct 3 (Reuters) - Crews fought a mill fire. It broke out on Oct. 5 in a store.", True),
        ("Mill fire\n\nBOLTON, Oct 3 (Reuters) - Crews fought a mill fire. The inquiry opens on Oct. 5.", False),
    ),
)
def date_mismatch(ctx: Context) -> Iterator[Hit]:
    """A date or weekday close to the dateline, written about the reported event, must match the dateline.

    The heuristic: only an article that puts its event on the dateline's day (it says “today”, “tonight”, “this
    morning” or the dateline's weekday, e.g. “on Wednesday”, other than as the day of a statement, “officials said
    on Wednesday”) can contradict itself; a story filed the day after the event legitimately carries an earlier
    date. In such an article a date or weekday is about the reported event when an event word (held, took place,
    met, meeting, talks, summit, convened, hearing, verdict, ruled, voted…) stands within a few words of it in the
    same sentence and no word pointing at another event (began, since, signed, previous, last, next, will,
    scheduled, opened, before, after…) stands before it or right after it. Such a full date one to seven days off
    the dateline contradicts it. A weekday contradicts it unless it is the dateline's weekday or the day before
    (wires write “on Tuesday” on Wednesday's copy for an event late the day before); a weekday is only read
    against a dateline with a year. A dateline with a month and day but no year is compared with the body's dates
    in their own year. Dates further away and years alone are taken to be other events and never warn.
    """
    dateline, month_day = _dateline(ctx)
    if month_day is None:
        return
    yield from _weekdays_beside_dates(ctx, dateline)
    past = list(_past_events_after_the_dateline(ctx, dateline, month_day))
    yield from past
    told = {(hit.segment.index, hit.start) for hit in past}
    if not _set_on_dateline_day(ctx, dateline):
        return
    allowed_days = {dateline.weekday(), (dateline - timedelta(days=1)).weekday()} if dateline else set()
    for segment in ctx.segments:
        if segment.kind not in {"prose", "heading", "headline"}:
            continue
        for start, sentence in sentences(segment.text):
            dated: list[tuple[int, int]] = []
            for match in DATE.finditer(sentence):
                dated.append(match.span())
                found = parse_date(match, dateline.year if dateline else 2000)
                reference = dateline or (found and _on(found.year, month_day))
                if found is None or reference is None or found == reference or abs(found - reference) > _DATE_WINDOW:
                    continue
                if not _about_reported_event(sentence[: match.start()], sentence[match.end() :]):
                    continue
                if (segment.index, start + match.start()) in told:
                    continue
                written = match.group().rstrip(",")
                yield Hit(
                    segment, start + match.start(), start + match.start() + len(written),
                    f"This date ({format_date(found)}) contradicts the dateline ({format_date(reference)}) "
                    "for what reads as the same event.",
                )
            if dateline is None:
                continue
            for match in _WEEKDAY.finditer(sentence):
                day = WEEKDAYS.index(match["day"].lower())
                if day in allowed_days or any(a <= match.end() + 2 and match.start() <= b for a, b in dated):
                    continue
                after = sentence[match.end() :]
                after = after[time.end() :] if (time := _TIME_OF_DAY.match(after)) else after
                if not _about_reported_event(sentence[: match.start()], after):
                    continue
                yield Hit(
                    segment, start + match.start(), start + match.start() + len(match["day"]),
                    f"“{match['day']}” contradicts the dateline ({dateline:%A}, {format_date(dateline)}) "
                    "for what reads as the same event.",
                )
