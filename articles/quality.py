"""Pre-publish quality gate: pure checks for what must not go out in an article.

Nothing here imports Django, so the rules run (and are tested) without a database;
`document_from_article` reads a model instance only through its attributes.

Errors block publishing; warnings are shown and must be acknowledged by an editor.
"""

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any, Literal, NamedTuple

Severity = Literal["error", "warning"]
# A caption (or credit, or a quote's attribution) and an alt text are read by readers, but are no running text.
PartKind = Literal["heading", "prose", "caption", "alt"]


@dataclasses.dataclass(frozen=True)
class Finding:
    """One problem: where it is, the offending text as written, and what to do about it."""

    severity: Severity
    rule: str
    field: str
    text: str
    message: str
    # Where the writer fixes it in the edit form: the block's stable uid ("" for a field of the article itself) and
    # the name of the form field, without the block form's prefix ("body", "rows-0-name"; "headline" for the article).
    block_uid: str = ""
    form_field: str = ""


@dataclasses.dataclass(frozen=True)
class Part:
    """One heading or paragraph of the body, in reading order, as plain text."""

    field: str
    text: str
    kind: PartKind = "prose"
    list_item: bool = False
    # Set beside the story rather than part of its running text (a callout, a question for readers).
    aside: bool = False
    # The block this text is typed in and its form field, so a finding can lead the writer there.
    block_uid: str = ""
    form_field: str = ""


@dataclasses.dataclass
class Document:
    """A plain snapshot of an article, the only thing the rules look at."""

    headline: str
    subheadline: str = ""
    summary: str = ""
    dateline_place: str = ""
    dateline_date: date | None = None
    parts: list[Part] = dataclasses.field(default_factory=list)
    faq: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    participants: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    declared_names: list[str] = dataclasses.field(default_factory=list)
    has_image: bool = False
    image_alt: str = ""
    image_caption: str = ""
    # Tables of rows in the body: (field, title, number of rows).
    tables: list[tuple[str, str, int]] = dataclasses.field(default_factory=list)
    bylines: list[str] = dataclasses.field(default_factory=list)
    # Where the fields that are not parts (FAQ halves, participants, tables) are typed: the gate's name of a field
    # (“FAQ 2 answer”) → (block uid, form field). Parts say it themselves.
    places: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)
    # True for a stored article, whose every field is here: an empty byline or dateline is then really empty,
    # whereas a pasted page or draft file simply does not carry them.
    stored: bool = False


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

_COUNTRIES = """
    Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan Bahrain
    Bangladesh Belarus Belgium Bolivia Bosnia Botswana Brazil Britain Bulgaria Cambodia Cameroon
    Canada China Colombia Croatia Cuba Cyprus Czechia Denmark Ecuador Egypt England Estonia
    Ethiopia Finland France Germany Ghana Greece Hungary Iceland India Indonesia Iran Iraq
    Ireland Israel Italy Japan Jordan Kazakhstan Kenya Korea Kuwait Laos Latvia Lebanon Libya
    Lithuania Luxembourg Malaysia Mexico Moldova Mongolia Morocco Mozambique Myanmar Nepal
    Netherlands Nigeria Norway Pakistan Palestine Panama Peru Philippines Poland Portugal Qatar
    Romania Russia Rwanda Scotland Senegal Serbia Singapore Slovakia Slovenia Somalia Spain Sudan
    Sweden Switzerland Syria Taiwan Tanzania Thailand Tunisia Türkiye Uganda Ukraine Uruguay
    Uzbekistan Venezuela Vietnam Wales Yemen Zambia Zimbabwe
""".split()

_NATIONALITIES = """
    American Argentine Argentinian Asian Australian Austrian African Arab Arabic Bangladeshi
    Belgian Brazilian British Bulgarian Canadian Chilean Chinese Colombian Croatian Cuban Czech
    Dutch Egyptian English Estonian Ethiopian European Filipino Finnish French German Ghanaian
    Greek Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian Japanese
    Jordanian Kenyan Korean Kuwaiti Lebanese Libyan Lithuanian Malaysian Mexican Mongolian
    Moroccan Nigerian Norwegian Pakistani Palestinian Peruvian Portuguese Qatari Romanian Russian
    Rwandan Saudi Scandinavian Scottish Serbian Singaporean Somali Spanish Sudanese Swedish Swiss
    Syrian Taiwanese Thai Tunisian Turkish Ugandan Ukrainian Uruguayan Venezuelan Vietnamese
    Welsh Yemeni Zimbabwean
""".split()

_REGIONS = [
    "Asia", "Africa", "Europe", "Oceania", "Antarctica", "Americas", "Latin America",
    "Latin American", "Middle East", "Middle Eastern", "Indo-Pacific", "Asia-Pacific",
    "Caribbean", "Mediterranean", "Scandinavia", "Balkans", "Atlantic", "Sahara",
    "Czech Republic", "Great Britain", "Northern Ireland", "New Zealand", "Saudi Arabia",
    "Sri Lanka", "United Arab Emirates", "United Kingdom", "United States", "United Nations",
    "European Union",
]
# Only these compass words are part of the name; “the east Korean coast” is a direction.
_COMPASS_REGIONS = {
    "Asia": ["East", "Southeast", "South", "Central", "Northeast"],
    "Africa": ["North", "West", "East", "South", "Central"],
    "America": ["North", "South", "Central"],
    "Korea": ["North", "South"],
}

BUILTIN_NAMES: tuple[str, ...] = tuple(
    dict.fromkeys(
        [
            *_COUNTRIES, *_NATIONALITIES, *_REGIONS,
            *(f"{point} {region}{suffix}" for region, points in _COMPASS_REGIONS.items()
              for point in points for suffix in ("", "n")),
        ]
    )
)

# Everyday lower-case phrases that contain a place name; written this way they are not errors.
LOWERCASE_USAGES = (
    "bone china", "fine china", "china cabinet", "china clay", "china plate", "china shop",
    "french fries", "french toast", "french braid", "french kiss", "french press",
    "brussels sprouts", "swiss chard", "dutch oven", "india ink", "india rubber",
)

# A lower-case name is shown with the geographic noun it belongs to (“korean Peninsula”).
_GEO_NOUNS = frozenset(
    "peninsula sea ocean strait straits gulf bay island islands coast basin river channel".split()
)

# Bracketed capitals are an editor's note only if they say something an editor would say.
_EDITOR_WORDS = frozenset(
    """
    ADD CAPTION CHECK CITE CITATION CONFIRM DATE DETAILS EDITOR FACT FIGURE FILL FIX GRAF
    GRAPHIC HED DEK HERE IMAGE INSERT LINK MISSING NAME NEED NEEDED NEEDS NOTE NUMBER PENDING
    PHOTO QUOTE SOURCE SOURCES STAT TBC TBD TK TKTK TODO UPDATE VERIFY XX XXX
    """.split()
)

# Lower case only, and no top-level domain that is also a common word (in, is, it, to, me, us).
_TLDS = "|".join(
    "com org net gov edu mil int io ai co uk eu de fr es nl jp kr cn au ca ch se dk fi "
    "info biz news app dev tv ly gg xyz".split()
)
_FILE_EXTENSIONS = "|".join(
    r"pdf docx? xlsx? pptx? csv txt jpe?g png gif svg webp zip html? json xml mp3 mp4 mov py js exe".split()
)

# A run of X's followed by one of these stands for a figure nobody filled in (“XXX people”).
_COUNT_NOUNS = """
    million billion trillion thousand hundred percent people persons residents homes households jobs
    workers employees voters votes students patients cases deaths victims members users customers
    visitors fans spectators units copies tons tonnes dollars euros pounds yen years months weeks days
    hours minutes miles kilometres kilometers km metres meters acres hectares times
""".split()

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_PATTERN = "|".join(
    sorted((m.capitalize() + (r"\.?" if len(m) <= 4 and m != "may" else "") for m in _MONTHS),
           key=len, reverse=True)
)


_PLACEHOLDER = re.compile(
    rf"""
      (?P<insert> \[ \s* (?i:insert) (?!ed\b|ion) [^\[\]\n]{{0,80}} (?: \[ [^\[\]\n]{{0,80}} )* \]{{0,3}} )
    | (?P<research> (?: [\[(] \s* )? (?i:research \s+ needed) (?: \s* [\])] )? )
    | (?P<tbd> [\[(] \s* (?i:tbd|tbc|tk) \s* [\])] )
    | (?P<tk> (?<![\w-]) (?:TK)+ (?![\w-]) (?! \s+ [A-Z][a-z] ) )
    | (?P<lorem> (?i:lorem \s+ ipsum) )
    | (?P<figure>
          [$€£¥] \s? X+ (?: [.,] X+ )* (?: \s* (?:million|billion|trillion|bn|m|k)\b )?
        | (?<!\w) X+ (?: [.,] X+ )+ (?!\w)
        | (?<!\w) X{{2,}} \s? (?: % | (?:{"|".join(_COUNT_NOUNS)})\b )
      )
    | (?P<template> \{{\{{ [^{{}}\n]{{0,60}}? \}}\}} | \{{% [^{{}}\n]{{0,60}}? %\}} | \{{[{{%] \s* [\w.|]* )
    """,
    re.VERBOSE,
)

# A Markdown link such as “[HERE](https://…)” is not a note, whatever its capitals say.
_CAPS_NOTE = re.compile(r"\[ (?P<body> [A-Z][A-Z0-9 .,'’/&?!:;-]{0,60} ) \] (?!\()", re.VERBOSE)

_MISSING_SPACE = re.compile(r"(?: [^\W_] | [)\]”’] ) (?P<punct> [.,;!?] ) [^\W\d_]", re.VERBOSE)
_LEADING_JUNK = "([{“‘\"'*_<$€£¥"
_TRAILING_JUNK = ")]}”’\"'*_>.,;:!?"
_ABBREVIATION_SHAPE = re.compile(r"(?: [A-Za-z]{1,2} \. )+ [A-Za-z]{1,2} \.?", re.VERBOSE)
_ACRONYM_CHAIN = re.compile(r"[A-Z0-9]+ (?: [.,] [A-Z0-9]+ )+", re.VERBOSE)
_DOMAIN = re.compile(rf"[\w-]+ (?: \. [\w-]+ )* \. (?:{_TLDS}) (?: :\d+ )? (?: / \S* )?", re.VERBOSE)
_FILE_NAME = re.compile(rf"[\w.-]+ \. (?i:{_FILE_EXTENSIONS})", re.VERBOSE)

_SENTENCE_END = re.compile(r"(?P<stop> [.!?]+ | … ) (?P<close> [\"”’')\]]* ) \s+", re.VERBOSE)
_TERMINAL = re.compile(r"[.!?…] [\"”’')\]»]* $", re.VERBOSE)
_CUT_OFF = re.compile(
    r"(?: [,;:—–-] | \b(?i:and|or|but|nor|the|a|an|of|to|with|for|in|on|at|by|from|that|which|as) ) $",
    re.VERBOSE,
)

_DATE = re.compile(
    rf"""
    (?<!\w)
    (?:
        (?P<month> {_MONTH_PATTERN} ) \s+ (?P<day> \d{{1,2}} ) (?: st|nd|rd|th )? (?!\d)
        (?: ,? \s+ (?P<year> \d{{4}} ) (?!\d) )?
      | (?P<day2> \d{{1,2}} ) (?: st|nd|rd|th )? \s+ (?: of \s+ )? (?P<month2> {_MONTH_PATTERN} )
        (?: ,? \s+ (?P<year2> \d{{4}} ) (?!\d) )?
      | (?P<iso_year> \d{{4}} ) - (?P<iso_month> \d{{2}} ) - (?P<iso_day> \d{{2}} ) (?!\d)
    )
    """,
    re.VERBOSE,
)

# Words that tie a sentence to the event the dateline is about.
_EVENT_CUE = re.compile(
    r"""\b(?: held | holds? | took \s+ place | takes? \s+ place | met | meets? | meetings? | talks
        | summit | convened | gathered | session | conference | hosted | today(?:['’]s)? | tonight )\b""",
    re.VERBOSE | re.IGNORECASE,
)
# Words that say the date belongs to another event, before or after the one reported.
_OTHER_EVENT = re.compile(
    r"""\b(?: began | begun | begin | started | starts? | since | signed | previous | prior | last
        | earlier | ago | next | upcoming | again | will | would | scheduled | planned | postponed
        | delayed | due | expected | until | before | after | anniversary | founded | born | died
        | announced | proposed | launched | opened | opens | closed | closes | ended | ends | resumed )\b""",
    re.VERBOSE | re.IGNORECASE,
)
_DATE_WINDOW = timedelta(days=7)
_CUE_WORDS_BEFORE = 8
_CUE_WORDS_AFTER = 6
_MARKER_WORDS_AFTER = 4

_REPEAT_MIN_WORDS = 8


class _Segment(NamedTuple):
    """A piece of text with its place in reading order and what kind of text it is."""

    index: int
    field: str
    text: str
    kind: str
    in_body: bool = False
    list_item: bool = False
    list_after_colon: bool = False
    aside: bool = False


class _Hit(NamedTuple):
    segment: int
    offset: int
    finding: Finding


class _Names:
    """The proper names an article must capitalise, matched case-insensitively."""

    def __init__(self, names: Iterable[str]) -> None:
        self.canonical: dict[str, str] = {}
        for name in names:
            name = " ".join(name.split())
            if len(name) >= 3 and any(ch.isupper() for ch in name):
                self.canonical.setdefault(name.casefold(), name)
        alternatives = sorted(self.canonical.values(), key=len, reverse=True)
        body = "|".join(r"[\s\u00a0]+".join(re.escape(word) for word in name.split()) for name in alternatives)
        self.pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE) if body else None

    def miswritten(self, text: str) -> Iterator[re.Match[str]]:
        """Yield each name in text written with a lower-case letter where the name has a capital."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            if self._is_miswritten(text, match):
                yield match

    def miswritten_at(self, text: str, offset: int) -> bool:
        match = self.pattern.match(text, offset) if self.pattern else None
        return match is not None and self._is_miswritten(text, match)

    def _is_miswritten(self, text: str, match: re.Match[str]) -> bool:
        canonical = self.canonical[" ".join(match.group().split()).casefold()]
        wrong = any(
            want[:1].isupper() and got[:1].islower()
            for want, got in zip(re.split(r"[\s-]+", canonical), re.split(r"[\s\u00a0-]+", match.group()), strict=False)
        )
        return wrong and not _in_address(text, match.start(), match.end()) and not _lowercase_usage(text, match)


@dataclasses.dataclass
class _Context:
    doc: Document
    segments: list[_Segment]
    names: _Names


Rule = Callable[[_Context], Iterator[_Hit]]


def _segments(doc: Document) -> list[_Segment]:
    """Lay out every field of the document in reading order."""
    segments = [_Segment(0, "headline", doc.headline, "headline")]

    def add(field: str, text: str, kind: str, **flags: bool) -> None:
        segments.append(_Segment(len(segments), field, text, kind, **flags))

    if doc.subheadline.strip():
        add("subheadline", doc.subheadline, "heading")
    if doc.summary.strip():
        add("summary", doc.summary, "prose")
    if doc.has_image:
        add("lead image alt text", doc.image_alt, "alt")
    if doc.image_caption.strip():
        add("lead image caption", doc.image_caption, "caption")
    if doc.dateline_place.strip():
        add("dateline", doc.dateline_place, "name")
    introduced = False
    for part in doc.parts:
        if not part.list_item:
            introduced = part.text.rstrip("*_ ").endswith(":")
        add(part.field, part.text, part.kind, in_body=True, list_item=part.list_item,
            list_after_colon=part.list_item and introduced, aside=part.aside)
    for number, (question, answer) in enumerate(doc.faq, start=1):
        add(f"FAQ {number} question", question, "prose")
        add(f"FAQ {number} answer", answer, "prose")
    for number, (name, represents, role) in enumerate(doc.participants, start=1):
        add(f"participant {number} name", name, "name")
        add(f"participant {number} represents", represents, "name")
        add(f"participant {number} role", role, "role")
    return segments


def _names_for(doc: Document) -> _Names:
    """Built-in places plus the names this article declares, as far as they are proper names."""
    trusted = [name for person in doc.participants for name in person[:2] if name.strip()]
    prose = [part.text for part in doc.parts if part.kind == "prose"]
    evidenced = [name for name in doc.declared_names if _used_as_proper_name(name, prose)]
    return _Names([*BUILTIN_NAMES, *trusted, *evidenced])


def _used_as_proper_name(name: str, prose: list[str]) -> bool:
    """True if the article itself capitalises the name in mid-sentence, so it is not an ordinary word."""
    name = " ".join(name.split())
    if not name or not name[0].isupper():
        return False
    pattern = re.compile(rf"(?<=[a-z0-9,] )(?:{re.escape(name)})(?!\w)")
    return any(pattern.search(text) for text in prose)


def _in_address(text: str, start: int, end: int) -> bool:
    """True if text[start:end] sits inside a web address, e-mail address, file name or handle."""
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    token_end = min((i for i in (text.find(" ", end), text.find("\n", end)) if i != -1), default=len(text))
    token = text[token_start:token_end].strip(_LEADING_JUNK + _TRAILING_JUNK)
    return token.startswith(("#", "@")) or _looks_like_address(token)


def _looks_like_address(token: str) -> bool:
    if "@" in token or "://" in token or token.lower().startswith("www."):
        return True
    if "/" in token and "." in token.split("/", 1)[0]:
        return True
    return bool(_DOMAIN.fullmatch(token) or _FILE_NAME.fullmatch(token))


def _lowercase_usage(text: str, match: re.Match[str]) -> bool:
    """True if the match is part of an everyday phrase such as “french fries” or “fine china”."""
    word = match.group().casefold()
    folded = text.casefold()
    for usage in LOWERCASE_USAGES:
        at = usage.find(word)
        if at != -1 and folded.startswith(usage, match.start() - at):
            return True
    return False


def _word_before(text: str, end: int) -> str:
    found = re.search(r"(\S+)$", text[:end])
    return found.group(1).lstrip(_LEADING_JUNK) if found else ""


def _is_abbreviation(word: str) -> bool:
    word = word.rsplit("/", 1)[-1]
    return (
        word in ABBREVIATIONS
        or word.lower() in ABBREVIATIONS
        or bool(re.fullmatch(r"[A-Za-z]", word))
        or bool(_ABBREVIATION_SHAPE.fullmatch(word))
    )


def _open_quote_or_bracket(text: str) -> bool:
    """True if text leaves a quotation, parenthesis or bracket open."""
    return (
        text.count("“") > text.count("”")
        or text.count('"') % 2 == 1
        or text.count("(") > text.count(")")
        or text.count("[") > text.count("]")
    )


def _sentence_starts(text: str) -> list[int]:
    """Return the offsets where sentences begin, not counting abbreviations, ellipses or quoted speech."""
    first = len(text) - len(text.lstrip())
    starts = [first] if text.strip() else []
    for match in _SENTENCE_END.finditer(text):
        stop = match["stop"]
        if stop == "…" or stop.startswith(".."):
            continue
        if match["close"]:
            continue
        if stop == "." and _is_abbreviation(_word_before(text, match.start())):
            continue
        if _open_quote_or_bracket(text[: match.start()]):
            continue
        if match.end() < len(text):
            starts.append(match.end())
    return starts


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    starts = _sentence_starts(text)
    for start, end in zip(starts, [*starts[1:], len(text)], strict=False):
        yield start, text[start:end]


def _words(text: str, start: int, count: int) -> str:
    """Return up to `count` words of text from start, verbatim."""
    found = re.match(rf"\S+(?:\s+\S+){{0,{count - 1}}}", text[start:])
    return found.group() if found else ""


def _last_words(text: str, count: int) -> str:
    found = re.search(rf"\S+(?:\s+\S+){{0,{count - 1}}}$", text)
    return found.group() if found else ""


def _parse_date(match: re.Match[str], default_year: int) -> date | None:
    try:
        if match["iso_year"]:
            return date(int(match["iso_year"]), int(match["iso_month"]), int(match["iso_day"]))
        month = _MONTHS[(match["month"] or match["month2"]).rstrip(".").lower()]
        day = int(match["day"] or match["day2"])
        year = int(match["year"] or match["year2"] or default_year)
        return date(year, month, day)
    except ValueError:
        return None


def _format_date(value: date) -> str:
    return f"{value:%B} {value.day}, {value.year}"


def _body_segments(ctx: _Context, kind: str = "prose") -> list[_Segment]:
    return [s for s in ctx.segments if s.in_body and s.kind == kind]


def _hit(segment: _Segment, offset: int, severity: Severity, rule: str, text: str, message: str) -> _Hit:
    return _Hit(segment.index, offset, Finding(severity, rule, segment.field, text, message))


def _placeholder_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _PLACEHOLDER.finditer(text)]
    spans += [
        m.span()
        for m in _CAPS_NOTE.finditer(text)
        if "?" in m["body"] or _EDITOR_WORDS.intersection(re.findall(r"[A-Z]+", m["body"]))
    ]
    return _merge(spans)


def placeholder_rule(ctx: _Context) -> Iterator[_Hit]:
    """Unresolved placeholders ([Insert …], TK, [TBD], lorem ipsum, $XXX, {{ … }}) must never be published."""
    for segment in ctx.segments:
        for start, end in _placeholder_spans(segment.text):
            yield _hit(
                segment, start, "error", "placeholder", segment.text[start:end],
                "Unresolved placeholder: replace it with the real information or delete it.",
            )


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping spans so a nested placeholder is reported once."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def truncated_ending_rule(ctx: _Context) -> Iterator[_Hit]:
    """The body's last paragraph must end a sentence; a trailing “and”, “or” or comma means the text was cut off."""
    prose = [s for s in _body_segments(ctx) if s.text.strip() and not s.aside]
    if not prose:
        return
    last = prose[-1]
    text = last.text.rstrip().rstrip("*_").rstrip()
    if _TERMINAL.search(text) or re.fullmatch(r"\(.*\)|\[.*\]", text, re.DOTALL) or text.startswith(("—", "–")):
        return
    cut_off = _CUT_OFF.search(text)
    if last.list_item and not cut_off:
        return
    excerpt = _last_words(text, 3)
    if cut_off:
        message = f"The body stops after “{cut_off.group()}”: the end of the text is missing."
    else:
        message = "The body's last paragraph has no closing punctuation: the text may be cut off."
    yield _hit(last, len(text) - len(excerpt), "error", "truncated-ending", excerpt, message)


def missing_part_rule(ctx: _Context) -> Iterator[_Hit]:
    """Headline, body, image alt text, both halves of each FAQ entry and each participant's name are required."""
    doc = ctx.doc
    by_field = {segment.field: segment for segment in ctx.segments}
    headline = by_field["headline"]
    if not doc.headline.strip():
        yield _hit(headline, 0, "error", "missing-part", "", "The headline is empty.")
    if not any(part.kind == "prose" and part.text.strip() for part in doc.parts):
        no_body = Finding("error", "missing-part", "body", "", "The article has no body text.")
        yield _Hit(headline.index, len(doc.headline) + 1, no_body)
    if doc.has_image and not doc.image_alt.strip():
        yield _hit(
            by_field["lead image alt text"], 0, "error", "missing-part", "",
            "The lead image has no alt text: describe what it shows for readers who cannot see it.",
        )
    for segment in ctx.segments:
        if segment.in_body and segment.kind == "alt" and not segment.text.strip():
            yield _hit(segment, 0, "error", "missing-part", "",
                       "This picture has no alt text: describe what it shows, or mark it as decorative.")
    for number, (question, answer) in enumerate(doc.faq, start=1):
        if not question.strip() and not answer.strip():
            yield _hit(by_field[f"FAQ {number} question"], 0, "error", "empty-block", "",
                       "This FAQ entry has neither question nor answer: write both or delete the entry.")
        elif question.strip() and not answer.strip():
            yield _hit(by_field[f"FAQ {number} answer"], 0, "error", "missing-part", question.strip(),
                       "This FAQ question has no answer.")
        elif answer.strip() and not question.strip():
            yield _hit(by_field[f"FAQ {number} question"], 0, "error", "missing-part",
                       _words(answer.strip(), 0, 6), "This FAQ answer has no question.")
    for number, (name, represents, role) in enumerate(doc.participants, start=1):
        if not name.strip():
            yield _hit(by_field[f"participant {number} name"], 0, "error", "missing-part",
                       " ".join(filter(None, (represents.strip(), role.strip()))),
                       "This participant has no name.")


def missing_space_rule(ctx: _Context) -> Iterator[_Hit]:
    """Punctuation needs a space after it (“endeavors.Both”), except in abbreviations, numbers and addresses."""
    for segment in ctx.segments:
        for token in re.finditer(r"\S+", segment.text):
            raw = token.group()
            core = raw.lstrip(_LEADING_JUNK).rstrip(_TRAILING_JUNK)
            if not core or not _MISSING_SPACE.search(core) or _spacing_exempt(core):
                continue
            start = token.start() + raw.index(core)
            fixed = _MISSING_SPACE.sub(lambda m: m.group()[:-1] + " " + m.group()[-1], core)
            yield _hit(segment, start, "warning", "missing-space", core,
                       f"Missing space after punctuation: write “{fixed}”.")


def _spacing_exempt(token: str) -> bool:
    """Abbreviations (U.S., Ph.D.), addresses, file names and acronym chains (ASP.NET) are written without spaces."""
    if token.startswith(("#", "@")) or _looks_like_address(token):
        return True
    return bool(_ABBREVIATION_SHAPE.fullmatch(token) or _ACRONYM_CHAIN.fullmatch(token))


def lowercase_start_rule(ctx: _Context) -> Iterator[_Hit]:
    """Sentences and headings start with a capital, except brand names like iPhone and text in quotes or brackets."""
    for segment in ctx.segments:
        if segment.kind in {"alt", "role", "caption"} or not segment.text.strip():
            continue
        if segment.kind == "name":
            starts = [len(segment.text) - len(segment.text.lstrip())]
        else:
            starts = _sentence_starts(segment.text)
        may_start_low = segment.list_item and (segment.list_after_colon or _is_fragment(segment.text))
        for start in starts:
            if start == starts[0] and may_start_low:
                continue
            offset = start
            while offset < len(segment.text) and segment.text[offset] in "*_ ":
                offset += 1
            word = _words(segment.text, offset, 1).rstrip(_TRAILING_JUNK)
            if not word or not word[0].islower() or not word[0].isalpha():
                continue
            if any(ch.isupper() for ch in word[1:]) or _looks_like_address(word):
                continue
            if ctx.names.miswritten_at(segment.text, offset):
                continue
            what = "Heading" if segment.kind in {"heading", "headline"} else "Sentence"
            yield _hit(segment, offset, "warning", "lowercase-start", _words(segment.text, offset, 2),
                       f"{what} starts with a lower-case letter: capitalise “{word}”.")


def _is_fragment(text: str) -> bool:
    """True for a list item that is not a full sentence, such as “new roads” or “a bridge;”."""
    return _TERMINAL.search(text.rstrip().rstrip("*_")) is None


def lowercase_name_rule(ctx: _Context) -> Iterator[_Hit]:
    """Countries, nationalities and names the article declares are capitalised (“south Korea” → “South Korea”)."""
    for segment in ctx.segments:
        for match in ctx.names.miswritten(segment.text):
            start, end = _extend_name(segment.text, match.start(), match.end())
            canonical = ctx.names.canonical[" ".join(match.group().split()).casefold()]
            yield _hit(segment, start, "warning", "lowercase-name", segment.text[start:end],
                       f"“{canonical}” is a proper name and takes a capital.")


def _extend_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a name to the compound, possessive or geographic noun it is part of, as readers see it."""
    while (before := re.search(r"[^\W_]+-$", text[:start])) is not None:
        start = before.start()
    while (after := re.match(r"-[^\W_]+", text[end:])) is not None:
        end += after.end()
    if (possessive := re.match(r"['’]s\b", text[end:])) is not None:
        end += possessive.end()
    elif (noun := re.match(r" ([^\W\d_]+)", text[end:])) is not None and noun.group(1).casefold() in _GEO_NOUNS:
        end += noun.end()
    return start, end


def date_mismatch_rule(ctx: _Context) -> Iterator[_Hit]:
    """A date close to the dateline, written about the reported event, must match the dateline.

    The heuristic: only an article that puts its event on the dateline's day (it says “today”,
    “tonight”, “this morning” or the dateline's weekday, e.g. “on Wednesday”) can contradict
    itself; a story filed the day after the event legitimately carries an earlier date. In such
    an article a full date is about the reported event when an event word (held, took place,
    met, meeting, talks, summit, convened…) stands within a few words of it in the same
    sentence and no word pointing at another event (began, since, signed, previous, last, next,
    will, scheduled, opened, before, after…) stands between them or right after the date. Such
    a date one to seven days off the dateline contradicts it; dates further away, years alone
    and weekdays are taken to be other events and never warn.
    """
    dateline = ctx.doc.dateline_date
    if dateline is None or not _set_on_dateline_day(ctx, dateline):
        return
    for segment in ctx.segments:
        if segment.kind not in {"prose", "heading", "headline"}:
            continue
        for start, sentence in _sentences(segment.text):
            for match in _DATE.finditer(sentence):
                found = _parse_date(match, dateline.year)
                if found is None or found == dateline or abs(found - dateline) > _DATE_WINDOW:
                    continue
                if not _about_reported_event(sentence[: match.start()], sentence[match.end() :]):
                    continue
                yield _hit(
                    segment, start + match.start(), "warning", "date-mismatch", match.group().rstrip(","),
                    f"This date ({_format_date(found)}) contradicts the dateline ({_format_date(dateline)}) "
                    "for what reads as the same event.",
                )


def _set_on_dateline_day(ctx: _Context, dateline: date) -> bool:
    """True if the text says the reported event happens on the dateline's day."""
    anchor = re.compile(rf"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|{dateline:%A})\b", re.IGNORECASE)
    return any(anchor.search(s.text) for s in ctx.segments if s.kind in {"prose", "heading", "headline"})


def _about_reported_event(before: str, after: str) -> bool:
    """True if an event word is near the date and nothing nearby points at another event."""
    lead = " ".join(before.split()[-_CUE_WORDS_BEFORE:])
    tail = " ".join(after.split()[:_CUE_WORDS_AFTER])
    marked = " ".join(after.split()[:_MARKER_WORDS_AFTER])
    return bool(_EVENT_CUE.search(lead) or _EVENT_CUE.search(tail)) and not (
        _OTHER_EVENT.search(lead) or _OTHER_EVENT.search(marked)
    )


def repeated_paragraph_rule(ctx: _Context) -> Iterator[_Hit]:
    """The same paragraph must not appear twice in the body."""
    seen: dict[str, _Segment] = {}
    for segment in _body_segments(ctx):
        key = " ".join(re.sub(r"[\W_]+", " ", segment.text.casefold()).split())
        if len(key.split()) < _REPEAT_MIN_WORDS:
            continue
        if key in seen:
            offset = len(segment.text) - len(segment.text.lstrip())
            yield _hit(segment, offset, "warning", "repeated-paragraph", _words(segment.text, offset, 6),
                       "This paragraph repeats an earlier one word for word: delete one copy.")
        else:
            seen[key] = segment


def empty_table_rule(ctx: _Context) -> Iterator[_Hit]:
    """A table in the body needs rows: readers would see a heading over nothing."""
    by_field = {segment.field: segment for segment in ctx.segments}
    for field, title, rows in ctx.doc.tables:
        if rows:
            continue
        at = by_field.get(f"{field} title", ctx.segments[-1])
        finding = Finding("error", "empty-block", field, title.strip(),
                          "This table has no rows: add them, or delete the table.")
        yield _Hit(at.index, 0, finding)


def byline_dateline_rule(ctx: _Context) -> Iterator[_Hit]:
    """A stored story names who wrote it and where and when it was filed; unsigned or undated copy is the desk's call.

    Warnings, not errors: editorials, desk briefs and explainers legitimately go out without one.
    """
    doc = ctx.doc
    if not doc.stored:
        return
    headline = ctx.segments[0]
    if not any(name.strip() for name in doc.bylines):
        yield _Hit(headline.index, len(doc.headline) + 2, Finding(
            "warning", "no-byline", "byline", "",
            "The story has no byline: add its author, or the desk if it goes out unsigned.",
        ))
    missing = [what for what, value in (("place", doc.dateline_place.strip()), ("date", doc.dateline_date)) if not value]
    if missing:
        yield _Hit(headline.index, len(doc.headline) + 3, Finding(
            "warning", "no-dateline", "dateline", doc.dateline_place.strip(),
            f"The dateline has no {' and '.join(missing)}: readers expect to know where and when the story was filed.",
        ))


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


def internal_note_rule(ctx: _Context) -> Iterator[_Hit]:
    """Notes left for colleagues (TODO, “note to editor”, “[ed: …]”, “check with desk”) never reach readers."""
    for segment in ctx.segments:
        if segment.field not in _PUBLIC_FIELDS and segment.kind not in _PUBLIC_KINDS:
            continue
        taken = _placeholder_spans(segment.text)
        for match in _INTERNAL_NOTE.finditer(segment.text):
            start, end = _note_span(segment.text, match.start(), match.end())
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            yield _hit(segment, start, "error", "internal-note", segment.text[start:end].strip(),
                       "A note for colleagues in a field readers see: act on it, then delete it.")


RULES: list[Rule] = [
    placeholder_rule,
    truncated_ending_rule,
    missing_part_rule,
    missing_space_rule,
    lowercase_start_rule,
    lowercase_name_rule,
    date_mismatch_rule,
    repeated_paragraph_rule,
    empty_table_rule,
    byline_dateline_rule,
    internal_note_rule,
]


# The article's own fields, by the gate's name for them → the form field they are typed in.
ARTICLE_FORM_FIELDS = {
    "headline": "headline",
    "subheadline": "subheadline",
    "summary": "summary",
    "lead image alt text": "lead_image_alt",
    "lead image caption": "lead_image_caption",
    "dateline": "dateline_place",
    "byline": "bylines-0-author",
    "FAQ title": "faq_title",
}


def _places(doc: Document) -> dict[str, tuple[str, str]]:
    """Every field name the gate reports → (block uid, form field) where the writer types it."""
    places = {name: ("", form_field) for name, form_field in ARTICLE_FORM_FIELDS.items()}
    if doc.dateline_place.strip() and doc.dateline_date is None:
        places["dateline"] = ("", "dateline_date")
    places.update(doc.places)
    for part in doc.parts:
        if part.form_field:
            places.setdefault(part.field, (part.block_uid, part.form_field))
    return places


def check_document(doc: Document) -> list[Finding]:
    """Run every rule on the document and return the findings in reading order, each with where it is typed."""
    ctx = _Context(doc, _segments(doc), _names_for(doc))
    hits = [hit for rule in RULES for hit in rule(ctx)]
    places = _places(doc)
    findings = []
    for hit in sorted(hits, key=lambda hit: (hit.segment, hit.offset)):
        finding = hit.finding
        if finding.field in places and not finding.form_field:
            block_uid, form_field = places[finding.field]
            finding = dataclasses.replace(finding, block_uid=block_uid, form_field=form_field)
        findings.append(finding)
    return findings


def in_severity_order(findings: list[Finding]) -> list[Finding]:
    """Errors first, since they block the story, then warnings; each still in reading order."""
    return sorted(findings, key=lambda finding: finding.severity != "error")


_MD_HEADING = re.compile(r"^\s{0,3}(?P<marks>#{1,6})(?:\s+(?P<text>.*?))?\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[*•+‣◦-]|\d{1,3}[.)])\s+(?P<text>\S.*)$")
_IMAGE = re.compile(r"^\s*!\[(?P<alt>[^\]]*)\]\([^)]*\)\s*$")
_RULE_LINE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
_BREADCRUMB = re.compile(r"\s(?:»|›)\s")
# A scraped page's own furniture: the article ends where one of these lines begins.
_PAGE_END = re.compile(
    r"""(?i:you \s+ (?:may|might) \s+ also \s+ like | related \s+ (?:articles|stories|posts|news)
        | more \s+ stories | leave \s+ a \s+ (?:comment|reply) | comments | adblock \s+ detected
        | recommended(?: \s+ for \s+ you)? | read \s+ next | share \s+ this(?: \s+ (?:article|story))? :? )""",
    re.VERBOSE,
)
_DATELINE = re.compile(
    rf"""
    ^(?P<place> [^\W\d_] [^–—\n]{{0,80}}? )
    (?: \s* \( (?P<agency> [A-Za-z .&-]{{1,30}} ) \) )?
    \s+ (?P<dash> [–—-]{{1,2}} ) \s+
    (?: (?P<date> {_DATE.pattern} ) ,? \s+ [–—-]{{1,2}} \s+ )?
    (?P<rest> .* )$
    """,
    re.VERBOSE | re.DOTALL,
)
_HEADING_MAX_WORDS = 16
_SUBHEADLINE_MAX_WORDS = 40


class _Block(NamedTuple):
    text: str
    kind: PartKind
    list_item: bool = False
    explicit: bool = False


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML fragment, one paragraph per block element."""

    BLOCKS = frozenset("p div ul ol table tr blockquote figure figcaption section article pre hr".split())
    HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
    SKIPPED = frozenset("script style template".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.skipping = 0
        self.bullet_pending = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.pieces.append("\n")
        elif tag == "li":
            self.pieces.append("\n\n")
            self.bullet_pending = True
        elif tag in self.HEADINGS:
            self.pieces.append("\n\n### ")
        elif tag in self.BLOCKS:
            self.pieces.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS or tag in self.HEADINGS or tag == "li":
            self.pieces.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.skipping or (self.bullet_pending and not data.strip()):
            return
        if self.bullet_pending:
            # The rich-text editor wraps list items in <p>, so the marker waits for the item's first text.
            self.pieces.append("- ")
            self.bullet_pending = False
        self.pieces.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Return the text of an HTML fragment with a blank line between paragraphs.

    Headings come out as “### ” lines and list items as “- ” lines, so that
    `document_from_text`'s parser reads them back as headings and list items.
    """
    extractor = _TextExtractor()
    extractor.feed(html or "")
    extractor.close()
    chunks = "".join(extractor.pieces).split("\n\n")
    paragraphs = ("\n".join(line.strip() for line in chunk.split("\n")).strip() for chunk in chunks)
    return "\n\n".join(p for p in paragraphs if p not in {"", "-", "###"})


def _blocks(lines: list[str], markdown: bool) -> tuple[list[_Block], list[str]]:
    """Split lines into headings and paragraphs; also return the alt texts of images met on the way."""
    blocks: list[_Block] = []
    images: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(_Block(" ".join(paragraph), "prose"))
            paragraph.clear()

    for line in lines:
        stripped = line.strip()
        if not stripped or _RULE_LINE.match(line):
            flush()
        elif (image := _IMAGE.match(line)) is not None:
            flush()
            images.append(image["alt"])
        elif (heading := _MD_HEADING.match(line)) is not None:
            flush()
            if heading["text"]:
                blocks.append(_Block(heading["text"], "heading", explicit=True))
        elif (item := _LIST_ITEM.match(line)) is not None:
            flush()
            blocks.append(_Block(item["text"].strip(), "prose", list_item=True))
        else:
            text = stripped[1:].strip() if stripped.startswith(">") else stripped
            paragraph.append(text)
            if not markdown:
                flush()
    flush()
    if not markdown:
        blocks = [
            block._replace(kind="heading") if index < len(blocks) - 1 and _looks_like_heading(block) else block
            for index, block in enumerate(blocks)
        ]
    return blocks, images


def _looks_like_heading(block: _Block) -> bool:
    """In plain text a heading is a short line with no closing punctuation and no comma."""
    text = block.text.strip("*_ ")
    return (
        not block.list_item
        and bool(text)
        and len(text.split()) <= _HEADING_MAX_WORDS
        and "," not in text
        and text[-1] not in ".!?…:;\"”’)"
    )


def _looks_like_subheadline(block: _Block) -> bool:
    text = block.text.strip("*_ ")
    return (
        not block.explicit
        and not block.list_item
        and bool(text)
        and len(text.split()) <= _SUBHEADLINE_MAX_WORDS
        and text[-1] not in ".!?…:;"
        and _DATELINE.match(text) is None
    )


def _split_dateline(text: str) -> tuple[str, date | None, str] | None:
    """Split “Gyeongju, South Korea – October 29, 2025 – Text…” into place, date and text."""
    match = _DATELINE.match(text)
    if match is None or len(match["place"].split()) > 6:
        return None
    # Without a date or an agency only a city in capitals and a real dash (“LONDON —”) make a dateline.
    wire_style = re.fullmatch(r"[A-Z][A-Z.'-]+,?", match["place"].split()[0]) and match["dash"] != "-"
    if not (match["date"] or match["agency"] or wire_style):
        return None
    found = _DATE.match(match["date"] or "")
    when = _parse_date(found, 0) if found and (found["year"] or found["year2"] or found["iso_year"]) else None
    return match["place"].strip(), when, match["rest"]


def document_from_text(text: str) -> Document:
    """Parse a plain-text or Markdown article (a scraped page or a draft) into a Document."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    markdown = any(_MD_HEADING.match(line) for line in lines)
    level_one = [i for i, line in enumerate(lines) if (m := _MD_HEADING.match(line)) and len(m["marks"]) == 1]
    declared: list[str] = []
    for line in lines:
        if _BREADCRUMB.search(line):
            crumbs = [c.strip() for c in re.split(r"[»›]", line)]
            declared += [c for c in crumbs[1:-1] if c]
            break
    if level_one:
        start = level_one[0]
        headline = (_MD_HEADING.match(lines[start])["text"] or "").strip()
    else:
        start = next(
            (i for i, line in enumerate(lines) if line.strip() and not _BREADCRUMB.search(line)), len(lines)
        )
        headline = lines[start].strip().lstrip("#").strip() if start < len(lines) else ""
    body_lines = lines[start + 1 :]
    end = next((i for i, line in enumerate(body_lines) if _PAGE_END.fullmatch(line.strip())), len(body_lines))
    blocks, images = _blocks(body_lines[:end], markdown)

    doc = Document(headline, declared_names=declared, has_image=bool(images), image_alt=images[0] if images else "")
    if len(blocks) > 1 and _looks_like_subheadline(blocks[0]):
        doc.subheadline = blocks.pop(0).text.strip("*_ ")
    for index, block in enumerate(blocks):
        if block.kind == "prose" and not block.list_item:
            if (dateline := _split_dateline(block.text)) is not None:
                doc.dateline_place, doc.dateline_date, rest = dateline
                blocks[index] = block._replace(text=rest)
            break
    doc.parts = _parts(blocks, "body", "section {} heading")
    return doc


def _parts(blocks: list[_Block], prose_field: str, heading_field: str) -> list[Part]:
    parts, headings = [], 0
    for block in blocks:
        if not block.text.strip():
            continue
        if block.kind == "heading":
            headings += 1
            parts.append(Part(heading_field.format(headings), block.text, "heading"))
        else:
            parts.append(Part(prose_field, block.text, "prose", block.list_item))
    return parts


def document_from_article(article: Any) -> Document:
    """Snapshot a stored article (read through its attributes only) for the quality gate."""
    section = getattr(article, "section", None)
    doc = Document(
        headline=article.headline or "",
        subheadline=article.subheadline or "",
        summary=article.summary or "",
        dateline_place=article.dateline_place or "",
        dateline_date=article.dateline_date,
        declared_names=[n for n in [getattr(section, "name", ""), *(t.name for t in article.tags.all())] if n],
        has_image=bool(article.lead_image),
        image_alt=article.lead_image_alt or "",
        image_caption=getattr(article, "lead_image_caption", "") or "",
        bylines=[author.name for author in getattr(article, "byline", [])],
        stored=True,
    )
    counts: dict[str, int] = {}
    for block in article.body_blocks():
        # Each kind says what the gate reads of it (articles.blocks), numbered within its kind.
        kind = block.block_kind
        counts[kind.name] = number = counts.get(kind.name, 0) + 1
        kind.gate(doc, block, number=number, article=article)
    return doc


def rich_text_parts(
    html: str, prose_field: str, heading_field: str, *, block_uid: str = "", form_field: str = "",
) -> list[Part]:
    """The headings and paragraphs of a rich-text body, for a block kind's part of the gate's document."""
    blocks, _ = _blocks(html_to_text(html).split("\n"), markdown=True)
    return [
        dataclasses.replace(part, block_uid=block_uid, form_field=form_field)
        for part in _parts(blocks, prose_field, heading_field)
    ]
