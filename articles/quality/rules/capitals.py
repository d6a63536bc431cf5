"""Capital letters where readers expect them: sentence starts and proper names."""

import re
from collections.abc import Iterator

from ..engine import Context, Hit
from ..names import GEO_NOUNS, ordinary_word
from ..registry import rule
from ..text import TERMINAL, TRAILING_JUNK, in_address, looks_like_address, sentence_starts, words

_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?![\d%]|[.,]\d)"
_YEAR = r"\d{4}(?!\d)"
# A day of the week in lower case is always a slip: no everyday word is spelt like one.
_WEEKDAY = re.compile(r"(?<![\w@#/.-])(?:mon|tues|wednes|thurs|fri|satur|sun)days?(?![\w@/-])")
# Months that are no other word; abbreviations only with a day or year (“sept 4”), as “dec” or “jan” may be others.
_MONTH = re.compile(
    rf"""(?<![\w@#/.-])(?: (?:january|february|april|june|july|september|october|november|december)(?![\w@/-])
        | (?:jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec) (?=\.?\s+(?:{_DAY}|{_YEAR})) )""",
    re.VERBOSE,
)
# “may”, “march” and “august” are also a verb, a verb and an adjective: a month only beside a day or a year,
# or after a word that introduces a time (“in march,”, “since may when”, “mid-august”) when no noun or verb
# follows (“in august company”, “early may be”).
_AMBIGUOUS_MONTH = re.compile(
    rf"""(?: (?<![\w@#/.-]) (?P<dated>may|march|august) (?=\s+(?:{_DAY}|{_YEAR}))
      | (?<![\d,.])\d{{1,2}}(?:st|nd|rd|th)?\s+of\s+(?P<day_of>may|march|august)(?!\w)
      | (?: (?<![\d,.])\d{{1,2}}(?:st|nd|rd|th)?\s+(?P<after_day>may|march|august)
          | \b(?:in|on|of|since|until|till|by|from|through|last|next|early|late)\s+(?P<timed>may|march|august)
          | \bmid-(?P<mid>may|march|august) )
        (?= \s*[,.;:!?)”"’]|\s*$|\s+(?:and|or|when|the|to|after|before|while|with|for|at|of|this|that|as|but
              |until|through|{_DAY}|{_YEAR})\b )
    )""",
    re.VERBOSE,
)


# “their last march”, “the union's next march”: a march, not March.
_DETERMINED = re.compile(
    r"(?:\b(?:the|a|an|this|that|their|his|her|its|our|your|my)|[^\W\d_]['’]s?)\s+(?:last|next|early|late)\s+$", re.I
)


def calendar_words(text: str) -> Iterator[re.Match[str]]:
    """Names of days and months written in lower case, outside web addresses, handles and hashtags."""
    found = [*_WEEKDAY.finditer(text), *_MONTH.finditer(text), *_AMBIGUOUS_MONTH.finditer(text)]
    for match in sorted(found, key=lambda m: m.start()):
        start, end = _word_span(match)
        if in_address(text, start, end):
            continue
        if match.re is _AMBIGUOUS_MONTH and match["timed"] and _DETERMINED.search(text, 0, start):
            continue
        yield match


def _word_span(match: re.Match[str]) -> tuple[int, int]:
    for group in ("dated", "day_of", "after_day", "timed", "mid"):
        if match.re is _AMBIGUOUS_MONTH and match[group]:
            return match.span(group)
    return match.span()


# An abbreviated genus before a species name (“Au. afarensis”, “E. coli”): the stop ends no sentence.
_GENUS = re.compile(r"(?:^|\s)(?P<genus>[A-Z][a-z]?)\.\s+$")
_TWO_LETTER_WORDS = frozenset("an as at be by do go he if in is it me my no of oh ok on or so to up us we".split())


def _after_genus(text: str, offset: int) -> bool:
    found = _GENUS.search(text, 0, offset)
    return found is not None and found["genus"].lower() not in _TWO_LETTER_WORDS


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
            if any(ch.isupper() for ch in word[1:]) or looks_like_address(word) or _after_genus(segment.text, offset):
                continue
            if ctx.names.miswritten_at(segment.text, offset) or _calendar_word_at(segment.text, offset):
                continue
            what = "Heading" if segment.kind in {"heading", "headline"} else "Sentence"
            excerpt = words(segment.text, offset, 2)
            yield Hit(segment, offset, offset + len(excerpt), f"{what} starts with a lower-case letter: capitalise “{word}”.")


def _calendar_word_at(text: str, offset: int) -> bool:
    return any(_word_span(match)[0] == offset for match in calendar_words(text))


def _with_first_name(text: str, start: int, canonical: str, written: str) -> int:
    """Widen a lower-case surname to the lower-case first name before it: one the article writes with it in
    capitals (“ingrid solberg” where it has “Ingrid Solberg”), or no everyday word (“jacinda ardern”)."""
    before = _WORD_BEFORE.search(text, 0, start)
    if before is None or not before["word"].islower() or " " in canonical:
        return start
    word = before["word"]
    return before.start("word") if f"{word.capitalize()} {canonical}" in written or not ordinary_word(word) else start


_WORD_BEFORE = re.compile(r"(?<![\w-])(?P<word>[^\W\d_]+)[ \u00a0]+$")


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


_DETERMINER_BEFORE = re.compile(r"(?i:\b(?:the|a|an|this|that|each|every|next|last|its|their|our|year's)[ \u00a0]+)$")
# A capitalised word of the same name, not a sentence's capitalised first word (“The Steelers won”).
_CAPITALISED_BEFORE = re.compile(
    r"(?<![\w'’.&-])(?!(?:The|A|An|This|That|Its|Their|Our|His|Her|In|On|At|By|For|From|With|And|But)[ \u00a0])"
    r"[A-Z][\w'’.&-]*[ \u00a0]+$"
)


def _common_noun_of_a_name(text: str, start: int, canonical: str, written: str) -> bool:
    """“the regatta” where the article writes only “Henley Royal Regatta”: the last word of a longer name, used
    after a determiner, is the everyday noun (a word capitalised on its own somewhere is a name: “the steelers”)."""
    if " " in canonical or canonical.isupper() or not _DETERMINER_BEFORE.search(text[max(0, start - 20) : start]):
        return False
    uses = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(canonical)}(?![\w-])", written)]
    return bool(uses) and all(_CAPITALISED_BEFORE.search(written[max(0, at - 40) : at]) for at in uses)


# A personal title before a lower-case word (“Ms blake”): the word is a surname written small.
_TITLE_THEN_LOWER = re.compile(r"(?<![\w.])(?:Mr|Mrs|Ms|Dr|Prof|Cllr)\.?[ \u00a0]+(?P<name>[a-z][a-z’'-]+)\b(?![’'-])")
_NOT_A_NAME = frozenset("and or of the a an to in on for is was said says who with at by nor but".split())


@rule(
    "lowercase-name", severity="warning",
    description="Days, months, countries, nationalities, languages, major cities, international bodies and the "
                "names the article declares or capitalises elsewhere take a capital (“south Korea”, “on tuesday”).",
    examples=(
        ("Ministers from south Korea met.", True), ("They bought fine china.", False),
        ("The vote is on tuesday.", True), ("Voters may march on the capital.", False),
        ("Rents rose in march, the council said.", True), ("The ruling came from an august court.", False),
        ("Dr. Ines Okafor led the study. Okafor said more work was needed, and okafor's team agreed.", True),
        ("The Telecom Minister spoke. Every telecom firm must comply.", False),
    ),
)
def lowercase_name(ctx: Context) -> Iterator[Hit]:
    written = "\n".join(segment.text for segment in ctx.segments)
    for segment in ctx.segments:
        for match in calendar_words(segment.text):
            start, end = _word_span(match)
            word = segment.text[start:end]
            kind = "a day of the week" if _WEEKDAY.fullmatch(word) else "a month"
            yield Hit(segment, start, end, f"“{word}” names {kind} and takes a capital: “{word.capitalize()}”.")
        named: list[tuple[int, int]] = []
        for match in ctx.names.miswritten(segment.text):
            start, end = _extend_name(segment.text, match.start(), match.end())
            named.append((start, end))
            canonical = ctx.names.canonical_of(match.group())
            if _common_noun_of_a_name(segment.text, match.start(), canonical, written):
                continue
            start = _with_first_name(segment.text, start, canonical, written)
            yield Hit(segment, start, end, f"“{canonical}” is a proper name and takes a capital.")
        if "M" in segment.text or "D" in segment.text or "C" in segment.text or "P" in segment.text:
            for match in _TITLE_THEN_LOWER.finditer(segment.text):
                start, end = match.span("name")
                if match["name"] not in _NOT_A_NAME and not any(a <= start < b for a, b in named):
                    yield Hit(segment, start, end, f"“{match['name']}” follows a title, so it is a name: capitalise it.")
