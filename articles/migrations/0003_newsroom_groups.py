"""Create the newsroom's roles as groups with their permissions."""

from django.db import migrations

from articles.roles import sync_roles_in_migration


def create_roles(apps, schema_editor):
    sync_roles_in_migration(apps, app_label="articles")


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Writer", "Editor", "Moderator"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
