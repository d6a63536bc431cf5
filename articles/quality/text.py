"""Reading plain text as an editor does: sentences, abbreviations, web addresses and quotations."""

import re
from collections.abc import Iterator

# Abbreviations after which a full stop does not end the sentence (compared without the final stop).
ABBREVIATIONS = frozenset(
    """
    Mr Mrs Ms Mx Dr Prof St Jr Sr Gen Gov Sen Sens Rep Reps Lt Col Capt Sgt Maj Adm Cmdr Cpl Pvt
    Rev Hon Pres Supt Det Insp Atty Inc Ltd Co Corp Bros Dept Univ Assn vs v etc approx est
    No Nos Vol Fig pp Ave Blvd Rd Mt Ft Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun cf al ca ft lb lbs oz mi yd yds sq min hr hrs sec
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont
    Neb Nev Okla Ore Pa Penn Tenn Va Vt Wash Wis Wyo
    """.split()
)

# Lower case only, and no top-level domain that is also a common word (in, is, it, to, me, us).
_TLDS = "|".join(
    "com org net gov edu mil int io ai co uk eu de fr es nl jp kr cn au ca ch se dk fi "
    "info biz news app dev tv ly gg xyz tk".split()
)
_FILE_EXTENSIONS = "|".join(
    r"pdf docx? xlsx? pptx? csv txt jpe?g png gif svg webp zip html? json xml mp3 mp4 mov py js exe".split()
)

LEADING_JUNK = "([{“‘\"'*_<$€£¥"
TRAILING_JUNK = ")]}”’\"'*_>.,;:!?"
ABBREVIATION_SHAPE = re.compile(r"(?: [A-Za-z]{1,2} \. )+ [A-Za-z]{1,2} \.?", re.VERBOSE)
ACRONYM_CHAIN = re.compile(r"[A-Z0-9]+ (?: [.,] [A-Z0-9]+ )+", re.VERBOSE)
_DOMAIN = re.compile(rf"[\w-]+ (?: \. [\w-]+ )* \. (?:{_TLDS}) (?: :\d+ )? (?: / \S* )?", re.VERBOSE)
_FILE_NAME = re.compile(rf"[\w.-]+ \. (?i:{_FILE_EXTENSIONS})", re.VERBOSE)

_SENTENCE_END = re.compile(r"(?P<stop> [.!?]+ | … ) (?P<close> [\"”’')\]]* ) \s+", re.VERBOSE)
TERMINAL = re.compile(r"[.!?…] [\"”’')\]»]* $", re.VERBOSE)


def in_address(text: str, start: int, end: int) -> bool:
    """True if text[start:end] sits inside a web address, e-mail address, file name or handle."""
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    token_end = min((i for i in (text.find(" ", end), text.find("\n", end)) if i != -1), default=len(text))
    token = text[token_start:token_end].strip(LEADING_JUNK + TRAILING_JUNK)
    return token.startswith(("#", "@")) or looks_like_address(token)


def looks_like_address(token: str) -> bool:
    if "@" in token or "://" in token or token.lower().startswith("www."):
        return True
    if "/" in token and "." in token.split("/", 1)[0]:
        return True
    return bool(_DOMAIN.fullmatch(token) or _FILE_NAME.fullmatch(token))


def word_before(text: str, end: int) -> str:
    found = re.search(r"(\S+)$", text[:end])
    return found.group(1).lstrip(LEADING_JUNK) if found else ""


def is_abbreviation(word: str) -> bool:
    word = word.rsplit("/", 1)[-1]
    return (
        word in ABBREVIATIONS
        or word.lower() in ABBREVIATIONS
        or bool(re.fullmatch(r"[A-Za-z]", word))
        or bool(ABBREVIATION_SHAPE.fullmatch(word))
    )


def open_quote_or_bracket(text: str) -> bool:
    """True if text leaves a quotation, parenthesis or bracket open."""
    return (
        text.count("“") > text.count("”")
        or text.count('"') % 2 == 1
        or text.count("(") > text.count(")")
        or text.count("[") > text.count("]")
    )


def sentence_starts(text: str) -> list[int]:
    """Return the offsets where sentences begin, not counting abbreviations, ellipses or quoted speech."""
    first = len(text) - len(text.lstrip())
    starts = [first] if text.strip() else []
    for match in _SENTENCE_END.finditer(text):
        stop = match["stop"]
        if stop == "…" or stop.startswith(".."):
            continue
        if match["close"]:
            continue
        if stop == "." and is_abbreviation(word_before(text, match.start())):
            continue
        if open_quote_or_bracket(text[: match.start()]):
            continue
        if match.end() < len(text):
            starts.append(match.end())
    return starts


def sentences(text: str) -> Iterator[tuple[int, str]]:
    starts = sentence_starts(text)
    for start, end in zip(starts, [*starts[1:], len(text)], strict=False):
        yield start, text[start:end]


def words(text: str, start: int, count: int) -> str:
    """Return up to `count` words of text from start, verbatim."""
    found = re.match(rf"\S+(?:\s+\S+){{0,{count - 1}}}", text[start:])
    return found.group() if found else ""


def last_words(text: str, count: int) -> str:
    found = re.search(rf"\S+(?:\s+\S+){{0,{count - 1}}}$", text)
    return found.group() if found else ""


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping spans so a nested finding is reported once."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_CODE = re.compile(r"`[^`\n]+`")


def outside_code(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans not inside inline code (`…`), which is quoted literally: no bracket, brace or slash in it is markup."""
    if "`" not in text:
        return spans
    code = [m.span() for m in _CODE.finditer(text)]
    return [(a, b) for a, b in spans if not any(c < b and a < d for c, d in code)]

