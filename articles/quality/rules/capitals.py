"""Capital letters where readers expect them: sentence starts and proper names."""

import re
from collections.abc import Iterator

from ..engine import Context, Hit
from ..names import GEO_NOUNS
from ..registry import rule
from ..text import TERMINAL, TRAILING_JUNK, looks_like_address, sentence_starts, words


def _is_fragment(text: str) -> bool:
    """True for a list item that is not a full sentence, such as “new roads” or “a bridge;”."""
    return TERMINAL.search(text.rstrip().rstrip("*_")) is None


@rule(
    "lowercase-start", severity="warning",
    description="Sentences and headings start with a capital, except brand names like iPhone and text in quotes.",
    examples=(("The vote passed. the mayor left.", True), ("The iPhone sold out.", False)),
)
def lowercase_start(ctx: Context) -> Iterator[Hit]:
    for segment in ctx.segments:
        if segment.kind in {"alt", "role", "caption"} or not segment.text.strip():
            continue
        if segment.kind == "name":
            starts = [len(segment.text) - len(segment.text.lstrip())]
        else:
            starts = sentence_starts(segment.text)
        may_start_low = segment.list_item and (segment.list_after_colon or _is_fragment(segment.text))
        for start in starts:
            if start == starts[0] and may_start_low:
                continue
            offset = start
            while offset < len(segment.text) and segment.text[offset] in "*_ ":
                offset += 1
            word = words(segment.text, offset, 1).rstrip(TRAILING_JUNK)
            if not word or not word[0].islower() or not word[0].isalpha():
                continue
            if any(ch.isupper() for ch in word[1:]) or looks_like_address(word):
                continue
            if ctx.names.miswritten_at(segment.text, offset):
                continue
            what = "Heading" if segment.kind in {"heading", "headline"} else "Sentence"
            excerpt = words(segment.text, offset, 2)
            yield Hit(segment, offset, offset + len(excerpt), f"{what} starts with a lower-case letter: capitalise “{word}”.")


def _extend_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a name to the compound, possessive or geographic noun it is part of, as readers see it."""
    while (before := re.search(r"[^\W_]+-$", text[:start])) is not None:
        start = before.start()
    while (after := re.match(r"-[^\W_]+", text[end:])) is not None:
        end += after.end()
    if (possessive := re.match(r"['’]s\b", text[end:])) is not None:
        end += possessive.end()
    elif (noun := re.match(r" ([^\W\d_]+)", text[end:])) is not None and noun.group(1).casefold() in GEO_NOUNS:
        end += noun.end()
    return start, end


@rule(
    "lowercase-name", severity="warning",
    description="Countries, nationalities and names the article declares are capitalised (“south Korea”).",
    examples=(("Ministers from south Korea met.", True), ("They bought fine china.", False)),
)
def lowercase_name(ctx: Context) -> Iterator[Hit]:
    for segment in ctx.segments:
        for match in ctx.names.miswritten(segment.text):
            start, end = _extend_name(segment.text, match.start(), match.end())
            canonical = ctx.names.canonical_of(match.group())
            yield Hit(segment, start, end, f"“{canonical}” is a proper name and takes a capital.")
