"""The newsroom's roles and their permissions, kept in step by a data migration and after every migrate."""

ACTIONS = ("add", "change", "delete", "view")
# Writers and editors edit an article's parts as freely as the article: its bylines here, its blocks by kind
# (block_permissions).
BLOCK_ROLES = ("Writer", "Editor")
BYLINE_PERMISSIONS = [f"{action}_byline" for action in ACTIONS]

# role → app label → permission codenames
ROLES: dict[str, dict[str, list[str]]] = {
    "Writer": {
        "articles": [
            "view_section", "view_author", "add_article", "change_article", "view_article", *BYLINE_PERMISSIONS,
            "view_transition", "view_correction",
        ],
    },
    "Editor": {
        "articles": [
            "view_section", "add_section", "change_section", "view_author", "add_author", "change_author",
            "add_article", "change_article", "view_article", "delete_article", "publish_article", *BYLINE_PERMISSIONS,
            "view_transition", "add_correction", "view_correction",
        ],
        "comments": ["view_commentpolicy", "add_commentpolicy", "change_commentpolicy", "delete_commentpolicy"],
        "taggit": ["view_tag", "change_tag", "delete_tag"],
    },
    "Moderator": {
        "comments": [
            "view_comment", "change_comment", "moderate_comment", "view_commentflag", "change_commentflag",
            "view_moderationaction", "view_bannedcommenter", "add_bannedcommenter", "change_bannedcommenter",
            "delete_bannedcommenter", "view_wordrule", "add_wordrule", "change_wordrule", "delete_wordrule",
        ],
    },
}


def block_permissions(app_label: str) -> list[str]:
    """The permissions on the models of every registered block kind stored in this app (articles.blocks)."""
    from .blocks import registry

    return [
        f"{action}_{model._meta.model_name}"
        for kind in registry for model in kind.models() if model._meta.app_label == app_label for action in ACTIONS
    ]


def sync_roles(*, app_label: str, group_model, permission_model) -> None:
    """Create the roles and grant them this app's permissions; safe to run again."""
    kinds = block_permissions(app_label)
    for role, grants in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=role)
        codenames = grants.get(app_label, [])
        permissions = permission_model.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Permissions missing for {role}: {sorted(missing)}")
        group.permissions.add(*permissions)
        if role in BLOCK_ROLES:
            # A kind whose model an older migration does not know yet is granted when its own migration has run.
            group.permissions.add(
                *permission_model.objects.filter(content_type__app_label=app_label, codename__in=kinds),
            )


def sync_roles_in_migration(apps, *, app_label: str) -> None:
    """For data migrations: permissions are normally created after all migrations, but the roles need them now."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(app_label=app_label, group_model=apps.get_model("auth", "Group"),
               permission_model=apps.get_model("auth", "Permission"))


def revoke_roles_in_migration(apps, *, app_label: str) -> None:
    """For reversing data migrations: take one app's permissions back from the roles that were granted them."""
    group_model, permission_model = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    for role, grants in ROLES.items():
        group = group_model.objects.filter(name=role).first()
        if group:
            group.permissions.remove(*permission_model.objects.filter(
                content_type__app_label=app_label, codename__in=grants.get(app_label, []),
            ))


def sync_roles_after_migrate(sender, apps=None, **kwargs) -> None:
    """Runs after every migrate and test-database flush, once the permissions themselves exist."""
    if apps is None:
        from django.apps import apps
    sync_roles(
        app_label=sender.label,
        group_model=apps.get_model("auth", "Group"),
        permission_model=apps.get_model("auth", "Permission"),
    )
