from django.apps import AppConfig


class BlockKindConfig(AppConfig):
    name = "tests.blockkind"
    label = "blockkind"
    default_auto_field = "django.db.models.BigAutoField"
