"""Spaces that went missing when copy was pasted or converted."""

import re
from collections.abc import Iterator

from ..engine import Context, Hit
from ..registry import rule
from ..text import ABBREVIATION_SHAPE, ACRONYM_CHAIN, LEADING_JUNK, TRAILING_JUNK, looks_like_address

_MISSING_SPACE = re.compile(
    r"(?: [^\W_] | [)\]”’] ) (?P<punct> [.,;!?] ) [^\W\d_] | (?<= [^\W\d_]{2} ) (?P<colon> : ) (?= [A-Z][a-z] )",
    re.VERBOSE,
)
# A small word run into the capitalised word after it (“andMeteors”): brands keep their capital after one letter
# (iPhone, eBay), never after a whole word like these.
_GLUED = re.compile(r"(?P<word> and | the | of | to | in | with | for | on | at | by | from | or | but | as | is | was )"
                    r"(?P<next> [A-Z][a-z]{2,} )", re.VERBOSE)


def _exempt(token: str) -> bool:
    """Abbreviations (U.S., Ph.D.), addresses, file names and acronym chains (ASP.NET) are written without spaces."""
    if token.startswith(("#", "@")) or looks_like_address(token):
        return True
    # A figure glued to its unit or time (“8p.m.”, “5ft.”) is a style point, not a sentence run together.
    bare = token.lstrip("0123456789")
    # An abbreviation in a compound (“U.S.-made”, “E.U.-wide”) keeps its stops.
    head = re.split(r"(?<=\.)-", bare, maxsplit=1)[0]
    return bool(ABBREVIATION_SHAPE.fullmatch(bare) or ABBREVIATION_SHAPE.fullmatch(head) or ACRONYM_CHAIN.fullmatch(token))


@rule(
    "missing-space", severity="warning",
    description="Punctuation needs a space after it (“endeavors.Both”), except in abbreviations, numbers and addresses.",
    examples=(
        ("The talks ended.Both sides left.", True),
        ("Talks in the U.S. ended.", False),
        ("The award went to the film andStarlight, its sequel.", True),
        ("The singer posted on her iPhone and on eBay.", False),
        ("Speaking in Cardiff:Rhys Evans said the vote was close.", True),
        ("The meeting starts at 10:30 in room 4.", False),
        ("Imports of U.S.-made chips rose.", False),
    ),
)
def missing_space(ctx: Context) -> Iterator[Hit]:
    for segment in ctx.segments:
        for token in re.finditer(r"\S+", segment.text):
            raw = token.group()
            core = raw.lstrip(LEADING_JUNK).rstrip(TRAILING_JUNK)
            glued = _GLUED.match(core) if core else None
            if not core or glued is None and not _MISSING_SPACE.search(core) or _exempt(core):
                continue
            start = token.start() + raw.index(core)
            if glued is not None:
                fixed = f"{glued['word']} {core[glued.end('word'):]}"
                yield Hit(segment, start, start + len(core), f"Missing space between two words: write “{fixed}”.")
            elif _MISSING_SPACE.search(core):
                fixed = _MISSING_SPACE.sub(lambda m: m.group() + " " if m["colon"] else m.group()[:-1] + " " + m.group()[-1], core)
                yield Hit(segment, start, start + len(core), f"Missing space after punctuation: write “{fixed}”.")
