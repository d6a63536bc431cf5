from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin, served by the newsroom's site: the sign-in that asks for a code from a person's app."""

    default_site = "newsroom.admin_site.NewsroomAdminSite"

    def ready(self):
        super().ready()
        # The project's own deployment checks (the project package is no app of its own; the admin's config is ours).
        from . import checks  # noqa: F401
