import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from articles.models import Article
from newsroom.admin_pagination import EstimatedCountPaginator
from newsroom.admin_relations import SafeRelationsAdminMixin

from . import services
from .forms import PersonalDataForm
from .identity import email_hash
from .models import BannedCommenter, Comment, CommentFlag, CommentPolicy, ModerationAction, WordRule

def _reported():
    return Exists(CommentFlag.objects.filter(comment=OuterRef("pk"), resolved=False))


QUEUES = {
    "pending": ("Pending", lambda: Q(status=Comment.Status.PENDING)),
    "reported": ("Reported", lambda: Q(_reported())),
    "spam": ("Spam", lambda: Q(status=Comment.Status.SPAM)),
    "all": ("All", lambda: Q()),
}


class QueueFilter(admin.SimpleListFilter):
    """The moderator's queues, each with the number of comments in it."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        # One count per queue, each read from its index (comment_queue_idx, flag_unresolved_idx); the whole table
        # is estimated on PostgreSQL once it is big (newsroom.admin_pagination), never counted row by row.
        counts = {
            name: Comment.objects.filter(condition()).count() for name, (_label, condition) in QUEUES.items()
            if name != "all"
        }
        counts["all"] = EstimatedCountPaginator(Comment.objects.all(), 1).count
        return [(name, f"{label} ({counts[name]})") for name, (label, _condition) in QUEUES.items()]

    def value(self):
        return super().value() or "pending"

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        return queryset.filter(QUEUES.get(self.value(), QUEUES["pending"])[1]())


class FlagInline(admin.TabularInline):
    """Reports are closed by a decision on the comment (which is recorded), never ticked off by hand."""

    model = CommentFlag
    extra = 0
    fields = ["created_at", "reason", "note", "resolved"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ActionInline(admin.TabularInline):
    model = ModerationAction
    extra = 0
    fields = ["at", "by", "action", "from_status", "to_status", "reason"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "Decisions"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _bulk(service, done: str):
    """An admin action that runs one service per selected comment, inside the admin's request."""

    def action(modeladmin, request, queryset):
        if not request.user.has_perm(services.MODERATE_PERMISSION):
            raise PermissionDenied
        count = 0
        for comment in queryset:
            try:
                service(comment=comment, by=request.user, reason=f"Bulk action in the {modeladmin.queue(request)} queue")
            except services.CommentRefused as refused:
                modeladmin.message_user(request, f"Comment #{comment.pk}: {refused.message}", messages.WARNING)
            else:
                count += 1
        modeladmin.message_user(request, f"{count} comment{'s' if count != 1 else ''} {done}.", messages.SUCCESS)

    return action


# The buttons on a comment's page: the decision, its label, the service that takes it, and what the message says.
DECISIONS = {
    "approve": ("Approve", services.comment_approve, "approved"),
    "reject": ("Reject", services.comment_reject, "rejected"),
    "spam": ("Mark spam", services.comment_mark_spam, "marked as spam"),
    "remove": ("Remove", services.comment_remove, "removed"),
    "ban": ("Ban commenter", services.comment_ban_commenter, "had its commenter banned"),
}
# A decision that would leave a comment as it is gets no button.
DECISION_STATUS = {
    "approve": Comment.Status.APPROVED, "reject": Comment.Status.REJECTED, "spam": Comment.Status.SPAM,
    "remove": Comment.Status.REMOVED,
}


def _reasons(reasons: list[str]) -> str:
    """The stored reasons as a list a moderator reads, one reason to a line."""
    return render_to_string("admin/comments/comment/_reasons.html", {"reasons": reasons})


class CommentChangeList(ChangeList):
    """The moderation list: each comment on the page with its commenter's history, counted once the page is cut."""

    def get_results(self, request):
        super().get_results(request)
        self.result_list = self.result_list.with_history()


@admin.register(Comment)
class CommentAdmin(SafeRelationsAdminMixin, admin.ModelAdmin):
    change_list_template = "admin/comments/comment/change_list.html"
    change_form_template = "admin/comments/comment/change_form.html"
    list_display = ["excerpt", "author_name", "article_link", "in_reply_to", "status", "why", "history", "created_at"]
    list_filter = [QueueFilter, "status", "created_at"]
    list_select_related = ["article", "parent"]
    search_fields = ["body", "author_name", "author_email", "article__headline"]
    # Its list of years is a DISTINCT over the queue: quick for the pending, reported and spam queues, 0.85 s for
    # "all" at a million comments (docs/performance.md).
    date_hierarchy = "created_at"
    list_per_page = 50
    # A million comments: no second count of the whole table, and an estimate for the unfiltered list.
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    readonly_fields = [
        "article", "parent", "author_name", "author_email", "user", "body", "status", "created_at", "spam_score",
        "reasons_list", "notify_replies",
    ]
    fields = readonly_fields
    inlines = [FlagInline, ActionInline]
    actions = ["approve", "reject", "mark_spam", "remove", "ban"]

    def queue(self, request) -> str:
        return QUEUES.get(request.GET.get("queue", "pending"), QUEUES["pending"])[0]

    def get_changelist(self, request, **kwargs):
        return CommentChangeList

    def get_search_results(self, request, queryset, search_term):
        """Each word in the comment's text, name or e-mail address (trigram indexes on PostgreSQL) or in its
        article's headline, looked up first, so that no join sits inside the OR and each part uses its index."""
        words = search_term.split()
        if not words:
            return queryset, False
        for word in words:
            articles = list(Article.objects.filter(headline__icontains=word).values_list("pk", flat=True)[:1000])
            queryset = queryset.filter(
                Q(body__icontains=word) | Q(author_name__icontains=word) | Q(author_email__icontains=word)
                | Q(article__in=articles)
            )
        return queryset, False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Comment")
    def excerpt(self, comment):
        return Truncator(comment.body).chars(120)

    @admin.display(description="Article", ordering="article__headline")
    def article_link(self, comment):
        return Truncator(comment.article.headline).chars(60)

    @admin.display(description="In reply to")
    def in_reply_to(self, comment):
        return f"{comment.parent.author_name}: {Truncator(comment.parent.body).chars(60)}" if comment.parent else "—"

    @admin.display(description="Why")
    def why(self, comment):
        return _reasons(comment.reasons)

    @admin.display(description="Reasons")
    def reasons_list(self, comment):
        return _reasons(comment.reasons)

    @admin.display(description="Commenter's history")
    def history(self, comment):
        return (
            f"{comment.history_approved or 0} approved, {comment.history_rejected or 0} rejected, "
            f"{comment.history_spam or 0} spam"
        )

    approve = admin.action(description="Approve selected comments")(_bulk(services.comment_approve, "approved"))
    reject = admin.action(description="Reject selected comments")(_bulk(services.comment_reject, "rejected"))
    mark_spam = admin.action(description="Mark selected comments as spam")(_bulk(services.comment_mark_spam, "marked as spam"))
    remove = admin.action(description="Remove selected comments")(_bulk(services.comment_remove, "removed"))
    ban = admin.action(description="Ban the selected comments' authors")(
        _bulk(services.comment_ban_commenter, "had their authors banned")
    )

    def get_urls(self):
        return [
            path("personal-data/", self.admin_site.admin_view(self.personal_data_view), name="comments_personal_data"),
            path("<path:object_id>/decide/", self.admin_site.admin_view(require_POST(self.decide_view)),
                 name="comments_comment_decide"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """A comment's page offers decisions, not saving: every field on it is read-only."""
        decisions = []
        if obj is not None and request.user.has_perm(services.MODERATE_PERMISSION):
            decisions = [
                (name, label) for name, (label, _service, _done) in DECISIONS.items()
                if DECISION_STATUS.get(name) != obj.status and (name != "ban" or obj.author_email or obj.address_hash)
            ]
        context["decisions"] = decisions
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def decide_view(self, request, object_id):
        """Take one decision on one comment through the same service as the bulk actions, then go back to the queue."""
        if not request.user.has_perm(services.MODERATE_PERMISSION):
            raise PermissionDenied
        comment = self.get_object(request, unquote(object_id))
        if comment is None:
            raise Http404("No such comment.")
        filters = {"opts": self.opts, "preserved_filters": self.get_preserved_filters(request)}
        back = add_preserved_filters(filters, reverse("admin:comments_comment_change", args=[comment.pk]))
        # Each decision is its own submit button, named as the admin names its own (_save, _continue).
        decision = next((name for name in DECISIONS if f"decide-{name}" in request.POST), None)
        if decision is None:
            self.message_user(request, "Choose one of the decisions.", messages.ERROR)
            return redirect(back)
        _label, service, done = DECISIONS[decision]
        # A ban keeps its reason in a 300-character field; the decision's record keeps the same words.
        reason = request.POST.get("reason", "").strip()[:300] or "Decided on the comment's page."
        try:
            service(comment=comment, by=request.user, reason=reason)
        except services.CommentRefused as refused:
            self.message_user(request, f"Comment #{comment.pk}: {refused.message}", messages.WARNING)
            return redirect(back)
        self.message_user(request, f"Comment #{comment.pk} {done}.", messages.SUCCESS)
        return redirect(add_preserved_filters(filters, reverse("admin:comments_comment_changelist")))

    def personal_data_view(self, request):
        """Export or erase everything stored about one commenter's e-mail address."""
        if not request.user.has_perm(services.MODERATE_PERMISSION):
            raise PermissionDenied
        form = PersonalDataForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            email = form.cleaned_data["email"]
            if "erase" in request.POST:
                if not form.cleaned_data["confirm"]:
                    form.add_error("confirm", "Tick the box to confirm the erasure.")
                else:
                    erased = services.commenter_erase(email=email, by=request.user)
                    self.message_user(request, f"Erased the data of {erased} comment{'s' if erased != 1 else ''}.")
                    return redirect(reverse("admin:comments_personal_data"))
            else:
                response = HttpResponse(
                    json.dumps(services.commenter_export(email=email), indent=2, ensure_ascii=False),
                    content_type="application/json",
                )
                response["Content-Disposition"] = 'attachment; filename="commenter-data.json"'
                return response
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
                   "title": "Commenter's personal data"}
        return TemplateResponse(request, "admin/comments/personal_data.html", context)


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = ["at", "by", "action", "comment", "from_status", "to_status", "reason"]
    list_filter = ["action", "by"]
    list_select_related = ["by", "comment"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BanForm(forms.ModelForm):
    email = forms.EmailField(required=False, help_text="Kept only as a salted hash.")

    class Meta:
        model = BannedCommenter
        fields = ["email", "reason"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email"):
            self.instance.email_hash = email_hash(cleaned["email"])
        if not self.instance.email_hash and not self.instance.address_hash:
            raise forms.ValidationError("Give the e-mail address to ban, or ban from a comment in the queue.")
        return cleaned


@admin.register(BannedCommenter)
class BannedCommenterAdmin(SafeRelationsAdminMixin, admin.ModelAdmin):
    form = BanForm
    list_display = ["__str__", "reason", "by", "created_at"]
    search_fields = ["reason"]
    readonly_fields = ["by", "created_at"]

    def get_search_results(self, request, queryset, search_term):
        """Search by e-mail address: its hash is what a ban keeps."""
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if "@" in search_term:
            queryset |= self.model.objects.filter(email_hash=email_hash(search_term))
        return queryset, duplicates

    def save_model(self, request, obj, form, change):
        obj.by = obj.by or request.user
        super().save_model(request, obj, form, change)


@admin.register(WordRule)
class WordRuleAdmin(admin.ModelAdmin):
    list_display = ["word", "kind"]
    list_filter = ["kind"]
    search_fields = ["word"]


@admin.register(CommentPolicy)
class CommentPolicyAdmin(SafeRelationsAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "mode", "close_after_days"]
    autocomplete_fields = ["section", "article"]
