"""The plain data the gate reads and reports: a story's typed parts, and findings with typed locations."""

import dataclasses
from datetime import date
from typing import Literal

Severity = Literal["error", "warning"]
# A caption (or credit, or a quote's attribution) and an alt text are read by readers, but are no running text.
PartKind = Literal["heading", "prose", "caption", "alt"]


@dataclasses.dataclass(frozen=True)
class Location:
    """Where a finding is typed: the block's stable uid ("" for the article's own fields), the form field's name
    without the block form's prefix ("body", "rows-0-name", "headline"), the paragraph within that field's text,
    and the offsets of the offending text in that paragraph."""

    block_uid: str = ""
    field: str = ""
    paragraph: int = 0
    start: int = 0
    end: int = 0


@dataclasses.dataclass(frozen=True)
class Finding:
    """One problem: which rule, how serious, what to do, the offending text as written, and where it is."""

    rule: str
    severity: Severity
    message: str
    text: str
    location: Location = Location()
    # For display only (“section 2”, “FAQ 1 answer”): never a key.
    label: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What identifies the finding across edits elsewhere in the story (offsets and paragraphs move)."""
        return (self.rule, self.location.block_uid, self.location.field, " ".join(self.text.casefold().split()))

    @property
    def block_uid(self) -> str:
        return self.location.block_uid

    @property
    def form_field(self) -> str:
        return self.location.field


@dataclasses.dataclass(frozen=True)
class Part:
    """One heading or paragraph of the body, in reading order, as plain text."""

    label: str
    text: str
    kind: PartKind = "prose"
    list_item: bool = False
    # Set beside the story rather than part of its running text (a callout, a question for readers).
    aside: bool = False
    # The block this text is typed in and its form field, so a finding can lead the writer there.
    block_uid: str = ""
    form_field: str = ""


@dataclasses.dataclass(frozen=True)
class FaqItem:
    question: str
    answer: str
    block_uid: str = ""


@dataclasses.dataclass(frozen=True)
class Person:
    """A row of a participant table; `row` is its index in its table's form."""

    name: str
    represents: str = ""
    role: str = ""
    block_uid: str = ""
    row: int = 0


@dataclasses.dataclass(frozen=True)
class Table:
    title: str
    rows: int
    block_uid: str = ""


@dataclasses.dataclass
class Document:
    """A plain snapshot of an article, the only thing the rules look at."""

    headline: str
    subheadline: str = ""
    summary: str = ""
    dateline_place: str = ""
    dateline_date: date | None = None
    # The dateline's month and day when it gives no year (“BRASILIA, Jan 15 (Reuters) -”); None otherwise.
    dateline_month_day: tuple[int, int] | None = None
    parts: list[Part] = dataclasses.field(default_factory=list)
    faq: list[FaqItem] = dataclasses.field(default_factory=list)
    participants: list[Person] = dataclasses.field(default_factory=list)
    declared_names: list[str] = dataclasses.field(default_factory=list)
    has_image: bool = False
    image_alt: str = ""
    image_caption: str = ""
    tables: list[Table] = dataclasses.field(default_factory=list)
    bylines: list[str] = dataclasses.field(default_factory=list)
    # Lines of a pasted page taken for the site's own (menus, credits, labels): never running text, yet still read
    # by the rules for what must never appear on a page at all (placeholders, shortcodes, machine text), so a
    # leftover that looks like furniture cannot slip through.
    furniture: list[str] = dataclasses.field(default_factory=list)
    # True for a stored article, whose every field is here: an empty byline or dateline is then really empty,
    # whereas a pasted page or draft file simply does not carry them.
    stored: bool = False

    def __post_init__(self) -> None:
        # Plain pairs and triples are accepted where a test or a script writes a document by hand.
        self.faq = [item if isinstance(item, FaqItem) else FaqItem(*item) for item in self.faq]
        self.participants = [p if isinstance(p, Person) else Person(*p) for p in self.participants]
