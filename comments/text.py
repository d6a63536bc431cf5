"""What readers type that other readers could not see or would misread: pure checks on Unicode properties."""

import unicodedata

import nh3
from django.template.defaultfilters import linebreaksbr, urlize
from django.utils.safestring import SafeString, mark_safe

_cleaner = nh3.Cleaner(
    tags={"a", "br"}, attributes={"a": {"href"}}, url_schemes={"http", "https"}, link_rel="nofollow ugc noopener",
)

# Bidirectional embeddings, overrides and isolates (Unicode bidi classes): they reorder the text around them, so a
# name can pass for another or a note can hide what it says.
DIRECTION_CONTROLS = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
# Letters and symbols that draw nothing (Unicode's Default_Ignorable_Code_Point letters and the blank Braille
# pattern); every other invisible character is found by its category.
BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}


def is_visible(character: str) -> bool:
    """A letter, digit, punctuation mark or symbol that draws something; not a space, mark, format or control."""
    return unicodedata.category(character)[0] in "LNPS" and character not in BLANK_LETTERS


def unreadable_reason(text: str) -> str | None:
    """Why this text would mislead readers (nothing visible, or direction overrides), or None when it is fine."""
    if any(unicodedata.bidirectional(character) in DIRECTION_CONTROLS for character in text):
        return "Remove the invisible characters that change the direction of the text."
    if text and not any(is_visible(character) for character in text):
        return "Use at least one letter or digit that readers can see."
    return None


def body_html(body: str) -> str:
    """A reader's plain text as HTML: escaped, web addresses as links that pass no ranking and open nothing, line
    breaks kept; cleaned by nh3 to links and line breaks only. Stored with the comment (`Comment.body_html`)."""
    return _cleaner.clean(linebreaksbr(urlize(body, autoescape=True), autoescape=False))


def shown_html(html: str) -> SafeString:
    """Stored `body_html` as a page shows it, cleaned once more (the cheap part) so the column alone is never
    trusted with markup."""
    return mark_safe(_cleaner.clean(html))  # noqa: S308  # nosec: cleaned to links and line breaks only
