"""The body editor's forms: every block in one list in reading order, a table's rows edited inside its block.

The list itself is django-content-editor's: it gathers the blocks of every kind into one ordered list with
insertion anywhere and dragging, and writes each block's place into the `ordering` field its script reads.
"""

import re
import uuid

from content_editor.admin import ContentEditorInline
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

BODY = "body"


class LabelledFileInput(AdminFileWidget):
    """A picture's file input named by the field's own label (`for`), as assistive technology expects of a form
    control; Django's admin puts the label in a legend, which names no input."""

    use_fieldset = False


# For the article form and each block's form alike.
PICTURE_WIDGETS = {models.ImageField: {"widget": LabelledFileInput}}


class RowsWidget(forms.Widget):
    """A small table of inputs, one line per row, that the editor's script adds to, removes from and reorders.

    Each cell is submitted as `<name>-<row>-<column>`, so the rows travel with the rest of the form (a refused
    save, an autosave and a restore give them back as typed) and need no script to be read.
    """

    template_name = "admin/articles/blocks/_rows_widget.html"
    # Several inputs under one name: the admin shows the field's label as the legend of a fieldset around them.
    use_fieldset = True

    def __init__(self, columns: list[tuple[str, str, int]], attrs=None):
        super().__init__(attrs)
        self.columns = columns

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        rows = value if isinstance(value, list) else []
        context["widget"].update({
            "columns": [{"name": column, "label": label, "max_length": size} for column, label, size in self.columns],
            "rows": [
                [{"name": column, "value": row.get(column, ""), "label": label, "max_length": size}
                 for column, label, size in self.columns]
                for row in rows
            ],
            "blank_row": [{"name": column, "value": "", "label": label, "max_length": size}
                          for column, label, size in self.columns],
        })
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # Rendered by the project's template engine, where the admin's templates live; the template escapes.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))  # noqa: S308  # nosec B308 B703

    def value_from_datadict(self, data, files, name):
        pattern = re.compile(rf"^{re.escape(name)}-(\d{{1,4}})-({'|'.join(map(re.escape, self.names))})$")
        rows: dict[int, dict[str, str]] = {}
        for key in data:
            match = pattern.match(key)
            if match:
                rows.setdefault(int(match[1]), {})[match[2]] = data.get(key, "")
        return [rows[index] for index in sorted(rows)]

    def value_omitted_from_data(self, data, files, name):
        return False

    @property
    def names(self) -> list[str]:
        return [column for column, _label, _size in self.columns]


class RowsField(forms.Field):
    """A block's typed rows, as dicts of the row model's columns in the writer's order; empty lines are dropped."""

    def __init__(self, *, model, columns: list[str], **kwargs):
        self.model = model
        self.column_fields = {name: model._meta.get_field(name) for name in columns}
        widget_columns = [
            (name, str(field.verbose_name).capitalize(), field.max_length or 0)
            for name, field in self.column_fields.items()
        ]
        kwargs.setdefault("label", "Rows")
        super().__init__(widget=RowsWidget(widget_columns), required=False, **kwargs)

    def to_python(self, value):
        rows = value if isinstance(value, list) else []
        return [
            {name: str(row.get(name, "")).strip() for name in self.column_fields}
            for row in rows
            if any(str(row.get(name, "")).strip() for name in self.column_fields)
        ]

    def validate(self, value):
        errors = []
        for number, row in enumerate(value, start=1):
            for name, field in self.column_fields.items():
                label = str(field.verbose_name).capitalize()
                if not row[name] and not field.blank:
                    errors.append(ValidationError(f"Row {number}: {label} is required.", code="row_required"))
                elif field.max_length and len(row[name]) > field.max_length:
                    errors.append(ValidationError(
                        f"Row {number}: {label} can be at most {field.max_length} characters.", code="row_too_long",
                    ))
        if len(value) > 200:
            errors.append(ValidationError("A table can have at most 200 rows.", code="too_many_rows"))
        if errors:
            raise ValidationError(errors)

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data)


# What the editor fills in for every block, never the writer.
EDITOR_FIELDS = ("uid", "region", "ordering")


class BlockForm(forms.ModelForm):
    """One block in the body editor: its place comes from the order the writer sees, its rows are edited in it."""

    # django-content-editor's script reads and writes these two fields by name; they are not typed by anyone.
    region = forms.CharField(widget=forms.HiddenInput, initial=BODY, required=False)
    ordering = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2_000_000_000)
    uid = forms.UUIDField(widget=forms.HiddenInput(attrs={"class": "block-uid"}), required=False)

    kind = None  # set per kind by BlockKind.admin_inline

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ordering"].initial = self.instance.position or None
        self.fields["uid"].initial = self.instance.uid
        # A saved block keeps the identity it has: only a block new to the page takes the one its page gave it.
        self.fields["uid"].disabled = self.instance.pk is not None
        rows = self.kind.rows if self.kind else None
        if rows and "rows" in self.fields:
            if self.instance.pk is not None:
                self.fields["rows"].initial = [
                    {name: getattr(row, name) for name in rows.columns} for row in self.kind.rows_of(self.instance)
                ]

    @cached_property
    def changed_data(self):
        changed = super().changed_data
        if self.instance.pk is None:
            # A block new to the page and left blank is no change: the editor, not the writer, set these.
            changed = [name for name in changed if name not in EDITOR_FIELDS]
        return changed

    def clean(self):
        cleaned = super().clean()
        # Placed and named as the page has them, so the gate reading the form as it stands numbers the blocks in
        # the writer's order and its findings point at blocks not saved yet.
        if cleaned.get("ordering"):
            self.instance.position = cleaned["ordering"]
        if self.instance.pk is None and cleaned.get("uid"):
            self.instance.uid = cleaned["uid"]
        if self.kind and self.kind.rows and "rows" in cleaned:
            # The gate (and "Check again") reads the rows as they stand in the form, before anything is saved.
            self.instance.pending_rows = [self.kind.rows.model(**row) for row in cleaned["rows"]]
        return cleaned

    def save(self, commit=True):
        if self.cleaned_data.get("ordering"):
            self.instance.position = self.cleaned_data["ordering"]
        if self.instance.pk is None:
            self.instance.uid = self.cleaned_data.get("uid") or uuid.uuid4()
        return super().save(commit)

    def _save_m2m(self):
        super()._save_m2m()
        if self.kind and self.kind.rows and "rows" in self.changed_data:
            save_rows(self.kind, self.instance, self.cleaned_data["rows"])


@transaction.atomic
def save_rows(kind, block, rows: list[dict]) -> None:
    """Make a block's rows these, in this order, inside the revision being recorded.

    A row kept as it was keeps its identity (so the revision compare shows it moved, not removed and added), an
    edited one is updated in its old place, and only what is left over is added or deleted.
    """
    spec = kind.rows
    stored = list(spec.model.objects.filter(**{spec.parent_field: block}).order_by(spec.order_field, "pk"))
    columns = list(spec.columns)

    def values(row) -> tuple:
        return tuple(getattr(row, name) for name in columns)

    wanted = [tuple(row[name] for name in columns) for row in rows]
    unused = list(stored)
    chosen: list = [None] * len(rows)
    for index, row in enumerate(wanted):
        same = next((old for old in unused if values(old) == row), None)
        if same is not None:
            chosen[index] = same
            unused.remove(same)
    for index in range(len(rows)):
        if chosen[index] is None and unused:
            chosen[index] = unused.pop(0)
    spec.model.objects.filter(pk__in=[old.pk for old in unused]).delete()
    for order, (row, existing) in enumerate(zip(wanted, chosen, strict=True)):
        if existing is not None and values(existing) == row and getattr(existing, spec.order_field) == order:
            continue
        target = existing or spec.model(**{spec.parent_field: block})
        for name, value in zip(columns, row, strict=True):
            setattr(target, name, value)
        setattr(target, spec.order_field, order)
        target.save()
    block.__dict__.pop("pending_rows", None)


class BlockInline(ContentEditorInline):
    """A block kind's part of the body editor: one stacked form per block, placed by the editor, never numbered."""

    fk_name = "article"
    regions = [BODY]
    extra = 0
    classes = ["block-inline"]
    formfield_overrides = PICTURE_WIDGETS

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if self.has_change_permission(request, obj):
            return fields
        # Read only: the blocks are shown, not placed, and a table's rows as the lines they are.
        return [
            "row_lines" if name == "rows" else name for name in fields if name not in EDITOR_FIELDS
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if self.has_change_permission(request, obj) else [*readonly, "row_lines"]

    @admin.display(description="Rows")
    def row_lines(self, block):
        rows = self.form.kind.rows_of(block) if self.form.kind else []
        return "; ".join(
            ", ".join(filter(None, (str(getattr(row, name)) for name in self.form.kind.rows.columns))) for row in rows
        ) or "—"
