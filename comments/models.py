"""Readers' comments, their reports, moderators' decisions, and what the spam filter has learned."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Cast, Upper
from django.utils import timezone

from articles.models import Article, Section

from .text import body_html, shown_html


class Mode(models.TextChoices):
    OPEN = "open", "Open: published unless a check holds it"
    PREMODERATED = "premoderated", "Pre-moderated: every comment waits for a moderator"
    CLOSED = "closed", "Closed: no new comments"


class CommentPolicy(models.Model):
    """Comment settings for one section or one article, over the site's own (settings.COMMENTS_MODE…)."""

    section = models.OneToOneField(
        Section, null=True, blank=True, on_delete=models.CASCADE, related_name="comment_policy",
        help_text="Choose a section or an article, not both.",
    )
    article = models.OneToOneField(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="comment_policy",
    )
    mode = models.CharField(max_length=20, choices=Mode, blank=True, help_text="Empty: as the level above.")
    close_after_days = models.PositiveIntegerField(
        null=True, blank=True,
        help_text="Close comments this many days after publication. Empty: as the level above; 0: never.",
    )

    class Meta:
        verbose_name_plural = "comment policies"
        constraints = [
            models.CheckConstraint(
                condition=Q(section__isnull=True, article__isnull=False) | Q(section__isnull=False, article__isnull=True),
                name="policy_one_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"Article: {self.article}" if self.article_id else f"Section: {self.section}"


class CommentQuerySet(models.QuerySet):
    def approved(self):
        """Return comments a moderator has let through."""
        return self.filter(status=Comment.Status.APPROVED)

    def visible(self):
        """Return comments readers see: approved, under approved comments all the way up the thread."""
        condition, ancestor = Q(), "parent"
        for _level in range(settings.COMMENTS_MAX_DEPTH - 1):
            condition &= Q(**{f"{ancestor}__isnull": True}) | Q(**{f"{ancestor}__status": Comment.Status.APPROVED})
            ancestor += "__parent"
        return self.approved().filter(condition)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def reported(self):
        """Comments with reports no moderator has dealt with yet."""
        return self.filter(flags__resolved=False).distinct()

    def spam(self):
        return self.filter(status=Comment.Status.SPAM)

    def same_commenter(self, comment):
        """Every comment under this comment's e-mail address (none once that address was erased)."""
        if not comment.author_email:
            return self.none()
        return self.filter(author_email__iexact=comment.author_email)

    def for_thread(self, article):
        """An article's visible comments, oldest first, with what each one shows loaded up front."""
        return self.visible().filter(article=article).order_by("created_at", "pk")

    def with_history(self) -> list:
        """These comments, each with its commenter's approved, rejected and spam counts (`history_approved`, …).

        For a page of comments, after it is cut: one grouped count over the page's commenters, by their e-mail's
        index. Counting per row in the list's own query made PostgreSQL count for every row skipped on the way to
        a deep page of a million comments (25 s for page 1,000).
        """
        comments = list(self)
        counted = (Comment.Status.APPROVED, Comment.Status.REJECTED, Comment.Status.SPAM)
        counts = {
            (row["author_email"], row["status"]): row["n"]
            for row in Comment.objects.filter(
                author_email__in={comment.author_email for comment in comments}, status__in=counted,
            ).order_by().values("author_email", "status").annotate(n=Count("pk"))
        }
        for comment in comments:
            for status in counted:
                setattr(comment, f"history_{status}", counts.get((comment.author_email, status), 0))
        return comments


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"
        REMOVED = "removed", "Removed"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    # The thread's first comment, so a page of threads loads all its replies in one query.
    root = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="+", editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    author_name = models.CharField(max_length=80)
    author_email = models.EmailField(db_index=True, help_text="Never shown to readers.")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(max_length=3000)
    # Derived, never typed: the body as HTML (comments.text.body_html), made by save() and by erasure, so a page of
    # comments does not turn text into links for every comment on every view.
    body_html = models.TextField(blank=True, editable=False)
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    spam_score = models.FloatField(null=True, blank=True, help_text="The learned filter's spam probability.")
    reasons = models.JSONField(default=list, blank=True, help_text="Why the checks decided as they did.")
    address_hash = models.CharField(max_length=64, blank=True, db_index=True, help_text="Salted hash; no IP is stored.")
    notify_replies = models.BooleanField(default=False)
    erased = models.BooleanField(
        default=False, editable=False,
        help_text="The commenter's data was erased: shown as “[removed]”, without Reply or Report.",
    )
    # What a moderator's decision taught the spam filter, so a reversed decision can be unlearned.
    learned_as = models.CharField(max_length=10, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            # Counting an article's shown comments (comment_recount) and the moderation queues by article.
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx"),
            # A page of an article's threads: its approved roots in (created_at, pk) order from a keyset cursor;
            # their replies come by `root` (the foreign key's own index).
            models.Index(
                "article", "created_at", "id", name="comment_roots_idx",
                condition=Q(parent__isnull=True, status="approved"),
            ),
            # The moderation queues (pending, spam), newest or oldest first.
            models.Index(fields=["status", "created_at", "id"], name="comment_queue_idx"),
            # A commenter's comments by e-mail whatever its case (`author_email__iexact`: the first-comment check at
            # every post, same_commenter), the expression PostgreSQL compares, so no post reads the whole table.
            models.Index(Upper(Cast("author_email", models.TextField())), name="comment_email_ci_idx"),
        ]
        permissions = [("moderate_comment", "Can moderate reader comments")]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:50]}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @property
    def shown_html(self):
        """The body as the thread shows it."""
        return shown_html(self.body_html) if self.body_html else shown_html(body_html(self.body))

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.body_html = body_html(self.body)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "body_html"}
        if self.parent_id:
            self.depth = self.parent.depth + 1
            self.root_id = self.parent.root_id or self.parent_id
        super().save(*args, **kwargs)


class CommentFlag(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        ABUSE = "abuse", "Abusive or hateful"
        OFF_TOPIC = "off_topic", "Off topic"
        PERSONAL = "personal", "Shares someone's personal information"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(max_length=20, choices=Reason)
    note = models.CharField(max_length=300, blank=True)
    address_hash = models.CharField(max_length=64, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    resolved = models.BooleanField(default=False, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "address_hash"], condition=~Q(address_hash=""), name="flag_once_per_reader",
            ),
        ]
        # The "reported" queue: comments with reports no moderator has dealt with.
        indexes = [models.Index(fields=["comment"], condition=Q(resolved=False), name="flag_unresolved_idx")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on #{self.comment_id}"


class ModerationAction(models.Model):
    """Every decision on a comment: who, when, what, why."""

    class Action(models.TextChoices):
        APPROVE = "approve", "Approved"
        REJECT = "reject", "Rejected"
        SPAM = "spam", "Marked as spam"
        REMOVE = "remove", "Removed"
        BAN = "ban", "Banned commenter"
        HIDE = "hide", "Hidden after reports"
        AUTO = "auto", "Decided by the checks"
        ERASE = "erase", "Erased personal data"

    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    action = models.CharField(max_length=20, choices=Action)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.comment_id}"


class BannedCommenter(models.Model):
    """A ban keeps only salted hashes, so erasing a commenter's data never lifts it."""

    email_hash = models.CharField(max_length=64, blank=True, db_index=True)
    address_hash = models.CharField(max_length=64, blank=True, db_index=True)
    reason = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(email_hash="") | ~Q(address_hash=""), name="ban_names_someone"),
        ]

    def __str__(self) -> str:
        return f"e-mail {self.email_hash[:10]}…" if self.email_hash else f"address {self.address_hash[:10]}…"


class WordRule(models.Model):
    class Kind(models.TextChoices):
        BANNED = "banned", "Banned: the comment is marked as spam"
        SUSPECT = "suspect", "Suspect: the comment waits for a moderator"

    word = models.CharField(max_length=100, help_text="A word or phrase, matched whole and case-insensitively.")
    kind = models.CharField(max_length=20, choices=Kind)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["word", "kind"], name="word_rule_unique")]

    def __str__(self) -> str:
        return f"{self.word} ({self.kind})"


class SpamFilterState(models.Model):
    """The learned filter's word counts, one row shared by every app server."""

    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "spam filter state"

    def __str__(self) -> str:
        return "Learned spam filter"


class UsedFormToken(models.Model):
    """The token of a comment form that has sent its comment: each page view sends one comment, on any app server.

    Rows older than the form's lifetime are deleted: their tokens have expired anyway.
    """

    nonce = models.CharField(max_length=32, unique=True)
    used_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"Form {self.nonce} used {self.used_at:%Y-%m-%d %H:%M}"
