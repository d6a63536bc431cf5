"""Running the rules: the story laid out in reading order, each rule's hits turned into located findings."""

import dataclasses
from typing import NamedTuple

from . import registry
from .document import Document, Finding, Location
from .names import Names, names_in_text, ordinary_word, used_as_proper_name

# The article's own fields: the gate's label → the form field they are typed in.
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


class Segment(NamedTuple):
    """A piece of text with its place in reading order, where it is typed and what kind of text it is."""

    index: int
    label: str
    text: str
    kind: str
    block_uid: str = ""
    field: str = ""
    paragraph: int = 0
    in_body: bool = False
    list_item: bool = False
    list_after_colon: bool = False
    aside: bool = False


class Hit(NamedTuple):
    """What a rule found: offsets in a segment, the advice, and optionally the text to quote (else the span's) and
    a place other than the segment's, as (label, block uid, form field), for findings about a missing field."""

    segment: Segment
    start: int
    end: int
    message: str
    text: str | None = None
    place: tuple[str, str, str] | None = None


@dataclasses.dataclass
class Context:
    doc: Document
    segments: list[Segment]
    names: Names
    # The page's furniture, after the story's own segments: read only by rules that ask for `everywhere()`.
    furniture: list[Segment] = dataclasses.field(default_factory=list)

    def everywhere(self) -> list[Segment]:
        """Every segment including the page's furniture, for what must never appear anywhere on a page."""
        return [*self.segments, *self.furniture]

    def body(self, kind: str = "prose") -> list[Segment]:
        return [s for s in self.segments if s.in_body and s.kind == kind]

    def by_label(self) -> dict[str, Segment]:
        return {segment.label: segment for segment in self.segments}


def segments(doc: Document) -> list[Segment]:
    """Lay out every field of the document in reading order, each with its typed location."""
    laid: list[Segment] = []
    paragraphs: dict[tuple[str, str], int] = {}

    def add(label: str, text: str, kind: str, block_uid: str = "", field: str = "", **flags: bool) -> None:
        field = field or ARTICLE_FORM_FIELDS.get(label, "")
        paragraph = paragraphs.get((block_uid, field), 0)
        paragraphs[(block_uid, field)] = paragraph + 1
        laid.append(Segment(len(laid), label, text, kind, block_uid, field, paragraph, **flags))

    add("headline", doc.headline, "headline")
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
        add(part.label, part.text, part.kind, part.block_uid, part.form_field or ARTICLE_FORM_FIELDS.get(part.label, ""),
            in_body=True, list_item=part.list_item, list_after_colon=part.list_item and introduced, aside=part.aside)
    for number, item in enumerate(doc.faq, start=1):
        add(f"FAQ {number} question", item.question, "prose", item.block_uid, "question")
        add(f"FAQ {number} answer", item.answer, "prose", item.block_uid, "answer")
    for number, person in enumerate(doc.participants, start=1):
        add(f"participant {number} name", person.name, "name", person.block_uid, f"rows-{person.row}-name")
        add(f"participant {number} represents", person.represents, "name", person.block_uid,
            f"rows-{person.row}-represents")
        add(f"participant {number} role", person.role, "role", person.block_uid, f"rows-{person.row}-role")
    return laid


def names_for(doc: Document) -> Names:
    """Built-in names plus the article's own: its participants and authors, the tags and section it declares
    where the text capitalises them, and the names its running text writes with capitals."""
    trusted = [name for person in doc.participants for name in (person.name, person.represents) if name.strip()]
    prose = [part.text for part in doc.parts if part.kind == "prose"]
    evidenced = [name for name in doc.declared_names if used_as_proper_name(name, prose)]
    written = names_in_text([doc.summary, *prose, *(item.answer for item in doc.faq)])
    authors = [part for name in doc.bylines for part in _author_names(name)]
    return Names([*trusted, *authors, *evidenced, *written], builtin=True)


def _author_names(name: str) -> list[str]:
    """An author's whole name and those of its words that are no everyday word (“Mina Park”, “Mina”)."""
    rare = [word for word in name.split() if word[:1].isupper() and not ordinary_word(word)]
    return [name, *rare] if rare else []


def furniture_segments(doc: Document, after: int) -> list[Segment]:
    return [
        Segment(after + number, "page furniture", text, "furniture", "", "furniture", number)
        for number, text in enumerate(doc.furniture)
    ]


def context(doc: Document) -> Context:
    laid = segments(doc)
    return Context(doc, laid, names_for(doc), furniture_segments(doc, len(laid)))


def check_document(doc: Document, *, config: registry.GateConfig | None = None) -> list[Finding]:
    """Run every rule that is on and return the findings in reading order, each with where it is typed."""
    from . import rules  # noqa: F401  (the rule modules register themselves)

    config = config or registry.GateConfig()
    ctx = context(doc)
    ordered: list[tuple[int, int, Finding]] = []
    for spec in registry.rules():
        level = config.level(spec)
        if level == "off":
            continue
        for hit in spec.check(ctx):
            ordered.append((hit.segment.index, hit.start, _finding(spec.id, level, hit)))
    ordered.sort(key=lambda item: (item[0], item[1]))
    return [finding for _, _, finding in ordered]


def _finding(rule_id: str, severity: str, hit: Hit) -> Finding:
    segment = hit.segment
    text = segment.text[hit.start : hit.end] if hit.text is None else hit.text
    if hit.place is not None:
        label, block_uid, field = hit.place
        location = Location(block_uid, field)
    else:
        label = segment.label
        location = Location(segment.block_uid, segment.field, segment.paragraph, hit.start, hit.end)
    return Finding(rule_id, severity, hit.message, text, location, label)  # type: ignore[arg-type]


def in_severity_order(findings: list[Finding]) -> list[Finding]:
    """Errors first, since they block the story, then warnings; each still in reading order."""
    return sorted(findings, key=lambda finding: finding.severity != "error")


def text_at(doc: Document, location: Location) -> str:
    """The whole paragraph a location points into ("" if the story has no such paragraph)."""
    laid = segments(doc)
    for segment in [*laid, *furniture_segments(doc, len(laid))]:
        if (segment.block_uid, segment.field, segment.paragraph) == (
            location.block_uid, location.field, location.paragraph,
        ):
            return segment.text
    return ""
