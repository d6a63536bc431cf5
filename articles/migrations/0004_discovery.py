"""Discovery: search columns, a focal point and renditions for lead images; a GIN index on PostgreSQL only."""

import django.contrib.postgres.search
import django.core.validators
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models

SEARCH_INDEX = GinIndex(fields=["search_vector"], name="article_search_vector_idx")


def add_search_index(apps, schema_editor):
    # Kept out of Article.Meta.indexes: SQLite rebuilds tables from the model state and cannot build a GIN index.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Article"), SEARCH_INDEX)


def remove_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("articles", "Article"), SEARCH_INDEX)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0003_newsroom_groups'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='lead_image_focal_x',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Where the subject is, in per cent from the left edge (0–100); cropped versions keep it in view. Leave both empty for the centre.', null=True, validators=[django.core.validators.MaxValueValidator(100)], verbose_name='focal point, across'),
        ),
        migrations.AddField(
            model_name='article',
            name='lead_image_focal_y',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Where the subject is, in per cent from the top edge (0–100).', null=True, validators=[django.core.validators.MaxValueValidator(100)], verbose_name='focal point, down'),
        ),
        migrations.AddField(
            model_name='article',
            name='lead_image_renditions',
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.AddField(
            model_name='article',
            name='search_text',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name='article',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(add_search_index, remove_search_index),
    ]
