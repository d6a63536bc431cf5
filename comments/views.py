import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.blocks import snapshot
from articles.models import Article
from articles.views import article_page_context
from newsroom.views import outage_response

from . import identity, services
from .forms import CommentForm, FlagForm
from .forms import form_token as new_form_token
from .models import Comment

# Messages about a comment are shown in the comments section, where the reader lands, not at the top of the page.
COMMENTS = "comments"


def client_ip(request) -> str:
    return identity.client_ip(request.META)


def _unavailable(request, status: int = 404):
    """The article went away while the reader wrote: give them their text back to keep."""
    return render(request, "comments/unavailable.html", {"body": request.POST.get("body", "")}, status=status)


def _commentable(article_id: int) -> Article | None:
    """The public article a comment is sent to: the row and its section, all a comment needs (not the page)."""
    return Article.objects.published().select_related("section__parent__parent").filter(pk=article_id).first()


def _show_again(request, article: Article, form: CommentForm, status: int):
    """The article page once more, with the reader's text and why it was not taken, and a fresh form token."""
    article = snapshot.attach(Article.objects.for_reader().get(pk=article.pk))
    context = article_page_context(article) | {"comment_form": form.refreshed()}
    return render(request, "articles/article_detail.html", context, status=status)


@require_POST
def post_comment(request, article_id: int):
    """Store a comment and go back to the article; on any refusal, show the page again with the text kept."""
    article = _commentable(article_id)
    if article is None:
        return _unavailable(request)
    form = CommentForm(request.POST, article_id=article.pk)
    status = 400
    if form.has_error(NON_FIELD_ERRORS, "token_used"):
        status = 409
    if not form.is_valid() and "parent" in form.errors:
        # Sent again as it comes back, the text goes in as a new comment instead of failing the same way.
        form.data = form.data.copy()
        form.data["parent"] = ""
    if form.is_valid():
        data = form.cleaned_data
        parent = Comment.objects.filter(pk=data["parent"], article=article).first() if data["parent"] else None
        try:
            if data["parent"] and parent is None:
                raise services.CommentRefused(
                    "The comment you are replying to is no longer shown; your text is below as a new comment.",
                    field="parent",
                )
            comment = services.comment_submit(
                article=article, name=data["name"], email=data["email"], body=data["body"], parent=parent,
                notify_replies=data["notify_replies"], ip=client_ip(request), user=request.user,
                user_agent=request.META.get("HTTP_USER_AGENT", ""), referrer=request.META.get("HTTP_REFERER", ""),
                form_nonce=form.nonce,
            )
        except services.CommentRefused as refused:
            form.add_error(None, refused.message)
            status = refused.status
            if refused.field == "parent":
                form.data = form.data.copy()
                form.data["parent"] = ""
        else:
            if comment.status == Comment.Status.APPROVED:
                messages.success(request, "Thank you: your comment is published.", extra_tags=COMMENTS)
                return _remember(redirect(f"{article.get_absolute_url()}#comment-{comment.pk}"), data)
            if comment.status == Comment.Status.REJECTED:
                messages.error(request, "Your comment was not accepted.", extra_tags=COMMENTS)
            else:
                messages.info(
                    request, "Thank you: your comment awaits moderation and will appear once a moderator approves it.",
                    extra_tags=COMMENTS,
                )
            return _remember(redirect(f"{article.get_absolute_url()}#comments"), data)
    return _show_again(request, article, form, status)


# The name and e-mail a reader last commented under, signed, so that the next form (in a page every reader shares)
# can be filled in for them by comment_form.js. Read by this site only (HttpOnly).
COMMENTER_COOKIE = "commenter"
COMMENTER_SALT = "comments.commenter"
COMMENTER_DAYS = 365


def _remember(response, data: dict):
    value = json.dumps({"name": data["name"], "email": data["email"]})
    response.set_signed_cookie(
        COMMENTER_COOKIE, value, salt=COMMENTER_SALT, max_age=COMMENTER_DAYS * 24 * 60 * 60, httponly=True,
        samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def remembered_commenter(request) -> dict:
    value = request.get_signed_cookie(
        COMMENTER_COOKIE, default=None, salt=COMMENTER_SALT, max_age=COMMENTER_DAYS * 24 * 60 * 60,
    )
    try:
        remembered = json.loads(value) if value else {}
    except ValueError:
        return {}
    if not isinstance(remembered, dict):
        return {}
    return {key: remembered[key] for key in ("name", "email") if isinstance(remembered.get(key), str)}


@require_GET
def form_token(request, article_id: int):
    """What a cached article page cannot hold for each reader: a CSRF token (and its cookie), a fresh form token,
    and the name and e-mail they last commented under."""
    if not Article.objects.published().filter(pk=article_id).exists():
        response = JsonResponse({"error": "This article takes no comments."}, status=404)
    else:
        response = JsonResponse(
            {"csrf": get_token(request), "token": new_form_token(article_id)} | remembered_commenter(request)
        )
    add_never_cache_headers(response)
    return response


def comment_form_expired(request, article_id: int):
    """The security check failed (an old page, cookies cleared): show the text again with a fresh form."""
    article = _commentable(article_id)
    if article is None:
        return _unavailable(request, status=403)
    form = CommentForm(request.POST, article_id=article.pk)
    form.is_valid()
    form.add_error(None, "This page was open too long for us to accept the comment safely. Your text is below: "
                         "please send it again.")
    return _show_again(request, article, form, 403)


def comment_not_stored(request, article_id: int):
    """The database is out of reach: the reader gets their comment back in a form to send again, with a fresh token."""
    initial = {field: request.POST.get(field, "") for field in ("name", "email", "body", "parent")}
    initial["notify_replies"] = bool(request.POST.get("notify_replies"))
    form = CommentForm(initial=initial, article_id=article_id)
    return outage_response(
        request, "comments/not_stored.html", {"form": form, "action": reverse("comments:post", args=[article_id])},
    )


def report_comment(request, comment_id: int):
    comment = get_object_or_404(
        Comment.objects.approved().select_related("article").filter(
            article__in=Article.objects.published(), erased=False,
        ),
        pk=comment_id,
    )
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_flag(
                comment=comment, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"],
                ip=client_ip(request), user=request.user if request.user.is_authenticated else None,
            )
        except services.CommentRefused as refused:
            messages.info(request, refused.message, extra_tags=COMMENTS)
        else:
            messages.success(
                request, "Thank you for your report: our moderators will look at this comment.", extra_tags=COMMENTS,
            )
        return redirect(f"{comment.article.get_absolute_url()}#comments")
    return render(request, "comments/report.html", {"comment": comment, "form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """The link in a reply mail: GET asks and changes nothing (mail scanners follow links), the POST stops the mail."""
    comment = services.comment_for_unsubscribe_token(token)
    if comment is None:
        raise Http404("This link is not valid.")
    if request.method == "POST":
        services.commenter_unsubscribe(comment=comment)
        return redirect(request.path)
    subscribed = Comment.objects.same_commenter(comment).filter(notify_replies=True).exists()
    return render(request, "comments/unsubscribe.html", {"subscribed": subscribed})


def privacy(request):
    return render(request, "comments/privacy.html", {"akismet": bool(settings.AKISMET_API_KEY)})
