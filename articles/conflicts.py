"""An edit conflict, side by side: what the saved article (theirs) and the refused form (mine) say differently,
field by field and block by block, and the form data that merges them as the writer chose.

Both sides are read as form data (name -> values, as a browser posts it): mine is the refused POST, theirs is the
admin's own form and inlines for the article as saved, rendered and read back. So any field or block kind the admin
shows is compared and merged without being named here.
"""

import dataclasses
import re

from django import forms

from .formdata import form_data

MINE, THEIRS = "mine", "theirs"
CHOICE_PREFIX = "_merge_"
# Said on screen per item.
CHANGED, ADDED_BY_THEM, REMOVED_BY_THEM, ADDED_BY_ME, REMOVED_BY_ME = (
    "changed", "added by them", "removed by them", "added by you", "removed by you",
)
MAX_FORMS = 1000

Data = dict[str, list[str]]


@dataclasses.dataclass
class Item:
    """One thing that differs: an article field or a whole block."""

    key: str  # the choice's form name, after CHOICE_PREFIX
    label: str
    state: str
    theirs: list[str]
    mine: list[str]
    default: str = MINE


@dataclasses.dataclass
class BlockForm:
    """One block's form in one side's data: its fields without the `<prefix>-<n>-`."""

    key: str
    pk: str
    values: Data

    @property
    def deleted(self) -> bool:
        return bool(_first(self.values.get("DELETE"), ""))


def _first(values: list[str] | None, default: str = "") -> str:
    return values[0] if values else default


def rendered_data(form, formsets) -> Data:
    """A form and its inline formsets as a browser would post them, unchanged."""
    parts = [str(form)]
    for formset in formsets:
        parts.append(str(formset.management_form))
        parts += [str(each) for each in formset.forms]
    return form_data("".join(parts), form_id=None)


def normalized(values: list[str]) -> list[str]:
    return [value.replace("\r\n", "\n").strip() for value in values]


def field_items(form, mine: Data, theirs: Data, *, skip=("loaded_version",)) -> list[Item]:
    """The article's fields whose values differ, with what each side has, as a person reads it."""
    items = []
    for name, field in form.fields.items():
        if name in skip:
            continue
        ours, their = normalized(mine.get(name, [])), normalized(theirs.get(name, []))
        if ours == their:
            continue
        label = str(field.label or name.replace("_", " ")).capitalize()
        items.append(Item(f"field_{name}", label, CHANGED, shown(field, their), shown(field, ours)))
    return items


def shown(field, values: list[str]) -> list[str]:
    """A field's posted values as words: the names of chosen objects or choices, yes or no for a tick box."""
    values = [value for value in values if value != ""]
    if isinstance(field, forms.BooleanField):
        return ["yes" if values else "no"]
    if isinstance(field, forms.ModelChoiceField):
        chosen = field.queryset.filter(pk__in=[v for v in values if v.isascii() and v.isdigit()])
        names = {str(obj.pk): str(obj) for obj in chosen}
        return [names.get(value, value) for value in values]
    if isinstance(field, forms.ChoiceField):
        choices = {str(key): str(label) for key, label in field.choices}
        return [choices.get(value, value) for value in values]
    return values


def block_forms(data: Data, prefix: str, uids: dict[str, str]) -> list[BlockForm]:
    """The blocks of one inline formset in this data, each keyed by its stable identity (uid)."""
    try:
        total = min(int(_first(data.get(f"{prefix}-TOTAL_FORMS"), "0")), MAX_FORMS)
    except ValueError:
        total = 0
    found = []
    for index in range(total):
        head = f"{prefix}-{index}-"
        values = {name[len(head):]: list(vals) for name, vals in data.items() if name.startswith(head)}
        pk = _first(values.get("id"), "")
        # A saved block's uid is not posted (it cannot be changed), so it is read from the block itself.
        uid = uids.get(pk) if pk else None
        uid = uid or _first(values.get("uid"), "") or (f"{prefix}-{pk}" if pk else f"{prefix}-new-{index}")
        found.append(BlockForm(key=uid, pk=pk, values=values))
    return found


def block_lines(kind, values: Data) -> list[str]:
    """A block as the lines a writer compares: each field it has, then each row of a table."""
    lines = []
    for name in kind.editable_fields():
        field = kind.model._meta.get_field(name)
        text = " ".join(normalized(values.get(name, [])))
        lines.append(f"{str(field.verbose_name).capitalize()}: {text}")
    if kind.rows:
        pattern = re.compile(rf"^rows-(\d{{1,4}})-({'|'.join(map(re.escape, kind.rows.columns))})$")
        rows: dict[int, dict[str, str]] = {}
        for name, vals in values.items():
            match = pattern.match(name)
            if match:
                rows.setdefault(int(match[1]), {})[match[2]] = " ".join(normalized(vals))
        number = 0
        for index in sorted(rows):
            cells = [rows[index].get(column, "") for column in kind.rows.columns]
            if any(cells):
                number += 1
                lines.append(f"Row {number}: " + ", ".join(cells))
    return lines


def block_label(kind, lines: list[str]) -> str:
    first = lines[0].split(": ", 1)[-1] if lines else ""
    first = first if len(first) <= 60 else first[:59] + "…"
    name = str(kind.model._meta.verbose_name)
    return f"{name[:1].upper()}{name[1:]} “{first}”" if first else name[:1].upper() + name[1:]


def block_items(kind, prefix: str, mine: Data, theirs: Data, uids: dict[str, str]) -> list[Item]:
    """The blocks of one kind that differ: changed, or there on one side only."""
    their_blocks = {block.key: block for block in block_forms(theirs, prefix, uids)}
    my_blocks = {block.key: block for block in block_forms(mine, prefix, uids)}
    items = []
    for key, their in their_blocks.items():
        their_lines = block_lines(kind, their.values)
        ours = my_blocks.get(key)
        if ours is None:
            # Only they have it: it stays unless the writer chooses to leave it out.
            items.append(Item(f"block_{key}", block_label(kind, their_lines), ADDED_BY_THEM, their_lines, [], THEIRS))
            continue
        my_lines = block_lines(kind, ours.values)
        if ours.deleted:
            items.append(Item(f"block_{key}", block_label(kind, their_lines), REMOVED_BY_ME, their_lines, []))
        elif my_lines != their_lines:
            items.append(Item(f"block_{key}", block_label(kind, their_lines), CHANGED, their_lines, my_lines))
    for key, ours in my_blocks.items():
        if key in their_blocks or ours.deleted:
            continue
        my_lines = block_lines(kind, ours.values)
        state = REMOVED_BY_THEM if ours.pk else ADDED_BY_ME
        items.append(Item(f"block_{key}", block_label(kind, my_lines), state, [], my_lines))
    return items


def list_item(prefix: str, label: str, field, column: str, mine: Data, theirs: Data) -> list[Item]:
    """An inline list taken or kept whole (the byline): one item when its entries differ, read as their names."""

    def entries(data: Data) -> list[str]:
        kept = [_first(block.values.get(column), "") for block in block_forms(data, prefix, {}) if not block.deleted]
        return shown(field, [value for value in kept if value])

    ours, their = entries(mine), entries(theirs)
    return [] if ours == their else [Item(f"list_{prefix}", label, CHANGED, their, ours)]


def choices(post, items: list[Item]) -> dict[str, str]:
    """Which side each item takes: all theirs, all mine (blocks only they added stay), or one by one."""
    everything = post.get("_merge", "")
    chosen = {}
    for item in items:
        if everything == "theirs":
            chosen[item.key] = THEIRS
        elif everything == "mine":
            chosen[item.key] = THEIRS if item.state == ADDED_BY_THEM else MINE
        else:
            value = post.get(CHOICE_PREFIX + item.key)
            chosen[item.key] = value if value in (MINE, THEIRS) else item.default
    return chosen


def merged(mine: Data, theirs: Data, *, field_names, block_prefixes: dict[str, object],
           uids: dict[str, dict[str, str]], chosen: dict[str, str], lists: tuple[str, ...] = ()) -> Data:
    """My data with the chosen items replaced by theirs, on top of the article as it is saved now.

    Each block formset is rebuilt from their saved blocks, in their order (each one replaced by mine where mine is
    kept, removed where the writer chose to leave it out), then the blocks only mine has; so the page's formsets
    match the saved blocks and the next save passes the conflict check with `loaded_version` set to theirs.
    """
    result = {name: list(values) for name, values in mine.items() if not name.startswith("_merge")}
    for name in field_names:
        if chosen.get(f"field_{name}") == THEIRS:
            if name in theirs:
                result[name] = list(theirs[name])
            else:
                result.pop(name, None)
    result["loaded_version"] = list(theirs.get("loaded_version", [""]))
    for prefix in lists:
        if chosen.get(f"list_{prefix}") == THEIRS:
            _drop_forms(result, prefix)
            result.update({name: list(values) for name, values in theirs.items() if name.startswith(f"{prefix}-")})
    for prefix in block_prefixes:
        their_blocks = block_forms(theirs, prefix, uids[prefix])
        my_blocks = {block.key: block for block in block_forms(mine, prefix, uids[prefix])}
        forms_out: list[Data] = []
        for their in their_blocks:
            ours = my_blocks.get(their.key)
            choice = chosen.get(f"block_{their.key}", MINE if ours else THEIRS)
            if ours is not None and choice == MINE:
                forms_out.append(ours.values)
            elif ours is None and choice == MINE:
                # A block only they added, left out: it is deleted by the save.
                forms_out.append({**their.values, "DELETE": ["on"]})
            else:
                forms_out.append({name: vals for name, vals in their.values.items() if name != "DELETE"})
        initial = len(forms_out)
        saved_keys = {their.key for their in their_blocks}
        for key, ours in my_blocks.items():
            if key in saved_keys or ours.deleted or chosen.get(f"block_{key}", MINE) != MINE:
                continue
            values = {name: vals for name, vals in ours.values.items() if name not in ("id", "DELETE")}
            if not key.startswith(prefix):
                values["uid"] = [key]  # a block they removed comes back with the identity it had
            forms_out.append(values)
        _drop_forms(result, prefix)
        result[f"{prefix}-TOTAL_FORMS"] = [str(len(forms_out))]
        result[f"{prefix}-INITIAL_FORMS"] = [str(initial)]
        for index, values in enumerate(forms_out):
            for name, vals in values.items():
                result[f"{prefix}-{index}-{name}"] = list(vals)
    return result


def _drop_forms(data: Data, prefix: str) -> None:
    """Remove a formset's forms and their count from this data (its empty form and limits stay)."""
    head = f"{prefix}-"
    for name in [name for name in data if name.startswith(head)]:
        rest = name[len(head):]
        if rest.split("-", 1)[0].isdigit() or rest in ("TOTAL_FORMS", "INITIAL_FORMS"):
            del data[name]
