"""The parts a story needs: a headline, a body, alt texts, whole FAQ entries, named participants, filled tables."""

from collections.abc import Iterator

from ..engine import Context, Hit
from ..registry import rule
from ..text import words


@rule(
    "missing-part", severity="error",
    description="Headline, body, image alt text, both halves of each FAQ entry and each participant's name are required.",
    examples=(("", True), ("A headline and a body.", False)),
)
def missing_part(ctx: Context) -> Iterator[Hit]:
    doc = ctx.doc
    by_label = ctx.by_label()
    headline = by_label["headline"]
    if not doc.headline.strip():
        yield Hit(headline, 0, 0, "The headline is empty.")
    if not any(part.kind == "prose" and part.text.strip() for part in doc.parts):
        yield Hit(headline, len(doc.headline) + 1, len(doc.headline) + 1, "The article has no body text.", "",
                  ("body", "", ""))
    if doc.has_image and not doc.image_alt.strip():
        yield Hit(by_label["lead image alt text"], 0, 0,
                  "The lead image has no alt text: describe what it shows for readers who cannot see it.")
    for segment in ctx.segments:
        if segment.in_body and segment.kind == "alt" and not segment.text.strip():
            yield Hit(segment, 0, 0, "This picture has no alt text: describe what it shows, or mark it as decorative.")
    for number, item in enumerate(doc.faq, start=1):
        question, answer = item.question.strip(), item.answer.strip()
        if question and not answer:
            yield Hit(by_label[f"FAQ {number} answer"], 0, 0, "This FAQ question has no answer.", question)
        elif answer and not question:
            yield Hit(by_label[f"FAQ {number} question"], 0, 0, "This FAQ answer has no question.", words(answer, 0, 6))
    for number, person in enumerate(doc.participants, start=1):
        if not person.name.strip():
            yield Hit(by_label[f"participant {number} name"], 0, 0, "This participant has no name.",
                      " ".join(filter(None, (person.represents.strip(), person.role.strip()))))


@rule(
    "empty-block", severity="error",
    description="A table needs rows and an FAQ entry a question or an answer: readers would see a heading over nothing.",
)
def empty_block(ctx: Context) -> Iterator[Hit]:
    by_label = ctx.by_label()
    for number, item in enumerate(ctx.doc.faq, start=1):
        if not item.question.strip() and not item.answer.strip():
            yield Hit(by_label[f"FAQ {number} question"], 0, 0,
                      "This FAQ entry has neither question nor answer: write both or delete the entry.")
    titles = {segment.block_uid: segment for segment in ctx.segments if segment.field == "title" and segment.block_uid}
    for number, table in enumerate(ctx.doc.tables, start=1):
        if table.rows:
            continue
        at = titles.get(table.block_uid, ctx.segments[-1]) if table.block_uid else ctx.segments[-1]
        yield Hit(at, 0, 0, "This table has no rows: add them, or delete the table.", table.title.strip(),
                  (f"participant table {number}", table.block_uid, "title"))


@rule(
    "no-byline", severity="warning",
    description="A stored story names who wrote it; unsigned copy (an editorial, a desk brief) is the desk's call.",
)
def no_byline(ctx: Context) -> Iterator[Hit]:
    doc = ctx.doc
    if doc.stored and not any(name.strip() for name in doc.bylines):
        yield Hit(ctx.segments[0], len(doc.headline) + 2, len(doc.headline) + 2,
                  "The story has no byline: add its author, or the desk if it goes out unsigned.", "",
                  ("byline", "", "bylines-0-author"))


@rule(
    "no-dateline", severity="warning",
    description="A stored story says where and when it was filed; an explainer may go out without.",
)
def no_dateline(ctx: Context) -> Iterator[Hit]:
    doc = ctx.doc
    if not doc.stored:
        return
    missing = [what for what, value in (("place", doc.dateline_place.strip()), ("date", doc.dateline_date)) if not value]
    if missing:
        field = "dateline_date" if doc.dateline_place.strip() else "dateline_place"
        yield Hit(ctx.segments[0], len(doc.headline) + 3, len(doc.headline) + 3,
                  f"The dateline has no {' and '.join(missing)}: readers expect to know where and when the story "
                  "was filed.", doc.dateline_place.strip(), ("dateline", "", field))
