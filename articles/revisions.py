"""Read a stored revision back as lines of text that editors can compare."""

from operator import itemgetter

from django.utils.html import strip_tags

from .models import Article, ParticipantTable

# Which stored models make up an article, how to sort them, and how each reads as one line.
_BLOCK_LINES = {
    "article": lambda f: [
        f"Headline: {f.get('headline', '')}",
        f"Subheadline: {f.get('subheadline', '')}",
        f"Dateline: {f.get('dateline_place', '')} {f.get('dateline_date') or ''}".rstrip(),
        f"Summary: {f.get('summary', '')}",
        f"Image alt text: {f.get('lead_image_alt', '')}",
        f"FAQ title: {f.get('faq_title', '')}",
    ],
    "textsection": lambda f: [f"[{f['position']}] Section: {f.get('heading') or '(no heading)'}",
                              *[f"    {line}" for line in strip_tags(f.get("body", "")).splitlines() if line.strip()]],
    "participanttable": lambda f: [f"[{f['position']}] Table: {f.get('title', '')}"],
    "participant": lambda f: [f"    Participant: {f.get('name', '')} | {f.get('represents', '')} | {f.get('role', '')}"],
    "callout": lambda f: [f"[{f['position']}] Callout {f.get('label', '')}: {f.get('body', '')}"],
    "discussionprompt": lambda f: [f"[{f['position']}] Question for readers: {f.get('text', '')}"],
    "faqentry": lambda f: [f"[{f['position']}] FAQ: {f.get('question', '')} — {f.get('answer', '')}"],
}


def revision_lines(revision) -> list[str]:
    """The article of a revision and its blocks, in body order, one readable line per part."""
    head, blocks, rows = [], [], {}
    for version in revision.version_set.select_related("content_type"):
        model = version.content_type.model
        if model not in _BLOCK_LINES:
            continue
        fields = version.field_dict
        if model == "article":
            head = _BLOCK_LINES[model](fields)
        elif model == "participant":
            rows.setdefault(fields.get("table_id"), []).append((fields.get("order", 0), _BLOCK_LINES[model](fields)))
        else:
            blocks.append((fields.get("position", 0), model, version.object_id, _BLOCK_LINES[model](fields)))
    lines = list(head)
    for _position, model, object_id, block_lines in sorted(blocks, key=itemgetter(0, 1, 2)):
        lines += block_lines
        if model == "participanttable":
            for _order, row_lines in sorted(rows.get(int(object_id), []), key=itemgetter(0)):
                lines += row_lines
    return lines


def articles_in(revision) -> set[int | None]:
    """The article each object of a revision belongs to (None when it belongs to none): a revert writes all of them.

    A participant belongs to its table's article, read from the same revision or, failing that, the table as stored.
    """
    versions = list(revision.version_set.select_related("content_type"))
    table_articles = {
        int(version.object_id): version.field_dict.get("article_id")
        for version in versions if version.content_type.model_class() is ParticipantTable
    }
    owners: set[int | None] = set()
    for version in versions:
        fields = version.field_dict
        if version.content_type.model_class() is Article:
            owners.add(int(version.object_id))
        elif "article_id" in fields:
            owners.add(fields["article_id"])
        elif "table_id" in fields:
            table_id = fields["table_id"]
            owners.add(table_articles.get(table_id) or ParticipantTable.objects.filter(pk=table_id).values_list(
                "article_id", flat=True,
            ).first())
        else:
            owners.add(None)
    return owners
