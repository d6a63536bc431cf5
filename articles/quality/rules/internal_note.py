"""Notes for colleagues left in what readers see."""

import re
from collections.abc import Iterator

from ..engine import Context, Hit
from ..registry import rule
from .placeholder import placeholder_spans

# Fields readers see outside the body (cards, feeds, search results, social previews). The body keeps its own
# placeholder rule: a quoted press release there may well say “Note to editors”.
_PUBLIC_FIELDS = frozenset({"headline", "subheadline", "summary", "lead image alt text", "lead image caption"})
# Captions, credits and alt texts of the body's blocks are such fields too, wherever they stand.
_PUBLIC_KINDS = frozenset({"caption", "alt"})
_DESK_ROLES = r"""(?: (?:news|copy|photo|picture|night|web|foreign|city) [\s-]? desk | desk | subs | sub-?editors?
    | (?:the \s+)? editors? | legal (?! \s+ [a-z]) | lawyers | standards | layout | graphics | production )"""
# Words a writer uses to leave a note for a colleague: markers, notes addressed to the desk, bracketed asides.
_INTERNAL_NOTE = re.compile(
    rf"""
      (?<![\w-]) (?: TODO | FIXME | TBC | TBD ) (?![\w-])
    | (?<![\w-]) (?i: to-?do | fix-?me ) \s* :
    | (?i: \b note \s+ (?: to | for ) \s+ (?: the \s+ )? (?: self | {_DESK_ROLES} ) \b )
    | (?i: \b (?: check | confirm | verify | clear | run \s+ (?: this | it ) ) \s+ (?: with | by | past ) \s+
           (?: the \s+ )? {_DESK_ROLES} \b )
    | [\[({{] \s* (?i: eds? \.? | editor | note | internal | desk | subs? | query | q ) \s* [:–—-] \s
    | (?: ^ | (?<= [.!?] \s ) ) \s* (?i: internal (?: \s+ note )? ) \s* :
    | << [^<>\n]{{1,120}} >>
    | \b DO \s+ NOT \s+ (?: PUBLISH | RUN | USE ) \b | (?i: \b not \s+ for \s+ publication \b )
    """,
    re.VERBOSE,
)
_CLOSING = {"[": "]", "(": ")", "{": "}"}


def _note_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a note marker to the whole note: its brackets if it is in some, else the rest of its sentence."""
    before = text[:start].rstrip()
    if text[start] in _CLOSING or (before and before[-1] in _CLOSING):
        opening = start if text[start] in _CLOSING else len(before) - 1
        close = text.find(_CLOSING[text[opening]], end)
        return opening, (close + 1 if close != -1 else len(text))
    stop = re.compile(r"[.!?](?=\s|$)|\n").search(text, end)
    return start, (stop.end() if stop else len(text))


@rule(
    "internal-note", severity="error",
    description="Notes left for colleagues (TODO, “note to editor”, “[ed: …]”) never reach fields readers see.",
    examples=(
        ("Council approves budget (note to desk: check figures)\n\nThe council approved its budget.", True),
        ("Council approves budget\n\nThe council approved its budget.", False),
    ),
)
def internal_note(ctx: Context) -> Iterator[Hit]:
    for segment in ctx.segments:
        if segment.label not in _PUBLIC_FIELDS and segment.kind not in _PUBLIC_KINDS:
            continue
        taken = placeholder_spans(segment.text)
        for match in _INTERNAL_NOTE.finditer(segment.text):
            start, end = _note_span(segment.text, match.start(), match.end())
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            yield Hit(segment, start, end, "A note for colleagues in a field readers see: act on it, then delete it.",
                      segment.text[start:end].strip())
