from django.apps import AppConfig
from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom content"

    def ready(self):
        from django.apps import apps
        from django.utils.module_loading import autodiscover_modules
        from taggit.models import Tag

        from . import checks  # noqa: F401 - registers the checks of the gate's settings
        from .images import limit_pixels, remove_renditions_of_deleted
        from .roles import sync_roles_after_migrate
        from .tags import give_tag_a_usable_slug

        # The block kinds: ours, and those other apps declare in a `blocks` module.
        autodiscover_modules("blocks")
        from .blocks import registry

        for label in {model._meta.app_label for kind in registry for model in kind.models()} - {self.label}:
            post_migrate.connect(sync_roles_after_migrate, sender=apps.get_app_config(label))
        post_migrate.connect(sync_roles_after_migrate, sender=self)
        limit_pixels()
        setting_changed.connect(limit_pixels)
        post_delete.connect(remove_renditions_of_deleted, sender=self.get_model("Article"))
        # The page's copy of the body holds the corrections too (blocks connect theirs in the registry).
        for signal in (post_save, post_delete):
            signal.connect(_corrections_changed, sender=self.get_model("Correction"), dispatch_uid="articles.snapshot")
        # Editors look after tags, which live in taggit's app: its permissions are granted once they exist.
        post_migrate.connect(sync_roles_after_migrate, sender=apps.get_app_config("taggit"))
        pre_save.connect(give_tag_a_usable_slug, sender=Tag, dispatch_uid="articles.tag_slug")
        # Stored public pages showing what changed are rendered again (newsroom.pagecache).
        from .invalidation import connect as connect_page_cache

        connect_page_cache()


def _corrections_changed(sender, instance, **kwargs):
    from .blocks.snapshot import body_changed

    body_changed(article_ids=[instance.article_id])
