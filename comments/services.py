"""State changes of comments. The reader's form, the moderators' admin actions and commands all call these."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import Article

from . import invalidation, ratelimit, spamfilter, tasks
from .checks import Submission, run_checks
from .identity import address_hash, email_hash
from .models import BannedCommenter, Comment, CommentFlag, CommentPolicy, ModerationAction, UsedFormToken
from .moderation import Policy, resolve_policy, status_for, strictest
from .text import body_html, unreadable_reason

logger = logging.getLogger(__name__)
Status = Comment.Status
Action = ModerationAction.Action
MODERATE_PERMISSION = "comments.moderate_comment"
UNSUBSCRIBE_SALT = "comments.unsubscribe"
FORM_USED = (
    "This form has already sent a comment. If you meant to send another, your text is below with a fresh form: "
    "send it again."
)


class CommentRefused(Exception):
    """A comment that cannot be taken; the message is for the reader, the status for the HTTP answer.

    `field` names the part of the form at fault when it is one (the comment replied to, say).
    """

    def __init__(self, message: str, *, status: int = 400, field: str = ""):
        super().__init__(message)
        self.message, self.status, self.field = message, status, field


def comment_policy(article: Article) -> Policy:
    """The policy in force for an article: site settings, overridden by its section's, then its own."""
    rows = {
        "article" if row.article_id else "section": (row.mode, row.close_after_days)
        for row in CommentPolicy.objects.filter(Q(article=article.pk) | Q(section=article.section_id))
    }
    return resolve_policy(
        site_mode=settings.COMMENTS_MODE, site_days=settings.COMMENTS_CLOSE_AFTER_DAYS,
        section=rows.get("section"), article=rows.get("article"), published_at=article.published_at,
    )


def comment_recount(*, article_ids=None) -> int:
    """Set each article's `comment_count` to its number of visible comments, in one UPDATE (all articles when
    `article_ids` is None). Every service that changes what readers see calls it in its own transaction for the
    article concerned: a decision on one comment changes the count of its whole subtree (a reply is shown only
    under shown comments). Returns how many articles it updated."""
    visible = (
        Comment.objects.visible().filter(article=OuterRef("pk")).order_by().values("article")
        .annotate(n=Count("pk")).values("n")
    )
    articles = Article.objects.all() if article_ids is None else Article.objects.filter(pk__in=article_ids)
    return articles.update(comment_count=Coalesce(Subquery(visible), 0))


def _notify(task, *args) -> None:
    """Queue a notification after the commit; a failure to queue is logged and never undoes the comment."""
    def enqueue():
        try:
            task.enqueue(*args)
        except Exception:  # noqa: BLE001 - the comment is stored; mail is best effort
            logger.exception("Could not queue %s", task.name)

    transaction.on_commit(enqueue)


def comment_submit(
    *, article: Article, name: str, email: str, body: str, parent: Comment | None = None,
    notify_replies: bool = False, ip: str = "", user=None, user_agent: str = "", referrer: str = "", now=None,
    form_nonce: str = "",
) -> Comment:
    """Take a reader's comment: check the policy, limits and spam checks, store it with the verdict's status.

    The checks (one may ask a remote service) run before the transaction that stores the comment opens. The form's
    `form_nonce` is spent in that transaction: a second comment from the same page view is refused, even on
    another app server at the same moment (the unique row decides).
    """
    now = now or timezone.now()
    body = body.strip()
    if not article.is_public:
        raise CommentRefused("This article is not open for comments.", status=404)
    policy = comment_policy(article)
    if not policy.is_open(now):
        raise CommentRefused("Comments are closed on this article.", status=403)
    if not body:
        raise CommentRefused("Write something before you send your comment.")
    if reason := unreadable_reason(name.strip()):
        raise CommentRefused(f"Name: {reason}")
    if len(body) > settings.COMMENTS_MAX_LENGTH:
        raise CommentRefused(f"Comments can be at most {settings.COMMENTS_MAX_LENGTH} characters; yours has {len(body)}.")
    if parent is not None:
        shown = Comment.objects.visible().filter(pk=parent.pk, erased=False)
        if parent.article_id != article.pk or not shown.exists():
            raise CommentRefused(
                "The comment you are replying to is no longer shown; your text is below as a new comment.",
                field="parent",
            )
        if parent.depth + 1 >= settings.COMMENTS_MAX_DEPTH:
            raise CommentRefused(
                f"Replies go {settings.COMMENTS_MAX_DEPTH} levels deep; your text is below as a new comment.",
                field="parent",
            )
    comment = Comment(
        article=article, parent=parent, author_name=name.strip(), author_email=email.strip(), body=body,
        created_at=now, notify_replies=notify_replies, user=user if user and user.is_authenticated else None,
    )
    try:
        comment.full_clean(exclude=["status", "reasons", "address_hash"], validate_constraints=False)
    except ValidationError as invalid:
        raise CommentRefused(" ".join(invalid.messages)) from invalid
    hashed = address_hash(ip)
    duplicate = Comment.objects.filter(
        article=article, author_email__iexact=email, body=body, created_at__gte=now - timedelta(days=1),
    ).exclude(status=Status.REMOVED)
    if duplicate.exists():
        raise CommentRefused("You have already posted this comment.", status=409)
    wait = ratelimit.hit(keys=[f"email:{email.lower()}", *([f"address:{hashed}"] if hashed else [])])
    if wait:
        raise CommentRefused(
            "You are commenting faster than we allow. Wait a little and send it again: your text is kept below.",
            status=429,
        )
    verdicts = run_checks(Submission(
        article_id=article.pk, body=body, author_name=name, author_email=email, address_hash=hashed,
        user_agent=user_agent, referrer=referrer, ip=ip,
    ))
    premoderated = policy.mode == "premoderated"
    comment.status = status_for(strictest(verdicts), premoderated=premoderated)
    comment.reasons = [f"{verdict.check}: {verdict.reason}" for verdict in verdicts]
    if premoderated:
        comment.reasons.append("policy: This article is pre-moderated.")
    comment.address_hash = hashed
    comment.spam_score = next((verdict.score for verdict in verdicts if verdict.score is not None), None)
    with transaction.atomic():
        if form_nonce:
            try:
                with transaction.atomic():
                    UsedFormToken.objects.create(nonce=form_nonce, used_at=now)
            except IntegrityError:
                raise CommentRefused(FORM_USED, status=409, field="token") from None
        comment.save()
        ModerationAction.objects.create(
            comment=comment, action=Action.AUTO, to_status=comment.status, at=now,
            reason="; ".join(comment.reasons) or "Every check passed.",
        )
        if comment.status == Status.PENDING:
            tasks.queue_moderator_notice(comment.pk)
        elif comment.status == Status.APPROVED:
            # Shown at once: its parent was checked to be shown above.
            Article.objects.filter(pk=article.pk).update(comment_count=F("comment_count") + 1)
            _on_approved(comment)
    # Spent tokens older than a form's lifetime would be refused as expired anyway.
    UsedFormToken.objects.filter(used_at__lt=now - timedelta(seconds=settings.COMMENTS_MAX_AGE_SECONDS)).delete()
    return comment


def _on_approved(comment: Comment) -> None:
    _notify(tasks.notify_article_authors, comment.pk)
    if comment.parent_id:
        _notify(tasks.notify_reply, comment.pk)


def _require_moderator(user) -> None:
    if not (user and user.is_active and user.has_perm(MODERATE_PERMISSION)):
        raise PermissionDenied("Only moderators can decide on comments.")


def _decide(*, comment: Comment, by, action: str, to_status: str, reason: str = "", learn: str = "") -> Comment:
    """Change one comment's status, close its reports, record the decision, and teach the filter."""
    _require_moderator(by)
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    from_status = locked.status
    locked.status = to_status
    if learn and locked.learned_as != learn:
        if locked.learned_as:
            spamfilter.unlearn(locked.body, spam=locked.learned_as == "spam")
        spamfilter.learn(locked.body, spam=learn == "spam")
        locked.learned_as = learn
    locked.save(update_fields=["status", "learned_as"])
    if Status.APPROVED in (from_status, to_status) and from_status != to_status:
        comment_recount(article_ids=[locked.article_id])
    locked.flags.filter(resolved=False).update(resolved=True)
    # Authors and repliers hear of a comment once, not again when it comes back after reports.
    first_approval = to_status == Status.APPROVED and not locked.actions.filter(to_status=Status.APPROVED).exists()
    ModerationAction.objects.create(
        comment=locked, action=action, by=by, from_status=from_status, to_status=to_status, reason=reason,
    )
    if first_approval:
        _on_approved(locked)
    return locked


@transaction.atomic
def comment_approve(*, comment: Comment, by, reason: str = "") -> Comment:
    return _decide(comment=comment, by=by, action=Action.APPROVE, to_status=Status.APPROVED, reason=reason, learn="ham")


@transaction.atomic
def comment_reject(*, comment: Comment, by, reason: str = "") -> Comment:
    return _decide(comment=comment, by=by, action=Action.REJECT, to_status=Status.REJECTED, reason=reason)


@transaction.atomic
def comment_mark_spam(*, comment: Comment, by, reason: str = "") -> Comment:
    return _decide(comment=comment, by=by, action=Action.SPAM, to_status=Status.SPAM, reason=reason, learn="spam")


@transaction.atomic
def comment_remove(*, comment: Comment, by, reason: str = "") -> Comment:
    return _decide(comment=comment, by=by, action=Action.REMOVE, to_status=Status.REMOVED, reason=reason)


@transaction.atomic
def comment_ban_commenter(*, comment: Comment, by, reason: str = "") -> BannedCommenter:
    """Ban the commenter's e-mail and address, and reject this comment and everything of theirs still waiting."""
    _require_moderator(by)
    if not comment.author_email and not comment.address_hash:
        raise CommentRefused("This commenter's data was erased: there is nothing left to ban them by.")
    ban = BannedCommenter.objects.create(
        email_hash=email_hash(comment.author_email), address_hash=comment.address_hash, reason=reason, by=by,
    )
    waiting = Comment.objects.filter(
        Q(pk=comment.pk) | Q(author_email__iexact=comment.author_email, status=Status.PENDING)
    )
    for each in waiting.select_for_update():
        if each.status in (Status.PENDING, Status.APPROVED):
            _decide(comment=each, by=by, action=Action.REJECT, to_status=Status.REJECTED, reason="Commenter banned.")
    ModerationAction.objects.create(comment=comment, action=Action.BAN, by=by, reason=reason or "Banned.")
    return ban


@transaction.atomic
def comment_flag(*, comment: Comment, reason: str, note: str = "", ip: str = "", user=None) -> CommentFlag:
    """Record a reader's report; enough open reports hide the comment until a moderator decides."""
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    if locked.erased:
        raise CommentRefused("This comment was removed.")
    if locked.status != Status.APPROVED:
        raise CommentRefused("This comment is already with our moderators.")
    hashed = address_hash(ip)
    if hashed:
        flag, _created = CommentFlag.objects.get_or_create(
            comment=locked, address_hash=hashed, defaults={"reason": reason, "note": note, "user": user},
        )
    else:
        flag = CommentFlag.objects.create(comment=locked, reason=reason, note=note, user=user)
    open_reports = locked.flags.filter(resolved=False).count()
    if open_reports >= settings.COMMENTS_REPORTS_TO_HIDE:
        locked.status = Status.PENDING
        locked.save(update_fields=["status"])
        comment_recount(article_ids=[locked.article_id])
        ModerationAction.objects.create(
            comment=locked, action=Action.HIDE, from_status=Status.APPROVED, to_status=Status.PENDING,
            reason=f"Hidden after {open_reports} reports from readers.",
        )
        tasks.queue_moderator_notice(locked.pk)
    return flag


def unsubscribe_token(comment: Comment) -> str:
    """The signed part of a reply mail's link to stop such mail: it names the comment, never the e-mail address."""
    return signing.dumps(comment.pk, salt=UNSUBSCRIBE_SALT)


def comment_for_unsubscribe_token(token: str) -> Comment | None:
    """The comment an unsubscribe link was made for, or None when the link was altered or the comment is gone."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Comment.objects.filter(pk=pk).first() if isinstance(pk, int) else None


@transaction.atomic
def commenter_unsubscribe(*, comment: Comment) -> int:
    """Stop mail about replies for every comment under this comment's e-mail address."""
    return Comment.objects.same_commenter(comment).filter(notify_replies=True).update(notify_replies=False)


def commenter_export(*, email: str) -> dict:
    """Everything stored about one e-mail address, as plain data a person can read."""
    comments = Comment.objects.filter(author_email__iexact=email).select_related("article").order_by("created_at")
    return {
        "email": email,
        "comments": [
            {
                "article": comment.article.headline,
                "url": comment.article.get_absolute_url(),
                "name": comment.author_name,
                "body": comment.body,
                "status": comment.status,
                "created_at": comment.created_at.isoformat(),
                "reply_notifications": comment.notify_replies,
                "stored_network_address": "a salted hash only" if comment.address_hash else "none",
            }
            for comment in comments
        ],
        "bans": [
            {"reason": ban.reason, "created_at": ban.created_at.isoformat(), "stored": "a salted hash of the address"}
            for ban in BannedCommenter.objects.filter(email_hash=email_hash(email))
        ],
    }


@transaction.atomic
def commenter_erase(*, email: str, by) -> int:
    """Erase what is stored about an e-mail address; comments stay in place as “[removed]” so threads read on.

    A ban stays: it holds only a salted hash, which names no one, and erasure is not a way around it.
    """
    comments = Comment.objects.filter(author_email__iexact=email)
    # A bulk update sends no signal: the pages showing these comments are invalidated here.
    invalidation.comments_changed(set(comments.values_list("article", flat=True)))
    erased = comments.update(
        author_name="[removed]", author_email="", body="[removed]", body_html=body_html("[removed]"), address_hash="",
        user=None, notify_replies=False, reasons=[], erased=True,
    )
    ModerationAction.objects.create(
        action=Action.ERASE, by=by, reason=f"Erased the personal data of one commenter ({erased} comments).",
    )
    return erased
