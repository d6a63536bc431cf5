"""Read a stored revision back as lines of text that editors can compare."""

from operator import itemgetter

from .blocks import registry
from .models import Article


def _article_lines(f: dict) -> list[str]:
    return [
        f"Headline: {f.get('headline', '')}",
        f"Subheadline: {f.get('subheadline', '')}",
        f"Dateline: {f.get('dateline_place', '')} {f.get('dateline_date') or ''}".rstrip(),
        f"Summary: {f.get('summary', '')}",
        f"Image alt text: {f.get('lead_image_alt', '')}",
        f"FAQ title: {f.get('faq_title', '')}",
    ]


def _label(version) -> str:
    return f"{version.content_type.app_label}.{version.content_type.model}"


def revision_lines(revision) -> list[str]:
    """The article of a revision and its blocks, in body order, one readable line per part (each kind says how)."""
    head, blocks, rows = [], [], {}
    for version in revision.version_set.select_related("content_type"):
        fields = version.field_dict
        if _label(version) == Article._meta.label_lower:
            head = _article_lines(fields)
        elif found := registry.for_label(_label(version)):
            kind, is_row = found
            if is_row:
                spec = kind.rows
                rows.setdefault((kind.name, fields.get(f"{spec.parent_field}_id")), []).append(
                    (fields.get(spec.order_field, 0), spec.lines(fields)),
                )
            else:
                blocks.append((fields.get("position", 0), kind.name, int(version.object_id), kind.revision_lines(fields)))
    lines = list(head)
    for _position, name, object_id, block_lines in sorted(blocks, key=itemgetter(0, 1, 2)):
        lines += block_lines
        for _order, row_lines in sorted(rows.get((name, object_id), []), key=itemgetter(0)):
            lines += row_lines
    return lines


def articles_in(revision) -> set[int | None]:
    """The article each object of a revision belongs to (None when it belongs to none): a revert writes all of them.

    A block's row (a participant) belongs to its block's article, read from the same revision or, failing that, the table as stored.
    """
    versions = list(revision.version_set.select_related("content_type"))
    block_articles = {
        (_label(version), int(version.object_id)): version.field_dict.get("article_id")
        for version in versions if "article_id" in version.field_dict
    }
    owners: set[int | None] = set()
    for version in versions:
        fields = version.field_dict
        found = registry.for_label(_label(version))
        if version.content_type.model_class() is Article:
            owners.add(int(version.object_id))
        elif "article_id" in fields:
            owners.add(fields["article_id"])
        elif found and found[1]:
            kind = found[0]
            block_id = fields.get(f"{kind.rows.parent_field}_id")
            owners.add(block_articles.get((kind.label, block_id)) or kind.model.objects.filter(pk=block_id).values_list(
                "article_id", flat=True,
            ).first())
        else:
            owners.add(None)
    return owners
