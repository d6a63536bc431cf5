"""RSS 2.0 and Atom feeds of the newest public stories: the whole site, each section, each tag, each author."""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from taggit.models import Tag

from newsroom import pagecache

from . import cachetags
from .models import Article, Author, Section
from .tags import public_tags

# XML 1.0 cannot carry these (tab, newline and carriage return aside); Django refuses to write a feed holding one.
XML_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_safe(value):
    """The value with the control characters a pasted text may carry removed, strings inside lists included."""
    if isinstance(value, str):
        return XML_CONTROL_CHARACTERS.sub("", value)
    if isinstance(value, (list, tuple)):
        return type(value)(xml_safe(item) for item in value)
    return value


class ArticleFeed(Feed):
    """The site's newest stories; subclasses narrow them to one section, tag or author."""

    feed_type = Rss201rev2Feed
    description_template = "articles/feeds/item_description.html"
    subject_model = None

    @classmethod
    def as_view(cls):
        """A view that builds a feed object per request, so the request can be kept on it without being shared."""

        def view(request, *args, **kwargs):
            return cls()(request, *args, **kwargs)

        return view

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.page_tags = {"feeds"}
        response = super().__call__(request, *args, **kwargs)
        return pagecache.mark(response, self.page_tags)

    def get_feed(self, obj, request):
        if obj is not None:
            self.page_tags.add(f"{type(obj).__name__.lower()}:{obj.pk}")
        feed = super().get_feed(obj, request)
        # One stray control character in a headline or a tag would otherwise take the whole feed down.
        feed.feed = {key: xml_safe(value) for key, value in feed.feed.items()}
        feed.items = [{key: xml_safe(value) for key, value in item.items()} for item in feed.items]
        return feed

    def get_object(self, request, slug=None):
        return None if self.subject_model is None else get_object_or_404(self.subject_model, slug=slug)

    def articles(self, subject):
        return Article.objects.published()

    def items(self, subject):
        newest = list(self.articles(subject).for_feeds().order_by("-published_at", "-pk")[: settings.NEWSROOM_FEED_SIZE])
        self.page_tags |= cachetags.card_tags(newest)
        return newest

    def title(self, subject):
        return settings.NEWSROOM_SITE_NAME if subject is None else f"{settings.NEWSROOM_SITE_NAME}: {subject.name}"

    def link(self, subject):
        return reverse("articles:home") if subject is None else subject.get_absolute_url()

    def description(self, subject):
        return f"The newest stories from {self.title(subject)}."

    def subtitle(self, subject):
        return self.description(subject)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return max(article.updated_at, article.published_at)

    def item_author_name(self, article):
        return ", ".join(author.name for author in article.byline) or None

    def item_author_link(self, article):
        byline = article.byline
        return self.request.build_absolute_uri(byline[0].get_absolute_url()) if byline else None

    def item_categories(self, article):
        return [article.section.name, *(tag.name for tag in article.tags.all())]

    def item_enclosures(self, article):
        picture = article.lead_picture
        if picture is None or not picture.has_renditions:
            return []
        image = picture.full.largest.jpeg
        return [Enclosure(self.request.build_absolute_uri(image.url), str(image.bytes), image.mime_type)]


class AtomFeedMixin:
    feed_type = Atom1Feed


class SectionFeed(ArticleFeed):
    subject_model = Section

    def articles(self, section):
        return Article.objects.published().in_section(section)

    def description(self, section):
        return section.description or super().description(section)


class TagFeed(ArticleFeed):
    subject_model = Tag

    def get_object(self, request, slug=None):
        return get_object_or_404(public_tags(), slug=slug)

    def articles(self, tag):
        return Article.objects.published().tagged(tag)

    def title(self, tag):
        return f"{settings.NEWSROOM_SITE_NAME}: stories tagged “{tag.name}”"

    def link(self, tag):
        return reverse("articles:tag", kwargs={"slug": tag.slug})


class AuthorFeed(ArticleFeed):
    subject_model = Author

    def articles(self, author):
        return Article.objects.published().by_author(author)


class SiteAtomFeed(AtomFeedMixin, ArticleFeed):
    pass


class SectionAtomFeed(AtomFeedMixin, SectionFeed):
    pass


class TagAtomFeed(AtomFeedMixin, TagFeed):
    pass


class AuthorAtomFeed(AtomFeedMixin, AuthorFeed):
    pass
