"""Text that stops before it ends: the body's last paragraph, and paragraphs cut off inside the body."""

import re
from collections.abc import Iterator

from ..engine import Context, Hit, Segment
from ..registry import rule
from ..story import open_quotation
from ..text import TERMINAL, last_words, looks_like_address
from .machine_text import machine_text_spans

# Words a sentence cannot end on: conjunctions, articles, prepositions, possessives and the like.
_FUNCTION_WORDS = frozenset(
    """and or but nor yet the a an of to with for in on at by from into onto upon than that which whose as
    about across against among between during through toward towards under over without within via per
    their his her its our my your this these those whether because although though while if unless
    is are was were be been being has have had will would shall should can could may might must do does did""".split()
)
# Conjunctions, articles and possessives: cut-off inside the body (prepositions and verbs may end a line of a
# list, a caption or a heading-like paragraph, so inside the body only these count).
_INSIDE_WORDS = frozenset(
    "and or but nor the a an their his its our my your whose would could should will can must shall might"
    " is are was were be been being has have had".split()
)
# Prepositions a running paragraph of several words cannot end on without its stop (“would be funded from”).
_CUT_PREPOSITIONS = frozenset("of from with to by into for at about between against than in on".split())
# Short words that are whole words, so that any other short lower-case last word reads as a cut-off word.
_SHORT_WORDS = frozenset(
    """a i am an as at be by do go he if in is it me my no of oh ok on or so to up us we ah eh ha hi ho lo ma pa
    ye yo""".split()
)
_WORD = re.compile(r"[\w’'-]+$")
# A credit or signature that may close a story without a full stop: “— AFP”, “― Reuters”, “(PA)”.
_TRAILING_CREDIT = re.compile(r"\s*(?:[―—–]+|-{1,2})\s*[A-Z][\w .&/’'-]{0,40}$|\s*\([A-Z][\w .&/-]{0,30}\)$")
# The editor's line on a story still being reported: “This is a developing story”, “More to follow”.
_EDITORS_LINE = re.compile(
    r"(?i)\b(?:developing|breaking)\s+(?:story|news)\b|\b(?:will\s+be|is\s+being)\s+updated\b"
    r"|\b(?:more|updates?|details)\s+(?:to\s+)?(?:follow|come)\b"
)
_LONG_PARAGRAPH_WORDS = 25
# A short closing line that is no sentence of the story: a call to action (“Read the full report here”) or the
# author's note (“Jane Smith is our local democracy reporter”).
_SIGN_OFF = re.compile(
    r"""(?: read | see | watch | listen | follow | subscribe | download | click | visit | join | register | donate
          | find \s+ out | sign \s+ up | share ) \b [^.!?]* \b (?: here | online | below | now | (?:app|site|website|page) )
      | [A-Z][\w’'-]+ (?: \s+ [A-Z][\w’'-]+ ){1,3} \s+ is \s+ (?: the | our | a | an ) \b [^.!?]{0,60}
        \b (?: reporter | correspondent | editor | writer | journalist | columnist | contributor | photographer )""",
    re.VERBOSE | re.IGNORECASE,
)
_SIGN_OFF_WORDS = 12
# A title cut from its name (“… and Mr.”).
_TITLE_END = re.compile(r"(?<![\w.])(?:Mr|Mrs|Ms|Dr|Prof|Cllr|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Rev|St)\.$")
# A lower-case word that is not a brand's (“iPhone”, “eBay”): the next paragraph carries on the sentence.
_CONTINUATION = re.compile(r"[a-z][a-z’'-]*(?:[\s,;:.!?]|$)")
_SPLIT_MIN_WORDS = 6
# A contact line may end on its address (“Email letters@example.org”, “Visit example.org/help”).
_CONTACT_WORD = re.compile(r"(?i)\b(?:e-?mail|contact|visit|call|phone|tel|text|write\s+to|see)\s*:?$")
_SENTENCE_INSIDE = re.compile(r"[.!?…][\"”’')\]]*\s+[\"“‘']?[A-Z]")


def _without_credit(text: str) -> str:
    """The text before a trailing credit, when what stands before it closes a sentence."""
    found = _TRAILING_CREDIT.search(text)
    if found and TERMINAL.search(text[: found.start()].rstrip()):
        return text[: found.start()].rstrip()
    return text


def _cut_word(text: str) -> str | None:
    """How the text stops: after a comma or dash, a function word, or inside a word; None if none of these."""
    if re.search(r"[,;]$", text):
        return text[-1]
    if (title := _TITLE_END.search(text)) is not None:
        return title.group()
    if re.search(r"\s(?:-|–|—|--)$", text):
        return text.split()[-1]
    found = _WORD.search(text)
    if found is None:
        return None
    word = found.group()
    if word.lower() in _FUNCTION_WORDS:
        return word
    if re.fullmatch(r"[^\W\d_]{2,}-", word) or word.islower() and len(word) <= 2 and word not in _SHORT_WORDS:
        return word
    return None


def _closed(text: str) -> bool:
    return bool(TERMINAL.search(text) or re.fullmatch(r"\(.*\)|\[.*\]", text, re.DOTALL) or text.startswith(("—", "–")))


def _all_machine_text(text: str) -> bool:
    spans = machine_text_spans(text)
    covered = sum(end - start for start, end, _ in spans)
    return bool(spans) and covered >= len(text.strip()) * 0.8


@rule(
    "truncated-ending",
    severity="error",
    description=(
        "The body's last paragraph ends a sentence: one that stops on “and”, “the” or a comma, inside a word or "
        "inside an open quotation was cut off."
    ),
    examples=(
        ("The vote is expected next week, and", True),
        ("The mayor called the result “a fair outcome for the", True),
        ("The vote is expected next week.", False),
        ("This is a developing story", False),
    ),
)
def truncated_ending(ctx: Context) -> Iterator[Hit]:
    # A model's leftovers after the story (metadata, a closing offer) are blocked by their own rule; the story's
    # end is the paragraph before them.
    prose = [s for s in ctx.body() if s.text.strip() and not s.aside]
    while prose and _all_machine_text(prose[-1].text):
        prose.pop()
    if not prose:
        return
    last = prose[-1]
    text = last.text.rstrip().rstrip("*_").rstrip()
    # A web address pasted after the last words is not their end: what stands before it is.
    words = text.split()
    pasted = ""
    if len(words) > 3 and not _closed(text) and looks_like_address(words[-1].strip("()<>,")):
        pasted = words[-1]
        text = text[: text.rstrip().rfind(pasted)].rstrip()
        if _CONTACT_WORD.search(text):
            return
    cut = _cut_word(text)
    if last.list_item and cut is not None and cut.lower() not in _INSIDE_WORDS and cut not in ",;":
        cut = None  # a list line may end on a preposition or verb (“Sign in”, “What to bring”)
    quote = open_quotation(text)
    if cut is None and quote is None and _closed(_without_credit(text)):
        return
    if cut is None and quote is None and len(words) <= _SIGN_OFF_WORDS and _SIGN_OFF.fullmatch(text):
        return
    if (
        cut is None
        and quote is None
        and (_EDITORS_LINE.search(text) and len(words) <= 10 or last.list_item or _ends_a_list(ctx, last))
    ):
        return
    excerpt = last_words(text, 3)
    if cut is not None:
        message = f"The body stops after “{cut}”: the end of the text is missing."
    elif quote is not None and _closed(text):
        excerpt = text[quote:] if len(text) - quote < 80 else last_words(text, 6)
        message = "The body ends inside a quotation that is never closed: the end of the quote may be missing."
    elif quote is not None:
        message = "The body stops inside an open quotation: the end of the text is missing."
    else:
        message = "The body's last paragraph has no closing punctuation: the text may be cut off."
    end = len(text)
    if pasted:
        # Quote the pasted address too: it stands where the rest of the text should be.
        end = last.text.find(pasted, len(text)) + len(pasted)
        message += " A bare web address follows the last words."
    yield Hit(last, len(text) - len(excerpt), end, message)


def _ends_a_list(ctx: Context, last: Segment) -> bool:
    """Short lines without full stops at the end of a story are a list (winners, results), not a cut-off."""
    before = [s for s in ctx.segments if s.in_body and s.index < last.index and s.text.strip()]
    # A label-and-value line (“First train: 6.10am”) reads as a heading in plain text but is a list entry.
    return (
        bool(before)
        and (before[-1].kind == "prose" or ": " in before[-1].text)
        and all(
            len(s.text.split()) <= _LONG_PARAGRAPH_WORDS
            and not _closed(s.text.rstrip())
            and _cut_word(s.text.rstrip()) is None
            for s in (before[-1], last)
        )
    )


@rule(
    "cut-paragraph",
    severity="error",
    description=(
        "A paragraph inside the body that stops on “and”, “the” or a comma, or in the middle of a quotation, with "
        "the story going on below it, or a paragraph of a single letter (a split drop cap), was cut or split."
    ),
    examples=(
        ("Council approves budget\n\nTalks went on.\n\nThe minister called it “the only way to\n\nShe meets unions next week.", True),
        ("Council approves budget\n\nCrews worked on.\n\nIt was a\n\nlong night for the rescue crews.", True),
        ("Council approves budget\n\nVotes were cast.\n\nT\n\nhe council met on Monday.", True),
        ("Council approves budget\n\nTalks went on.\n\nShe said: “We will keep going.\n\n“Nobody here is giving up.”", False),
        ("Council approves budget\n\nTalks went on.\n\nThe plan has three parts:\n\nThe first is a new road.", False),
    ),
)
def cut_paragraph(ctx: Context) -> Iterator[Hit]:
    body = [s for s in ctx.segments if s.in_body and s.kind in {"prose", "heading"} and s.text.strip()]
    prose = [s for s in body if s.kind == "prose" and not s.aside]
    last = prose[-1].index if prose else -1
    for segment, following in zip(body, body[1:], strict=False):
        text = segment.text.strip().rstrip("*_").rstrip()
        nxt = following.text.lstrip("*_ ")
        if re.fullmatch(r"[^\W\d_]", text):
            # Split from its word (“T” / “he council”) or repeated before it (“T” / “The council”).
            if nxt[:1].islower() or nxt[:1] == text and len(nxt.split()[0]) > 1:
                yield Hit(
                    segment,
                    0,
                    len(segment.text.rstrip()),
                    "A paragraph of a single letter: a drop cap split from its word; join it to the next line.",
                )
            continue
        # The last paragraph is the truncated-ending rule's; a heading or list line may stop anywhere, but a short
        # paragraph read as a heading whose sentence goes on below in lower case was split from it.
        if segment.index >= last or following.kind not in {"prose", "heading"}:
            continue
        if segment.kind != "prose" and not (
            _CONTINUATION.match(nxt)
            and ((_cut_word(text) or "").lower() in _FUNCTION_WORDS or len(text.split()) >= _SPLIT_MIN_WORDS)
        ):
            continue
        if segment.list_item or following.list_item or _closed(text):
            continue
        word = _cut_word(text)
        inside_quote = open_quotation(text) is not None and nxt[:1] not in "“\"'‘«„"
        # The next paragraph going on in lower case (“the cost of” / “the new bus station …”) shows the split.
        goes_on = bool(_CONTINUATION.match(nxt)) and len(text.split()) >= _SPLIT_MIN_WORDS and text[-1:].isalpha()
        stranded = (
            word is not None and word.lower() in _CUT_PREPOSITIONS and segment.kind == "prose"
            and len(text.split()) >= _SPLIT_MIN_WORDS
        )
        if word is not None and (
            word in ",;" and nxt[:1] not in "“\"'‘«„" or word.lower() in _INSIDE_WORDS or goes_on or stranded
        ):
            message = f"This paragraph stops after “{word}” and the next one goes on: text is missing or split."
        elif goes_on:
            message = "This paragraph stops mid-sentence and the next one goes on in lower case: it was split."
        elif inside_quote:
            message = "This paragraph stops in the middle of a quotation: the rest of the quote is missing."
        else:
            continue
        excerpt = last_words(text, 4)
        yield Hit(segment, len(text) - len(excerpt), len(text), message)


@rule(
    "unfinished-paragraph",
    severity="warning",
    description=(
        "A long paragraph inside the body has no closing punctuation: a full stop is missing, or the paragraph "
        "was cut. Headings and list lines are short and are not judged."
    ),
    examples=(
        (
            "Fans cheered.\n\nThe club has won the title after a season of hard work by its players and staff. They never gave up "
            "even when the team lost four games in a row in the winter and fans began to doubt them Congratulations"
            "\n\nThe parade is on Sunday.",
            True,
        ),
        ("Polls closed.\n\nVote count under way\n\nThe count began at dawn.", False),
    ),
)
def unfinished_paragraph(ctx: Context) -> Iterator[Hit]:
    prose = [s for s in ctx.body() if s.text.strip() and not s.aside]
    later = [s for s in ctx.segments if s.in_body and s.text.strip()]
    last_index = later[-1].index if later else -1
    for segment in prose:
        text = segment.text.strip().rstrip("*_").rstrip()
        if segment.index == last_index or segment.list_item or len(text.split()) <= _LONG_PARAGRAPH_WORDS:
            continue
        # A paragraph ending on a bracketed slot is the placeholder rule's: the slot, not a stop, is what is missing.
        if _closed(_without_credit(text)) or text.endswith((":", ">", "]", "}")) or _cut_word(text) is not None:
            continue
        # Only running prose of several sentences: tables, code and joined list lines are not judged.
        if open_quotation(text) is not None or "|" in text or "```" in text or not _SENTENCE_INSIDE.search(text):
            continue
        excerpt = last_words(text, 3)
        yield Hit(
            segment,
            len(text) - len(excerpt),
            len(text),
            "This paragraph ends without a full stop: add one, or restore the text that is missing.",
        )
