from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView, TemplateView

from newsroom import pagecache
from newsroom.two_factor import StaffOnlyMixin

from . import cachetags, pagination, search
from .blocks import snapshot
from .models import Article, Author, Section
from .previews import read_token, still_valid
from .tags import public_tags


class PublicPageMixin:
    """A page every anonymous reader sees alike: kept in the page cache with the tags of what it shows."""

    def page_tags(self, context) -> set[str]:
        raise NotImplementedError

    def render_to_response(self, context, **kwargs):
        return pagecache.mark(super().render_to_response(context, **kwargs), self.page_tags(context))


class HomeView(PublicPageMixin, TemplateView):
    template_name = "articles/home.html"
    latest_count = 40

    def page_tags(self, context):
        return {"home"} | cachetags.card_tags(
            [context["lead"], *(article for _section, articles in context["sections"] for article in articles)]
        )

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


class ArticleListView(PublicPageMixin, ListView):
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

    def paginate_queryset(self, queryset, page_size):
        # Older and newer pages by keyset (articles.pagination): no count of the whole list, no offset to skip.
        page = pagination.newest_first(queryset, self.request.GET, page_size)
        return None, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.subject, subject_kind=self.subject_kind, **kwargs)

    def page_tags(self, context):
        subject = {f"{self.subject_kind}:{self.subject.pk}"}
        if self.subject_kind == "section":
            subject |= {f"section:{section.pk}" for section in self.subject.trail()}
        return subject | cachetags.card_tags(context["articles"])


class SectionView(ArticleListView):
    subject_kind = "section"

    def get_subject(self):
        return get_object_or_404(Section.objects.select_related("parent__parent"), slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.in_section(self.subject)


class TagView(ArticleListView):
    subject_kind = "tag"

    def get_subject(self):
        return get_object_or_404(public_tags(), slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.tagged(self.subject)


class AuthorView(ArticleListView):
    subject_kind = "author"

    def get_subject(self):
        return get_object_or_404(Author, slug=self.kwargs["slug"])

    def filter_articles(self, queryset):
        return queryset.by_author(self.subject)


class SearchView(PublicPageMixin, ListView):
    """Published stories matching the reader's words, best first, with the words marked."""

    template_name = "articles/search.html"
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_PAGE_SIZE

    def get_queryset(self):
        self.terms = search.SearchTerms.parse(self.request.GET.get("q"))
        return Article.objects.published().search(self.terms).for_cards()

    def paginate_queryset(self, queryset, page_size):
        # A page number out of range or not a number gets the nearest page, not an error.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            terms=self.terms, query_given="q" in self.request.GET, max_results=search.MAX_RESULTS, **kwargs,
        )
        search.add_highlights(context["articles"], self.terms)
        return context

    def page_tags(self, context):
        return {"search"} | cachetags.card_tags(context["articles"])


def robots_txt(request):
    sitemaps = [request.build_absolute_uri(reverse(name)) for name in ("articles:sitemap", "articles:news_sitemap")]
    response = render(request, "robots.txt", {"sitemaps": sitemaps}, content_type="text/plain; charset=utf-8")
    return pagecache.mark(response, {"robots"})


def article_page_context(article: Article) -> dict:
    """What the article page shows besides the article itself; shared with views that re-render the page."""
    return {"article": article, "related": Article.objects.related_to(article)}


class ArticleView(PublicPageMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_reader()

    def page_tags(self, context):
        return cachetags.article_page_tags(context["article"], context["related"])

    def get_context_data(self, **kwargs):
        snapshot.attach(self.object)
        return super().get_context_data(**article_page_context(self.object), **kwargs)


class PreviewMixin:
    """An unpublished article shown as readers will see it, kept out of caches and search engines."""

    def get_queryset(self):
        return Article.objects.for_reader()

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        # Never stored nor sent as public, whoever opens it.
        response.page_cache = None
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response


class StaffPreviewView(PreviewMixin, StaffOnlyMixin, ArticleView):
    """A draft for staff signed in to the admin, two-factor code included where they use or need one."""

    permission_required = "articles.view_article"

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])


class SharedPreviewView(PreviewMixin, ArticleView):
    """What a share link opens: the unpublished article, or its public page once public; nothing once unpublished."""

    def get(self, request, *args, **kwargs):
        claim = read_token(self.kwargs["token"])
        article = Article.objects.filter(pk=claim.article_id).first() if claim else None
        if (
            article is None
            or not still_valid(claim, revoked_at=article.previews_revoked_at)
            or article.status == Article.Status.UNPUBLISHED
        ):
            raise Http404("This preview link has expired, was revoked or is not valid.")
        if article.is_public:
            return redirect(article.get_absolute_url())
        self.article_id = article.pk
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.article_id)
