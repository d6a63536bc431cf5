from django.contrib import admin

from .models import (
    Article, Author, Byline, Callout, DiscussionPrompt, FaqEntry, Participant, ParticipantTable, Section, TextSection,
)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    autocomplete_fields = ["user"]


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = "author"
    verbose_name_plural = "Byline (in order)"


class TextSectionInline(admin.StackedInline):
    model = TextSection
    extra = 0
    fields = ["position", "heading", "body"]


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 3
    fields = ["order", "name", "represents", "role"]


class ParticipantTableInline(admin.TabularInline):
    model = ParticipantTable
    extra = 0
    fields = ["position", "title", "represents_heading", "participant_names"]
    readonly_fields = ["participant_names"]
    show_change_link = True

    @admin.display(description="Rows")
    def participant_names(self, table):
        names = [participant.name for participant in table.participants.all()] if table.pk else []
        return ", ".join(names) or "Save, then use “Change” to add rows"


class CalloutInline(admin.StackedInline):
    model = Callout
    extra = 0
    fields = ["position", "label", "body"]


class DiscussionPromptInline(admin.TabularInline):
    model = DiscussionPrompt
    extra = 0
    fields = ["position", "text"]


class FaqEntryInline(admin.StackedInline):
    model = FaqEntry
    extra = 0
    fields = ["position", "question", "answer"]


@admin.register(ParticipantTable)
class ParticipantTableAdmin(admin.ModelAdmin):
    list_display = ["title", "article", "position"]
    fields = ["article", "position", "title", "represents_heading"]
    autocomplete_fields = ["article"]
    inlines = [ParticipantInline]
    search_fields = ["title", "article__headline"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "section", "status", "published_at", "updated_at"]
    list_filter = ["status", "section"]
    search_fields = ["headline", "subheadline", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "related"]
    inlines = [
        BylineInline, TextSectionInline, ParticipantTableInline, CalloutInline, DiscussionPromptInline, FaqEntryInline,
    ]
    fieldsets = [
        (None, {"fields": ["headline", "subheadline", "slug", "section", "tags"]}),
        ("Dateline", {"fields": ["dateline_place", "dateline_date"]}),
        ("Summary and lead image", {
            "fields": ["summary", "lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"],
        }),
        ("FAQ and related stories", {"fields": ["faq_title", "related"]}),
        ("Publishing", {"fields": ["status", "published_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("section")
