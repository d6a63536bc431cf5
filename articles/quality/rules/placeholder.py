"""Placeholders left for information nobody filled in."""

import re
from collections.abc import Iterator

from ..engine import Context, Hit
from ..registry import rule
from ..text import merge

# Bracketed capitals are an editor's note only if they say something an editor would say.
EDITOR_WORDS = frozenset(
    """
    ADD CAPTION CHECK CITE CITATION CONFIRM DATE DETAILS EDITOR FACT FIGURE FILL FIX GRAF
    GRAPHIC HED DEK HERE IMAGE INSERT LINK MISSING NAME NEED NEEDED NEEDS NOTE NUMBER PENDING
    PHOTO QUOTE SOURCE SOURCES STAT TBC TBD TK TKTK TODO UPDATE VERIFY XX XXX
    """.split()
)

# A run of X's followed by one of these stands for a figure nobody filled in (“XXX people”).
_COUNT_NOUNS = """
    million billion trillion thousand hundred percent people persons residents homes households jobs
    workers employees voters votes students patients cases deaths victims members users customers
    visitors fans spectators units copies tons tonnes dollars euros pounds yen years months weeks days
    hours minutes miles kilometres kilometers km metres meters acres hectares times
""".split()

PLACEHOLDER = re.compile(
    rf"""
      (?P<insert> \[ \s* (?i:insert) (?!ed\b|ion) [^\[\]\n]{{0,80}} (?: \[ [^\[\]\n]{{0,80}} )* \]{{0,3}} )
    | (?P<research> (?: [\[(] \s* )? (?i:research \s+ needed) (?: \s* [\])] )? )
    | (?P<tbd> [\[(] \s* (?i:tbd|tbc|tk) \s* [\])] )
    | (?P<tk> (?<![\w-]) (?:TK)+ (?![\w-]) (?! \s+ [A-Z][a-z] ) )
    | (?P<lorem> (?i:lorem \s+ ipsum) )
    | (?P<figure>
          [$€£¥] \s? X+ (?: [.,] X+ )* (?: \s* (?:million|billion|trillion|bn|m|k)\b )?
        | (?<!\w) X+ (?: [.,] X+ )+ (?!\w)
        | (?<!\w) X{{2,}} \s? (?: % | (?:{"|".join(_COUNT_NOUNS)})\b )
      )
    | (?P<template> \{{\{{ [^{{}}\n]{{0,60}}? \}}\}} | \{{% [^{{}}\n]{{0,60}}? %\}} | \{{[{{%] \s* [\w.|]* )
    """,
    re.VERBOSE,
)

# A Markdown link such as “[HERE](https://…)” is not a note, whatever its capitals say.
_CAPS_NOTE = re.compile(r"\[ (?P<body> [A-Z][A-Z0-9 .,'’/&?!:;-]{0,60} ) \] (?!\()", re.VERBOSE)


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in PLACEHOLDER.finditer(text)]
    spans += [
        m.span()
        for m in _CAPS_NOTE.finditer(text)
        if "?" in m["body"] or EDITOR_WORDS.intersection(re.findall(r"[A-Z]+", m["body"]))
    ]
    return merge(spans)


@rule(
    "placeholder", severity="error",
    description="Unresolved placeholders ([Insert …], TK, [TBD], lorem ipsum, $XXX, {{ … }}) are never published.",
    examples=(
        ("The council approved [insert amount here] for the works.", True),
        ("Turnout reached XX% on Sunday.", True),
        ("The council approved $2 million for the works.", False),
    ),
)
def placeholder(ctx: Context) -> Iterator[Hit]:
    for segment in ctx.segments:
        for start, end in placeholder_spans(segment.text):
            yield Hit(segment, start, end, "Unresolved placeholder: replace it with the real information or delete it.")
