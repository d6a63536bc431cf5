"""Read stored revisions back as parts editors can compare: the article's fields, then each block in body order."""

import dataclasses
import difflib
import re
from html.parser import HTMLParser

from django.db import models
from django_prose_editor.fields import ProseEditorField

from .blocks import registry
from .models import Article

# What a compare shows of the article itself: what it says, not where it stands or what is derived from it.
_ARTICLE_SKIPPED = {*Article.WORKFLOW_FIELDS, *Article.PICTURE_FILE_FIELDS, *Article.HISTORY_EXCLUDE, "id"}


@dataclasses.dataclass
class Stored:
    """One stored object (a block or one of its rows) as a revision or the database holds it, field by field."""

    label: str
    object_id: int
    fields: dict


@dataclasses.dataclass
class Snapshot:
    """An article as one revision (or the database) holds it: its fields, its blocks in body order and their rows."""

    article: dict = dataclasses.field(default_factory=dict)
    blocks: list = dataclasses.field(default_factory=list)
    rows: dict = dataclasses.field(default_factory=dict)


def _label(version) -> str:
    return f"{version.content_type.app_label}.{version.content_type.model}"


def _snapshot(stored: list[Stored]) -> Snapshot:
    snapshot, blocks = Snapshot(), []
    for item in stored:
        if item.label == Article._meta.label_lower:
            snapshot.article = item.fields
        elif found := registry.for_label(item.label):
            kind, is_row = found
            if is_row:
                parent = item.fields.get(f"{kind.rows.parent_field}_id")
                snapshot.rows.setdefault((kind.name, parent), []).append(item)
            else:
                blocks.append((item.fields.get("position") or 0, kind.name, item.object_id, kind, item))
    # The page's order: position, then kind, then the order the blocks were made in.
    snapshot.blocks = [(kind, item) for *_key, kind, item in sorted(blocks, key=lambda block: block[:3])]
    for (name, _parent), rows in snapshot.rows.items():
        order_field = registry.get(name).rows.order_field
        rows.sort(key=lambda row: (row.fields.get(order_field) or 0, row.object_id))
    return snapshot


def revision_snapshot(revision) -> Snapshot:
    """The article of a stored revision and its blocks."""
    return _snapshot([
        Stored(_label(version), int(version.object_id), version.field_dict)
        for version in revision.version_set.select_related("content_type")
    ])


def _fields_of(obj) -> dict:
    # The shape django-reversion gives a version's fields: attribute names (`section_id`) to values.
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def article_snapshot(article: Article) -> Snapshot:
    """The article as it stands in the database now, in the shape of a revision."""
    stored = [Stored(Article._meta.label_lower, article.pk, _fields_of(article))]
    for kind in registry:
        for block in kind.model.objects.filter(article=article):
            stored.append(Stored(kind.label, block.pk, _fields_of(block)))
            for row in kind.rows_of(block):
                stored.append(Stored(kind.rows.model._meta.label_lower, row.pk, _fields_of(row)))
    return _snapshot(stored)


def fields_shown(model, fields: dict, names) -> list[tuple[str, str, bool]]:
    """The named fields as (label, text, is rich text); a relation shows what it points to."""
    shown = []
    for name in names:
        field = model._meta.get_field(name)
        value = fields.get(field.attname)
        if isinstance(field, models.ForeignKey) and value is not None:
            target = field.related_model._default_manager.filter(pk=value).first()
            value = str(target) if target else f"#{value}"
        shown.append((field.verbose_name[:1].upper() + field.verbose_name[1:], "" if value is None else str(value),
                      isinstance(field, ProseEditorField)))
    return shown


def article_fields(fields: dict) -> list[tuple[str, str, bool]]:
    names = [
        field.name for field in Article._meta.concrete_fields
        if field.name not in _ARTICLE_SKIPPED and field.editable
    ]
    return fields_shown(Article, fields, names)


def row_fields(kind, fields: dict) -> list[tuple[str, str, bool]]:
    spec = kind.rows
    names = [
        field.name for field in spec.model._meta.concrete_fields
        if not field.primary_key and field.name not in {spec.parent_field, spec.order_field}
    ]
    return fields_shown(spec.model, fields, names)


# --- Differences, word by word ---------------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "ul", "ol", "div"}
_TAG_NAMES = {"li": "List item", "h2": "Heading", "h3": "Subheading", "h4": "Subheading", "blockquote": "Quote"}


class _Paragraphs(HTMLParser):
    """Sanitized rich text as its paragraphs, list items and headings, each one line of plain text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[tuple[str, str]] = []
        self._tags: list[str] = []
        self._text: list[str] = []

    def _flush(self):
        text = " ".join("".join(self._text).split())
        if text:
            name = next((_TAG_NAMES[tag] for tag in reversed(self._tags) if tag in _TAG_NAMES), "")
            self.paragraphs.append((name, text))
        self._text = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self._flush()
            self._tags.append(tag)
        elif tag == "br":
            self._text.append(" ")

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag in self._tags:
                del self._tags[len(self._tags) - 1 - self._tags[::-1].index(tag):]

    def handle_data(self, data):
        self._text.append(data)

    def close(self):
        super().close()
        self._flush()


def paragraphs(html: str) -> list[tuple[str, str]]:
    """Each paragraph, list item or heading of rich text as (what it is, its words)."""
    parser = _Paragraphs()
    parser.feed(html or "")
    parser.close()
    return parser.paragraphs


def _tokens(text: str) -> list[str]:
    return re.findall(r"\s+|\w+|[^\w\s]", text)


def word_diff(old: str, new: str) -> list[dict]:
    """The words of `old` and `new` as runs kept ("same"), taken out ("del") and put in ("ins")."""
    a, b = _tokens(old), _tokens(new)
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    # Changes joined by nothing but a space read as one change ("an umbrella" → "a coat"), not word by word.
    chunks: list[list] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        between = 0 < index < len(opcodes) - 1 and not "".join(a[i1:i2]).strip()
        if tag == "equal" and not between:
            chunks.append(["same", a[i1:i2], []])
        elif chunks and chunks[-1][0] == "change":
            chunks[-1][1] += a[i1:i2]
            chunks[-1][2] += b[j1:j2]
        else:
            chunks.append(["change", a[i1:i2], b[j1:j2]])
    runs = []
    for kind, taken, put in chunks:
        if kind == "same":
            runs.append({"op": "same", "text": "".join(taken)})
            continue
        runs += [{"op": "del", "text": "".join(taken)}] if taken else []
        runs += [{"op": "ins", "text": "".join(put)}] if put else []
    return runs


def _paragraph_diff(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[dict]:
    """Paragraphs kept, added, removed or changed; a changed one carries its word-level differences."""
    out = []
    matcher = difflib.SequenceMatcher(None, [text for _, text in old], [text for _, text in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [{"op": "same", "name": name, "runs": [{"op": "same", "text": text}]} for name, text in old[i1:i2]]
            continue
        # A replaced stretch is read pairwise, paragraph against paragraph; what is left over was added or removed.
        pairs = min(i2 - i1, j2 - j1)
        for (old_name, old_text), (new_name, new_text) in zip(old[i1:i1 + pairs], new[j1:j1 + pairs], strict=True):
            out.append({"op": "changed", "name": new_name or old_name, "runs": word_diff(old_text, new_text)})
        out += [{"op": "removed", "name": name, "runs": [{"op": "del", "text": text}]}
                for name, text in old[i1 + pairs:i2]]
        out += [{"op": "added", "name": name, "runs": [{"op": "ins", "text": text}]}
                for name, text in new[j1 + pairs:j2]]
    return out


def _field_diffs(old: list, new: list) -> list[dict]:
    """Each field of one part, with how it changed: `paragraphs` for rich text, `runs` of words for the rest."""
    diffs = []
    olds = {label: (text, rich) for label, text, rich in old}
    news = {label: (text, rich) for label, text, rich in new}
    for label in [*dict.fromkeys([*(f[0] for f in new), *(f[0] for f in old)])]:
        old_text, rich = olds.get(label, ("", False))
        new_text, rich = news.get(label, ("", rich))
        if old_text == new_text:
            continue
        if rich:
            diffs.append({"label": label, "paragraphs": _paragraph_diff(paragraphs(old_text), paragraphs(new_text))})
        else:
            diffs.append({"label": label, "runs": word_diff(old_text, new_text)})
    return diffs


def _block_title(kind, number: int) -> str:
    name = str(kind.model._meta.verbose_name)
    return f"{name[:1].upper()}{name[1:]} {number}"


def compare(older: Snapshot, newer: Snapshot) -> dict:
    """What changed from `older` to `newer`: the article's fields, then each block (added, removed, moved or changed)
    with its fields and rows, in the newer body order with removed blocks where they stood."""
    changed_fields = _field_diffs(article_fields(older.article), article_fields(newer.article))
    old_keys = [(kind.name, item.object_id) for kind, item in older.blocks]
    new_keys = [(kind.name, item.object_id) for kind, item in newer.blocks]
    old_by_key = dict(zip(old_keys, older.blocks, strict=True))
    new_by_key = dict(zip(new_keys, newer.blocks, strict=True))
    # A block kept in both is "moved" when it is not part of the longest run of blocks that kept their order.
    common_old = [key for key in old_keys if key in new_by_key]
    common_new = [key for key in new_keys if key in old_by_key]
    stayed = set()
    for block in difflib.SequenceMatcher(None, common_old, common_new, autojunk=False).get_matching_blocks():
        stayed.update(common_new[block.b:block.b + block.size])

    blocks, numbers = [], {}
    # A removed block is shown where it stood: before the next block that kept its place (or at the end).
    removed_before: dict = {}
    following = None
    for key in reversed(old_keys):
        if key in stayed:
            following = key
        elif key not in new_by_key:
            removed_before.setdefault(following, []).insert(0, key)

    def entry(key, op):
        kind, item = (new_by_key if op != "removed" else old_by_key)[key]
        numbers[kind.name] = numbers.get(kind.name, 0) + 1
        old_item = old_by_key[key][1] if key in old_by_key else None
        new_item = new_by_key[key][1] if key in new_by_key else None
        fields = _field_diffs(
            kind.revision_fields(old_item.fields) if old_item else [],
            kind.revision_fields(new_item.fields) if new_item else [],
        )
        rows = _row_diffs(kind, older.rows.get(key, []), newer.rows.get(key, [])) if kind.rows else []
        if op == "same" and (fields or rows):
            op = "changed"
        return {"op": op, "kind": kind.name, "title": _block_title(kind, numbers[kind.name]),
                "summary": _summary(kind.revision_fields(item.fields)), "fields": fields, "rows": rows}

    for key in new_keys:
        blocks += [entry(gone, "removed") for gone in removed_before.get(key, [])]
        blocks.append(entry(key, "added" if key not in old_by_key else "same" if key in stayed else "moved"))
    blocks += [entry(gone, "removed") for gone in removed_before.get(None, [])]
    return {
        "fields": changed_fields,
        "blocks": blocks,
        "changed": bool(changed_fields) or any(block["op"] != "same" for block in blocks),
    }


def _row_diffs(kind, old_rows: list[Stored], new_rows: list[Stored]) -> list[dict]:
    """A block's rows that were added, removed, changed or moved, numbered as in the newer table."""
    old_by_id = {row.object_id: row for row in old_rows}
    new_ids = {row.object_id for row in new_rows}
    old_order = [row.object_id for row in old_rows if row.object_id in new_ids]
    new_order = [row.object_id for row in new_rows if row.object_id in old_by_id]
    stayed = set()
    for block in difflib.SequenceMatcher(None, old_order, new_order, autojunk=False).get_matching_blocks():
        stayed.update(new_order[block.b:block.b + block.size])
    out = []
    for number, row in enumerate(new_rows, start=1):
        old = old_by_id.get(row.object_id)
        fields = _field_diffs(row_fields(kind, old.fields) if old else [], row_fields(kind, row.fields))
        op = "added" if old is None else "moved" if row.object_id not in stayed else "changed" if fields else ""
        if op:
            out.append({"op": op, "title": f"Row {number}", "summary": _summary(row_fields(kind, row.fields)),
                        "fields": fields})
    for row in old_rows:
        if row.object_id not in new_ids:
            shown = row_fields(kind, row.fields)
            out.append({"op": "removed", "title": "Row", "summary": _summary(shown), "fields": _field_diffs(shown, [])})
    return out


def _summary(fields: list[tuple[str, str, bool]]) -> str:
    """A few words that tell a block or row apart: the first field that says something."""
    for _label, text, rich in fields:
        words = " ".join(paragraph for _name, paragraph in paragraphs(text)) if rich else " ".join(text.split())
        if words:
            return words if len(words) <= 80 else words[:79].rstrip() + "…"
    return ""


def revert_effects(diff: dict) -> dict[str, list[str]]:
    """What a revert takes away and brings back, block by block and row by row, said the way an editor would."""
    effects: dict[str, list[str]] = {"disappear": [], "come_back": []}
    side = {"removed": "disappear", "added": "come_back"}

    def named(title, summary):
        return f"{title} (“{summary}”)" if summary else title

    for block in diff["blocks"]:
        if block["op"] in side:
            rows = len(block["rows"])
            effects[side[block["op"]]].append(
                named(block["title"], block["summary"]) + (f", with {rows} row{'s' if rows != 1 else ''}" if rows else ""),
            )
            continue
        for row in block["rows"]:
            if row["op"] in side:
                effects[side[row["op"]]].append(f"{named(block['title'], block['summary'])}: row “{row['summary']}”")
    return effects


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
