"""Grammar a machine can judge safely: “a” and “an” before the sound of the next word."""

import re
from collections.abc import Iterator

from ..engine import Context, Hit
from ..registry import rule
from ..text import in_address

# The article, then the next word: an ordinary lower-case word, a figure, a single capital or an abbreviation.
_ARTICLE = re.compile(
    r"""(?<![\w’'.-]) (?P<article> an? | An? ) \s+
        (?P<next> [a-z][a-z’'-]* (?![\w]|\.\w) | \d[\d,.]* (?: st|nd|rd|th|s )? (?![\w,]) (?:-|\s|$)?
          | [A-Z] (?= - ) | (?: [A-Z]\. ){2,} | [A-Z]{2,3} (?![\w.]) )""",
    re.VERBOSE,
)
# “one”, “once”, “eu-”, “ewe”, a “you” sound: after these a vowel letter takes “a”.
_VOWEL_LETTER_CONSONANT_SOUND = re.compile(
    r"(?:one|once|eu|ewe|uni(?:on|que|t|ted|vers|corn|form|lateral|fi|son)|us[aeu]|uti|ufo|uk|ura)", re.IGNORECASE
)
# Words with a silent h, which take “an”.
_SILENT_H = re.compile(r"(?:hour|honest|honou?r|heir)", re.IGNORECASE)
# After “a”, a u-word whose u is a vowel sound (“unusual”, “upset”, “ugly”, “umbrella”, “ultimate”).
_U_VOWEL = re.compile(r"u(?:n(?!i|an)|p|gl|mb|lt)")
# An abbreviation that opens like a word (“NASA”, “SIM”, “SHA”, “SWAT”) may be said as one.
_SAID_AS_A_WORD = re.compile(r"[AEIOU]|(?:[^AEIOU]|SH|CH|TH|PH|WH|S[TPCKLMNW]|[FPBCG][LR]|DR|TR|TW)[AEIOU]")
# Letters whose names begin with a vowel sound (“an FBI agent”, “an MP”, “an X-ray”).
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
# A word-initial vowel letter.
_VOWELS = frozenset("aeiou")


def _vowel_sound(word: str) -> bool | None:
    """Whether `word` opens with a vowel sound; None where the rule cannot tell."""
    if word[0].isdigit():
        return _number_vowel_sound(word)
    if word.isupper():
        letters = word.replace(".", "")
        # An abbreviation read as a word (“NASA”, “SIM”) can go either way: only spelled-out ones are judged.
        if len(letters) > 1 and "." not in word and _SAID_AS_A_WORD.match(letters):
            return None
        return letters[0] in _VOWEL_LETTERS
    if _SILENT_H.match(word):
        return True
    if word[0] == "h":
        return None  # “an historic” is still written by some: left to the desk
    if _VOWEL_LETTER_CONSONANT_SOUND.match(word):
        return False
    if word[0] == "u":
        return True if _U_VOWEL.match(word) else None
    return word[0] in _VOWELS


def _number_vowel_sound(figure: str) -> bool:
    """“an 8-year-old”, “an 11th”, “an 18-month”, “an 1800s”, “a 1st”, “a 110”, “a 100”."""
    lead = re.match(r"\d+", figure).group()
    grouped = re.match(r"\d{1,3}(?=,\d{3})", figure)
    head = grouped.group() if grouped else lead
    return head[0] == "8" or head in {"11", "18"} or len(head) == 4 and head[:2] in {"11", "18"}


@rule(
    "article-agreement",
    severity="warning",
    description="“a” goes before a consonant sound and “an” before a vowel sound: “an hour”, “a union”, “an MP”.",
    examples=(
        ("It capped a intense season.", True),
        ("In an closing minute the lead changed.", True),
        ("She waited an hour for a one-off chance at a university.", False),
        ("An FBI agent met a U.S. envoy and an 8-year-old.", False),
    ),
)
def article_agreement(ctx: Context) -> Iterator[Hit]:
    for segment in ctx.segments:
        if segment.kind not in {"prose", "heading", "headline", "caption", "alt"}:
            continue
        text = segment.text
        for found in _ARTICLE.finditer(text):
            article, word = found["article"], found["next"].strip(" -")
            if article[0] == "A" and not _sentence_start(text, found.start()):
                continue  # “Plan A is”, “Exhibit A of”: a letter, not the article
            if in_address(text, found.start(), found.end()):
                continue
            vowel = _vowel_sound(word)
            if vowel is None or vowel == (article.lower() == "an"):
                continue
            right = "an" if vowel else "a"
            if article[0] == "A":
                right = right.capitalize()
            # Quote the whole next word as written (“8-year-old”, “X-ray”), without the punctuation after it.
            token = re.match(r"\S+", text[found.start("next") :]).group().rstrip(',;:!?)”’"')
            token = token if re.fullmatch(r"(?:[A-Z]\.){2,}", token) else token.rstrip(".")
            end = found.start("next") + len(token)
            yield Hit(
                segment, found.start(), end, f"Write “{right} {word}”: the article follows the sound of the word."
            )


def _sentence_start(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(" \t*_“‘\"'(")
    return not before or before[-1] in ".!?:\n"
