from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    """Give every template the site's name and its top-level sections, fetched only if a page shows them."""
    from articles.models import Section

    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "nav_sections": SimpleLazyObject(lambda: list(Section.objects.filter(parent=None))),
    }
