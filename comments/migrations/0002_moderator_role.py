"""Give the Moderator role its permissions (comments and nothing else), and editors the comment policies."""

from django.db import migrations

from articles.roles import ROLES, sync_roles_in_migration


def grant(apps, schema_editor):
    sync_roles_in_migration(apps, app_label="comments")


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, grants in ROLES.items():
        group = Group.objects.filter(name=role).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="comments", codename__in=grants.get("comments", []))
            )


class Migration(migrations.Migration):
    dependencies = [("comments", "0001_initial"), ("articles", "0003_newsroom_groups")]

    operations = [migrations.RunPython(grant, revoke)]
