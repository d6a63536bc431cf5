"""What a block kind declares, and the registry that holds the kinds (shaped like Django's system-check registry)."""

import dataclasses
from collections.abc import Iterator
from typing import Any

import reversion
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Prefetch
from django.db.models.signals import post_delete, post_save

from .. import images


@dataclasses.dataclass(frozen=True)
class Rows:
    """Typed rows saved with a block (a table's participants): their model, link to the block and order."""

    model: type[Model]
    related_name: str
    parent_field: str
    # The columns a writer fills in, in the order the editor shows them.
    columns: tuple[str, ...] = ()
    order_field: str = "order"


@dataclasses.dataclass(frozen=True)
class Renditions:
    """A picture stored with each block, and the field that describes the renditions made of it (articles.images).

    `services.article_make_block_renditions` makes them, in `shapes` only; they are removed with the block.
    """

    picture_field: str
    field: str
    shapes: tuple[str, ...] = ("full",)


class BlockKind:
    """One kind of body block. Subclass it, set the attributes, override what differs, and register it.

    The stored model needs a foreign key `article` to `articles.Article` and a `position`; the rest of the site
    reads a block only through its kind.
    """

    # A stable identifier: the admin, the page's grouping and the gate's field names use it.
    name: str = ""
    model: type[Model]
    template: str = ""
    # Neighbouring blocks of a grouped kind render as one part (one FAQ, one set of prompts): the template gets
    # `blocks`, `article` and `continued`; otherwise it is rendered once per block with `block`.
    grouped: bool = False
    rows: Rows | None = None
    renditions: Renditions | None = None
    # Scripts (static paths) the article page loads once when its body has a block of this kind.
    scripts: tuple[str, ...] = ()
    # The admin's body editor: the block's form, its inline (one of the editor's) and the fields the writer fills.
    form: type | None = None
    inline: type | None = None
    admin_fields: list[str] = []
    # How the kind's button in the body editor looks: a Material icon name.
    icon: str = "notes"
    # The importer's parsed item this kind stores (see `load`), for the demo loader.
    import_type: type | None = None

    @property
    def related_name(self) -> str:
        """The article's accessor for the blocks of this kind (`article.callouts`)."""
        return self.model._meta.get_field("article").remote_field.get_accessor_name()

    @property
    def label(self) -> str:
        """What the model is called in the app registry, as Django's content types know it."""
        return self.model._meta.label_lower

    def prefetch(self) -> str | Prefetch:
        """What `Article.for_article_page` prefetches: one query for this kind, one more for its rows."""
        if self.rows:
            return Prefetch(self.related_name, queryset=self.model.objects.prefetch_related(self.rows.related_name))
        return self.related_name

    def blocks_of(self, article) -> list:
        return list(getattr(article, self.related_name).all())

    def rows_of(self, block) -> list:
        if not self.rows:
            return []
        # The gate reading a form as it stands sees the rows typed in it, saved or not.
        if hasattr(block, "pending_rows"):
            return list(block.pending_rows)
        if getattr(block, "pk", "stored") is None:
            return []
        return list(getattr(block, self.rows.related_name).all())

    def search_text(self, block) -> list[str]:
        """The block's words for site search, in reading order."""
        return []

    def gate(self, doc, block, *, number: int, article) -> None:
        """Add what the quality gate reads of this block to `doc` (a `quality.Document`), named `<kind> <number>`.

        Each part says where it is typed (`block_uid`, `form_field`), so a finding leads the writer to the field."""

    def revision_fields(self, fields: dict) -> list[tuple[str, str, bool]]:
        """The block as stored in a revision (its field values by attribute name), as the fields an editor compares:
        (label, text, whether it is rich text). By default the admin's fields but the position, which the compare
        shows as the block's place in the body instead."""
        from ..revisions import fields_shown  # the revisions module reads the registry, so it is imported late

        return fields_shown(self.model, fields, self.editable_fields())

    def structured_data(self, article, blocks: list, absolute) -> dict | None:
        """A JSON-LD graph this kind adds to the article page, read from all its blocks; None for none."""
        return None

    def load(self, article, item, *, position: int) -> int:
        """Store one parsed item of `import_type` for the demo loader; return the position used last."""
        raise NotImplementedError(f"{self.name} blocks cannot be imported")

    def admin_inline(self, *mixins: type) -> type:
        """The inline the article's body editor shows for this kind, built once per set of mixins."""
        from .forms import BlockForm, BlockInline, RowsField  # the forms read the registry's kinds, so they come late

        cache = self.__dict__.setdefault("_inlines", {})
        if mixins not in cache:
            declared = {"rows": RowsField(model=self.rows.model, columns=list(self.rows.columns))} if self.rows else {}
            form = type(f"{self.model.__name__}Form", (self.form or BlockForm,), {
                "kind": self, "__module__": __name__, **declared,
                "Meta": type("Meta", (), {"model": self.model, "fields": self.editable_fields()}),
            })
            fields = ["uid", "region", "ordering", *self.editable_fields(), *(["rows"] if self.rows else [])]
            attrs = {
                "model": self.model, "form": form, "fields": fields, "icon": self.icon, "__module__": __name__,
            }
            cache[mixins] = type(f"{self.model.__name__}Inline", (*mixins, self.inline or BlockInline), attrs)
        return cache[mixins]

    def editable_fields(self) -> list[str]:
        """The model fields the writer fills in: the admin's fields that are the model's own."""
        return [name for name in self.admin_fields if name != "position" and _is_model_field(self.model, name)]

    def models(self) -> list[type[Model]]:
        """Every model a block of this kind is stored in: the block's and its rows'."""
        return [self.model, *([self.rows.model] if self.rows else [])]


class Registry:
    """The block kinds, in the order they were registered (the admin's order)."""

    def __init__(self) -> None:
        self._kinds: dict[str, BlockKind] = {}

    def register(self, kind_class: type[BlockKind]) -> type[BlockKind]:
        kind = kind_class()
        if not kind.name or kind.name in self._kinds:
            raise ValueError(f"A block kind needs a name of its own: {kind.name!r}")
        self._kinds[kind.name] = kind
        for model in kind.models():
            if not reversion.is_registered(model):
                follow = [kind.rows.related_name] if kind.rows and model is kind.model else []
                reversion.register(model, follow=follow)
        if kind.renditions:
            # A deleted block's renditions go with it (its picture goes with its field).
            remove = images.remove_renditions_with(kind.renditions.picture_field, kind.renditions.field)
            post_delete.connect(remove, sender=kind.model, weak=False, dispatch_uid=_renditions_uid(kind))
        for model in kind.models():
            for signal in (post_save, post_delete):
                uid = _snapshot_uid(kind, model)
                signal.connect(_BodyChanged(kind, model), sender=model, weak=False, dispatch_uid=uid)
        _register_article_history(self)
        return kind_class

    def unregister(self, name: str) -> None:
        kind = self._kinds.pop(name)
        for model in kind.models():
            if reversion.is_registered(model):
                reversion.unregister(model)
        post_delete.disconnect(sender=kind.model, dispatch_uid=_renditions_uid(kind))
        for model in kind.models():
            for signal in (post_save, post_delete):
                signal.disconnect(sender=model, dispatch_uid=_snapshot_uid(kind, model))
        _register_article_history(self)

    def __iter__(self) -> Iterator[BlockKind]:
        return iter(list(self._kinds.values()))

    def __len__(self) -> int:
        return len(self._kinds)

    def get(self, name: str) -> BlockKind:
        return self._kinds[name]

    def for_model(self, model: type[Model]) -> BlockKind:
        """The kind a block model belongs to."""
        for kind in self._kinds.values():
            if kind.model._meta.concrete_model is model._meta.concrete_model:
                return kind
        raise LookupError(f"{model.__name__} is no registered block kind")

    def for_label(self, label: str) -> tuple[BlockKind, bool] | None:
        """The kind of a stored model by its `app_label.model` label, and whether the model is the kind's rows."""
        for kind in self._kinds.values():
            if kind.label == label:
                return kind, False
            if kind.rows and kind.rows.model._meta.label_lower == label:
                return kind, True
        return None

    def for_import(self, item: Any) -> BlockKind:
        for kind in self._kinds.values():
            if kind.import_type is not None and isinstance(item, kind.import_type):
                return kind
        raise LookupError(f"No block kind imports {type(item).__name__}")


def _renditions_uid(kind: BlockKind) -> str:
    return f"articles.blocks.renditions.{kind.name}"


def _snapshot_uid(kind: BlockKind, model: type[Model]) -> str:
    return f"articles.blocks.snapshot.{kind.name}.{model._meta.label_lower}"


class _BodyChanged:
    """Clears the article's copy of its body (articles.blocks.snapshot) when a block or one of its rows is written."""

    def __init__(self, kind: BlockKind, model: type[Model]):
        self.kind, self.model = kind, model

    def __call__(self, sender, instance, **kwargs):
        from .snapshot import body_changed

        if self.model is self.kind.model:
            body_changed(article_ids=[instance.article_id])
        else:
            parent = self.model._meta.get_field(self.kind.rows.parent_field)
            owners = self.kind.model._base_manager.filter(pk=getattr(instance, parent.attname))
            body_changed(article_ids=owners.values("article_id"))


def _is_model_field(model: type[Model], name: str) -> bool:
    try:
        return model._meta.get_field(name).concrete
    except FieldDoesNotExist:
        return False


def _register_article_history(kinds: Registry) -> None:
    """An article's revision holds its bylines and every block of every registered kind."""
    article = apps.get_model("articles", "Article")
    if reversion.is_registered(article):
        reversion.unregister(article)
    reversion.register(
        article, exclude=article.HISTORY_EXCLUDE, follow=[*article.HISTORY_FOLLOW, *(k.related_name for k in kinds)],
    )


registry = Registry()
register = registry.register
