"""Placeholders left for information nobody filled in: editor words in brackets, template slots and variables,
anonymised stand-ins and filler text.

Decided look-alikes, all passed: an editor's insertion in a quotation (“[the council]”, “[sic]”, “[laughs]”),
footnotes (“[1]”) and Markdown links, agency and picture credits (“(AP)”, “(file photo)”, “[AP Photo]”),
“(TBA)” in a fixture list (a published “to be announced”, unlike TBD/TBC/TK), single words in round brackets
(“(photo)”, “(link)” are often a link's text), codes and names with a letter or number (“Group A”, “Plan B”,
“Category 5”, “AC/DC”), a bare “$X” (algebra), “Company A” in a story that says why (a court, charging
documents, a worked example), and anything in inline code. Unsure cases are left to pass.
"""

import itertools
import re
from collections.abc import Iterator

from ..engine import Context, Hit
from ..registry import rule
from ..text import merge, outside_code
from .shortcode import is_shortcode_tag

# Bracketed capitals are an editor's note only if they say something an editor would say.
EDITOR_WORDS = frozenset(
    """
    ADD CAPTION CHECK CITE CITATION CONFIRM DATE DETAILS EDITOR FACT FIGURE FILL FIX GRAF
    GRAPHIC HED DEK HERE IMAGE INSERT LINK MISSING NAME NEED NEEDED NEEDS NOTE NUMBER PENDING
    PHOTO QUOTE SOURCE SOURCES STAT TBC TBD TK TKTK TODO UPDATE VERIFY XX XXX
    MONTH YEAR DAY TIME AMOUNT TOTAL PRICE PLACE CITY TOWN COUNTRY VENUE COMPANY TITLE URL EMAIL PHONE AGE
    """.split()
)
# In round brackets capitals are often a credit (“(PHOTO: AFP)”), so only a word asking for work counts there.
_ROUND_CAPS_WORDS = frozenset(
    "ADD CHECK CONFIRM FILL INSERT MISSING NEED NEEDED NEEDS PENDING TBC TBD TK TKTK TODO VERIFY XX XXX".split()
)
# Words that only mark a gap, whatever the bracket and case.
_MARKERS = frozenset("tk tktk tbd tbc xx xxx".split())
# A bracket opening with one of these asks for something to be done.
_INSTRUCTIONS = frozenset("insert add include enter paste fill confirm verify check need needs needed".split())
# The generic nouns a template's slot ends in (“[Author's Name]”, “{name of school}”).
_SLOT_NOUNS = frozenset(
    """
    name names title headline subheadline date number link url quote quotes caption byline email phone logo
    details stat stats surname forename firstname lastname
    """.split()
)
# A picture is a slot alone or with a template's word (“[Hero Image]”); with another word it is usually a credit
# (“[AP Photo]”, “[File Photo]”).
_MEDIA_NOUNS = frozenset("photo photos image images picture pictures video graphic graphics".split())
_MEDIA_QUALIFIERS = frozenset(
    "main lead hero feature featured header cover your insert add author team product company event venue "
    "thumbnail gallery profile headshot"
    .split()
)
# Nouns that stand for a slot only when nothing specific comes before them (“[company]”, not “[Ford Motor
# Company]” in a quotation).
_WEAK_SLOT_NOUNS = frozenset(
    """
    company team source organisation organization school city town country person player sponsor brand
    product event business client partner competitor candidate club charity group opponent rival winner
    location venue address amount figure total price percentage time
    """.split()
)
_GENERIC_QUALIFIERS = frozenset(
    "your client partner main rival opposing home away host winning losing email postal contact full".split()
)
# An editor's insertion in a quotation starts with one of these (“[the company]”, “[his] team”).
_DETERMINERS = frozenset("the a an this that these those his her their its our my".split())
_LINKING = frozenset("with to for from by in on at and or is are was were be".split())
_ANY_SLOT_NOUN = _SLOT_NOUNS | _MEDIA_NOUNS | _WEAK_SLOT_NOUNS
# Words of a bracketed query (“(source?)”, “[which year?]”).
_QUERY_WORDS = _SLOT_NOUNS | _MEDIA_NOUNS | frozenset("source who when where which year age spelling confirm check".split())

# A run of X's followed by one of these stands for a figure nobody filled in (“XXX people”).
_COUNT_NOUNS = """
    million billion trillion thousand hundred percent people persons residents homes households jobs
    workers employees voters votes students patients cases deaths victims members users customers
    visitors fans spectators units copies tons tonnes dollars euros pounds yen years months weeks days
    hours minutes miles kilometres kilometers km metres meters acres hectares times
""".split()

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr" \
    "|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
# Template slots written out in running text: “Your Headline Here”, “Business Name”.
_HERE_NOUNS = "Text|Title|Headline|Name|Caption|Content|Copy|Description|Quote|Subtitle|Subheading|Summary|Image|Photo|Link"
_NAMED_NOUNS = """Award|Business|Company|Firm|Brand|Team|Player|School|Event|Venue|Park|Product|Organi[sz]ation|City|Town
    |Author|Book|Competitor|Client|Customer|Agency|Restaurant|Hotel|Store|Shop|Club|Project|Candidate|Church
    |Hospital|Charity|Sponsor|Partner|Speaker|Artist|Band|Winner|Category"""
# Role nouns written with one capital letter to hide who is meant (“Team A”, “Company X”); “Plan B”, “Group A”,
# “Vitamin C” and “Hepatitis B” are not among them.
_ROLE_NOUNS = """Team|Company|Person|Candidate|Player|Client|Customer|Firm|Country|Business|Competitor|Club|Supplier
    |Vendor|Contractor|Bidder|Applicant|Town|City|Organi[sz]ation|Manufacturer|Retailer|Provider|Sponsor|Rival
    |Official|Minister|Executive|Councillor|Councilor|Donor|Investor|Buyer|Seller|Landlord|Developer|Venue|Location
    |Shop|Store|Brand|Product|Restaurant|Hotel"""
# Where a story names someone that way on purpose: a court's anonymity order, or a worked example.
_ANONYMITY_CONTEXT = re.compile(
    r"""(?i: \b (?: known \s+ (?:only \s+)? as | referred \s+ to \s+ as | identified \s+ (?:only \s+)? as
        | cannot \s+ be \s+ named | can(?:'|’)t \s+ be \s+ named | legal \s+ reasons | anonymity | court | trial
        | pseudonym | suppose | imagine | hypothetical(?:ly)? | for \s+ (?:example|instance) | let(?:'|’)s \s+ say
        | indict(?:ment|ed)? | prosecutors? | charging \s+ documents | court \s+ (?:papers|documents|filings)
        | not \s+ (?:his|her|their) \s+ real \s+ names? | names? \s+ (?:(?:has|have) \s+ been \s+)? changed
        | asked \s+ not \s+ to \s+ be \s+ (?:named|identified) ) \b )""",
    re.VERBOSE,
)

PLACEHOLDER = re.compile(
    r"""
      (?P<insert> \[ \s* (?i:insert) (?!ed\b|ion) [^\[\]\n]{0,80} (?: \[ [^\[\]\n]{0,80} )* \]{0,3} )
    | (?P<research> (?: [\[(] \s* )? (?i:research \s+ needed) (?: \s* [\])] )? )
    | (?P<tbd> [\[(] \s* (?i:tbd|tbc|tk) \s* [\])] )
    | (?P<tk> (?<![\w-]) (?:TK)+ (?![\w-]) (?! \s+ [A-Z][a-z] ) )
    | (?P<tk_lower> (?<![\w./@#-]) tk (?![\w./@-]) )
    | (?P<template> \{\{ [^{}\n]{0,60}? \}\} | \{% [^{}\n]{0,60}? %\} | \{[{%] \s* [\w.|]* )
    """,
    re.VERBOSE,
)
# Template slots in running text, each read only where its key word is (the scan for them is the costly part).
_HERE_SLOT = re.compile(
    rf"""\b (?: (?:Your|Insert|Add|Enter|Type|Put) \s+ )? (?: [A-Z][a-z]+ \s+ ){{0,2}} (?:{_HERE_NOUNS}) \s+ Here \b
      | (?i: \b (?:your|insert|add|enter|type|put) \s+ (?:\w+ \s+){{0,2}} (?:{_HERE_NOUNS.lower()}) \s+ here \b )""",
    re.VERBOSE,
)
# A figure or date nobody filled in: “$XXX million”, “XX%”, “March XX”, “XX/XX/2025”.
_FIGURE = re.compile(
    rf"""
          [$€£¥] \s? (?: X{{2,}} | X (?= [.,] X | \s* (?:million|billion|trillion|bn|m|k)\b ) )
          (?: [.,] X+ )* (?: \s* (?:million|billion|trillion|bn|m|k)\b )?
        | (?<!\w) X+ (?: [.,] X+ )+ (?!\w)
        | (?<!\w) X{{2,}} \s? (?: % | per \s? cent \b | (?:{"|".join(_COUNT_NOUNS)})\b )
        | (?<![\w/]) (?= [\d/]* XX ) (?: XX | \d\d? ) / (?: XX | \d\d? ) / (?: X{{2,4}} | \d{{2,4}} ) (?![\w/])
        | (?<!\w) (?:19|20) XX (?!\w)
        | (?<!\w) X{{1,2}} (?: st | nd | rd | th )? \s+ (?:{_MONTHS}) \b
        | \b (?:{_MONTHS}) \.? \s+ X{{1,2}} (?: st | nd | rd | th )? (?!\w)""",
    re.VERBOSE,
)
# A blank to fill in (“Councillor ___ said”), and a tally with XX for one side (“34 to XX”).
_BLANK = re.compile(
    r"""(?<![\w_]) _{3,} (?![\w_])
      | (?<![\w.,]) \d+ \s* (?: to | - | – ) \s* X{2,3} (?!\w) | (?<!\w) X{2,3} \s* (?: to | - | – ) \s* \d+ (?![\w.,])""",
    re.VERBOSE,
)
# “Quote from the councillor goes here”: a slot's label in running text.
_GOES_HERE = re.compile(rf"(?i: \b (?:{_HERE_NOUNS.lower()}|quote) (?: \s+ [\w'’-]+ ){{0,3}} \s+ goes \s+ here \b )",
                        re.VERBOSE)
_LOREM = re.compile(r"(?i: lorem \s+ ipsum | (?<! ipsum \s ) \b dolor \s+ sit \s+ amet \b )", re.VERBOSE)
_VARIABLE = re.compile(
    r"""%% [A-Za-z][\w.]* %%
      | \$ \{ \s* [A-Za-z_][\w.]* \s* \}
      | (?<!\w) \$ [A-Za-z][A-Za-z0-9]* (?: _ [A-Za-z0-9]+ )+ \b
      | (?<![{$\w]) \{ \s* [a-z]+ (?: _ [a-z0-9]+ )+ \s* \}
      | \[\[ \s* [a-z_][\w.-]* \s* \]\]""",
    re.VERBOSE,
)
# “Read Full Text Here”, “Watch Video Here”: a scraped link's label, not a slot.
_LINK_VERB = re.compile(r"(?i:\b(?:read|see|view|watch|download|click|find|listen|get|access|tap)\b)")
_NAMED_SLOT = re.compile(
    rf"""\b (?:{_NAMED_NOUNS}) \s+ Name \b (?! \s+ [A-Z] )
      | \b (?:{_NAMED_NOUNS}|Firm) \s+ Name \s+ (?:Ltd|Limited|Inc|PLC|plc|LLC|LLP) \b
      | \b Name \s+ of \s+ (?: the \s+ )? (?:{_NAMED_NOUNS}|Person|Place|Street|Road|Building|Village) \b""",
    re.VERBOSE,
)
# An editor's instruction in capitals in running text (“INSERT DATE”, “ADD QUOTE FROM MAYOR”).
_CAPS_INSTRUCTION = re.compile(
    r"(?<![\w-]) (?:INSERT|ADD|ENTER|CONFIRM|CHECK|VERIFY|FILL \s+ IN) \s+ (?: [A-Z'’]+ \s+ ){0,3}"
    r"(?:DATE|TIME|NAME|NAMES|FIGURE|FIGURES|NUMBER|AMOUNT|TOTAL|LINK|URL|QUOTE|PHOTO|IMAGE|CAPTION|DETAILS|VENUE"
    r"|LOCATION|PLACE|AGE|TITLE|HEADLINE|SOURCE|SPELLING|HERE) (?![\w-])"
    # A slot's label in capitals (“NAME SURNAME”, “FIRST NAME”, “DATE TBC”).
    r"| (?<![\w-]) (?:FIRST|LAST|FULL|NAME|JOB) \s+ (?:NAME|SURNAME|TITLE) (?![\w-])"
    r"| (?<![\w-]) (?:DATE|TIME|VENUE|NAME|COST|FIGURE|PRICE) \s+ (?:TBC|TBD|TK) (?![\w-])",
    re.VERBOSE,
)
_TWO_CAPITALS = re.compile(r"[A-Z]{3,}\s+[A-Z]{2,}")
# A paragraph that is nothing but a template's slot label (“Caption here”, “Image here.”).
_LONE_SLOT = re.compile(
    rf"(?i: \s* (?: (?:your|insert|add|enter) \s+ )? (?:{_HERE_NOUNS.lower()}) \s+ (?:goes \s+ )? here \s* [.:]? \s* )",
    re.VERBOSE,
)
_ANONYMISED = re.compile(
    rf"""\b (?:{_ROLE_NOUNS}) \s+ [A-DX-Z] \b (?! [\w'’-] | \.\w )
      | \b (?:Mr|Mrs|Ms|Miss|Dr) \.? \s+ [XYZ] \b (?! [\w'’-] | \.\w )
      | \b (?:John|Jane) \s+ Doe \b""",
    re.VERBOSE,
)

# A bracketed phrase of any kind; a Markdown link (“[here](https://…)”) is not one.
_BRACKETED = re.compile(
    r"(?P<open> << | \[ | < | \{ | \( ) (?P<body> [^\[\]<>{}()\n]{1,80} ) (?P<close> >> | \] | > | \} | \) ) (?! \( )",
    re.VERBOSE,
)
_PAIRS = {"<<": ">>", "[": "]", "<": ">", "{": "}", "(": ")"}
_CODE_LIKE = re.compile(r"[\"“”_\\/@#<>{}]")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


def _is_slot(opening: str, body: str) -> bool:
    """Whether a bracketed phrase is a gap left for an editor or a template's slot, not an editor's insertion."""
    text = body.strip()
    if not text or text.startswith("/") or "=" in text or "|" in text:
        return False
    words = _WORD.findall(text)
    if not words or len(words) > 10:
        return False
    lower = [w.casefold() for w in words]
    round_ = opening == "("
    caps = [w for w in words if w.isupper()]
    if any(
        w.casefold() in _MARKERS and (w.isupper() or w in {"tbd", "tbc"}) and not nxt[:1].isupper()
        for w, nxt in zip(words, [*words[1:], ""], strict=True)
    ):
        return True  # “(link TK)”, “{SPONSOR TK}”; not “(TK Maxx)”
    # A slot in capitals with a note after it: “[CHARITY NAME – legal to confirm]”, “[DATE: check with police]”.
    leading = list(itertools.takewhile(lambda w: w.isupper() and len(w) > 1, words))
    if not round_ and leading and len(leading) < len(words) and leading[-1].casefold() in _SLOT_NOUNS \
            and re.match(r"[A-Z][A-Z'’ ]*\s*[–—:-]", text):
        return True
    # An instruction to fill something in, in round brackets too: “(add split times from organisers)”.
    if round_ and lower[0] in {"add", "insert"} and len(words) >= 3 and lower[1] not in {"to", "on", "in"} \
            and not any(ch.isdigit() for ch in text):
        return True
    if len(caps) == len(words) and len(text) > 1:
        wanted = _ROUND_CAPS_WORDS if round_ else EDITOR_WORDS
        if wanted.intersection(w.upper() for w in words):
            return True
    if text.endswith("?") and len(words) <= (4 if round_ else 6) and _QUERY_WORDS.intersection(lower):
        return True
    if lower[0] in _INSTRUCTIONS and _ANY_SLOT_NOUN.intersection(lower[1:]):
        return True
    if round_:
        return False
    if lower[0] in _INSTRUCTIONS and len(words) <= 3:
        return True
    if _CODE_LIKE.search(text):
        return False  # “["username", "ip_address"]” is code, a slot is plain words
    if lower[0] in _SLOT_NOUNS | _MEDIA_NOUNS and len(words) > 2 and lower[1] in {"of", "to", "for", "from"} \
            and ":" not in text:
        return True  # “[link to the report]”, “{name of school}”, “[quote from the mayor]”
    # A labelled note (“[ed: verify …]”, “[Source: …]”) or a phrase with a verb is a sentence, not a slot.
    if lower[0] in _DETERMINERS or ":" in text or _LINKING.intersection(lower) or len(words) > 5:
        return False
    if any(ch.isdigit() for ch in text):
        return False
    if lower[-1] in _SLOT_NOUNS:
        return True
    if lower[-1] in _MEDIA_NOUNS:
        return all(w in _MEDIA_QUALIFIERS for w in lower[:-1])
    if lower[-1] in _WEAK_SLOT_NOUNS:
        # “[undisclosed location]”, “[local time]” in a quotation are insertions; “[opposing team]” is a slot.
        return all(w in _GENERIC_QUALIFIERS for w in lower[:-1])
    return False


def _bracketed_slots(text: str) -> Iterator[tuple[int, int]]:
    for match in _BRACKETED.finditer(text):
        if _PAIRS[match["open"]] != match["close"] or is_shortcode_tag(text, match.start()):
            continue
        if _is_slot(match["open"], match["body"]):
            yield match.span()


def anonymity_explained(texts: list[str]) -> bool:
    """Whether a story says why it names someone “Person A” (a court order, charging papers, a worked example)."""
    return any(_ANONYMITY_CONTEXT.search(text) for text in texts)


# “a figure of XX megawatts”: X's standing for a number between lower-case words (never “Super Bowl XX”).
_BARE_X = re.compile(r"(?<![\w-])(?:[a-z]+|of|about|some|nearly)[ \t]+(?P<x>X{2,3})(?=[ \t]+[a-z])")


def placeholder_spans(text: str, *, anonymity: bool | None = None) -> list[tuple[int, int]]:
    """Placeholders in one paragraph; `anonymity` says whether the story explains anonymised names (by default,
    whether this paragraph does)."""
    spans = [m.span() for m in PLACEHOLDER.finditer(text)]
    if "X" in text:
        spans += [m.span() for m in _FIGURE.finditer(text)]
    lowered = text.casefold()
    if "lorem" in lowered or "dolor" in lowered:
        spans += [m.span() for m in _LOREM.finditer(text)]
    if "%%" in text or "$" in text or "{" in text or "[[" in text:
        spans += [m.span() for m in _VARIABLE.finditer(text)]
    if "here" in lowered:
        spans += [m.span() for m in _HERE_SLOT.finditer(text) if not _LINK_VERB.search(text, max(0, m.start() - 20), m.end())]
    if "Name" in text:
        spans += [m.span() for m in _NAMED_SLOT.finditer(text)]
    if "___" in text or "XX" in text:
        spans += [m.span() for m in _BLANK.finditer(text) if text.strip("_ \n")]
    if "XX" in text:
        spans += [m.span("x") for m in _BARE_X.finditer(text)]
    if "goes here" in lowered:
        spans += [m.span() for m in _GOES_HERE.finditer(text)]
    if "here" in lowered and _LONE_SLOT.fullmatch(text):
        spans.append((len(text) - len(text.lstrip()), len(text.rstrip())))
    if _TWO_CAPITALS.search(text) and not text.isupper() and (caps := [m.span() for m in _CAPS_INSTRUCTION.finditer(text)]):
        spans += caps  # a line all in capitals is a heading or a shouted quote, not an instruction
    spans += _bracketed_slots(text)
    if (anonymised := [m.span() for m in _ANONYMISED.finditer(text)]) and not (
        anonymity if anonymity is not None else anonymity_explained([text])
    ):
        spans += anonymised
    return merge(outside_code(text, spans))


@rule(
    "placeholder", severity="error",
    description="Unresolved placeholders ([Insert …], <ADD PHOTO>, {name of school}, TK, [Book Title], Team A, "
    "$FIRST_NAME, {{ … }}, lorem ipsum) are never published.",
    examples=(
        ("The council approved [insert amount here] for the works.", True),
        ("Turnout reached XX% on Sunday.", True),
        ("The trophy went to [Club Name] after extra time.", True),
        ("Pupils from {name of school} sang at the opening.", True),
        ("The contract went to Company X after a tender.", True),
        ("The council approved $2 million for the works.", False),
        ("“We told [the council] in March,” she said.", False),
        ("Both sides qualified from Group A on Sunday.", False),
    ),
)
def placeholder(ctx: Context) -> Iterator[Hit]:
    anonymity = anonymity_explained([segment.text for segment in ctx.segments])
    for segment in ctx.everywhere():
        for start, end in placeholder_spans(segment.text, anonymity=anonymity):
            yield Hit(segment, start, end, "Unresolved placeholder: replace it with the real information or delete it.")
