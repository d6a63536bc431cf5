"""Reading a story into the gate's typed parts: a pasted or scraped page, a draft file, or a stored article."""

import re
from html.parser import HTMLParser
from datetime import date
from typing import Any, NamedTuple

from . import furniture
from .dates import Dateline, dateline_alone, parse_dateline, year_near
from .document import Document, Part, PartKind

_MD_HEADING = re.compile(r"^\s{0,3}(?P<marks>#{1,6})(?:\s+(?P<text>.*?))?\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[*•+‣◦-]|\d{1,3}[.)])\s+(?P<text>\S.*)$")
_IMAGE = re.compile(r"^\s*!\[(?P<alt>[^\]]*)\]\([^)]*\)\s*$")
_RULE_LINE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
_BREADCRUMB = re.compile(r"\s(?:»|›)\s")
# A line that closes a sentence, a heading with a colon, or a quotation or parenthesis.
_LINE_CLOSED = re.compile(r"[.!?…:;\"”’)\]]\s*$")
# A body paragraph long enough, or a whole sentence, after which furniture cannot be the end of the story.
_BODY_MIN_WORDS = 10
_FINITE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|said|says|can|could|did|does)\b")
_SENTENCE_CLOSED = re.compile(r"[.!?…][\"”’')\]]*\s*$")
# A heading never stops on a conjunction or an article: such a line is a sentence cut off.
_ENDS_MID_SENTENCE = re.compile(r"\b(?i:and|or|but|nor|the|a|an)$")
_HEADING_MAX_WORDS = 16
_QUOTE_OPENS = frozenset("“«„")
_QUOTE_CLOSES = frozenset("”»")
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
            if not markdown and paragraph and not _hard_wrapped(paragraph[-1], text):
                flush()
            paragraph.append(text)
    flush()
    if not markdown:
        blocks = [
            block._replace(kind="heading") if index < len(blocks) - 1 and _looks_like_heading(block) else block
            for index, block in enumerate(blocks)
        ]
    return blocks, images


def open_quotation(text: str) -> int | None:
    """The offset of a quotation opened and never closed in `text`, or None.

    Curly, straight and doubled-apostrophe marks are read as a writer mixes them: a straight mark closes a
    quotation any mark opened. Single quotation marks are left alone, since they are also apostrophes.
    """
    opened: int | None = None
    index = 0
    while index < len(text):
        char = text[index]
        straight = char == '"' or text.startswith("''", index)
        if char in _QUOTE_OPENS and opened is None:
            opened = index
        elif char in _QUOTE_CLOSES or straight and opened is not None:
            opened = None
        elif straight:
            opened = index
        index += 2 if straight and char == "'" else 1
    return opened


def _hard_wrapped(line: str, following: str) -> bool:
    """In plain text each line is a paragraph, unless a sentence runs on to a line that opens in lower case."""
    return not _LINE_CLOSED.search(line) and following[:1].islower()


def _looks_like_heading(block: _Block) -> bool:
    """In plain text a heading is a short line with no closing punctuation and no comma."""
    text = block.text.strip("*_ ")
    return (
        not block.list_item
        and bool(text)
        and len(text.split()) <= _HEADING_MAX_WORDS
        and "," not in text
        and text[-1] not in '.!?…:;"”’)'
        and not _ENDS_MID_SENTENCE.search(text)
        and open_quotation(text) is None
    )


def _looks_like_subheadline(block: _Block) -> bool:
    """A short line under the headline, not a dateline, and no shortcode or placeholder standing alone."""
    text = block.text.strip("*_ ")
    return (
        not block.explicit
        and not block.list_item
        and bool(text)
        and len(text.split()) <= _SUBHEADLINE_MAX_WORDS
        and text[-1] not in ".!?…:;"
        and text[0] not in "[{<"
        and parse_dateline(text) is None
    )


def document_from_text(text: str) -> Document:
    """Parse a plain-text or Markdown article (a scraped page or a draft) into a Document.

    A scraped page's furniture (menus, bylines, time stamps, captions, notices, link lists, comment forms) is
    left out: wherever it stands, and at the end only when no real body text follows it, so that a “Share this
    story” line in the middle of a page never ends the story.
    """
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
            (
                i
                for i, line in enumerate(lines)
                if line.strip() and not _BREADCRUMB.search(line) and not furniture.is_furniture(line)
            ),
            len(lines),
        )
        headline = lines[start].strip().lstrip("#").strip() if start < len(lines) else ""
    blocks, images = _blocks(lines[start + 1 :], markdown)
    blocks, stamps, dropped = _without_furniture(blocks, headline)
    blocks = [block._replace(text=_WIRE_END.sub("", block.text)) for block in blocks]

    doc = Document(headline, declared_names=declared, has_image=bool(images), image_alt=images[0] if images else "")
    doc.furniture = dropped
    context = [*stamps, headline, *(block.text for block in blocks)]
    if blocks and (alone := _dateline_line(blocks)) is not None:
        blocks.pop(0)
        _set_dateline(doc, alone, context)
    if len(blocks) > 1 and _looks_like_subheadline(blocks[0]):
        doc.subheadline = blocks.pop(0).text.strip("*_ ")
        if not doc.dateline_place and (alone := _dateline_line(blocks)) is not None:
            blocks.pop(0)
            _set_dateline(doc, alone, context)
    if not doc.dateline_place:
        for index, block in enumerate(blocks):
            if block.kind == "prose" and not block.list_item:
                if (dateline := parse_dateline(block.text)) is not None:
                    _set_dateline(doc, dateline, context)
                    blocks[index] = block._replace(text=dateline.rest)
                break
    doc.parts = _parts(blocks, "body", "section {} heading", form_field="body")
    return doc


# A wire's end marker run on to the last sentence of a paragraph (“… in its latest issue. Enditem”).
_WIRE_END = re.compile(r"(?<=[.!?”\"’)])\s+(?:Enditem|END ?ITEM|ENDS?|\(END\)|-30-)\s*$")


def _dateline_line(blocks: list[_Block]) -> Dateline | None:
    """The first block as a dateline on a line of its own, when a paragraph of the story follows it."""
    if len(blocks) < 2 or blocks[0].list_item or blocks[0].explicit or blocks[1].list_item:
        return None
    # A short line followed by another short line is more likely a dek and a subhead than a dateline.
    if blocks[1].kind == "heading" and not blocks[1].explicit and len(blocks) > 2:
        return None
    return dateline_alone(blocks[0].text)


def _set_dateline(doc: Document, dateline: Dateline, context: list[str]) -> None:
    doc.dateline_place, doc.dateline_date = dateline.place, dateline.date
    doc.dateline_month_day = dateline.month_day
    if dateline.date is None and dateline.month_day is not None:
        # A wire dateline gives no year: the page's time stamp or a full date near it in the story may.
        if (year := year_near(dateline.month_day, context)) is not None:
            doc.dateline_date = date(year, *dateline.month_day)


def _without_furniture(blocks: list[_Block], headline: str) -> tuple[list[_Block], list[str], list[str]]:
    """Drop the page's furniture; also return the time stamps met, which may give the story's year, and the lines
    dropped.

    Furniture is dropped wherever it stands. The lines around it that are shaped like links or menu entries
    (short, no closing stop, title case or “label: text”) go with it before the first real paragraph, after
    the last one and when they head a caption; a real paragraph after furniture means the story goes on.
    """
    count = len(blocks)
    # A dateline on its own line ends like a credit (“New Delhi, Jun 26 (PTI)”) but is the story's.
    page = [furniture.is_furniture(b.text, headline) and dateline_alone(b.text) is None for b in blocks]
    link = [not page[i] and furniture.is_link_like(block.text) for i, block in enumerate(blocks)]
    words = [furniture.word_count(block.text) for block in blocks]
    body = [not page[i] and not link[i] and not blocks[i].list_item for i in range(count)]
    stamps = [block.text for i, block in enumerate(blocks) if page[i] and furniture.is_time_stamp(block.text)]
    dropped = list(page)
    # A short phrase right above a caption is its title (“A man walks his dog by the river.”), not a paragraph.
    titled = [
        i + 1 < count
        and page[i + 1]
        and words[i] <= 12
        and words[i + 1] >= 4
        and not _FINITE_VERB.search(blocks[i].text)
        and not re.search(r"[,:;]", blocks[i].text)
        and furniture.is_caption(blocks[i + 1].text)
        for i in range(count)
    ]
    real = [
        i
        for i in range(count)
        if body[i]
        and not titled[i]
        and (
            words[i] >= _BODY_MIN_WORDS
            or words[i] >= 4
            and (_SENTENCE_CLOSED.search(blocks[i].text) or furniture.has_details(blocks[i].text))
        )
    ]
    if not real:
        kept, gone = _split(blocks, dropped)
        return kept, stamps, gone
    first, last = real[0], real[-1]
    # Before the story: short labels beside furniture (the outlet's name under its time stamp).
    for i in range(first):
        near = (i > 0 and page[i - 1]) or (i + 1 < count and page[i + 1])
        if link[i] and words[i] <= 4 and near:
            dropped[i] = True
    # After the story: once furniture follows the last real paragraph, all after it is the page's, and so are
    # the link-shaped lines (bare titles: a list of the story's own has commas and brackets) and a caption's
    # title just before that furniture.
    tail = next((i for i in range(last + 1, count) if page[i]), None)
    if tail is not None:
        for i in range(tail, count):
            dropped[i] = True
        i = tail - 1
        while i > last and (link[i] and not re.search(r"[,()]", blocks[i].text) or body[i] and titled[i]):
            dropped[i] = True
            i -= 1
    # Inside the story: the title line of a caption goes with the caption.
    for i in range(count - 1):
        if link[i] and page[i + 1] and furniture.is_caption(blocks[i + 1].text):
            dropped[i] = True
    kept, gone = _split(blocks, dropped)
    return kept, stamps, gone


def _split(blocks: list[_Block], dropped: list[bool]) -> tuple[list[_Block], list[str]]:
    return [b for i, b in enumerate(blocks) if not dropped[i]], [b.text for i, b in enumerate(blocks) if dropped[i]]


def _parts(
    blocks: list[_Block],
    prose_label: str,
    heading_label: str,
    *,
    block_uid: str = "",
    form_field: str = "",
) -> list[Part]:
    parts, headings = [], 0
    for block in blocks:
        if not block.text.strip():
            continue
        if block.kind == "heading":
            headings += 1
            parts.append(
                Part(heading_label.format(headings), block.text, "heading", block_uid=block_uid, form_field=form_field)
            )
        else:
            parts.append(
                Part(prose_label, block.text, "prose", block.list_item, block_uid=block_uid, form_field=form_field)
            )
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
    html: str,
    prose_field: str,
    heading_field: str,
    *,
    block_uid: str = "",
    form_field: str = "",
) -> list[Part]:
    """The headings and paragraphs of a rich-text body, for a block kind's part of the gate's document."""
    blocks, _ = _blocks(html_to_text(html).split("\n"), markdown=True)
    return _parts(blocks, prose_field, heading_field, block_uid=block_uid, form_field=form_field)
