"""The newsroom's block kinds: text sections, participant tables, callouts, discussion prompts, FAQ entries, inline
images, pull quotes and embeds."""

from django.core.files.base import ContentFile
from django.template.loader import render_to_string

from .. import importers
from ..models import (
    Callout, DiscussionPrompt, Embed, FaqEntry, InlineImage, Participant, ParticipantTable, PullQuote, TextSection,
)
from ..quality import FaqItem, Part, Person, Table, rich_text_parts
from ..search import plain_text
from . import snapshot
from .base import BlockKind, Renditions, Rows, register


def at(block, form_field: str) -> dict[str, str]:
    """Where a part of the gate's document is typed: the block's stable uid and the field's name in its form."""
    return {"block_uid": uid_of(block), "form_field": form_field}


def uid_of(block) -> str:
    return str(getattr(block, "uid", "") or "")


@register
class TextSectionKind(BlockKind):
    name = "text"
    model = TextSection
    template = "articles/blocks/_text.html"
    admin_fields = ["heading", "body"]
    icon = "subject"
    import_type = importers.Prose

    def search_text(self, block):
        return [block.heading, plain_text(block.body)]

    def gate(self, doc, block, *, number, article):
        if block.heading.strip():
            doc.parts.append(Part(f"section {number} heading", block.heading, "heading", **at(block, "heading")))
        doc.parts += rich_text_parts(
            block.body, f"section {number}", f"section {number} subheading {{}}", **at(block, "body"),
        )

    def load(self, article, item, *, position):
        body = render_to_string("articles/import/_prose.html", {"items": item.items})
        TextSection.objects.create(article=article, position=position, heading=item.heading, body=body)
        return position


@register
class ParticipantTableKind(BlockKind):
    name = "participants"
    model = ParticipantTable
    template = "articles/blocks/_participant_table.html"
    rows = Rows(
        model=Participant, related_name="participants", parent_field="table", columns=("name", "represents", "role"),
    )
    admin_fields = ["title", "represents_heading"]
    icon = "table_chart"
    import_type = importers.Table

    def search_text(self, block):
        return [block.title, *(", ".join(filter(None, [p.name, p.represents, p.role])) for p in self.rows_of(block))]

    def gate(self, doc, block, *, number, article):
        # The rows go to the gate's own participant list: its rules require names and trust them as proper names.
        # Each row's cells are typed in `rows-<row>-<column>` of the table's form.
        rows = [
            Person(p.name, p.represents, p.role, block_uid=uid_of(block), row=index)
            for index, p in enumerate(self.rows_of(block))
        ]
        doc.parts.append(Part(f"participant table {number} title", block.title, "heading", **at(block, "title")))
        doc.tables.append(Table(block.title, len(rows), block_uid=uid_of(block)))
        doc.participants += rows

    def load(self, article, item, *, position):
        table = ParticipantTable.objects.create(
            article=article, position=position, title=item.title, represents_heading=item.represents_heading,
        )
        Participant.objects.bulk_create(
            Participant(table=table, order=i, name=name, represents=represents, role=role)
            for i, (name, represents, role) in enumerate(item.rows)
        )
        snapshot.body_changed(article_ids=[article.pk])  # a bulk insert sends no signal
        return position


@register
class CalloutKind(BlockKind):
    name = "callout"
    model = Callout
    template = "articles/blocks/_callout.html"
    admin_fields = ["label", "body"]
    icon = "lightbulb"
    import_type = importers.Callout

    def search_text(self, block):
        return [block.label, block.body]

    def gate(self, doc, block, *, number, article):
        doc.parts.append(Part(f"callout {number} label", block.label, "heading", aside=True, **at(block, "label")))
        doc.parts += [
            Part(f"callout {number}", p.strip(), aside=True, **at(block, "body"))
            for p in block.body.split("\n\n") if p.strip()
        ]

    def load(self, article, item, *, position):
        Callout.objects.create(article=article, position=position, label=item.label, body=item.body)
        return position


@register
class DiscussionPromptKind(BlockKind):
    name = "prompt"
    model = DiscussionPrompt
    template = "articles/blocks/_prompts.html"
    grouped = True
    admin_fields = ["text"]
    icon = "forum"
    # The comments section also puts these questions above the comment form (templates/comments/_section.html).
    import_type = importers.Prompt

    def search_text(self, block):
        return [block.text]

    def gate(self, doc, block, *, number, article):
        doc.parts.append(Part(f"prompt {number}", block.text, aside=True, **at(block, "text")))

    def load(self, article, item, *, position):
        DiscussionPrompt.objects.create(article=article, position=position, text=item.text)
        return position


@register
class FaqEntryKind(BlockKind):
    name = "faq"
    model = FaqEntry
    template = "articles/blocks/_faq.html"
    grouped = True
    admin_fields = ["question", "answer"]
    icon = "quiz"
    import_type = importers.Faq

    def search_text(self, block):
        return [block.question, block.answer]

    def gate(self, doc, block, *, number, article):
        # The heading over all FAQ entries is the article's `faq_title`; the entries go to the gate's FAQ list,
        # whose rule wants both halves of each.
        if number == 1 and getattr(article, "faq_title", ""):
            doc.parts.append(Part("FAQ title", article.faq_title, "heading"))
        doc.faq.append(FaqItem(block.question, block.answer, block_uid=uid_of(block)))

    def structured_data(self, article, blocks, absolute):
        """The FAQPage of the article's FAQ entries, each a Question with its accepted Answer."""
        if not blocks:
            return None
        return {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "@id": absolute(article.get_absolute_url()) + "#faq",
            "name": article.faq_title,
            "mainEntity": [
                {"@type": "Question", "name": entry.question, "acceptedAnswer": {"@type": "Answer", "text": entry.answer}}
                for entry in blocks
            ],
        }

    def load(self, article, item, *, position):
        # One imported FAQ is several entries, kept together one position apart.
        article.faq_title = item.title
        article.save(update_fields=["faq_title"])
        for question, answer in item.entries:
            FaqEntry.objects.create(article=article, position=position, question=question, answer=answer)
            position += 1
        return position


@register
class InlineImageKind(BlockKind):
    name = "image"
    model = InlineImage
    template = "articles/blocks/_inline_image.html"
    # Shown at the body's width only: no card crop is made of a picture in the body.
    renditions = Renditions(picture_field="image", field="renditions", shapes=("full",))
    admin_fields = ["image", "alt", "decorative", "caption", "credit"]
    icon = "image"
    import_type = importers.Picture

    def search_text(self, block):
        return [block.caption, block.credit]

    def gate(self, doc, block, *, number, article):
        # Captions, credits and alt texts are read as public fields: a note left in one is an error, like the lead's.
        if not block.decorative:
            doc.parts.append(Part(f"image {number} alt text", block.alt, "alt", **at(block, "alt")))
        if block.caption.strip():
            doc.parts.append(Part(f"image {number} caption", block.caption, "caption", **at(block, "caption")))
        if block.credit.strip():
            doc.parts.append(Part(f"image {number} credit", block.credit, "caption", **at(block, "credit")))

    def load(self, article, item, *, position):
        block = InlineImage(
            article=article, position=position, alt=item.alt, decorative=item.decorative, caption=item.caption,
            credit=item.credit,
        )
        block.image.save(item.name, ContentFile(item.draw()), save=False)
        block.save()
        return position


@register
class PullQuoteKind(BlockKind):
    name = "quote"
    model = PullQuote
    template = "articles/blocks/_pull_quote.html"
    admin_fields = ["quote", "attribution"]
    icon = "format_quote"
    import_type = importers.Quote

    def search_text(self, block):
        return [block.quote, block.attribution]

    def gate(self, doc, block, *, number, article):
        doc.parts += [
            Part(f"pull quote {number}", p.strip(), aside=True, **at(block, "quote"))
            for p in block.quote.split("\n\n") if p.strip()
        ]
        if block.attribution.strip():
            doc.parts.append(
                Part(f"pull quote {number} attribution", block.attribution, "caption", **at(block, "attribution")),
            )

    def load(self, article, item, *, position):
        PullQuote.objects.create(article=article, position=position, quote=item.quote, attribution=item.attribution)
        return position


@register
class EmbedKind(BlockKind):
    name = "embed"
    model = Embed
    template = "articles/blocks/_embed.html"
    # Swaps the card for the provider's player when the reader asks for it; without it the card is a plain link.
    scripts = ("js/embeds.js",)
    admin_fields = ["url", "title", "caption"]
    icon = "smart_display"
    import_type = importers.EmbedLink

    def search_text(self, block):
        return [block.title, block.caption]

    def gate(self, doc, block, *, number, article):
        doc.parts.append(Part(f"embed {number} title", block.title, "caption", **at(block, "title")))
        if block.caption.strip():
            doc.parts.append(Part(f"embed {number} caption", block.caption, "caption", **at(block, "caption")))

    def load(self, article, item, *, position):
        Embed.objects.create(article=article, position=position, url=item.url, title=item.title, caption=item.caption)
        return position
