"""What readers type that other readers could not see or would misread: pure checks on Unicode properties."""

import unicodedata

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
