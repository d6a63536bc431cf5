"""Dates and datelines as newsrooms write them; the one dateline parser the gate and the importers share."""

import dataclasses
import re
from datetime import date

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Longest names first, so “April” is never read as “Apr” followed by “il”.
MONTH_PATTERN = "|".join(
    m.capitalize() + (r"\.?" if len(m) <= 4 and m != "may" else "")
    for m in sorted(MONTHS, key=len, reverse=True)
)

DATE = re.compile(
    rf"""
    (?<!\w)
    (?:
        (?P<month> {MONTH_PATTERN} ) \s+ (?P<day> \d{{1,2}} ) (?: st|nd|rd|th )? (?!\d)
        (?: ,? \s+ (?P<year> \d{{4}} ) (?!\d) )?
      | (?P<day2> \d{{1,2}} ) (?: st|nd|rd|th )? \s+ (?: of \s+ )? (?P<month2> {MONTH_PATTERN} )
        (?: ,? \s+ (?P<year2> \d{{4}} ) (?!\d) )?
      | (?P<iso_year> \d{{4}} ) - (?P<iso_month> \d{{2}} ) - (?P<iso_day> \d{{2}} ) (?!\d)
    )
    """,
    re.VERBOSE,
)


def parse_date(match: re.Match[str], default_year: int) -> date | None:
    """The date a `DATE` match names, in `default_year` when it gives none."""
    try:
        if match["iso_year"]:
            return date(int(match["iso_year"]), int(match["iso_month"]), int(match["iso_day"]))
        month = MONTHS[(match["month"] or match["month2"]).rstrip(".").lower()]
        day = int(match["day"] or match["day2"])
        year = int(match["year"] or match["year2"] or default_year)
        return date(year, month, day)
    except ValueError:
        return None


def has_year(match: re.Match[str]) -> bool:
    return bool(match["year"] or match["year2"] or match["iso_year"])


def date_from_text(text: str) -> date | None:
    """Parse a whole date with its year: “October 29, 2025”, “Oct. 29, 2025”, “29 October 2025”, “2025-10-29”."""
    found = DATE.fullmatch(text.strip().rstrip(","))
    return parse_date(found, 0) if found and has_year(found) else None


def format_date(value: date) -> str:
    return f"{value:%B} {value.day}, {value.year}"


@dataclasses.dataclass(frozen=True)
class Dateline:
    """Where and when a story was filed, as its first paragraph opens: the text after it is `rest`."""

    place: str
    date: date | None
    agency: str
    # The month and day when the dateline gives no year (“BRASILIA, Jan 15 (Reuters) -”).
    month_day: tuple[int, int] | None
    rest: str


_DASH = r"[–—―-]{1,2}"
_AGENCY = r"[A-Za-z][A-Za-z .&/-]{0,40}"
_DATELINE = re.compile(
    rf"""
    ^(?P<place> [^\W\d_] [^–—―:(\n]{{0,80}}? )
    (?: ,? \s* (?P<date> {DATE.pattern} ) )?
    (?: \s* \( (?P<agency> {_AGENCY} ) \) )?
    (?: \s* (?P<sep> {_DASH} | : (?=\s) ) \s*
        (?: (?P<date_after> {DATE.pattern.replace("(?P<", "(?P<a_")} ) ,? \s* {_DASH} \s* )?
      | (?<= \) ) \s+ (?= [A-Z“"‘] ) )
    (?P<rest> \S.* )$
    """,
    re.VERBOSE | re.DOTALL,
)
# A dateline on a line of its own, before the first paragraph: “BRASILIA Jan 15”, “DUBLIN :”, “Mwanza.”.
_DATELINE_ALONE = re.compile(
    rf"""
    ^(?P<place> [^\W\d_] [^–—―:(\n]{{0,60}}? )
    (?: ,? \s* (?P<date> {DATE.pattern} ) ,? )?
    (?: \s* \( (?P<agency> {_AGENCY} ) \) )?
    \s* (?P<sep> {_DASH} | : | \. )? \s*$
    """,
    re.VERBOSE,
)
_NOT_A_PLACE = re.compile(r"\b(?:said|says|told|is|are|was|were|has|have|will|the|a|an)\b")
# Labels a page sets on a line of their own that are not places.
_LABELS = frozenset(
    """analysis opinion comment comments update updated updates breaking exclusive watch listen video videos photos
    live editorial review explainer advertisement sponsored by share menu home news latest related note notes
    warning correction clarification background context why what who how when where summary source sources pictured
    inset above below file photo image credit fact facts quote question answer verdict result results score scores
    tip tips takeaway update""".split()
)


def _wire_place(place: str) -> bool:
    """A wire dateline's city is in capitals: “MAPUTO, Mozambique”, “NEW DELHI”, “FONTANA, Calif.”."""
    first = place.split(",")[0].strip()
    return bool(first) and first.upper() == first and any(ch.isalpha() for ch in first) and len(first) > 1


def _capitalised_place(place: str) -> bool:
    """“Bangui”, “New Delhi”, “Kuala Lumpur, Malaysia”: one to four words, each capitalised."""
    names = place.replace(",", " ").split()
    return 0 < len(names) <= 4 and all(name[0].isupper() for name in names) and place.casefold() not in _LABELS


def _when(date_match: re.Match[str] | None, year: int | None) -> tuple[date | None, tuple[int, int] | None]:
    """The dateline's date (in `year` when it gives none) and, when it gives no year, its month and day."""
    if date_match is None:
        return None, None
    if has_year(date_match):
        return parse_date(date_match, 0), None
    parsed = parse_date(date_match, 2000)
    if parsed is None:
        return None, None
    month_day = (parsed.month, parsed.day)
    return (parse_date(date_match, year) if year else None), month_day


def parse_dateline(text: str, *, year: int | None = None) -> Dateline | None:
    """Split a first paragraph into its dateline and the rest, in the forms newsrooms and wires use.

    “Gyeongju, South Korea – October 29, 2025 – Text”, “MAPUTO, Mozambique (AP) — Text”, “BEIJING, Jan. 20
    (Xinhua) -- Text”, “New Delhi, Jun 26 (PTI) Text”, “Wellington: Text”, “LONDON — Text”. A place alone
    before a dash is a dateline only in capitals, and before a colon only when short, capitalised and followed
    by a space and a capital, so an ordinary sentence with a dash is never read as one. A date without a year
    takes `year` (the story's, when known) and keeps its month and day.
    """
    match = _DATELINE.match(text.strip())
    if match is None:
        return None
    place = match["place"].strip().rstrip(",").strip()
    if not place or len(place.split()) > 6 or place.endswith((".", "!", "?")) and not _wire_place(place):
        return None
    if _NOT_A_PLACE.search(place) or place.casefold() in _LABELS:
        return None
    date_match = DATE.match(match["date"] or "") if match["date"] else None
    if date_match is None and match["date_after"]:
        date_match = DATE.match(match["date_after"])
    agency = (match["agency"] or "").strip()
    sep = match["sep"]
    rest = match["rest"]
    strong = bool(date_match or agency)
    if not strong:
        # Without a date or an agency: a city in capitals before a dash (“LONDON —”), or a short place before a
        # colon and a capital (“Wellington: The”), as the dateline's only signs.
        if sep is None or not rest[:1].isupper() and rest[:1] not in '“"‘':
            return None
        if sep == ":":
            if len(place.split()) > 3 or not _capitalised_place(place):
                return None
        elif not _wire_place(place) or sep == "-" and not place.isupper():
            return None
    elif sep is None and not (agency and _wire_place(place) or agency and date_match):
        return None
    when, month_day = _when(date_match, year)
    return Dateline(place, when, agency, month_day, rest)


def dateline_alone(text: str, *, year: int | None = None) -> Dateline | None:
    """Read a line that holds only a dateline (“BRASILIA Jan 15”, “SISTERS, Ore. —”, “Wellington:”, “Mwanza.”).

    The caller knows the line stands before the story's first paragraph; without a date or an agency it still
    needs a separator and a short place in capitals or capitalised words, so a subhead is never read as one.
    """
    match = _DATELINE_ALONE.match(text.strip())
    if match is None:
        return None
    place = match["place"].strip().rstrip(",").strip()
    sep = match["sep"]
    if sep == "." and place.endswith("."):
        place, sep = place, None  # “N.C.” keeps its stop; a lone place then needs a date or an agency
    if not place or len(place.split()) > 5 or _NOT_A_PLACE.search(place) or place.casefold() in _LABELS:
        return None
    date_match = DATE.match(match["date"]) if match["date"] else None
    agency = (match["agency"] or "").strip()
    if not (_wire_place(place) or _capitalised_place(place)):
        return None
    if not (date_match or agency):
        if sep is None:
            return None
        if sep == "." and len(place.split()) > 3:
            return None
    when, month_day = _when(date_match, year)
    return Dateline(place, when, agency, month_day, "")


def year_near(month_day: tuple[int, int], texts: list[str], *, days: int = 7) -> int | None:
    """The year of a full date in `texts` within `days` of month/day (a page's time stamp, a date in the story)."""
    month, day = month_day
    for text in texts:
        for found in DATE.finditer(text):
            if not has_year(found):
                continue
            full = parse_date(found, 0)
            if full is None:
                continue
            for year in (full.year - 1, full.year, full.year + 1):
                try:
                    candidate = date(year, month, day)
                except ValueError:
                    continue
                if abs((candidate - full).days) <= days:
                    return year
    return None
