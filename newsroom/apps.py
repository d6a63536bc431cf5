from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin, served by the newsroom's site: the sign-in that asks for a code from a person's app."""

    default_site = "newsroom.admin_site.NewsroomAdminSite"
