from django.apps import AppConfig
from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_migrate


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom content"

    def ready(self):
        from .images import limit_pixels, remove_renditions_of_deleted
        from .roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, sender=self)
        limit_pixels()
        setting_changed.connect(limit_pixels)
        post_delete.connect(remove_renditions_of_deleted, sender=self.get_model("Article"))
