"""Read a news page saved as plain text (as scraped from WordPress) into typed parts."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .quality import date_from_text, dateline_alone, parse_dateline

BULLET = re.compile(r"^\s*(?:[*•]|-)\s+(?P<text>.+)$")
NUMBERED = re.compile(r"^\s*\d+\.\s+(?P<text>.+)$")
CALLOUT = re.compile(r"^(?P<label>Did You Know\?|Pro Tip:|Note:|Fact:|Key Fact:)\s*(?P<body>.+)$", re.DOTALL)


@dataclass
class Prose:
    """A run of paragraphs and lists under one (optional) heading."""

    heading: str = ""
    items: list[tuple[str, object]] = field(default_factory=list)  # ("p", str) | ("ul"/"ol", [str])


@dataclass
class Table:
    title: str
    represents_heading: str
    rows: list[tuple[str, str, str]]


@dataclass
class Callout:
    label: str
    body: str


@dataclass
class Prompt:
    text: str


@dataclass
class Faq:
    title: str
    entries: list[tuple[str, str]]


@dataclass
class Picture:
    """A picture for the body. Pages read as text carry none; the demo loader draws its own (`draw` gives the bytes)."""

    name: str
    draw: Callable[[], bytes]
    alt: str = ""
    caption: str = ""
    credit: str = ""
    decorative: bool = False


@dataclass
class Quote:
    quote: str
    attribution: str = ""


@dataclass
class EmbedLink:
    url: str
    title: str
    caption: str = ""


@dataclass
class Page:
    section: str = ""
    headline: str = ""
    subheadline: str = ""
    dateline_place: str = ""
    dateline_date: date | None = None
    blocks: list[object] = field(default_factory=list)


def parse_date(text: str) -> date | None:
    """Parse “October 29, 2025”, “Oct. 29, 2025”, “October 28th, 2025” or “29 October 2025”."""
    return date_from_text(text)


def chunks(text: str) -> list[list[str]]:
    """Split text into blank-line separated chunks of stripped, non-empty lines."""
    result, current = [], []
    for line in text.splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            result.append(current)
            current = []
    if current:
        result.append(current)
    return result


def is_heading(lines: list[str]) -> bool:
    """A lone short line without closing punctuation reads as a heading."""
    return len(lines) == 1 and len(lines[0]) <= 120 and not re.search(r"[.!?:;,]$", lines[0])


def split_participant(row: str) -> tuple[str, str, str]:
    """“Cho Hyun South Korea, Minister of Foreign Affairs” → name, represents, role (names are two words)."""
    before, _, role = row.partition(",")
    words = before.split()
    return " ".join(words[:2]), " ".join(words[2:]), role.strip()


def parse_page(text: str, *, subheadline: bool = True) -> Page:
    """Read one article: optional breadcrumbs, the headline, optionally a subheadline, then the body."""
    page = Page()
    parts = chunks(text)
    if parts and "»" in parts[0][0]:
        crumbs = [crumb.strip() for crumb in parts.pop(0)[0].split("»")]
        page.section = crumbs[1] if len(crumbs) > 2 else ""
    if parts:
        page.headline = parts.pop(0)[0]
    if subheadline and parts and is_heading(parts[0]) and not parse_dateline(parts[0][0]):
        page.subheadline = parts.pop(0)[0]
    prose = Prose()
    page.blocks.append(prose)
    for lines in parts:
        first = lines[0]
        # Only the story's first paragraph can open with its dateline.
        opening = len(page.blocks) == 1 and not prose.items and not page.dateline_place
        if opening and len(lines) == 1 and (dateline := dateline_alone(first)) is not None:
            page.dateline_place, page.dateline_date = dateline.place, dateline.date
        elif opening and (dateline := parse_dateline(" ".join(lines))) is not None:
            page.dateline_place, page.dateline_date = dateline.place, dateline.date
            prose.items.append(("p", dateline.rest.strip()))
        elif first.endswith("Representing") and len(lines) > 1:
            page.blocks.append(Table(first.removesuffix("Representing").strip(), "Representing",
                                     [split_participant(row) for row in lines[1:]]))
            page.blocks.append(prose := Prose())
        elif match := CALLOUT.match(" ".join(lines)):
            page.blocks.append(Callout(match["label"].rstrip(":"), match["body"].strip()))
            page.blocks.append(prose := Prose())
        elif first.lower().startswith("frequently asked"):
            page.blocks.append(Faq(first, []))
        elif page.blocks and isinstance(page.blocks[-1], Faq) and BULLET.match(first):
            for line in lines:
                question, mark, answer = BULLET.match(line)["text"].partition("?")
                page.blocks[-1].entries.append((question.strip() + mark, answer.strip()))
        elif len(lines) == 1 and first.endswith("?") and first.count("?") >= 1 and _is_reader_question(first):
            page.blocks.append(Prompt(first))
            page.blocks.append(prose := Prose())
        elif is_heading(lines):
            page.blocks.append(prose := Prose(heading=first))
        elif all(BULLET.match(line) for line in lines):
            _append_list(prose, "ul", [BULLET.match(line)["text"] for line in lines])
        elif all(NUMBERED.match(line) for line in lines):
            _append_list(prose, "ol", [NUMBERED.match(line)["text"] for line in lines])
        else:
            prose.items.append(("p", " ".join(lines)))
    page.blocks = [block for block in page.blocks if not (isinstance(block, Prose) and not block.items and not block.heading)]
    return page


def _is_reader_question(line: str) -> bool:
    """Questions that address the reader (“How will…? And, what…?”) rather than an FAQ entry."""
    return bool(re.match(r"^(How|What|Why|Will|Should|Do|Does|Can|Could|Would)\b", line)) and len(line) > 60


def _append_list(prose: Prose, kind: str, entries: list[str]) -> None:
    """Consecutive bullet chunks form one list."""
    if prose.items and prose.items[-1][0] == kind:
        prose.items[-1][1].extend(entries)
    else:
        prose.items.append((kind, list(entries)))
