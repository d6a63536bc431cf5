import dataclasses
import functools

from crispy_forms.utils import render_crispy_form
from django import template
from django.conf import settings
from django.core.paginator import Page
from django.db.models import Q, QuerySet
from django.utils import timezone

from articles import pagination
from articles.models import Article
from articles.pagination import make_cursor, parse_cursor
from comments.checks import readable_reason
from comments.forms import CommentForm
from comments.models import Comment
from comments.services import comment_policy
from newsroom import pagecache
from comments.text import body_html, shown_html
from newsroom.ids import parse_id

register = template.Library()



@register.filter
def comment_text(body: str) -> str:
    """A reader's plain text, escaped, with web addresses as links that pass no ranking and open nothing."""
    return shown_html(body_html(body))


@register.filter
def readable_reasons(reasons) -> list[str]:
    """The reasons stored with a comment, as moderators read them."""
    return [readable_reason(reason) for reason in reasons or ()]


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, 0) if mapping else 0


@register.simple_tag
def comment_counts(*groups) -> dict[int, int]:
    """Shown-comment counts for every article found in the given values and lists, read from the articles
    themselves (`Article.comment_count`, kept by the comments services): no query."""
    return {article.pk: article.comment_count for article in _articles_in(groups)}


def _articles_in(value):
    if isinstance(value, Article):
        yield value
    elif isinstance(value, (list, tuple, QuerySet, Page)):
        for item in value:
            yield from _articles_in(item)


@dataclasses.dataclass
class Thread:
    """One page of an article's threads, flattened in reading order for a template that loops without recursing.

    Each comment carries `has_replies` (its replies follow, in a nested list) and `closes` (how many nested lists
    end after it). `earlier` and `later` are the cursors of the links to the neighbouring pages, or "" for none.
    """

    comments: list
    earlier: str = ""
    later: str = ""


def _thread(article, params) -> Thread:
    """A page of root comments and every visible reply in them, in one query and without counting the rest.

    Pages are cut by keyset, on the roots' (time, id), so the last page of a long discussion costs what the first
    does: `comments_after` shows the threads after a root, `comments_before` those before one. Old links
    (`?comments=N`) and cursors that match nothing show the first page.
    """
    per_page = settings.COMMENTS_PER_PAGE
    after, before = parse_cursor(params.get("comments_after")), parse_cursor(params.get("comments_before"))
    if not article.comment_count and not (after or before):
        # Nothing shown yet (the count is kept with every decision): no query to find nothing.
        return Thread(comments=[])
    roots = Comment.objects.for_thread(article).filter(parent=None)
    if after:
        roots = roots.filter(pagination.after("created_at", after))
    elif before:
        roots = roots.filter(pagination.before("created_at", before)).order_by("-created_at", "-pk")
    page = roots.values("pk")[: per_page + 1]
    rows = list(Comment.objects.for_thread(article).filter(Q(pk__in=page) | Q(root__in=page)))
    firsts = [comment for comment in rows if comment.parent_id is None]
    if not firsts and (after or before):
        return _thread(article, {})
    earlier, later = bool(after), bool(before)
    if len(firsts) > per_page:
        if before:
            firsts, earlier = firsts[1:], True
        else:
            firsts, later = firsts[:-1], True
    children: dict[int, list[Comment]] = {}
    for reply in rows:
        if reply.parent_id is not None:
            children.setdefault(reply.parent_id, []).append(reply)
    flat: list[Comment] = []
    for root in firsts:
        _flatten(root, children, flat)
    return Thread(
        comments=flat,
        earlier=make_cursor(firsts[0].created_at, firsts[0].pk) if earlier and firsts else "",
        later=make_cursor(firsts[-1].created_at, firsts[-1].pk) if later and firsts else "",
    )


def _flatten(root: Comment, children: dict, flat: list) -> None:
    """Add a thread to `flat` depth first, marking where nested lists open and close."""
    stack, start = [root], len(flat)
    while stack:
        comment = stack.pop()
        replies = children.get(comment.pk, [])
        comment.has_replies = bool(replies)
        flat.append(comment)
        stack.extend(reversed(replies))
    thread = flat[start:]
    for comment, following in zip(thread, [*thread[1:], None], strict=True):
        comment.closes = range(0 if comment.has_replies else comment.depth - (following.depth if following else root.depth))


def _comment_messages(messages) -> list:
    """The messages about comments (tagged "comments" by the views): the section shows them, not the page's top."""
    return [message for message in messages or () if "comments" in (message.extra_tags or "").split()]


@functools.cache
def _blank_form_html() -> str:
    """The shared form as every page shows it before anyone writes: the same markup on every article (the address it
    is sent to and the tokens are not part of it), so it is rendered once per process, not at every request."""
    return render_crispy_form(CommentForm(article_id=0, shared=True))


@register.simple_tag
def comment_form_fields(form) -> str:
    """The comment form's fields: those of a blank shared form as rendered once, any other (a reader's text coming
    back, a reply) rendered now."""
    if form.shared and not form.is_bound and not form.initial:
        return _blank_form_html()
    return render_crispy_form(form)


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comment_section(context, article):
    request = context["request"]
    policy = comment_policy(article)
    thread = _thread(article, request.GET)
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
        "thread": thread,
        "count": article.comment_count,
        "is_open": policy.is_open(now),
        "form": form,
        "reply_to": reply_to,
        "max_depth": settings.COMMENTS_MAX_DEPTH,
        "reply_depth": settings.COMMENTS_MAX_DEPTH - 1,  # the deepest comment that still offers Reply
        "privacy_notice": settings.COMMENTS_PRIVACY_NOTICE,
        "privacy_url": settings.COMMENTS_PRIVACY_URL,
        "privacy_link_text": settings.COMMENTS_PRIVACY_LINK_TEXT,
        "messages": _comment_messages(context.get("messages")),
        "request": request,
    }
