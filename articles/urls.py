from django.urls import path, register_converter

from . import feeds, sitemaps, views
from .tags import UnicodeSlugConverter

# Tags are typed by journalists in any language; their slugs keep the letters (“zürich”, “日本”).
register_converter(UnicodeSlugConverter, "tagslug")

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/<slug:slug>/", views.ArticleView.as_view(), name="article"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<tagslug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("preview/<int:pk>/", views.StaffPreviewView.as_view(), name="preview"),
    path("preview/shared/<str:token>/", views.SharedPreviewView.as_view(), name="shared_preview"),
    # Feeds: RSS 2.0 at …/feed/, Atom at …/feed/atom/, for the site and for each section, tag and author.
    path("feed/", feeds.ArticleFeed.as_view(), name="feed"),
    path("feed/atom/", feeds.SiteAtomFeed.as_view(), name="feed_atom"),
    path("section/<slug:slug>/feed/", feeds.SectionFeed.as_view(), name="section_feed"),
    path("section/<slug:slug>/feed/atom/", feeds.SectionAtomFeed.as_view(), name="section_feed_atom"),
    path("tag/<tagslug:slug>/feed/", feeds.TagFeed.as_view(), name="tag_feed"),
    path("tag/<tagslug:slug>/feed/atom/", feeds.TagAtomFeed.as_view(), name="tag_feed_atom"),
    path("author/<slug:slug>/feed/", feeds.AuthorFeed.as_view(), name="author_feed"),
    path("author/<slug:slug>/feed/atom/", feeds.AuthorAtomFeed.as_view(), name="author_feed_atom"),
    # For search engines.
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-news.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots"),
]
