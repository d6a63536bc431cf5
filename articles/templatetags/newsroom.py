import json
from urllib.parse import urlencode

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from articles import structured_data
from articles.blocks import registry as block_registry
from articles.pagination import KeysetPage
from articles.richtext import sanitize_html

register = template.Library()

# The escapes of Django's json_script: with them no string in the data can end the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def rich_text(html: str) -> str:
    """Render stored rich text through the allowlist, whatever path it was written by."""
    # Safe to mark: nh3's allowlist has just cleaned it.
    return mark_safe(sanitize_html(html))  # noqa: S308  # nosec


@register.filter
def json_ld(data) -> str:
    """Serialise structured data as strict JSON for a <script type="application/ld+json">, escaped as json_script does."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, allow_nan=False)
    # Safe to mark: JSON with <, > and & escaped cannot end the script element.
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308  # nosec


@register.simple_tag(takes_context=True)
def article_json_ld(context, article) -> list[dict]:
    """The JSON-LD blocks of an article page (NewsArticle, BreadcrumbList, FAQPage), as dicts."""
    return structured_data.article_graphs(article, context["request"])


@register.filter
def block_scripts(article) -> list[str]:
    """The scripts (static paths) the kinds of the article's blocks ask for, each once, in the registry's order."""
    present = {block.block_kind.name for block in article.body_blocks()}
    return list(dict.fromkeys(script for kind in block_registry if kind.name in present for script in kind.scripts))


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's one address for search engines: its path and only the parameters that change what it lists."""
    request = context.get("request")
    if request is None:
        return ""
    # Lists paged by keyset (articles.pagination) show their first page for an old `?page=`: it is not theirs.
    page_names = ("older", "newer") if isinstance(context.get("page_obj"), KeysetPage) else ("page",)
    kept = {key: request.GET[key] for key in ("q", *page_names) if request.GET.get(key)}
    if kept.get("page") == "1":
        del kept["page"]
    return request.build_absolute_uri(request.path + (f"?{urlencode(kept)}" if kept else ""))


@register.simple_tag(takes_context=True)
def page_query(context, number: int) -> str:
    """The query string of another page of this list: the same parameters, with `page` left out for the first."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    if number != 1:
        params["page"] = number
    return f"?{params.urlencode()}"


@register.simple_tag(takes_context=True)
def page_link(context, page, direction: str) -> str:
    """The query string of the "previous" or "next" page of a list, numbered (search) or by keyset (the others)."""
    if isinstance(page, KeysetPage):
        return page.link(context["request"].GET, direction)
    return page_query(context, page.previous_page_number() if direction == "previous" else page.next_page_number())


@register.simple_tag(takes_context=True)
def absolute_uri(context, url: str) -> str:
    """An address with scheme and host, as feeds and social networks need; absolute addresses pass unchanged."""
    return context["request"].build_absolute_uri(url)


@register.filter
def without_tag(messages, tag: str) -> list:
    """The messages not carrying this extra tag; those carrying it are shown where they belong on the page."""
    return [message for message in messages or () if tag not in (message.extra_tags or "").split()]
