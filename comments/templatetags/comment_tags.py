import nh3
from django import template
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.template.defaultfilters import linebreaksbr, urlize
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.models import Article
from comments.checks import readable_reason
from comments.forms import CommentForm
from comments.models import Comment
from comments.services import comment_policy
from newsroom import pagecache
from newsroom.ids import parse_id

register = template.Library()

_comment_cleaner = nh3.Cleaner(
    tags={"a", "br"}, attributes={"a": {"href"}}, url_schemes={"http", "https"},
    link_rel="nofollow ugc noopener",
)


@register.filter
def comment_text(body: str) -> str:
    """A reader's plain text, escaped, with web addresses as links that pass no ranking and open nothing."""
    # Safe to mark: escaped by urlize, then cleaned by nh3 to links and line breaks only.
    return mark_safe(_comment_cleaner.clean(linebreaksbr(urlize(body, autoescape=True), autoescape=False)))  # noqa: S308  # nosec


@register.filter
def readable_reasons(reasons) -> list[str]:
    """The reasons stored with a comment, as moderators read them."""
    return [readable_reason(reason) for reason in reasons or ()]


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, 0) if mapping else 0


@register.simple_tag
def comment_counts(*groups) -> dict[int, int]:
    """Approved-comment counts for every article found in the given values and lists, in one query."""
    ids = {article.pk for article in _articles_in(groups)}
    if not ids:
        return {}
    rows = Comment.objects.visible().filter(article__in=ids).values("article").annotate(n=Count("pk"))
    return {row["article"]: row["n"] for row in rows}


def _articles_in(value):
    if isinstance(value, Article):
        yield value
    elif isinstance(value, (list, tuple, QuerySet, Page)):
        for item in value:
            yield from _articles_in(item)


def _thread(article, page_number):
    """One page of threads and every approved reply in them, in a fixed number of queries."""
    roots = Comment.objects.for_thread(article).filter(parent=None)
    page = Paginator(roots, settings.COMMENTS_PER_PAGE).get_page(page_number)
    root_ids = [comment.pk for comment in page]
    children: dict[int, list[Comment]] = {}
    for reply in Comment.objects.for_thread(article).filter(root__in=root_ids):
        children.setdefault(reply.parent_id, []).append(reply)
    for comment in [*page, *[reply for replies in children.values() for reply in replies]]:
        comment.thread_replies = children.get(comment.pk, [])
    return page


def _comment_messages(messages) -> list:
    """The messages about comments (tagged "comments" by the views): the section shows them, not the page's top."""
    return [message for message in messages or () if "comments" in (message.extra_tags or "").split()]


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comment_section(context, article):
    request = context["request"]
    policy = comment_policy(article)
    page = _thread(article, request.GET.get("comments"))
    form = context.get("comment_form")
    reply_to = None
    now = timezone.now()
    if policy.closes_at is not None and policy.closes_at > now:
        # The form disappears by itself then: a stored copy of the page must not outlive it.
        pagecache.expire_no_later_than(request, policy.closes_at)
    if form is None:
        form = CommentForm(article_id=article.pk, shared=True)
        if reply_id := parse_id(request.GET.get("reply_to")):
            reply_to = Comment.objects.approved().filter(article=article, pk=reply_id, erased=False).first()
            if reply_to:
                form.initial["parent"] = reply_to.pk
    elif reply_id := parse_id(form.data.get("parent")):
        reply_to = Comment.objects.approved().filter(article=article, pk=reply_id).first()
    return {
        "article": article,
        "page": page,
        "count": Comment.objects.visible().filter(article=article).count(),
        "is_open": policy.is_open(now),
        "form": form,
        "reply_to": reply_to,
        "max_depth": settings.COMMENTS_MAX_DEPTH,
        "privacy_notice": settings.COMMENTS_PRIVACY_NOTICE,
        "privacy_url": settings.COMMENTS_PRIVACY_URL,
        "privacy_link_text": settings.COMMENTS_PRIVACY_LINK_TEXT,
        "messages": _comment_messages(context.get("messages")),
        "request": request,
    }
