"""Spintax: alternatives a rewriting tool meant to choose between, published side by side ({a|b}, a|b, a/b/c).

Two-way slashes are ordinary English (“owner/operator”) unless the second side opens a phrase of its own
(“possession/the ball”); three or more are spintax unless they are countries (a film's co-producers), pronouns,
titles, days, initials or a path. Known limit: a genuine three-way list in prose (“email/text/phone”) is flagged.
"""

import functools
import re
from collections.abc import Iterator

from ..engine import Context, Hit
from ..names import builtin_names
from ..registry import rule
from ..text import in_address, merge, outside_code

# An opening brace that is not a template's (“{{ x|y }}”, “{% … %}”, “${x}”), up to its closing brace or, left
# unclosed, the end of the line.
_BRACE = re.compile(r"(?<![{$%\\]) \{ (?![{%]) (?P<body> [^{}\n]{1,200}? ) (?P<close> \} | (?= [{\n] | $ ) )", re.VERBOSE)
_ALTERNATIVE = re.compile(r"[^\W\d_][\w'’-]* \s* [|/] \s* [^\W\d_]", re.VERBOSE)
# After an unclosed brace's last alternative: the report runs on a few words, within the clause.
_CLAUSE_TAIL = re.compile(r"[^\s,.;:!?]* (?: [ \t]+ [^\s,.;:!?]+ ){0,3}", re.VERBOSE)
# Words joined by pipes with no spaces (“Their|His|Her”); a spaced pipe is a page's separator (“Also Read | …”).
_BARE_PIPES = re.compile(r"(?<![\w|]) [^\W\d_][\w'’-]* (?: \| [^\W\d_][\w'’-]* )+ (?![\w|])", re.VERBOSE)
# A quoted alternative joined by a bare pipe (“"Local Bakery"|Bakery Name”), the other side a word or quoted too.
_QUOTED_PIPE = re.compile(
    r"""(?: "[^"\n|]{1,40}" | “[^”\n|]{1,40}” | [^\W\d_][\w'’-]* ) \|
        (?: "[^"\n|]{1,40}" | “[^”\n|]{1,40}” | [^\W\d_][\w'’-]* (?: [ ][A-Z][\w'’-]* ){0,3} )""",
    re.VERBOSE,
)
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_TRAILING_PIPE = re.compile(r"[^\s|]* \w \| (?= \s* $)", re.VERBOSE)

_TOKEN = re.compile(r"\S+")
_EDGE = "()[]{}.,;:!?\"“”‘’'*_"
_PART = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*")
# Two-way pairs that are plain English or units (“and/or”, “his/her”, “w/o”).
_PAIRS = frozenset(
    """
    and/or either/or and/but his/her her/his he/she she/he him/her her/him hers/his his/hers s/he they/them
    he/him she/her they/their mr/mrs mrs/mr yes/no on/off in/out pass/fail win/win
    """.split()
)
_PRONOUNS = frozenset("he she they him her them his hers their theirs it its we us our you your".split())
_TITLES = frozenset("mr mrs ms miss mx dr prof sir dame lord lady".split())
_DETERMINERS = frozenset("the a an their his her its our my your this that these those".split())
_CALENDAR = frozenset(
    "mon tue tues wed thu thur thurs fri sat sun jan feb mar apr may jun jul aug sep sept oct nov dec".split()
)
_JOINERS = frozenset("and or nor but".split())


@functools.cache
def _places() -> frozenset[str]:
    return frozenset(name.casefold() for name in builtin_names())


def _slash_parts(token: str) -> list[str] | None:
    """The alternatives of a word token such as “gala/dinner/ceremony”, or None if it is no such token."""
    word = token.strip(_EDGE)
    if "/" not in word or "://" in word or token.lstrip("([“\"'").startswith((".", "/", "~", "`")) or "\\" in token:
        return None  # a web address or a file path (“.venv/bin/python”, “~/notes/today”)
    parts = word.split("/")
    if not all(_PART.fullmatch(part) for part in parts):
        return None  # numbers, dates, fractions, “24/7”, “Q3/Q4”, paths
    return parts


def _ordinary(parts: list[str]) -> bool:
    """Slash alternatives a writer means: a common pair, a unit, initials, pronouns, countries, days."""
    lower = [p.casefold() for p in parts]
    return (
        "/".join(lower) in _PAIRS
        or any(len(p) < 2 for p in parts)
        or all(p.isupper() for p in parts)
        or all(p in _PRONOUNS for p in lower)
        or all(p in _TITLES for p in lower)
        or all(p in _CALENDAR for p in lower)
        or all(p.casefold() in _places() or p.isupper() and len(p) <= 3 for p in parts)  # “UK/France/Belgium”
    )


def _phrase_span(text: str, start: int, end: int, words: int = 2) -> tuple[int, int]:
    """A slash token with the words after it, the start of the second alternative."""
    following = re.match(rf"(?:\s+\S+){{0,{words}}}", text[end:])
    return start, end + (following.end() if following else 0)


def _verb_alternative(text: str, start: int, end: int, parts: list[str]) -> bool:
    """“the other side/shifted the momentum”: a noun phrase and a clause offered as alternatives, the noun
    after a determiner and the verb before one."""
    left, right = parts
    if not (left.islower() and right.islower() and right.endswith("ed")) or left.endswith(("ed", "ing")):
        return False
    before = text[:start].split()[-2:]
    after = text[end:].split()[:1]
    return bool(after) and after[0].casefold() in _DETERMINERS and any(w.casefold() in _DETERMINERS for w in before)


def _slash_spans(text: str) -> Iterator[tuple[int, int]]:
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    chain: list[int] = []  # indexes of two-way slash tokens in one clause, a few words apart

    def flush() -> Iterator[tuple[int, int]]:
        if len(chain) >= 2:
            # The last alternative runs on past its slash: report its next word too.
            yield _phrase_span(text, tokens[chain[0]][0], tokens[chain[-1]][1], words=1)
        chain.clear()

    for index, (start, end, token) in enumerate(tokens):
        parts = _slash_parts(token)
        if parts and len(parts) == 2 and parts[0].islower() and parts[1].casefold() in _DETERMINERS \
                and parts[0] not in _PRONOUNS | _JOINERS | {"w", "c"}:
            # “possession/the ball”: the second alternative is a phrase of its own.
            yield _phrase_span(text, start, end)
            continue
        if parts and len(parts) == 2 and _verb_alternative(text, start, end, parts):
            yield _phrase_span(text, start, end)
            continue
        if parts is None or _ordinary(parts) or in_address(text, start, end):
            if chain and (index - chain[-1] > 3 or token.casefold() in _JOINERS or token[-1] in ",.;:!?"):
                yield from flush()
            continue
        if len(parts) >= 3:
            yield from flush()
            lead = len(token) - len(token.lstrip(_EDGE))
            yield start + lead, start + lead + len(token.strip(_EDGE))
            continue
        if chain and index - chain[-1] > 3:
            yield from flush()
        chain.append(index)
        if token[-1] in ",.;:!?":
            yield from flush()
    yield from flush()


def spintax_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if "{" in text:
        for match in _BRACE.finditer(text):
            if not _ALTERNATIVE.search(match["body"]) or in_address(text, match.start(), match.start() + 1):
                continue
            if match["close"]:
                spans.append(match.span())
            else:
                base = match.start("body")
                joints = [base + m.end() - 1 for m in _ALTERNATIVE.finditer(match["body"])]
                last = max(j for j in joints if j == joints[0] or not in_address(text, j, j + 1))
                tail = _CLAUSE_TAIL.match(text, last)
                spans.append((match.start(), tail.end() if tail else match.end()))
    if "|" in text:
        templates = [m.span() for m in _TEMPLATE.finditer(text)]
        spans += [
            m.span()
            for m in _BARE_PIPES.finditer(text)
            if not in_address(text, *m.span()) and not any(a <= m.start() < b for a, b in templates)
            # A paragraph that is nothing but “Home|News|Sport” is a scraped menu, not a sentence.
            and (text[: m.start()] + text[m.end() :]).strip()
        ]
        spans += [
            m.span() for m in _QUOTED_PIPE.finditer(text)
            if m.group()[0] in "\"“" or m.group()[-1] in "\"”"
            if not any(a <= m.start() < b for a, b in templates)
        ]
        if (trailing := _TRAILING_PIPE.search(text)) is not None:
            spans.append(trailing.span())
    if "/" in text:
        spans += _slash_spans(text)
    return merge(outside_code(text, spans))


@rule(
    "spintax", severity="error",
    description="Spintax alternatives left unresolved ({a|b}, a|b|c, gala/dinner/ceremony, “the ball/a run”).",
    examples=(
        ("The market {opened|launched} in 1999.", True),
        ("Residents called the scheme great|brilliant|wonderful.", True),
        ("The hall will host a concert/fair/auction in May.", True),
        ("Staff and/or volunteers work 24/7 at 50 km/h, and sales rose in Q3/Q4.", False),
    ),
)
def spintax(ctx: Context) -> Iterator[Hit]:
    for segment in ctx.everywhere():
        for start, end in spintax_spans(segment.text):
            yield Hit(segment, start, end, "Spintax: choose one of the alternatives and delete the others.")
