"""Tags: give every stored tag a slug its web address accepts, and let editors look after tags in the admin."""

from django.db import migrations

from articles.roles import revoke_roles_in_migration, sync_roles_in_migration
from articles.tags import repair_slugs


def repair(apps, schema_editor):
    repair_slugs(apps.get_model("taggit", "Tag"))


def grant(apps, schema_editor):
    sync_roles_in_migration(apps, app_label="taggit")


def revoke(apps, schema_editor):
    revoke_roles_in_migration(apps, app_label="taggit")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_discovery"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunPython(repair, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
    ]
