"""Give the Moderator role its permissions: comments and nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR = [
    "view_comment", "change_comment", "moderate_comment",
    "view_commentflag", "change_commentflag",
    "view_moderationaction",
    "view_bannedcommenter", "add_bannedcommenter", "change_bannedcommenter", "delete_bannedcommenter",
    "view_wordrule", "add_wordrule", "change_wordrule", "delete_wordrule",
]
EDITOR = ["view_commentpolicy", "add_commentpolicy", "change_commentpolicy", "delete_commentpolicy"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in {"Moderator": MODERATOR, "Editor": EDITOR}.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="comments", codename__in=codenames)
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Permissions missing for {name}: {sorted(missing)}")
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in {"Moderator": MODERATOR, "Editor": EDITOR}.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="comments", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("comments", "0001_initial"), ("articles", "0003_newsroom_groups")]

    operations = [migrations.RunPython(grant, revoke)]
