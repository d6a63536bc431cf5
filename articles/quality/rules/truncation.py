"""Text that stops before it ends."""

import re
from collections.abc import Iterator

from ..engine import Context, Hit
from ..registry import rule
from ..text import TERMINAL, last_words

_CUT_OFF = re.compile(
    r"(?: [,;:—–-] | \b(?i:and|or|but|nor|the|a|an|of|to|with|for|in|on|at|by|from|that|which|as) ) $",
    re.VERBOSE,
)


@rule(
    "truncated-ending", severity="error",
    description="The body's last paragraph ends a sentence; a trailing “and”, “or” or comma means the text was cut off.",
    examples=(
        ("The vote is expected next week, and", True),
        ("The vote is expected next week.", False),
    ),
)
def truncated_ending(ctx: Context) -> Iterator[Hit]:
    prose = [s for s in ctx.body() if s.text.strip() and not s.aside]
    if not prose:
        return
    last = prose[-1]
    text = last.text.rstrip().rstrip("*_").rstrip()
    if TERMINAL.search(text) or re.fullmatch(r"\(.*\)|\[.*\]", text, re.DOTALL) or text.startswith(("—", "–")):
        return
    cut_off = _CUT_OFF.search(text)
    if last.list_item and not cut_off:
        return
    excerpt = last_words(text, 3)
    if cut_off:
        message = f"The body stops after “{cut_off.group()}”: the end of the text is missing."
    else:
        message = "The body's last paragraph has no closing punctuation: the text may be cut off."
    yield Hit(last, len(text) - len(excerpt), len(text), message)
