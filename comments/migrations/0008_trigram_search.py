"""Trigram indexes for the moderators' searches (the admin's `icontains`, which PostgreSQL runs as
UPPER(column) LIKE UPPER('%words%')): on PostgreSQL only, where pg_trgm is; SQLite has no use for them."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations
from django.db.models.functions import Upper

COMMENT_INDEXES = [
    GinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=f"comment_{field}_trgm_idx")
    for field in ("body", "author_name", "author_email")
]
# The article admin searches headline, subheadline and slug (one OR: each part needs its index).
ARTICLE_INDEXES = [
    GinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=f"article_{field}_trgm_idx")
    for field in ("headline", "subheadline", "slug")
]


def add_indexes(apps, schema_editor):
    # Kept out of Meta.indexes: SQLite rebuilds tables from the model state and cannot build a GIN index.
    if schema_editor.connection.vendor == "postgresql":
        for index in COMMENT_INDEXES:
            schema_editor.add_index(apps.get_model("comments", "Comment"), index)
        for index in ARTICLE_INDEXES:
            schema_editor.add_index(apps.get_model("articles", "Article"), index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in COMMENT_INDEXES:
            schema_editor.remove_index(apps.get_model("comments", "Comment"), index)
        for index in ARTICLE_INDEXES:
            schema_editor.remove_index(apps.get_model("articles", "Article"), index)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_listing_indexes"),
        ("comments", "0007_listing_indexes"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(add_indexes, remove_indexes),
    ]
