"""Spaces that went missing when copy was pasted or converted."""

import re
from collections.abc import Iterator

from ..engine import Context, Hit
from ..registry import rule
from ..text import ABBREVIATION_SHAPE, ACRONYM_CHAIN, LEADING_JUNK, TRAILING_JUNK, looks_like_address

_MISSING_SPACE = re.compile(r"(?: [^\W_] | [)\]”’] ) (?P<punct> [.,;!?] ) [^\W\d_]", re.VERBOSE)


def _exempt(token: str) -> bool:
    """Abbreviations (U.S., Ph.D.), addresses, file names and acronym chains (ASP.NET) are written without spaces."""
    if token.startswith(("#", "@")) or looks_like_address(token):
        return True
    return bool(ABBREVIATION_SHAPE.fullmatch(token) or ACRONYM_CHAIN.fullmatch(token))


@rule(
    "missing-space", severity="warning",
    description="Punctuation needs a space after it (“endeavors.Both”), except in abbreviations, numbers and addresses.",
    examples=(("The talks ended.Both sides left.", True), ("Talks in the U.S. ended.", False)),
)
def missing_space(ctx: Context) -> Iterator[Hit]:
    for segment in ctx.segments:
        for token in re.finditer(r"\S+", segment.text):
            raw = token.group()
            core = raw.lstrip(LEADING_JUNK).rstrip(TRAILING_JUNK)
            if not core or not _MISSING_SPACE.search(core) or _exempt(core):
                continue
            start = token.start() + raw.index(core)
            fixed = _MISSING_SPACE.sub(lambda m: m.group()[:-1] + " " + m.group()[-1], core)
            yield Hit(segment, start, start + len(core), f"Missing space after punctuation: write “{fixed}”.")
