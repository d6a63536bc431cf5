"""CMS shortcodes (WordPress-style `[gallery ids="1,2"]`, `[ad_1]`, `[/caption]`) left in text readers see.

Passed: “[sic]”, “[laughs]”, “[1]”, capitalised credits such as “[Reuters]” (an editor's, not a CMS's), bracketed
phrases with spaces and no name="value" (“[the mayor]”) and hyphenated insertions (“[long-term]”).
"""

import re
from collections.abc import Iterator

from ..engine import Context, Hit
from ..registry import rule
from ..text import outside_code

# Shortcodes the site renders itself: never reported. Ours renders none; add a name here if it ever does.
ALLOWED_SHORTCODES: frozenset[str] = frozenset()

# Plain lower-case words in brackets are usually an editor's or a transcript's ([sic], [laughs], [applause]);
# these are the names that mean a shortcode even without attributes.
KNOWN_SHORTCODES = frozenset(
    """
    embed caption wp_caption gallery audio video playlist ad ads adsense advert infogram datawrapper flourish
    tweet twitter youtube vimeo instagram facebook soundcloud spotify googlemaps iframe toc contact-form
    wpforms mc4wp_form ninja_form gravityform rev_slider slider button accordion tabs tab column row
    vc_row vc_column vc_column_text et_pb_section et_pb_text su_button su_note related_posts
    """.split()
)

# Words only a CMS puts in a bracketed name (“[newsletter-signup]”, “[related]”); an editor's insertion in a
# quotation (“[long-term]”, “[pro-government]”) has none of them.
_CMS_PARTS = frozenset(
    """
    related newsletter signup subscribe promo widget embed ad ads advert sponsored poll gallery slider
    cta form shortcode paywall readmore inline teaser
    """.split()
)

_QUOTES = "\"'“”″‘’′"
_ATTRIBUTE = re.compile(
    rf"""[A-Za-z_][\w-]* \s* = \s* (?: [{_QUOTES}] [^\]\n]*? [{_QUOTES}] | [^\s\]{_QUOTES}]+ )""", re.VERBOSE
)
_TAG = re.compile(
    r"""\[ (?P<closing> / )? (?P<name> [a-z][a-z0-9]* (?: [_-][a-z0-9]+ )* ) (?P<attrs> \s [^\[\]\n]{0,300} )? \]""",
    re.VERBOSE,
)


def _is_tag(match: re.Match[str], text: str, allowed: frozenset[str]) -> bool:
    name = match["name"]
    if name in allowed:
        return False
    if match["closing"]:
        return True
    if match["attrs"] is not None:
        # “[the mayor]” has words after its first, a shortcode has name="value" pairs.
        return bool(_ATTRIBUTE.search(match["attrs"]))
    if text[match.end() : match.end() + 1] in {"(", "["}:
        return False  # a Markdown link or reference: “[here](https://…)”
    # “[ad_1]”, “[contact-form-7]”; a bare “[b2]” is a label, “[long-term]” an editor's insertion in a quotation.
    return (
        name in KNOWN_SHORTCODES
        or "_" in name
        or ("-" in name and any(ch.isdigit() for ch in name))
        or any(part in _CMS_PARTS for part in re.split(r"[_-]", name))
        or f"[/{name}]" in text
    )



def is_shortcode_tag(text: str, start: int, allowed: frozenset[str] = ALLOWED_SHORTCODES) -> bool:
    """Whether a shortcode tag begins at text[start] (other rules leave such brackets to this one)."""
    match = _TAG.match(text, start)
    return match is not None and _is_tag(match, text, allowed)


def shortcode_spans(text: str, allowed: frozenset[str] = ALLOWED_SHORTCODES) -> list[tuple[int, int]]:
    """Each shortcode, an opening tag taken together with its closing tag and what they enclose."""
    if "[" not in text:
        return []
    spans: list[tuple[int, int]] = []
    position = 0
    while (match := _TAG.search(text, position)) is not None:
        position = match.end()
        if not _is_tag(match, text, allowed):
            continue
        end = match.end()
        if not match["closing"]:
            closing = text.find(f"[/{match['name']}]", end)
            if closing != -1:
                end = position = closing + len(match["name"]) + 3
        spans.append((match.start(), end))
    return outside_code(text, spans)


@rule(
    "shortcode", severity="error",
    description="CMS shortcodes ([gallery ids=\"…\"], [ad_1], [caption …]…[/caption]) that the site does not render "
    "are left in the text.",
    examples=(
        ('The pier reopened on Friday. [gallery ids="12,14,19"]', True),
        ("The pier reopened on Friday. [ad_2]", True),
        ("“The pier [sic] was never closed,” he said.", False),
        ("The pier reopened on Friday [1].", False),
    ),
)
def shortcode(ctx: Context) -> Iterator[Hit]:
    for segment in ctx.everywhere():
        for start, end in shortcode_spans(segment.text):
            yield Hit(segment, start, end, "A CMS shortcode the site does not render: delete it or use a block.")
