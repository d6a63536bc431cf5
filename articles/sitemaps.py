"""Sitemaps: every public article with its last change, every section, tag and author page, and Google News' last
two days."""

import functools
from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db.models import Exists, Max, OuterRef
from django.utils.functional import cached_property
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from newsroom import pagecache

from .models import Article, Author, Section

TEMPLATE = "articles/sitemap.xml"


class SubjectSitemap(Sitemap):
    """Section, tag and author pages: listed without a last change, which would need the newest story of each one
    read at every request (seconds over a large archive) while search engines rely on the articles' own."""

    @property
    def limit(self):
        return settings.NEWSROOM_SITEMAP_LIMIT


class IdRangePaginator(Paginator):
    """Pages of consecutive ids rather than counted rows: page n holds the items with ids in
    ((n - 1) × per_page, n × per_page], so no COUNT over the archive and no OFFSET that grows with the page number.
    A page may hold fewer items than `per_page` (ids of drafts and deleted stories), never more."""

    @cached_property
    def count(self):
        return self.object_list.aggregate(last=Max("pk"))["last"] or 0

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(list(self.object_list.filter(pk__gt=bottom, pk__lte=bottom + self.per_page)), number, self)


class ArticleSitemap(SubjectSitemap):
    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("pk")

    @property
    def paginator(self):
        return IdRangePaginator(self._items(), self._get("limit", None, self.limit))

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        # Django's default loads every item to find the newest; one aggregate does it.
        return self.items().aggregate(newest=Max("updated_at"))["newest"]


class SectionSitemap(SubjectSitemap):
    def items(self):
        return Section.objects.order_by("pk")


class TagSitemap(SubjectSitemap):
    def items(self):
        # Only tags with a public story: one index probe per tag, stopping at the first story found.
        listed = Article.objects.published().filter(tags=OuterRef("pk"))
        return Tag.objects.filter(Exists(listed)).order_by("pk")

    def location(self, tag):
        return reverse("articles:tag", kwargs={"slug": tag.slug})


class AuthorSitemap(SubjectSitemap):
    def items(self):
        listed = Article.objects.published().filter(authors=OuterRef("pk"))
        return Author.objects.filter(Exists(listed)).order_by("pk")


SITEMAPS = {"articles": ArticleSitemap, "sections": SectionSitemap, "tags": TagSitemap, "authors": AuthorSitemap}


class NewsSitemap(Sitemap):
    """Google News: the stories published in the last two days, newest first, at most 1,000."""

    limit = 1000

    def items(self):
        since = timezone.now() - timedelta(days=2)
        return (
            Article.objects.published().filter(published_at__gte=since)
            .only("slug", "headline", "published_at", "updated_at").order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return article.updated_at

    def get_urls(self, page=1, site=None, protocol=None):
        publication = {"name": settings.NEWSROOM_SITE_NAME, "language": settings.NEWSROOM_NEWS_LANGUAGE}
        return [{**url, "publication": publication} for url in super().get_urls(page, site, protocol)]


def _marked(view):
    """Sitemaps are public pages: stored until a story, section, tag or author they list changes."""

    @functools.wraps(view)
    def marked(request, *args, **kwargs):
        return pagecache.mark(view(request, *args, **kwargs), {"sitemaps"})

    return marked


@_marked
def sitemap(request):
    """One sitemap while every kind of page fits in one file; an index of per-kind files once one needs more."""
    sitemaps = {name: kind() for name, kind in SITEMAPS.items()}
    if all(kind.paginator.num_pages <= 1 for kind in sitemaps.values()):
        return sitemap_views.sitemap(request, sitemaps, template_name=TEMPLATE)
    return sitemap_views.index(request, sitemaps, sitemap_url_name="articles:sitemap_section")


@_marked
def sitemap_section(request, section):
    return sitemap_views.sitemap(request, SITEMAPS, section=section, template_name=TEMPLATE)


@_marked
def news_sitemap(request):
    return sitemap_views.sitemap(request, {"news": NewsSitemap}, template_name="articles/sitemap_news.xml")
