"""A scraped page's furniture: the lines around a story that are the site's, not the writer's.

Recognised by shape rather than by any one site's wording: short labels and menus, label-colon lines, bylines,
time stamps, photo captions and credits, notices about embeds, privacy and comments, copyright lines and wire
end markers. `story` drops them, and ends the body at furniture only when no real body text follows it.
"""

import re

from .dates import DATE, WEEKDAYS

# Lines that are only ever the site's: labels, buttons, section names of the page around the story.
_LABEL = re.compile(
    r"""(?ix)
    (?: advertisements? | advert | ad | sponsored(?: \s+ content)? | promoted(?: \s+ content)? | logo | menu
      | skip \s+ to (?: \s+ main)? \s+ content | search | subscribe(?: \s+ now)? | sign \s+ (?: in | up ) | log \s+ in
      | close | home | print | e-?mail | tweet | share (?: \s+ (?: this | on ) (?: \s+ \w+ )? )? | copy \s+ link
      | read \s+ more | continue \s+ reading | read \s+ (?: the \s+ )? full \s+ (?: story | article )
      | (?: \d+ \s+ )? comments? | reader \s+ comments | view \s+ comments | show \s+ comments | post \s+ a \s+ comment
      | leave \s+ a \s+ (?: comment | reply ) | join \s+ the \s+ (?: conversation | discussion | debate )
      | (?: you \s+ (?: may | might ) \s+ also \s+ like ) | related (?: \s+ (?: articles | stories | posts | news
        | content | coverage | topics | links ) )? | more \s+ (?: stories | news | on \s+ this \s+ story )
      | most \s+ (?: popular | read | viewed | shared ) | don['’]t \s+ miss | trending (?: \s+ now )?
      | recommended (?: \s+ for \s+ you )? | read \s+ next | top \s+ stories | latest (?: \s+ news )?
      | see \s+ what \s+ others \s+ are \s+ (?: watching | reading ) | editor['’]s \s+ picks? | watch (?: \s+ now )?
      | listen (?: \s+ to \s+ this \s+ (?: article | story ) )? | follow \s+ us (?: \s+ on \s+ .{1,30} )?
      | newsletters? | end \s* item | adblock \s+ detected | (?: font | text ) \s+ size | tagged | tags | topics
      | photos? | video | gallery | image | listen \s+ live | back \s+ to \s+ top
    ) \s* [:|]? \s*""",
)
# A label, a colon or bar, and what it labels: “Also Read | …”, “Tagged: …”, “More From: …”, “Font size: A A”.
_LABELLED = re.compile(
    r"""(?ix) ^ (?: also \s+ read | read \s+ also | read \s+ more | see \s+ also | related | watch | listen
      | tagged | tags | topics | filed \s+ under | more \s+ from | more \s+ on | (?: font | text ) \s+ size
      | source | sources | credit | credits | photo | photos | picture | image | video | advertisement
      | (?: first \s+ )? published (?: \s+ on )? | (?: last \s+ )? updated (?: \s+ on )? | posted (?: \s+ on )?
      | share \s+ (?: this \s+ )? (?: story | article ) ) \s* [:|] (?: \s* \S .{0,200} )? $""",
)
# Wire services and picture agencies, as credits name them.
_AGENCY = (
    r"(?: AP | AFP | Reuters | REUTERS | PA | EPA | Getty \s+ Images | Bloomberg | Xinhua | PTI | IANS | ANI | Bernama"
    r" | UPI | dpa | ANSA | Kyodo | Yonhap | AAP | Shutterstock | Alamy | The \s+ Associated \s+ Press"
    r" | Press \s+ Association | PA \s+ Media | PA \s+ Wire | Handout | File | Supplied )"
)
_AGENCY_ONLY = re.compile(rf"(?x) [(\[]? \s* {_AGENCY} \s* [)\]]? ")
# Credits that end a caption: “(Photo: …)”, “(Jane Doe, PA)”, “… (Feb. 14) AP”, “REUTERS/Jane Doe”, “Credit:Jane”.
_CAPTION_END = re.compile(
    rf"""(?x)
    (?: \( [^()]{{0,80}} (?i: \b photo | \b picture | \b image | \b credit | \b courtesy | \b via \s ) [^()]{{0,80}} \)
        (?: \s* {_AGENCY} )?
      | \( (?: [^(),]{{1,40}} , \s* )? {_AGENCY} (?: \s* (?: / | via ) \s* [^()]{{1,40}} )? \)
      | \) \s* {_AGENCY}
      | \( [A-Z][\w.'’-]+ (?: \s+ [A-Z][\w.'’-]+ ){{1,3}} \s* / \s* [A-Z][^()/]{{1,40}} \)
      | \b [A-Z]{{2,}} (?: \s+ Photo )? / [A-Z][\w.'’-]* (?: \s+ [A-Z][\w.'’-]* ){{0,3}}
      | (?: Credit | Photo | Picture | Image ) \s* : \s* [A-Z] [^.!?]{{0,60}}
      | \b (?: Getty \s+ Images | Shutterstock | Alamy ) (?: \s+ for \s+ \S+ )?
    ) \s* $""",
)
# Picture credits standing alone or opening a line: “Photo: …”, “Picture by …”.
_CREDIT_LINE = re.compile(r"(?i)^(?:photo|picture|image|credit|photograph)s?\s*(?::|by\b)")
# “By Jane Doe”, “By Press Association”, “By Jane Doe and John Roe, Reuters”, “By JANE DOE | Staff Writer”.
_BYLINE = re.compile(
    r"""(?x) ^ (?i: by ) \s+ [A-Z][\w.'’-]* (?: \s+ (?: [A-Z][\w.'’-]* | and | & | de | van | von | la | le ) ){0,6}
        (?: \s* [,|•–—-] \s* [A-Z][\w .'’&-]{0,40} )? $""",
)
_TIME = r"(?: \d{1,2} [:.] \d{2} \s* (?i: [ap] \.? m \.? )? | \d{1,2} \s* (?i: [ap] \.? m \.? ) )"
# What may stand beside a date and a time in a page's time stamp.
_STAMP_WORDS = re.compile(
    rf"""(?ix) (?: {DATE.pattern} | {_TIME} | {"|".join(WEEKDAYS)} | (?:mon|tue|wed|thu|fri|sat|sun)\.?
      | published | updated | posted | last | first | modified | on | at | by | and | edited
      | utc | gmt | bst | ist | est | edt | pst | pdt | cet | cest | sast | wat | eat
      | \d+ \s+ (?: minutes? | mins? | hours? | hrs? | days? | weeks? | months? | years? ) \s+ ago
      | [+-]\d{{2}}:?\d{{2}} | [\s,.|:;()–—-] )+""",
)
_HAS_DATE_OR_TIME = re.compile(rf"(?x) {DATE.pattern} | {_TIME} | \d+ \s+ (?: minutes? | hours? | days? ) \s+ ago")
# Notices a page shows instead of an embed, and its comment forms, privacy and copyright lines.
_NOTICE = re.compile(
    r"""(?ix)
      privacy \s+ (?: settings | preferences ) | cookie \s+ (?: settings | preferences ) | (?: uses?
      | accept | allow ) \s+ (?: all \s+ )? cookies | (?: manage | withdraw ) \s+ (?: your \s+ )? consent
      | consent \s+ (?: settings | preferences ) | enable \s+ javascript | your \s+ browser \s+ (?: does | doesn't
      | is | settings ) | this \s+ (?: feature
      | content | video | embed | media ) \s+ (?: is \s+ )? (?: not \s+ available | unavailable | cannot | can't | won't )
    | ^ sorry , | ^ click \s+ here | ^ tap \s+ here | to \s+ see \s+ this \s+ content | (?: was | were ) \s+ published
      \s+ (?: more \s+ than \s+ )? (?: \d+ | a | an | one | two | three | four | five | six | seven | eight | nine
      | ten ) \s+ (?: years? | months? | weeks? | days? ) \s+ ago
    | your \s+ e-?mail (?: \s+ address )? \s+ will \s+ not \s+ be \s+ published
    | required \s+ fields \s+ are \s+ marked | akismet | reduce \s+ spam | comment \s+ data \s+ is \s+ processed
    | save \s+ my \s+ name | log \s+ in \s+ to \s+ comment | sign \s+ in \s+ to \s+ comment
    | (?: sign \s+ up | subscribe ) \s+ (?: for | to ) \s+ (?: our | the ) \s+ \w* \s* newsletter
    | (?: download | get ) \s+ (?: our | the ) \s+ app | follow \s+ us \s+ on
    | (?: story | article ) \s+ continues \s+ below | continue \s+ reading \s+ below | ^ advertisement \b
    | be \s+ the \s+ first \s+ to \s+ comment | no \s+ comments \s+ yet | comments \s+ are \s+ closed
    | ad \s* blocker | adblock | (?: disable | disabling | turn \s+ off ) \s+ (?: your \s+ )? ad
    | whitelist (?: ing )? \s+ (?: us | our ) | please \s+ support \s+ us | support \s+ (?: our | independent )
      \s+ journalism | become \s+ a \s+ (?: member | subscriber | supporter )
    """,
)
# Copyright and syndication lines, which may run to a paragraph.
_RIGHTS = re.compile(
    r"""(?ix) copyright | © | all \s+ rights \s+ reserved | read \s+ the \s+ original \s+ (?: story | article )
    | originally \s+ (?: published | appeared ) \s+ (?: on | in | at ) | distributed \s+ by""",
)
# A comment form's rules, which may run to a paragraph: “Guidelines: Be civil…”, “see our commenting guidelines”.
_COMMENT_RULES = re.compile(
    r"""(?ix) \b (?: commenting | comments? ) \b .{0,80} \b guidelines \b | \b guidelines \b .{0,80} \b (?: commenting
      | comments? ) \b | ^ (?: community \s+ | comment \s+ | commenting \s+ )? (?: guidelines | house \s+ rules | rules
      | standards | policy ) \s* :""",
)
# Wire end markers: “Enditem”, “L.Ross--CT” desk signatures, AFP's “abc/def” initials, “(Reuters)”.
_WIRE_END = re.compile(
    r"""(?x) ^ (?: (?i: end \s* item | ends? ) | [A-Z][\w.'’-]{0,20} -- [A-Z]{2,5} | [a-z]{2,5} (?: / [a-z]{2,5} )+
      | (?i: source | sources ) \s* : \s* [A-Z][\w .,&/-]{0,40}
      | [—–-]{1,2} \s* [A-Z][\w .&/-]{0,30} ) \.? $""",
)
# Ticker lines: a code or name, a price, a change (“AAPL 182.31 +1.2%”, “FTSE 100 ▲ 0.4%”).
_TICKER = re.compile(
    r"(?x) ^ [A-Z0-9.&^:= -]{1,25} \s+ [▲▼↑↓]? \s* [+−-]? [\d,]+(?:\.\d+)? (?: \s+ [▲▼↑↓+−-] \s* [\d,.]+ %? ){0,2}"
    r" (?: \s* \(? [+−-]? [\d.]+ % \)? )? $"
)
# Closing punctuation of a sentence (possibly inside a quote or bracket).
_TERMINAL = re.compile(r"[.!?…][\"”’')\]]*$")
_ENDS_CUT = re.compile(
    r"(?:[,;—–-]|\b(?i:and|or|but|nor|the|a|an|of|to|with|for|in|on|at|by|from|that|which|as|said|says))$"
)
_SMALL_WORDS = frozenset("a an the and or but nor of to in on at by for from with as vs via".split())
# A label before a colon that introduces speech, not a related-link line.
_SPEECH = re.compile(r"(?i)\b(?:said|says|told|added|adding|explained|wrote|asked|warned|stated)$")

_MENU_SEPARATOR = re.compile(r"\s+[|•·»/]\s+|\s*\|\s*")
# Section names that a page's menu strings together.
_NAV_WORDS = frozenset(
    """home news sport sports business opinion culture lifestyle politics world local national weather video videos
    podcasts podcast entertainment tech technology science health travel money markets life style food arts books
    music film tv search menu subscribe login register more latest live newsletters games puzzles""".split()
)
_DETAILS = re.compile(r"\([^()]*[\d,][^()]*\)")
_BRACKETED = re.compile(r"[\[{<]")

MAX_SHORT_WORDS = 16


def word_count(text: str) -> int:
    return len(text.split())


def is_caption(text: str) -> bool:
    """A photo or video caption: a line ending in a picture credit, or a credit line."""
    text = text.strip()
    return bool(_CAPTION_END.search(text) or _CREDIT_LINE.match(text) and word_count(text) <= 40)


def is_time_stamp(text: str) -> bool:
    """“February 11 2023, 4.21pm (updated 4.44pm)”, “12 Feb 2023 12:18AM (Updated: …)”, “Published 3 hours ago”."""
    text = text.strip()
    return word_count(text) <= 16 and bool(_HAS_DATE_OR_TIME.search(text)) and bool(_STAMP_WORDS.fullmatch(text))


def is_furniture(text: str, headline: str = "") -> bool:
    """True for a line that is only ever the page's, never the writer's."""
    text = " ".join(text.split())
    # Brackets and braces are left for the placeholder and shortcode rules, which must see them.
    if not text or _BRACKETED.search(text):
        return False
    if headline and _same(text, headline):
        return True
    words = word_count(text)
    if _LABEL.fullmatch(text) or _LABELLED.match(text) and words <= 40:
        return True
    if words <= 12 and (_BYLINE.match(text) or _WIRE_END.match(text) or _AGENCY_ONLY.fullmatch(text)):
        return True
    if is_time_stamp(text) or _TICKER.match(text) and words <= 8 or is_menu(text):
        return True
    if words <= 25 and _NOTICE.search(text) or words <= 100 and (_COMMENT_RULES.search(text) or _RIGHTS.search(text)):
        return True
    return not _TERMINAL.search(text) and is_caption(text)


def is_menu(text: str) -> bool:
    """A site's menu on one line: “Home | News | Sport”, “News • Sport • Weather”, “Home News Sport Business”."""
    items = [item.strip() for item in _MENU_SEPARATOR.split(text)]
    if len(items) >= 3 and all(item and len(item.split()) <= 3 and not _TERMINAL.search(item) for item in items):
        return True
    names = text.casefold().split()
    return len(names) >= 2 and all(name in _NAV_WORDS for name in names)


def is_link_like(text: str) -> bool:
    """A short line shaped like a menu entry, section name or link to another story, not like a sentence.

    Never a line that ends on a comma or a small word, which is a sentence cut off and must stay body text.
    """
    text = " ".join(text.split())
    words = text.split()
    if not words or len(words) > MAX_SHORT_WORDS or _ENDS_CUT.search(text) or has_details(text):
        return False
    if len(words) <= 4 and not _TERMINAL.search(text):
        return True
    label, colon, rest = text.partition(": ")
    if colon and word_count(label) <= 4 and not _SPEECH.search(label) and not _TERMINAL.search(text):
        return True
    if re.search(r"\b[\w-]+\.(?:com|org|net|co\.uk|co\.za|info)\b", text) and len(words) <= 6:
        return True
    return title_case(words) and (not _TERMINAL.search(text) or text.endswith(("!", "?")))


def has_details(text: str) -> bool:
    """A bracket with figures or a list in it (“(2018, USA)”): a line of the story's own list, not a link."""
    return bool(_DETAILS.search(text))


def title_case(words: list[str]) -> bool:
    """Most words capitalised, as headlines of other stories in a link list are written."""
    content = [w for w in words if w.lower().strip("'’\"“”") not in _SMALL_WORDS and w[:1].isalpha()]
    return len(content) >= 2 and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def _same(text: str, headline: str) -> bool:
    def norm(value: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", "", value.casefold()).split())

    return norm(text) == norm(headline)
