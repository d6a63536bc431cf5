"""Page-cache invalidation for the newsroom's content: each change bumps the tags of the pages that show it.

Connected in ArticlesConfig.ready(). Signals are the house's way for decoupled reactions such as this one; the
bumps run once the change commits (newsroom.pagecache.invalidate). Bulk `update()`s send no signal: the services
that use one on something readers see call `article_changed` themselves.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from taggit.models import Tag, TaggedItem

from newsroom.pagecache import invalidate

from . import cachetags
from .models import Article, Author, Byline, Correction, Section

# Only where a story stands decides whether lists change; other fields change its own page and cards only.
LIST_FIELDS = ("status", "published_at", "section_id")


def _is_public_state(status) -> bool:
    return status in Article.PUBLIC_STATES


def _public_lists(article_ids, *, whatever_status: bool = False) -> set[str]:
    """The lists the given stories appear in, for those that are public or scheduled (or all of them)."""
    rows = Article.objects.filter(pk__in=article_ids)
    if not whatever_status:
        rows = rows.filter(status__in=Article.PUBLIC_STATES)
    tags = set()
    for article in rows.prefetch_related("bylines", "tags"):
        tags |= cachetags.membership_tags(
            section_ids=[article.section_id],
            author_ids=[byline.author_id for byline in article.bylines.all()],
            tag_ids=[tag.pk for tag in article.tags.all()],
        )
    return tags


def article_changed(article_id: int) -> None:
    """A story's own page and every card of it; its lists too while it is public or scheduled."""
    invalidate({f"article:{article_id}"} | _public_lists([article_id]))


def _article_pre_save(sender, instance, raw=False, **kwargs):
    instance._pagecache_before = (
        Article.objects.filter(pk=instance.pk).values(*LIST_FIELDS).first() if instance.pk and not raw else None
    )


def _article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_pagecache_before", None) or {}
    tags = {f"article:{instance.pk}"}
    was_public = _is_public_state(before.get("status"))
    if was_public or _is_public_state(instance.status):
        # The lists it is in now, or has just left: its authors' and tags', its section's, and its old section's.
        tags |= _public_lists([instance.pk], whatever_status=True)
        if was_public:
            tags |= cachetags.membership_tags(section_ids=[before.get("section_id")])
        if was_public != _is_public_state(instance.status) or before.get("published_at") != instance.published_at:
            tags.add("schedule")
    invalidate(tags)


def _article_pre_delete(sender, instance, **kwargs):
    tags = {f"article:{instance.pk}"}
    if _is_public_state(instance.status):
        tags |= _public_lists([instance.pk], whatever_status=True) | {"schedule"}
    invalidate(tags)


def _related_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Article):
        invalidate({f"article:{instance.pk}"})


def _section_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # Its name is in the header of every page (top-level sections), in breadcrumbs and on cards; its address in the
    # sitemap; a new parent shows its stories in another section's list.
    old_parent = getattr(instance, "_pagecache_old_parent", "none")
    top_level = instance.parent_id is None or old_parent is None
    invalidate(
        {"sitemaps"} | ({"nav"} if top_level else set())
        | cachetags.section_tags([instance.pk, instance.parent_id, None if old_parent == "none" else old_parent])
    )


def _section_pre_save(sender, instance, raw=False, **kwargs):
    if instance.pk and not raw:
        instance._pagecache_old_parent = Section.objects.filter(pk=instance.pk).values_list("parent", flat=True).first()


def _author_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate({f"author:{instance.pk}", "sitemaps"})


def _tag_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        invalidate({f"tag:{instance.pk}", "sitemaps", "feeds"})


def _byline_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    tags = {f"article:{instance.article_id}", f"author:{instance.author_id}"}
    if Article.objects.filter(pk=instance.article_id, status__in=Article.PUBLIC_STATES).exists():
        tags |= {"home", "search", "feeds"}
    invalidate(tags)


def _tagged_item_changed(sender, instance, raw=False, **kwargs):
    if raw or ContentType.objects.get_for_id(instance.content_type_id).model_class() is not Article:
        return
    tags = {f"article:{instance.object_id}", f"tag:{instance.tag_id}"}
    if Article.objects.filter(pk=instance.object_id, status__in=Article.PUBLIC_STATES).exists():
        tags |= {"feeds", "sitemaps"}
    invalidate(tags)


def _tags_m2m_changed(sender, instance, action, pk_set=None, **kwargs):
    """taggit's add and remove send m2m_changed; `clear` says nothing of the tags it removes, so remember them."""
    if not isinstance(instance, Article):
        return
    if action == "pre_clear":
        instance._pagecache_cleared_tags = set(instance.tags.values_list("pk", flat=True))
        return
    if not action.startswith("post_"):
        return
    tag_ids = set(pk_set or ()) | getattr(instance, "_pagecache_cleared_tags", set())
    tags = {f"article:{instance.pk}"} | {f"tag:{pk}" for pk in tag_ids}
    if _is_public_state(instance.status):
        tags |= {"feeds", "sitemaps"}
    invalidate(tags)


def _correction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        # The page's "Updated" line, the feeds' and sitemaps' modification dates.
        invalidate({f"article:{instance.article_id}", "feeds", "sitemaps"})


def _block_changed_for(kind):
    rows = kind.rows

    def changed(sender, instance, raw=False, **kwargs):
        if raw:
            return
        if rows and isinstance(instance, rows.model):
            block_id = getattr(instance, f"{rows.parent_field}_id")
            article_id = kind.model.objects.filter(pk=block_id).values_list("article", flat=True).first()
        else:
            article_id = instance.article_id
        if article_id:
            invalidate({f"article:{article_id}"})

    return changed


_receivers = []


def connect() -> None:
    from .blocks import registry

    pairs = [
        (pre_save, _article_pre_save, Article), (post_save, _article_saved, Article),
        (pre_delete, _article_pre_delete, Article),
        (m2m_changed, _related_changed, Article.related.through),
        (pre_save, _section_pre_save, Section),
        (post_save, _section_changed, Section), (post_delete, _section_changed, Section),
        (post_save, _author_changed, Author), (post_delete, _author_changed, Author),
        (post_save, _tag_changed, Tag), (post_delete, _tag_changed, Tag),
        (post_save, _byline_changed, Byline), (post_delete, _byline_changed, Byline),
        (post_save, _tagged_item_changed, TaggedItem), (post_delete, _tagged_item_changed, TaggedItem),
        (m2m_changed, _tags_m2m_changed, TaggedItem),
        (post_save, _correction_changed, Correction), (post_delete, _correction_changed, Correction),
    ]
    for kind in registry:
        receiver = _block_changed_for(kind)
        _receivers.append(receiver)  # signals hold receivers weakly
        for model in kind.models():
            pairs += [(post_save, receiver, model), (post_delete, receiver, model)]
    for signal, receiver, model in pairs:
        signal.connect(receiver, sender=model, dispatch_uid=f"pagecache.{receiver.__qualname__}.{model._meta.label}")
