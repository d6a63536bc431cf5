"""Reading a story into the gate's typed parts: a pasted or scraped page, a draft file, or a stored article."""

import re
from html.parser import HTMLParser
from typing import Any, NamedTuple

from .dates import parse_dateline
from .document import Document, Part, PartKind

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
        and parse_dateline(text) is None
    )


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
            if (dateline := parse_dateline(block.text)) is not None:
                doc.dateline_place, doc.dateline_date = dateline.place, dateline.date
                blocks[index] = block._replace(text=dateline.rest)
            break
    doc.parts = _parts(blocks, "body", "section {} heading", form_field="body")
    return doc


def _parts(
    blocks: list[_Block], prose_label: str, heading_label: str, *, block_uid: str = "", form_field: str = "",
) -> list[Part]:
    parts, headings = [], 0
    for block in blocks:
        if not block.text.strip():
            continue
        if block.kind == "heading":
            headings += 1
            parts.append(Part(heading_label.format(headings), block.text, "heading",
                              block_uid=block_uid, form_field=form_field))
        else:
            parts.append(Part(prose_label, block.text, "prose", block.list_item,
                              block_uid=block_uid, form_field=form_field))
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
    return _parts(blocks, prose_field, heading_field, block_uid=block_uid, form_field=form_field)
