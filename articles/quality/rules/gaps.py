"""Words that went missing where a link, name or figure was stripped out of the text."""

import re
from collections.abc import Iterator

from ..engine import Context, Hit
from ..registry import rule
from ..text import in_address

# Words that never stand right before a comma or full stop: a name or link after them was taken out.
_NEEDS_A_WORD = (
    r"to|with|from|by|of|for|at|in|on|and|or|nor|the|a|an|as|than|between|including|featuring|like|via|about"
    r"|against|among|into|onto|under|over|after|before|his|her|their|its|our|your|my|whose|of\s+the|is|are|was|were"
    # Verbs that take a person or a paper as object: “told , the newspaper” lost the name it was told to.
    r"|told|thanked|praised|interviewed|named|quoted|credited|congratulated|joined|replaced|succeeded|beat|defeated"
)
_GAP = re.compile(
    rf"""
      (?<![\w’'-]) (?P<word> (?i: {_NEEDS_A_WORD} ) ) [ \t]+ (?P<mark> [,.;] ) (?! [\w.] )
    | (?<![\w’'-]) (?i: of | from | with | by | between | including | featuring | to | than ) [ \t]+
      (?i: and | or ) (?P<mark2> , )
    | (?<![\w’'-]) (?P<spaced> (?i: to | with | by | from | for | of | at ) [ \t]{{2,}} ) (?= (?i: on | for | at | about
      | during | in | and | or | who | whose | which | after | before ) (?![\w’'-]) )
    | (?P<colon> : ) [ \t]* [,;] (?: [ \t]* [,;] )*
    | (?<= [\w)”’] ) (?P<commas> [ \t]* , [ \t]* , )
    | (?: ^ | (?<= [.!?] \s ) ) (?P<lead> , ) (?= [ \t]* [a-z] )
    | (?<![\w(]) (?P<empty> \( [ \t]* \) )
    """,
    re.VERBOSE,
)
# A name stripped before “and” or “or” (“alongside and the band”), apart from the main pattern: checked only in
# paragraphs with one of these words, which keeps the scan cheap.
_STRANDED = re.compile(
    r"""(?<![\w’'-]) (?i: (?P<strand> alongside | including | featuring | starring | besides | via | amongst | among
      | (?:thanks|next) [ \t]+ to | courtesy [ \t]+ of | together [ \t]+ with ) | (?P<strand2> by | with | from ) )
      [ \t]+ (?i: and | or ) (?![\w’'-])""",
    re.VERBOSE,
)
_STRANDED_NOT_BEFORE = re.compile(
    r"[ \t]+(?i:large|by|without|with|to|from|after|before|through|for|including)\b"
)
# “by”, “with” or “from” before “and” is read as a gap only after a participle (“presented by and the mayor”).
_PARTICIPLE_BEFORE = re.compile(r"[a-z](?:ed|en|wn)[ \t]+$")
# A preposition ending a relative clause (“the soffit they hung from and …”) is stranded, not missing its name.
_CLAUSE_SUBJECT = re.compile(
    r"(?i:\b(?:i|we|you|he|she|they|it|who|which|that|whom)\b)(?:[ \t]+[\w’'-]+){1,2}[ \t]+$"
)
# Text set in code (`a, , b`) is not prose.
_CODE = re.compile(r"`[^`]*`")


def _stranded_on_purpose(found: re.Match[str], text: str) -> bool:
    """“the soffit they hung from and …”, “by and large”: a preposition ending a clause, or an idiom."""
    start, end = found.span()
    before = text[max(0, start - 40) : start]
    if found["strand2"] and (
        not found.group().lower().endswith("and")
        or not _PARTICIPLE_BEFORE.search(before)
        or _STRANDED_NOT_BEFORE.match(text, end)
    ):
        return True
    return bool(_CLAUSE_SUBJECT.search(before))


@rule(
    "missing-word",
    severity="warning",
    description=(
        "A word is missing where a name or link was stripped out: a comma or full stop right after “to”, “with” or "
        "“the”, a colon followed only by commas, or two commas in a row."
    ),
    examples=(
        ("Thanks for the photos go to , who took them at dawn.", True),
        ("The title went to the team from and, after a long season.", True),
        ("Scorers: , , ,", True),
        ("The title went to the team from Leeds, after a long season.", False),
        ("Attendance rose to 1 ,000 on Sunday.", False),
    ),
)
def missing_word(ctx: Context) -> Iterator[Hit]:
    for segment in ctx.everywhere():
        if segment.kind not in {"prose", "heading", "headline", "caption"} or not segment.text.strip():
            continue
        code = [m.span() for m in _CODE.finditer(segment.text)]
        text = segment.text
        found_gaps = [(m.start(), m.end(), m) for m in _GAP.finditer(text)]
        if " and " in text or " or " in text:
            found_gaps = sorted(found_gaps + [(m.start(), m.end(), m) for m in _STRANDED.finditer(text)])
        for start, end, found in found_gaps:
            if any(a <= start < b for a, b in code) or in_address(text, start, end):
                continue
            if found.re is _STRANDED and _stranded_on_purpose(found, text):
                continue
            if found.re is _GAP and found["word"] and found["mark"] == "." and found["word"].lower() in {"in", "on", "over", "to"}:
                continue  # “to log in .”, “moved on .”: a stray space, not a missing word
            yield Hit(
                segment, start, end, "A word seems to be missing here: a name or link may have been stripped out."
            )
