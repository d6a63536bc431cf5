from django.conf import settings
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from .models import Article, Author, Section


class HomeView(TemplateView):
    template_name = "articles/home.html"
    latest_count = 40

    def get_context_data(self, **kwargs):
        latest = list(Article.objects.published().for_cards()[: self.latest_count])
        by_section: dict[Section, list[Article]] = {}
        for article in latest[1:]:
            by_section.setdefault(article.section, []).append(article)
        return super().get_context_data(
            lead=latest[0] if latest else None,
            sections=[(section, articles[:4]) for section, articles in by_section.items()],
            **kwargs,
        )


class ArticleListView(ListView):
    """A paginated list of published stories belonging to one subject (section, tag, author)."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_PAGE_SIZE
    subject_kind = ""

    def get_subject(self):
        raise NotImplementedError

    def filter_articles(self, queryset):
        raise NotImplementedError

    def get_queryset(self):
        self.subject = self.get_subject()
        return self.filter_articles(Article.objects.published().for_cards()).order_by("-published_at", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.subject, subject_kind=self.subject_kind, **kwargs)


class SectionView(ArticleListView):
    subject_kind = "section"

    def get_subject(self):
        return get_object_or_404(Section.objects.select_related("parent__parent"), slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.filter(section__in=[self.subject.pk, *self.subject.children.values_list("pk", flat=True)])


class TagView(ArticleListView):
    subject_kind = "tag"

    def get_subject(self):
        return get_object_or_404(Tag, slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.filter(tags=self.subject)


class AuthorView(ArticleListView):
    subject_kind = "author"

    def get_subject(self):
        return get_object_or_404(Author, slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.filter(authors=self.subject)


class ArticleView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_article_page()

    def get_context_data(self, **kwargs):
        return super().get_context_data(related=Article.objects.related_to(self.object), **kwargs)
