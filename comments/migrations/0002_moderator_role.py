"""Give the Moderator role its permissions (comments and nothing else), and editors the comment policies."""

from django.db import migrations

from articles.roles import revoke_roles_in_migration, sync_roles_in_migration


def grant(apps, schema_editor):
    sync_roles_in_migration(apps, app_label="comments")


def revoke(apps, schema_editor):
    revoke_roles_in_migration(apps, app_label="comments")


class Migration(migrations.Migration):
    dependencies = [("comments", "0001_initial"), ("articles", "0003_newsroom_groups")]

    operations = [migrations.RunPython(grant, revoke)]
