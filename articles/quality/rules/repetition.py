"""The same paragraph twice."""

import re
from collections.abc import Iterator

from ..engine import Context, Hit, Segment
from ..registry import rule
from ..text import words

_REPEAT_MIN_WORDS = 8


@rule(
    "repeated-paragraph", severity="warning",
    description="The same paragraph does not appear twice in the body.",
)
def repeated_paragraph(ctx: Context) -> Iterator[Hit]:
    seen: dict[str, Segment] = {}
    for segment in ctx.body():
        key = " ".join(re.sub(r"[\W_]+", " ", segment.text.casefold()).split())
        if len(key.split()) < _REPEAT_MIN_WORDS:
            continue
        if key in seen:
            offset = len(segment.text) - len(segment.text.lstrip())
            excerpt = words(segment.text, offset, 6)
            yield Hit(segment, offset, offset + len(excerpt),
                      "This paragraph repeats an earlier one word for word: delete one copy.")
        else:
            seen[key] = segment
