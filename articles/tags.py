"""Tags as readers reach them: every tag has a slug that its web address accepts, whatever its name."""

import hashlib
import re

from django.urls.converters import StringConverter

# What taggit's slugs and the tag admin allow (django.core.validators.validate_unicode_slug): letters and digits of
# any script, hyphens and underscores.
SLUG_PATTERN = r"[-\w]+"


class UnicodeSlugConverter(StringConverter):
    """A URL part holding a slug in any script, as taggit makes them: “zürich”, “são-paulo”, “日本”."""

    regex = SLUG_PATTERN


def usable_slug(name: str, slug: str, *, max_length: int) -> str:
    """The slug as made, or one built from the name when nothing usable is left (“>”, “--”), cut to the field's size.

    taggit's own numbered suffix (“_2”), added when a slug is taken, is kept when the rest is shortened.
    """
    base, suffix = re.fullmatch(r"(.*?)(_\d+)?", slug or "", flags=re.DOTALL).groups()
    suffix = suffix or ""
    base = base.strip("-_")
    if not base:
        base = "tag-" + hashlib.blake2s(name.encode(), digest_size=4).hexdigest()
    return base[: max_length - len(suffix)].rstrip("-_") + suffix


def give_tag_a_usable_slug(sender, instance, **kwargs) -> None:
    """pre_save of taggit's Tag: never store an empty or over-long slug; never take another tag's."""
    max_length = sender._meta.get_field("slug").max_length
    first = usable_slug(instance.name, instance.slug, max_length=max_length)
    others = sender._default_manager.exclude(pk=instance.pk) if instance.pk else sender._default_manager.all()
    slug, number = first, 1
    while others.filter(slug=slug).exists():
        number += 1
        slug = usable_slug(instance.name, f"{first}_{number}", max_length=max_length)
    instance.slug = slug


def repair_slugs(tag_model) -> None:
    """Give every stored tag whose slug its address cannot carry a usable one (for the data migration)."""
    pattern = re.compile(rf"{SLUG_PATTERN}\Z")
    max_length = tag_model._meta.get_field("slug").max_length
    for tag in tag_model._default_manager.order_by("pk"):
        if not pattern.fullmatch(tag.slug) or len(tag.slug) > max_length or not tag.slug.strip("-_"):
            tag.slug = ""
            give_tag_a_usable_slug(tag_model, tag)
            tag_model._default_manager.filter(pk=tag.pk).update(slug=tag.slug)


def public_tags():
    """Return the tags a reader may see: those of at least one public article (a draft's tags stay unseen)."""
    from taggit.models import Tag

    from .models import Article

    return Tag.objects.filter(pk__in=Article.objects.published().values("tags"))
