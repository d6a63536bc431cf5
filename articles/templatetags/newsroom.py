from django import template
from django.utils.safestring import mark_safe

from articles.richtext import sanitize_html

register = template.Library()


@register.filter
def rich_text(html: str) -> str:
    """Render stored rich text through the allowlist, whatever path it was written by."""
    return mark_safe(sanitize_html(html))
