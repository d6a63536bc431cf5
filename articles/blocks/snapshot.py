"""A copy of an article's body kept on its own row (`Article.body_snapshot`), so the public page reads every block of
every kind, their rows and the corrections with the article itself: one query instead of one per kind.

The copy is derived and disposable. Every save or delete of a block, a block's row or a correction clears it (the
registry connects `body_changed` to each model it stores blocks in), whatever made the change: the admin, a revert,
the importers, the demo loader or a service. The next reader finds it empty, reads the blocks as stored and keeps a
new copy. Writing that copy is conditional on `Article.body_generation`, which every clearing raises: a reader that
read the blocks just before a writer changed them cannot store the old body over the new one.

The editors' tools (the admin, the quality gate, revisions, search) keep reading the blocks as stored.
"""

from collections import defaultdict

from django.db.models import F, Model, QuerySet
from django.db.models.fields.files import FieldFile

# Raised when what the copy holds changes shape; a copy of another format is read as missing and rebuilt.
FORMAT = 1


def body_changed(*, article_ids) -> None:
    """Clear the copy of these articles' bodies: their blocks, rows or corrections have just changed."""
    from ..models import Article

    if not isinstance(article_ids, QuerySet):
        article_ids = [pk for pk in article_ids if pk is not None]
        if not article_ids:
            return
    Article.objects.filter(pk__in=article_ids).update(body_snapshot=None, body_generation=F("body_generation") + 1)


def attach(article):
    """Give `article` its blocks (and their rows) and corrections as `for_article_page()` would, from its copy when it
    has a current one; otherwise read them as stored and keep a copy for the next reader. Returns the article."""
    from django.db.models import prefetch_related_objects

    from ..models import Article, block_kinds

    if _restore(article, article.body_snapshot):
        return article
    prefetch_related_objects([article], *(kind.prefetch() for kind in block_kinds()), "corrections")
    snapshot = _take(article)
    Article.objects.filter(pk=article.pk, body_generation=article.body_generation).update(body_snapshot=snapshot)
    article.body_snapshot = snapshot
    return article


def _fields(model: type[Model]) -> list:
    return list(model._meta.concrete_fields)


def _plain(field, obj):
    """A field's value as JSON keeps it; `to_python` turns it back."""
    value = field.value_from_object(obj)
    if value is None or (isinstance(value, bool | int | float | str) and not isinstance(value, FieldFile)):
        return value
    return field.value_to_string(obj)


def _dump(model: type[Model], objects) -> dict:
    fields = _fields(model)
    return {"fields": [f.attname for f in fields], "rows": [[_plain(f, obj) for f in fields] for obj in objects]}


def _take(article) -> dict:
    from ..models import Correction, block_kinds

    kinds = {}
    for kind in block_kinds():
        blocks = kind.blocks_of(article)
        kinds[kind.name] = _dump(kind.model, blocks)
        if kind.rows:
            rows = [row for block in blocks for row in getattr(block, kind.rows.related_name).all()]
            kinds[kind.name]["children"] = _dump(kind.rows.model, rows)
    return {"format": FORMAT, "kinds": kinds, "corrections": _dump(Correction, article.corrections.all())}


def _load(model: type[Model], data: dict, db: str) -> list | None:
    fields = _fields(model)
    if data.get("fields") != [f.attname for f in fields]:
        return None
    names = data["fields"]
    return [model.from_db(db, names, [f.to_python(v) for f, v in zip(fields, row, strict=True)]) for row in data["rows"]]


def _cache(obj, name: str, items: list) -> None:
    """Fill the related manager's cache as `prefetch_related` does, so `obj.<name>.all()` reads `items`."""
    queryset = getattr(obj, name).get_queryset()
    queryset._result_cache = items
    queryset._prefetch_done = True
    obj.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def _restore(article, snapshot) -> bool:
    from ..models import Correction, block_kinds

    if not isinstance(snapshot, dict) or snapshot.get("format") != FORMAT:
        return False
    db = article._state.db or "default"
    kinds = list(block_kinds())
    stored = snapshot.get("kinds") or {}
    if set(stored) != {kind.name for kind in kinds}:
        return False
    loaded = {}
    for kind in kinds:
        blocks = _load(kind.model, stored[kind.name], db)
        if blocks is None:
            return False
        children = None
        if kind.rows:
            children = _load(kind.rows.model, stored[kind.name].get("children") or {}, db)
            if children is None:
                return False
        loaded[kind] = (blocks, children)
    corrections = _load(Correction, snapshot.get("corrections") or {}, db)
    if corrections is None:
        return False
    for kind, (blocks, children) in loaded.items():
        article_field = kind.model._meta.get_field("article")
        for block in blocks:
            article_field.set_cached_value(block, article)
        if kind.rows:
            by_block, parent = defaultdict(list), kind.rows.model._meta.get_field(kind.rows.parent_field)
            blocks_by_pk = {block.pk: block for block in blocks}
            for row in children:
                owner = blocks_by_pk.get(getattr(row, parent.attname))
                if owner is not None:
                    parent.set_cached_value(row, owner)
                    by_block[owner.pk].append(row)
            for block in blocks:
                _cache(block, kind.rows.related_name, by_block.get(block.pk, []))
        _cache(article, kind.related_name, blocks)
    for correction in corrections:
        Correction._meta.get_field("article").set_cached_value(correction, article)
    _cache(article, "corrections", corrections)
    return True
