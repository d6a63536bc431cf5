"""Notifications, sent off the request path through Django's tasks framework."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.tasks import default_task_backend, task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

logger = logging.getLogger(__name__)
DIGEST_KEY = "comments:digest-queued"


def _moderator_emails() -> list[str]:
    users = get_user_model().objects.filter(
        Q(is_superuser=True)
        | Q(groups__permissions__codename="moderate_comment")
        | Q(user_permissions__codename="moderate_comment"),
        is_active=True,
    ).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _send(subject: str, template: str, context: dict, recipients: list[str]) -> int:
    if not recipients:
        return 0
    # Mail is read away from the site: its links carry the site's scheme and host.
    site = {"site_name": settings.NEWSROOM_SITE_NAME, "site_url": settings.NEWSROOM_SITE_URL}
    body = render_to_string(template, site | context)
    return send_mail(subject, body, None, recipients)


@task
def notify_moderator(comment_id: int) -> int:
    from .models import Comment

    comment = Comment.objects.select_related("article").filter(pk=comment_id, status=Comment.Status.PENDING).first()
    if comment is None:
        return 0
    return _send(
        f"A comment waits for moderation on “{comment.article.headline}”",
        "comments/email/held.txt", {"comments": [comment]}, _moderator_emails(),
    )


@task
def send_moderation_digest() -> int:
    """One mail listing every comment still waiting, instead of a mail per comment."""
    from .models import Comment

    waiting = list(Comment.objects.pending().select_related("article").order_by("created_at")[:100])
    if not waiting:
        return 0
    return _send(
        f"{len(waiting)} comment{'s' if len(waiting) != 1 else ''} wait for moderation",
        "comments/email/held.txt", {"comments": waiting}, _moderator_emails(),
    )


@task
def notify_article_authors(comment_id: int) -> int:
    from .models import Comment

    comment = Comment.objects.select_related("article").filter(pk=comment_id, status=Comment.Status.APPROVED).first()
    if comment is None:
        return 0
    emails = [
        author.user.email for author in comment.article.authors.select_related("user")
        if author.user and author.user.email
    ]
    return _send(f"New comment on “{comment.article.headline}”", "comments/email/new_comment.txt",
                 {"comment": comment}, emails)


@task
def notify_reply(comment_id: int) -> int:
    """Tell the commenter replied to, if they asked to hear about replies."""
    from .models import Comment

    reply = Comment.objects.select_related("parent", "article").filter(
        pk=comment_id, status=Comment.Status.APPROVED, parent__notify_replies=True,
    ).first()
    if reply is None or not reply.parent.author_email or reply.parent.author_email == reply.author_email:
        return 0
    from .services import unsubscribe_token

    unsubscribe_url = reverse("comments:unsubscribe", args=[unsubscribe_token(reply.parent)])
    return _send(f"{reply.author_name} replied to your comment", "comments/email/reply.txt",
                 {"comment": reply, "unsubscribe_url": unsubscribe_url}, [reply.parent.author_email])


def queue_moderator_notice(comment_id: int) -> None:
    """After the commit, queue a notice per held comment or one digest per interval, as configured.

    A digest is queued for the end of the interval by the first held comment; the cache key, which lives as long
    as the interval, keeps the others from queueing more.
    """
    mode = settings.COMMENTS_MODERATOR_NOTIFICATIONS

    def enqueue():
        try:
            if mode == "each":
                notify_moderator.enqueue(comment_id)
            elif mode == "digest" and cache.add(DIGEST_KEY, 1, timeout=settings.COMMENTS_DIGEST_MINUTES * 60):
                digest = send_moderation_digest
                if default_task_backend.supports_defer:
                    digest = digest.using(run_after=timezone.now() + timedelta(minutes=settings.COMMENTS_DIGEST_MINUTES))
                digest.enqueue()
        except Exception:  # noqa: BLE001 - the comment is stored; the notice is best effort
            logger.exception("Could not queue the moderators' notice for comment %s", comment_id)

    transaction.on_commit(enqueue)
