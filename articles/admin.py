import copy
import hashlib
import json
from datetime import timedelta

import reversion

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.views.main import ChangeList
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from content_editor.admin import ContentEditor
from reversion.admin import VersionAdmin
from reversion.models import Version
from taggit import admin as taggit_admin
from taggit.models import Tag

from newsroom.admin_pagination import EstimatedCountPaginator
from newsroom.admin_relations import SafeRelationsAdminMixin
from newsroom.ids import parse_id

from . import conflicts, presence, quality, revisions, services
from .blocks import registry as block_kinds
from .blocks.forms import PICTURE_WIDGETS
from .models import (
    Article, Author, Autosave, Byline, BylineOptOut, Correction, GateAcknowledgement, Section, Transition,
)
from .previews import preview_url
from .workflow import MOVES, available_moves, can_edit, is_editor

# What a content save writes: everything but where the article stands in the workflow.
CONTENT_FIELDS = [
    field.name for field in Article._meta.concrete_fields
    if not field.primary_key and field.name not in (*Article.WORKFLOW_FIELDS, *Article.SNAPSHOT_FIELDS)
]


class SaveRefused(Exception):
    """A save that a check made after validation refuses; the admin rolls it back and shows the form again."""


class RefusableSaveMixin:
    """Roll a refused save back (revision included) and show the same form, with the person's text and why."""

    def _refusable(self, request, view, *args):
        try:
            return view(request, *args)
        except SaveRefused as refused:
            request.newsroom_save_refused = str(refused)
            for upload in request.FILES.values():
                upload.seek(0)
            return view(request, *args)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        message = getattr(request, "newsroom_save_refused", None)
        if not message:
            return form_class

        class RefusedForm(form_class):
            def clean(self):
                super().clean()
                raise ValidationError(message, code="save_refused")

        return RefusedForm

    def refuse_gate_errors_on_public(self, request, article: Article) -> None:
        """A public article never takes an error the save brings in; the errors it had before the save (a rule turned
        on since, an imported archive) never stop a correction. The stored findings come from `remember_gate`."""
        if article.status not in Article.PUBLIC_STATES:
            return
        # Without the findings before the save (a path that did not remember them), every error counts as new.
        before = getattr(request, "newsroom_gate_before", [])
        errors = services.introduced_errors(before, services.article_check(article=article))
        if errors:
            listed = "; ".join(f"{finding.rule} in {finding.label}: “{finding.text}”" for finding in errors[:5])
            raise SaveRefused(
                f"This article is public, so changes the quality check refuses were not saved: they bring in "
                f"{len(errors)} new error{'s' if len(errors) != 1 else ''} ({listed}). Fix them and save again; "
                "errors the article already had do not stop a save."
            )

    @staticmethod
    def remember_gate(request, findings: list) -> None:
        """Keep the gate's findings on the article as stored, before this request saves anything over it."""
        request.newsroom_gate_before = findings


def workflow_states(article_ids) -> dict[int, dict]:
    """Where each of these articles stands in the workflow now, and its picture, to be put back after a revert.

    A replaced picture's file is removed, so an old revision's picture may no longer exist.
    """
    kept = (*Article.WORKFLOW_FIELDS, *Article.PICTURE_FILE_FIELDS)
    rows = Article.objects.filter(pk__in=[pk for pk in article_ids if pk]).values("pk", *kept)
    return {row.pop("pk"): row for row in rows}


class GuardedHistoryMixin:
    """Old versions open only through the history of the object they belong to, for people who may change it now.

    django-reversion reverts a version's whole revision and checks permissions on the rows it has just written back;
    so the version must come from this object's history, every row of its revision must belong to this object's
    article, the check runs on the article as it stands, the workflow state stays as it is, and the log says so.
    """

    def history_article(self, obj) -> Article:
        """The article whose history this object is part of."""
        return obj.article

    def may_recover(self, request, article: Article | None) -> bool:
        """Whether this person may bring back a deleted object of this admin's model into this article."""
        return self.has_add_permission(request) and article is not None and article_is_editable(request, article)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        return self._refusable(request, self._guarded_revision_view, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        return self._refusable(request, self._guarded_recover_view, version_id, extra_context)

    def _guarded_revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such object.")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        article = self.history_article(obj)
        version_pk = parse_id(version_id)
        version = Version.objects.get_for_object(obj).filter(pk=version_pk).first() if version_pk else None
        if version is None or revisions.articles_in(version.revision) != {article.pk}:
            raise Http404("This revision is not part of this article's history.")
        # Before the old revision is written back: a revert is refused only for errors it brings in.
        self.remember_gate(request, services.article_check(article=article))
        # A revert needs a note (get_form) and first shows what it will change, compared with the article as it is.
        request.newsroom_revert = True
        context = {
            **(extra_context or {}),
            "workflow_states": workflow_states([article.pk]),
            "revision_record": {"article": article.pk, "saved_at": version.revision.date_created},
            "revert_from": revisions.article_snapshot(article),
        }
        return super().revision_view(request, quote(str(obj.pk)), str(version.pk), context)

    def _guarded_recover_view(self, request, version_id, extra_context=None):
        version_pk = parse_id(version_id)
        version = Version.objects.get_deleted(self.model).filter(pk=version_pk).first() if version_pk else None
        owners = revisions.articles_in(version.revision) if version else set()
        if len(owners) != 1 or None in owners:
            raise Http404("There is no deleted object to recover with this number.")
        (article_id,) = owners
        if not self.may_recover(request, Article.objects.filter(pk=article_id).first()):
            raise PermissionDenied
        # A recovered article comes back as a draft; a recovered block leaves its article where it stands.
        record = "recovery_record" if self.model is Article else "revision_record"
        context = {
            **(extra_context or {}),
            "workflow_states": workflow_states([article_id]),
            record: {"article": article_id, "saved_at": version.revision.date_created},
        }
        return super().recover_view(request, str(version.pk), context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Runs inside the revert's transaction, after the old revision was written back; a form shown again (GET, or
        # a refused save) rolls all of this back, so the log entry stays only when the revert is saved.
        context = extra_context or {}
        if "revision_record" in context or "recovery_record" in context:
            # The old revision is already written back: saving it must record it, even with the form untouched.
            request.newsroom_save_always = True
        for pk, state in context.get("workflow_states", {}).items():
            Article.objects.filter(pk=pk).update(**state)
        if record := context.get("revision_record"):
            before = getattr(request, "newsroom_gate_before", [])
            context = {**context, **self._revert_preview(record["article"], context.get("revert_from"), before)}
            note = request.POST.get("revert_note", "").strip()
            # Without a note the form refuses the save (get_form) and the whole revert is rolled back.
            if request.method == "POST" and note:
                services.article_record_revert(
                    article_id=record["article"], by=request.user, saved_at=record["saved_at"], note=note,
                )
        if record := context.get("recovery_record"):
            services.article_record_recovery(article_id=record["article"], by=request.user, saved_at=record["saved_at"])
        return super().changeform_view(request, object_id, form_url, context)

    @staticmethod
    def _revert_preview(article_id: int, before, findings_before: list) -> dict:
        """What the revert written back (not yet saved) changes, and the gate's errors on the result: on a public
        article, those it brings in would refuse it."""
        article = Article.objects.get(pk=article_id)
        diff = revisions.compare(before, revisions.article_snapshot(article)) if before else None
        findings = services.article_check(article=article)
        public = article.status in Article.PUBLIC_STATES
        new_errors = services.introduced_errors(findings_before, findings)
        return {
            "revert_diff": diff,
            "revert_effects": revisions.revert_effects(diff) if diff else None,
            "revert_errors": new_errors if public else [finding for finding in findings if finding.severity == "error"],
            "revert_refused": bool(new_errors) and public,
        }

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        if not (getattr(request, "newsroom_revert", False) and request.method == "POST"):
            return form_class
        if request.POST.get("revert_note", "").strip():
            return form_class

        class NoteMissingForm(form_class):
            def clean(self):
                super().clean()
                raise ValidationError(
                    "Say why you are reverting: the note is kept in the article's workflow history.",
                    code="revert_note_missing",
                )

        return NoteMissingForm


@admin.register(Section)
class SectionAdmin(SafeRelationsAdminMixin, admin.ModelAdmin):
    list_display = ["name", "parent", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(SafeRelationsAdminMixin, admin.ModelAdmin):
    list_display = ["name", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    autocomplete_fields = ["user"]


def describe_state(article: Article) -> str:
    """Where an article stands, with times in the newsroom's time zone: “scheduled for 29 Nov 2026, 08:30 GMT”."""
    when = timezone.localtime(article.published_at) if article.published_at else None
    if article.status == Article.Status.SCHEDULED and when:
        verb = "published (scheduled)" if article.is_public else "scheduled for"
        return f"{verb} {when:%d %b %Y, %H:%M} {when.tzname()}"
    if article.status == Article.Status.PUBLISHED and when:
        return f"published {when:%d %b %Y, %H:%M} {when.tzname()}"
    return article.get_status_display().lower()


def article_is_editable(request, article) -> bool:
    # An article not saved yet (the add page) is the writer's own.
    return article is None or article.pk is None or can_edit(request.user, article)


class ArticlePartInline:
    """Inlines follow the article: whoever may not edit the article may not edit its parts."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and article_is_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and article_is_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and article_is_editable(request, obj)


class BylineForm(forms.ModelForm):
    def has_changed(self):
        if self.is_bound and self.instance.pk is None and self.initial.get("author"):
            # The writer's own name, offered on a new article, counts as chosen unless they cleared it.
            return bool(self.data.get(self.add_prefix("author")))
        return super().has_changed()


class BylineInline(SafeRelationsAdminMixin, ArticlePartInline, admin.TabularInline):
    model = Byline
    form = BylineForm
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = "author"
    verbose_name_plural = "Byline (in order)"


def block_inlines() -> list[type]:
    """One inline per registered block kind, in the registry's order (articles.blocks declares their fields)."""
    return [kind.admin_inline(ArticlePartInline) for kind in block_kinds]


class CorrectionInline(admin.TabularInline):
    """Editors append dated notes; published notes are never edited away."""

    model = Correction
    extra = 0
    fields = ["created_at", "kind", "text", "by"]
    readonly_fields = ["created_at", "by"]
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return (
            super().has_add_permission(request, obj)
            and obj is not None
            and obj.status in Article.PUBLIC_STATES
            and is_editor(request.user)
        )


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    fields = ["at", "by", "step", "from_status", "to_status", "note"]
    readonly_fields = fields

    @admin.display(description="Step")
    def step(self, transition):
        return Transition.STEP_WORDS.get(transition.action, "")
    can_delete = False
    verbose_name_plural = "Workflow history"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def moment_text(moment) -> str:
    """A moment as a writer reads it on the page, in the newsroom's time zone: “14:02” today, else with the date."""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return f"{local:%H:%M}"
    return f"{local.day} {local:%b %Y, %H:%M}"


def history_timeline(action_list, steps) -> list[dict]:
    """Saved revisions and workflow steps, newest first: a step reads as a step, not as a save that changed nothing."""
    entries = [
        {"at": action["revision"].date_created, "user": action["revision"].user, "url": action["url"],
         "text": action["revision"].get_comment()}
        for action in action_list
    ]
    entries += [{"at": step.at, "user": step.by, "url": "", "text": step.sentence()} for step in steps]
    return sorted(entries, key=lambda entry: entry["at"], reverse=True)


def conflict_message(current: dict) -> str:
    """Who saved the article after this person opened it, and when, so they can talk to each other."""
    who = " ".join(filter(None, [current["last_edited_by__first_name"], current["last_edited_by__last_name"]]))
    when = timezone.localtime(current["updated_at"]).strftime("%H:%M on %d %b %Y")
    return (
        f"{who or current['last_edited_by__username'] or 'Someone'} saved this article at {when}, after you opened "
        "it. Your version was not saved and is still below; what differs from theirs is listed above it, to keep "
        "yours or take theirs item by item."
    )


class ArticleAdminForm(forms.ModelForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets decide what is shown and saved

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.edit_version

    @cached_property
    def changed_data(self):
        # The version the page was loaded at tells a stale page from a fresh one; it is no change to the article.
        return [name for name in super().changed_data if name != "loaded_version"]

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        limit = Tag._meta.get_field("name").max_length
        too_long = [name for name in tags if len(name) > limit]
        if too_long:
            raise ValidationError(
                f"A tag can be at most {limit} characters; shorten “{too_long[0][:40]}…”.", code="tag_too_long",
            )
        return tags


class WorkflowForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(name, move.label) for name, move in MOVES.items()] + [("share", "Share"), ("revoke", "Revoke")],
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    at = forms.DateTimeField(
        required=False, label="Publication time",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    acknowledge_warnings = forms.BooleanField(required=False, label="I have read the warnings")
    share_hours = forms.IntegerField(required=False, min_value=1, max_value=24 * 14, initial=48)


def finding_ref(key: tuple) -> str:
    """A short stable name for a finding's key, for the ids of its row and form on the page."""
    return hashlib.blake2s(repr(tuple(key)).encode(), digest_size=5).hexdigest()


class AcknowledgeForm(forms.Form):
    """The finding an acknowledgement names (its key, sent back as the panel showed it) and the reason."""

    rule = forms.CharField(max_length=60)
    block_uid = forms.CharField(max_length=64, required=False)
    field = forms.CharField(max_length=200, required=False)
    text = forms.CharField(required=False, strip=False)
    # Blank is refused by the service, with the message the form is shown again with.
    reason = forms.CharField(required=False, strip=False)

    def key(self) -> tuple[str, str, str, str]:
        data = self.cleaned_data
        return (data["rule"], data["block_uid"], data["field"], data["text"])


class ArticleChangeList(ChangeList):
    """The article list reads each page's blocks once (one query per kind), so every row can show its gate counts."""

    def get_results(self, request):
        super().get_results(request)
        order = [article.pk for article in self.result_list]
        loaded = (
            Article.objects.for_article_page().select_related("last_edited_by").defer("body_snapshot", "search_vector")
            .in_bulk(order)
        )
        self.result_list = [loaded[pk] for pk in order if pk in loaded]
        # The page's acknowledged warnings in one query, so each row counts only the warnings still open.
        acknowledged = {}
        for ack in GateAcknowledgement.objects.filter(article__in=order):
            acknowledged.setdefault(ack.article_id, set()).add(ack.key)
        for article in self.result_list:
            article.acknowledged_keys = acknowledged.get(article.pk, set())


@admin.register(Article)
class ArticleAdmin(SafeRelationsAdminMixin, RefusableSaveMixin, GuardedHistoryMixin, VersionAdmin, ContentEditor):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    object_history_template = "admin/articles/article/object_history.html"
    list_display = ["headline", "section", "byline_names", "state", "last_editor", "gate_counts", "updated_at"]
    list_filter = ["status", "section"]
    search_fields = ["headline", "subheadline", "slug"]
    # A big archive: no second count of the whole table, and an estimate for the unfiltered list.
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "related"]
    readonly_fields = ["state"]
    formfield_overrides = PICTURE_WIDGETS
    inlines = [BylineInline, *block_inlines(), CorrectionInline, TransitionInline]
    fieldsets = [
        (None, {"fields": ["headline", "subheadline", "slug", "section", "tags", "loaded_version"]}),
        ("Dateline", {"fields": ["dateline_place", "dateline_date"]}),
        ("Summary and lead image", {
            "fields": [
                "summary", "lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit",
                ("lead_image_focal_x", "lead_image_focal_y"),
            ],
        }),
        ("FAQ and related stories", {"fields": ["faq_title", "related"]}),
        ("Status", {"fields": ["state"]}),
    ]

    actions = ["revoke_preview_links"]

    def _content_editor_media(self, request, context):
        # Someone who may only read the article gets the blocks as they are, without the editor's controls.
        if not context.get("has_change_permission", True) and context.get("original") is not None:
            return forms.Media()
        return super()._content_editor_media(request, context)

    def get_inlines(self, request, obj):
        # Read at each request, so a kind registered after start-up is edited like the others.
        return [BylineInline, *block_inlines(), CorrectionInline, TransitionInline]

    def has_publish_permission(self, request):
        return is_editor(request.user)

    @admin.action(permissions=["publish"], description="Revoke the preview links of the selected articles")
    def revoke_preview_links(self, request, queryset):
        """Editors end shared links at once: select all articles to revoke every link there is."""
        count = services.article_revoke_previews(articles=list(queryset), by=request.user)
        messages.success(request, f"Preview links revoked for {count} article{'s' if count != 1 else ''}.")

    def view_on_site(self, article):
        """Readers' page once public; until then the staff preview, never a 404."""
        return article.get_absolute_url() if article.is_public else reverse("articles:preview", args=[article.pk])

    @admin.display(description="Status", ordering="status")
    def state(self, article):
        described = describe_state(article)
        return described[:1].upper() + described[1:]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("section")

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    @admin.display(description="Byline")
    def byline_names(self, article):
        return ", ".join(author.name for author in article.byline) or "—"

    @admin.display(description="Last saved by")
    def last_editor(self, article):
        person = article.last_edited_by
        return (person.get_full_name() or person.get_username()) if person else "—"

    @admin.display(description="Quality check")
    def gate_counts(self, article):
        """Errors and warnings of the gate, run on the blocks the list has already loaded; acknowledged warnings
        are counted apart, as they no longer hold the article back."""
        findings = services.check_loaded(article)
        errors = sum(finding.severity == "error" for finding in findings)
        warnings = sum(finding.severity == "warning" for finding in findings)
        # Read by ArticleChangeList for the whole page; a row shown some other way counts none.
        acknowledged = warnings - len(services.open_warnings(findings, getattr(article, "acknowledged_keys", ())))
        warnings -= acknowledged
        if not (errors or warnings or acknowledged):
            return "Clean"
        return ", ".join(filter(None, [
            f"{errors} error{'s' if errors != 1 else ''}" if errors else "",
            f"{warnings} warning{'s' if warnings != 1 else ''}" if warnings else "",
            f"{acknowledged} acknowledged" if acknowledged else "",
        ]))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and article_is_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or is_editor(request.user))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.last_edited_by = obj.created_by = request.user
            obj.save()
            services.article_make_renditions(article=obj)
        elif self._has_changes(request, form):
            self._save_changed_article(request, obj, form)
        # Otherwise the article is saved only if a block changed (save_related): a save that changes nothing
        # leaves no revision, no log entry, and no new edit version to refuse a colleague's save with.
        presence.clear_editing(article_id=obj.pk, user=request.user)
        # Saved, so nothing of this page is unsaved any more; a save refused later rolls this back with the rest.
        services.article_autosave_discard(user=request.user, article=obj if change else None)

    def _has_changes(self, request, form) -> bool:
        return form.has_changed() or getattr(request, "newsroom_save_always", False)

    def _save_changed_article(self, request, obj, form) -> None:
        obj.last_edited_by = request.user
        # Checked under the row lock, so two saves racing each other cannot both pass.
        current = (
            Article.objects.select_for_update(of=("self",))
            .values("edit_version", "updated_at", "last_edited_by__username", "last_edited_by__first_name",
                    "last_edited_by__last_name")
            .get(pk=obj.pk)
        )
        loaded = form.cleaned_data.get("loaded_version")
        if loaded is not None and current["edit_version"] != loaded:
            # The page shown again lists what differs from the saved article, to merge (render_change_form).
            request.newsroom_edit_conflict = True
            raise SaveRefused(conflict_message(current))
        obj.save(update_fields=[*CONTENT_FIELDS, "last_edited_by"])
        # Renditions are made here, once per image and focal point, never while a reader waits.
        services.article_make_renditions(article=obj)

    def save_related(self, request, form, formsets, change):
        if change and not self._has_changes(request, form):
            if not any(formset.has_changed() for formset in formsets):
                # Nothing changed: the tags are not set again, as taggit would report that as a change to the history.
                for formset in formsets:
                    self.save_formset(request, form, formset, change=change)
                return
            # A block changed: the article is saved too, under the same conflict check and in the same revision.
            self._save_changed_article(request, form.instance, form)
        super().save_related(request, form, formsets, change)
        # The search columns read the blocks, so they are rebuilt once every inline is saved; so are the renditions
        # of pictures in the body, once per picture, never while a reader waits.
        services.article_reindex(article=form.instance)
        services.article_make_block_renditions(article=form.instance)
        self.refuse_gate_errors_on_public(request, form.instance)

    def log_change(self, request, obj, message):
        """A save that changed nothing is not a change: no entry in the log."""
        if not message and not getattr(request, "newsroom_save_always", False):
            return None
        return super().log_change(request, obj, message)

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for correction in formset.save(commit=False):
                services.article_add_correction(
                    article=form.instance, by=request.user, kind=correction.kind, text=correction.text,
                )
            return
        super().save_formset(request, form, formset, change)

    def add_view(self, request, form_url="", extra_context=None):
        context = dict(extra_context or {})
        if request.method == "GET" and self.has_add_permission(request) and self._offers_author_profile(request.user):
            context["author_offer"] = {
                "name": request.user.get_full_name() or request.user.get_username(),
                "url": reverse("admin:articles_article_author_profile"),
            }
        if self.has_add_permission(request):
            context.update(self._autosave_context(request, None))
            if context.get("autosave_restored"):
                form_url = self._restore(request, context["autosave_restored"])
        return super().add_view(request, form_url, context)

    @staticmethod
    def _offers_author_profile(user) -> bool:
        """Asked once: until the person has a profile or has said they write under no name of their own."""
        return not (Author.objects.filter(user=user).exists() or BylineOptOut.objects.filter(user=user).exists())

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, BylineInline) and obj is not None and obj.pk is None:
            own = Author.objects.filter(user=request.user).first()
            if own is not None:
                kwargs["initial"] = [{"author": own.pk}]
        return kwargs

    def author_profile_view(self, request):
        """Create the signed-in writer's author profile from the name they confirmed, or remember they said no."""
        if request.method != "POST" or not self.has_add_permission(request):
            raise PermissionDenied
        add_url = reverse("admin:articles_article_add")
        if request.POST.get("answer") == "decline":
            services.author_profile_decline(user=request.user)
            messages.info(request, "You will not be asked again. An editor can link you to an author later.")
            return redirect(add_url)
        try:
            author = services.author_profile_create(user=request.user, name=request.POST.get("name", ""))
        except (services.WorkflowRefused, ValidationError) as refused:
            messages.error(request, " ".join(getattr(refused, "messages", None) or [str(refused)]))
        else:
            messages.success(request, f"Your author profile “{author.name}” is ready; new articles carry your byline.")
        return redirect(add_url)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is None:
            return super().change_view(request, object_id, form_url, extra_context)
        # A form shown again after a refused save is a page the person still has open, so POSTs count too.
        presence_page = None
        if self.has_change_permission(request, article):
            presence_page = presence.mark_editing(article_id=article.pk, user=request.user)
        findings = quality.in_severity_order(services.article_check(article=article))
        # A save on this request is refused only for errors it brings in (refuse_gate_errors_on_public).
        self.remember_gate(request, findings)
        context = {
            "workflow_moves": available_moves(request.user, article),
            "workflow_form": WorkflowForm(initial={"share_hours": 48}),
            **self._findings_context(findings, services.acknowledgements(article=article)),
            "acknowledge_url": reverse("admin:articles_article_acknowledge", args=[article.pk]),
            "unacknowledge_url": reverse("admin:articles_article_unacknowledge", args=[article.pk]),
            "can_acknowledge": services.may_acknowledge(request.user, article),
            "check_url": reverse("admin:articles_article_check", args=[article.pk]),
            "others_editing": presence.others_editing(article_id=article.pk, user=request.user),
            "presence_page": presence_page,
            "leave_url": reverse("admin:articles_article_leave", args=[article.pk]),
            "sent_back": article.pending_send_back(),
            "preview_path": reverse("articles:preview", kwargs={"pk": article.pk}),
            "workflow_url": reverse("admin:articles_article_workflow", args=[article.pk]),
            "can_share": article_is_editable(request, article),
            # Without the right to change the article (a writer's submission), a step cannot save the form first.
            "can_save": self.has_change_permission(request, article),
            "time_zone": settings.TIME_ZONE,
            **(self._autosave_context(request, article) if self.has_change_permission(request, article) else {}),
            **(extra_context or {}),
        }
        if context.get("autosave_restored"):
            form_url = self._restore(request, context["autosave_restored"])
        if request.method == "POST" and "_merge" in request.POST and self.has_change_permission(request, article):
            self._apply_merge(request, article)
        return self._refusable(request, super().change_view, object_id, form_url, context)

    def _saved_side(self, request, article: Article) -> tuple:
        """The article as saved now, as this person's page would post it unchanged: its form, the form data, the
        inline formsets' prefixes of block kinds, the uid of each saved block by its id (per prefix), and the lists
        taken or kept whole (the byline's prefix, with its author field)."""
        viewing = copy.copy(request)
        viewing.method = "GET"
        form = self.get_form(viewing, article, change=True)(instance=article)
        formsets, _ = self._create_formsets(viewing, article, change=True)
        kinds, uids, lists = {}, {}, {}
        for formset in formsets:
            if formset.model is Byline:
                lists[formset.prefix] = formset.form.base_fields["author"]
                continue
            try:
                kinds[formset.prefix] = block_kinds.for_model(formset.model)
            except LookupError:
                continue
            uids[formset.prefix] = {str(block.pk): str(block.uid) for block in formset.get_queryset()}
        return form, conflicts.rendered_data(form, formsets), kinds, uids, lists

    def _conflict_items(self, request, article: Article) -> tuple[list, list, dict]:
        """What differs between the saved article (theirs) and the posted form (mine): fields, then blocks."""
        current = Article.objects.get(pk=article.pk)
        form, theirs, kinds, uids, lists = self._saved_side(request, current)
        mine = {name: request.POST.getlist(name) for name in request.POST}
        fields = conflicts.field_items(form, mine, theirs)
        for prefix, field in lists.items():
            fields += conflicts.list_item(prefix, "Byline", field, "author", mine, theirs)
        blocks = [item for prefix, kind in kinds.items()
                  for item in conflicts.block_items(kind, prefix, mine, theirs, uids[prefix])]
        context = {"form": form, "theirs": theirs, "mine": mine, "kinds": kinds, "uids": uids, "lists": tuple(lists)}
        return fields, blocks, context

    def _apply_merge(self, request, article: Article) -> None:
        """“Apply my choices”: show the page bound to the merged text, at the saved article's version; nothing is
        saved until the writer saves it, through the gate like any save."""
        fields, blocks, side = self._conflict_items(request, article)
        chosen = conflicts.choices(request.POST, [*fields, *blocks])
        data = conflicts.merged(
            side["mine"], side["theirs"], field_names=[name for name in side["form"].fields],
            block_prefixes=side["kinds"], uids=side["uids"], chosen=chosen, lists=side["lists"],
        )
        post = QueryDict(mutable=True)
        for name, values in data.items():
            post.setlist(name, values)
        request._post = post
        request.newsroom_merging = True
        taken = sum(choice == conflicts.THEIRS for choice in chosen.values())
        messages.info(request, (
            f"Your choices were applied ({taken} of {len(chosen)} item{'s' if len(chosen) != 1 else ''} taken from "
            "their version). Nothing is saved yet: check the article below, then save it."
        ))

    @staticmethod
    def _edit_conflict(request, article: Article) -> bool:
        """Whether this page was posted from a version someone else has saved over: refused by the conflict check,
        or stopped before it by errors (a block they removed no longer exists to be saved)."""
        if getattr(request, "newsroom_edit_conflict", False):
            return True
        if request.method != "POST" or getattr(request, "newsroom_restoring", False):
            return False
        if getattr(request, "newsroom_merging", False):
            return False
        loaded = request.POST.get("loaded_version", "")
        if not (loaded.isascii() and loaded.isdigit() and len(loaded) < 10):
            return False
        return Article.objects.filter(pk=article.pk).exclude(edit_version=int(loaded)).exists()

    def render_change_form(self, request, context, **kwargs):
        obj = kwargs.get("obj")
        if obj is not None and obj.pk and self._edit_conflict(request, obj):
            fields, blocks, _ = self._conflict_items(request, obj)
            context["edit_conflict"] = {
                "areas": [area for area in (
                    {"title": "Article fields", "items": fields},
                    {"title": "Blocks of the body", "items": blocks},
                ) if area["items"]],
            }
        return super().render_change_form(request, context, **kwargs)

    def _autosave_context(self, request, article: Article | None) -> dict:
        """Where the page's script autosaves to, and this person's unsaved text of the page: offered, or restored
        when they asked for it (`?restore=1`)."""
        args = [article.pk] if article else []
        suffix = "" if article else "_new"
        context = {
            "autosave_url": reverse(f"admin:articles_article_autosave{suffix}", args=args),
            "autosave_seconds": settings.NEWSROOM_AUTOSAVE_SECONDS,
        }
        if request.method != "GET":
            return context
        autosave = Autosave.objects.of(user=request.user, article=article).first()
        if autosave is not None and article is not None and autosave.superseded_by(article):
            autosave = None
        if autosave is None:
            if request.GET.get("restore"):
                messages.info(request, "There is no autosaved text of this article to restore.")
            return context
        when = {"saved_at": autosave.saved_at, "time": moment_text(autosave.saved_at)}
        if request.GET.get("restore"):
            return {**context, "autosave_restored": autosave, "autosave_when": when}
        query = request.GET.copy()
        query["restore"] = "1"
        return {
            **context,
            "autosave_offer": {
                **when,
                "restore_url": f"{request.path}?{query.urlencode()}",
                "discard_url": reverse(f"admin:articles_article_autosave_discard{suffix}", args=args),
            },
        }

    @staticmethod
    def _restore(request, autosave: Autosave) -> str:
        """Show the page as if the autosaved form had been posted: the admin rebuilds the form and every inline
        (rows never saved included) from the fields itself, and get_form keeps it from saving anything.

        Returns the address the form posts to: the page's, without asking for the restore again.
        """
        request.method = "POST"
        request._post = autosave.as_post()
        request._files = MultiValueDict()
        request.newsroom_restoring = True
        query = request.GET.copy()
        query.pop("restore", None)
        return f"{request.path}?{query.urlencode()}" if query else request.path

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        if not (getattr(request, "newsroom_restoring", False) or getattr(request, "newsroom_merging", False)):
            return form_class

        class RestoredForm(form_class):
            def is_valid(self):
                # Validated as a save would be, so the page shows the same errors; but a restore never saves: the
                # writer's own save does, once they have looked at the text.
                super().is_valid()
                return False

        return RestoredForm

    def get_urls(self):
        return [
            path("author-profile/", self.admin_site.admin_view(self.author_profile_view),
                 name="articles_article_author_profile"),
            path("<path:object_id>/workflow/", self.admin_site.admin_view(self.workflow_view),
                 name="articles_article_workflow"),
            path("<path:object_id>/check/", self.admin_site.admin_view(self.check_view),
                 name="articles_article_check"),
            path("<path:object_id>/acknowledge/", self.admin_site.admin_view(self.acknowledge_view),
                 name="articles_article_acknowledge"),
            path("<path:object_id>/unacknowledge/", self.admin_site.admin_view(self.unacknowledge_view),
                 name="articles_article_unacknowledge"),
            path("<path:object_id>/leave/", self.admin_site.admin_view(self.leave_view),
                 name="articles_article_leave"),
            path("autosave/", self._autosave_limit(self.admin_site.admin_view(self.autosave_view)),
                 name="articles_article_autosave_new"),
            path("autosave/discard/", self.admin_site.admin_view(self.autosave_discard_view),
                 name="articles_article_autosave_discard_new"),
            path("<path:object_id>/autosave/", self._autosave_limit(self.admin_site.admin_view(self.autosave_view)),
                 name="articles_article_autosave"),
            path("<path:object_id>/autosave/discard/", self.admin_site.admin_view(self.autosave_discard_view),
                 name="articles_article_autosave_discard"),
            path("<path:object_id>/history/compare/", self.admin_site.admin_view(self.compare_view),
                 name="articles_article_compare"),
            *super().get_urls(),
        ]

    @method_decorator(require_POST)
    def check_view(self, request, object_id):
        """“Check again”: the gate's findings on the form as posted, as the panel's fragment; nothing is saved."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        stored_tags = list(article.tags.all())
        form = self.get_form(request, article, change=True)(request.POST, request.FILES, instance=article)
        # Validating builds the unsaved article from every field that reads; a field that does not keeps what is
        # stored, so a half-typed date does not hide the findings in the rest of the story.
        form.is_valid()
        draft = form.instance
        formsets, _ = self._create_formsets(request, draft, change=True)
        byline, blocks = [], []
        for formset in formsets:
            formset.is_valid()
            if formset.model is Byline:
                byline = [form.cleaned_data["author"] for form in self._forms_kept(formset) if form.cleaned_data.get("author")]
            elif any(kind.model is formset.model for kind in block_kinds):
                blocks += [form.instance for form in self._forms_kept(formset)]
        tags = stored_tags
        if "tags" in form.cleaned_data:
            tags = [Tag(name=name) for name in form.cleaned_data["tags"]]
        findings = quality.in_severity_order(
            services.article_check_unsaved(article=draft, tags=tags, byline=byline, blocks=blocks),
        )
        return TemplateResponse(request, "admin/articles/article/_findings.html", {
            **self._findings_context(findings, services.acknowledgements(article=article)), "checked_unsaved": True,
        })

    @staticmethod
    def _forms_kept(formset) -> list:
        """The rows a save would keep: neither an untouched empty row nor one ticked for removal."""
        kept = []
        for form in formset.forms:
            cleaned = getattr(form, "cleaned_data", {})
            if form.instance.pk is None and not form.has_changed():
                continue
            if formset.can_delete and cleaned.get("DELETE"):
                continue
            kept.append(form)
        return kept

    @staticmethod
    def _findings_context(findings: list, acknowledged: dict) -> dict:
        """The panel's rows: each finding, the acknowledgement that settles it (warnings only), and its form's data."""
        rows = []
        for finding in findings:
            rule, block_uid, field, text = finding.key
            rows.append({
                "finding": finding,
                "ack": acknowledged.get(finding.key) if finding.severity == "warning" else None,
                "ref": finding_ref(finding.key),
                "key": {"rule": rule, "block_uid": block_uid, "field": field, "text": text},
            })
        return {
            "findings": findings,
            "finding_rows": rows,
            "has_errors": any(finding.severity == "error" for finding in findings),
            # Only warnings no one has acknowledged still ask for “I have read the warnings”.
            "has_warnings": bool(services.open_warnings(findings, acknowledged)),
            "has_acknowledged": any(row["ack"] for row in rows),
        }

    def _acknowledgement_request(self, request, object_id) -> tuple[Article, AcknowledgeForm]:
        """The article of an acknowledgement post (404 if none, 403 for who may not change it) and the posted form."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article, AcknowledgeForm(request.POST)

    @method_decorator(require_POST)
    def acknowledge_view(self, request, object_id):
        """“Acknowledge”: an editor records why one warning can stay; a blank reason shows the form again."""
        article, form = self._acknowledgement_request(request, object_id)
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        if not form.is_valid():
            messages.error(request, "That acknowledgement could not be read; check again and retry.")
            return redirect(change_url)
        key = form.key()
        try:
            services.article_acknowledge_finding(
                article=article, finding_key=key, reason=form.cleaned_data["reason"], by=request.user,
            )
        except services.WorkflowRefused:
            raise PermissionDenied from None
        except ValidationError as refused:
            if refused.code != "no_reason":
                messages.error(request, " ".join(refused.messages))
                return redirect(change_url)
            # The page again, as it was, with this warning's form open, the message beside it and what was typed.
            viewing = copy.copy(request)
            viewing.method = "GET"
            return self.change_view(viewing, str(article.pk), form_url=change_url, extra_context={
                "ack_refused": {"ref": finding_ref(key), "message": " ".join(refused.messages),
                                "reason": form.cleaned_data["reason"]},
            })
        messages.success(request, f"Warning acknowledged ({key[0]}: “{key[3]}”); it no longer holds up publishing.")
        return redirect(change_url)

    @method_decorator(require_POST)
    def unacknowledge_view(self, request, object_id):
        """“Withdraw”: the warning needs reading again before the article is published."""
        article, form = self._acknowledgement_request(request, object_id)
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        if not form.is_valid():
            messages.error(request, "That acknowledgement could not be read; check again and retry.")
            return redirect(change_url)
        try:
            services.article_unacknowledge_finding(article=article, finding_key=form.key(), by=request.user)
        except services.WorkflowRefused:
            raise PermissionDenied from None
        messages.success(request, "Acknowledgement withdrawn: the warning must be read again to publish.")
        return redirect(change_url)

    @staticmethod
    def _autosave_limit(view):
        # The whole form's text is more than the small body other admin pages without pictures take.
        view.request_max_bytes_setting = "NEWSROOM_AUTOSAVE_MAX_BYTES"
        return view

    def _autosave_article(self, request, object_id) -> Article | None:
        """The article of an autosave address (None for a new article), or 404."""
        if object_id is None:
            return None
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        return article

    @method_decorator(require_POST)
    def autosave_view(self, request, object_id=None):
        """The page's script sends the form as it stands ({"data": [[name, value], …]}); kept for this person only,
        never as a revision. Answers when, as JSON."""
        article = self._autosave_article(request, object_id)
        if not (self.has_change_permission(request, article) if article else self.has_add_permission(request)):
            raise PermissionDenied
        if request.content_type != "application/json":
            # A form post would be read as a form (and its body used up) before this view could read it as JSON.
            return JsonResponse({"error": "An autosave is sent as JSON."}, status=415)
        if len(request.body) > settings.NEWSROOM_AUTOSAVE_MAX_BYTES:
            return JsonResponse({"error": "This article's form is too large to autosave: save it to keep your text."},
                                status=413)
        try:
            data = json.loads(request.body)["data"]
        except (ValueError, KeyError, TypeError):
            return JsonResponse({"error": "An autosave is JSON: {\"data\": [[name, value], …]}."}, status=400)
        try:
            autosave = services.article_autosave(user=request.user, article=article, data=data)
        except ValidationError as refused:
            return JsonResponse({"error": " ".join(refused.messages)}, status=413 if refused.code == "too_large" else 400)
        return JsonResponse({"saved_at": autosave.saved_at.isoformat(), "time": moment_text(autosave.saved_at)})

    @method_decorator(require_POST)
    def autosave_discard_view(self, request, object_id=None):
        """“Discard”: forget this person's autosaved text of the page, and show the page as saved."""
        article = self._autosave_article(request, object_id)
        services.article_autosave_discard(user=request.user, article=article)
        messages.info(request, "Your autosaved text was discarded.")
        if article is None:
            return redirect("admin:articles_article_add")
        return redirect("admin:articles_article_change", article.pk)

    @method_decorator(require_POST)
    def leave_view(self, request, object_id):
        """The page's script says the person left one page of the article (sent as they go, no answer read)."""
        article_id = parse_id(unquote(object_id))
        if article_id is None or not Article.objects.filter(pk=article_id).exists():
            raise Http404("No such article.")
        presence.clear_editing(article_id=article_id, user=request.user, page=request.POST.get("page", ""))
        return HttpResponse(status=204)

    def workflow_view(self, request, object_id):
        """Apply one workflow step through the service layer, then go back to the article."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        if request.method != "POST" or not self.has_view_permission(request, article):
            raise PermissionDenied
        form = WorkflowForm(request.POST)
        if not form.is_valid():
            messages.error(request, "That step could not be read: " + "; ".join(
                f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()
            ))
            return redirect(change_url)
        data = form.cleaned_data
        if data["action"] == "share":
            if not article_is_editable(request, article):
                raise PermissionDenied
            hours = data["share_hours"] or 48
            url, expires_at = preview_url(article_id=article.pk, lifetime=timedelta(hours=hours))
            messages.success(
                request,
                f"Preview link for this article only, valid until {timezone.localtime(expires_at):%d %b %Y, %H:%M %Z}: "
                f"{request.build_absolute_uri(url)}",
            )
            return redirect(change_url)
        if data["action"] == "revoke":
            try:
                services.article_revoke_previews(articles=[article], by=request.user)
            except services.WorkflowRefused as refused:
                raise PermissionDenied(str(refused)) from None
            messages.success(request, "Every preview link made so far for this article no longer works.")
            return redirect(change_url)
        self._take_step(request, article, data)
        return redirect(change_url)

    def _take_step(self, request, article: Article, data: dict) -> None:
        """One workflow step through the service layer, with a message saying how it went."""
        try:
            # A step is logged as a step (Transition), not as a revision of the text it did not change.
            with reversion.create_revision(manage_manually=True):
                services.article_transition(
                    article=article, by=request.user, action=data["action"], note=data["note"] or "", at=data["at"],
                    acknowledge_warnings=data["acknowledge_warnings"],
                )
        except services.GateBlocked as blocked:
            messages.error(request, blocked.message)
        except (services.WorkflowRefused, ValidationError) as refused:
            messages.error(request, " ".join(getattr(refused, "messages", None) or [str(refused)]))
        else:
            article.refresh_from_db()
            messages.success(request, f"“{article.headline}” is now {describe_state(article)}.")

    def response_change(self, request, obj):
        """The panel's step buttons submit the article form: the edits are saved first, then the step is taken."""
        action = request.POST.get("_workflow_action")
        if not action:
            return super().response_change(request, obj)
        form = WorkflowForm({
            "action": action,
            "note": request.POST.get(f"_workflow_note_{action}", ""),
            "at": request.POST.get("_workflow_at", ""),
            "acknowledge_warnings": request.POST.get(f"_workflow_ack_{action}", ""),
        })
        if form.is_valid():
            self._take_step(request, obj, form.cleaned_data)
        else:
            messages.error(request, "Your changes were saved, but the step could not be read: " + "; ".join(
                " ".join(errors) for errors in form.errors.values()
            ))
        return redirect(reverse("admin:articles_article_change", args=[obj.pk]))

    def compare_view(self, request, object_id):
        """Show what changed between two revisions: field by field, block by block, word by word within a paragraph."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        chosen = [parse_id(request.GET.get("from")), parse_id(request.GET.get("to"))]
        if None in chosen:
            raise Http404("Choose two revisions to compare.")
        older, newer = (get_object_or_404(versions, pk=value) for value in chosen)
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        diff = revisions.compare(
            revisions.revision_snapshot(older.revision), revisions.revision_snapshot(newer.revision),
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": f"Compare revisions of “{article.headline}”",
            "older": older,
            "newer": newer,
            "diff": diff,
            "changed": diff["changed"],
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def history_article(self, article):
        return article

    def may_recover(self, request, article):
        # Deleting is for editors; so is bringing a deleted story back (as a draft: see article_record_recovery).
        return self.has_add_permission(request) and article is None and is_editor(request.user)

    def recoverlist_view(self, request, extra_context=None):
        if not self.may_recover(request, None):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, object_id)
        if article is None:
            # As Django's own views answer a missing object; an id no article has never reaches the version table.
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        response = super().history_view(request, object_id, {"versions": versions, **(extra_context or {})})
        if hasattr(response, "context_data"):
            response.context_data["timeline"] = history_timeline(
                response.context_data.get("action_list", []), article.transitions.select_related("by"),
            )
        return response


# The roles (groups) and staff accounts live in Django's own admin; theirs gets the same guard on its lists of
# groups and permissions. Registered here because this app defines the newsroom's roles (roles.py).
admin.site.unregister(Group)
admin.site.unregister(User)


@admin.register(Group)
class NewsroomGroupAdmin(SafeRelationsAdminMixin, GroupAdmin):
    pass


@admin.register(User)
class NewsroomUserAdmin(SafeRelationsAdminMixin, UserAdmin):
    pass


# Tags are typed on each article; here editors rename, merge and fix their web addresses. taggit's own admin is
# extended: its merge page took tag ids from the session without checking them or who was asking.
admin.site.unregister(Tag)


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]
        help_texts = {
            "name": "As readers see it on stories and on the tag's page. Two tags cannot have the same name.",
            "slug": "The tag page's web address: letters of any language, digits and hyphens. Changing it breaks "
                    "links to the old address.",
        }


@admin.register(Tag)
class TagAdmin(taggit_admin.TagAdmin):
    """taggit's tag admin with our form, its merge page limited to those who may change tags and to tags that
    still exist."""

    form = TagForm
    list_display = ["name", "slug"]
    ordering = ["name"]
    search_fields = ["name", "slug"]

    def merge_tags_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        # The tags to merge are chosen in the list first, and kept in the session until the merge.
        chosen = [pk for pk in request.session.get("selected_tag_ids", "").split(",") if pk.isascii() and pk.isdigit()]
        existing = [str(pk) for pk in Tag.objects.filter(pk__in=chosen).values_list("pk", flat=True)]
        if not existing:
            self.message_user(request, "Choose the tags to merge in the list first.", messages.WARNING)
            return redirect("admin:taggit_tag_changelist")
        request.session["selected_tag_ids"] = ",".join(existing)
        return super().merge_tags_view(request)
