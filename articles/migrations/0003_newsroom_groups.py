"""Create the newsroom's roles as groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

BLOCKS = ["byline", "textsection", "participanttable", "participant", "callout", "discussionprompt", "faqentry"]

ROLES = {
    "Writer": [
        "view_section", "view_author",
        "add_article", "change_article", "view_article",
        *[f"{action}_{model}" for model in BLOCKS for action in ("add", "change", "delete", "view")],
        "view_transition", "view_correction",
    ],
    "Editor": [
        "view_section", "add_section", "change_section",
        "view_author", "add_author", "change_author",
        "add_article", "change_article", "view_article", "delete_article", "publish_article",
        *[f"{action}_{model}" for model in BLOCKS for action in ("add", "change", "delete", "view")],
        "view_transition", "add_correction", "view_correction",
    ],
    # Moderators work on comments only; the comments app grants their permissions.
    "Moderator": [],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        group.permissions.add(*permissions)
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Permissions missing for {name}: {sorted(missing)}")


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
