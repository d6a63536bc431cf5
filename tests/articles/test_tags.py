"""Any tag a journalist types gets a web address readers can follow; no tag takes a page down."""

from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import Permission
from django.urls import resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from taggit.models import Tag

from articles.models import Article, Author, Section
from articles.previews import preview_url
from tests.factories import ArticleFactory
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

ODD_TAGS = ["Zürich", "São Paulo", "日本", ">", "--", "<", "🙂", "_", "İstanbul", "Ǆemal", "a" * 100, "㎢" * 100,
            "Zürich!", "zürich"]


def test_every_odd_tag_gets_a_slug_its_address_accepts():
    tags = [Tag.objects.create(name=name) for name in ODD_TAGS]

    slugs = [tag.slug for tag in tags]
    assert len(set(slugs)) == len(slugs)
    for tag in tags:
        assert 0 < len(tag.slug) <= 100
        url = reverse("articles:tag", kwargs={"slug": tag.slug})
        assert resolve(unquote(url)).kwargs["slug"] == tag.slug


def test_no_page_fails_because_of_an_odd_tag(client, editor):
    article = ArticleFactory(tags=ODD_TAGS, headline="Tagged every which way")
    draft = ArticleFactory(tags=ODD_TAGS, status=Article.Status.DRAFT, published_at=None)
    shared, _ = preview_url(article_id=draft.pk, lifetime=timedelta(hours=1))

    pages = [article.get_absolute_url(), "/sitemap.xml", "/sitemap-tags.xml", "/feed/", shared]
    for tag in Tag.objects.all():
        pages += [reverse(name, kwargs={"slug": tag.slug})
                  for name in ("articles:tag", "articles:tag_feed", "articles:tag_feed_atom")]
    for url in pages:
        assert client.get(url).status_code == 200, url
    client.force_login(editor)
    assert client.get(reverse("articles:preview", args=[draft.pk])).status_code == 200

    page = client.get(article.get_absolute_url()).content.decode()
    for tag in Tag.objects.all():
        assert reverse("articles:tag", kwargs={"slug": tag.slug}) in page


def test_a_tag_left_with_an_empty_slug_by_an_older_version_is_repaired():
    from articles.tags import repair_slugs

    Tag.objects.bulk_create([Tag(name=">", slug=""), Tag(name="日本", slug="日本")])

    repair_slugs(Tag)

    slug = Tag.objects.get(name=">").slug
    assert slug and resolve(unquote(reverse("articles:tag", kwargs={"slug": slug})))
    assert Tag.objects.get(name="日本").slug == "日本"


@given(slug=st.text(min_size=1, max_size=30))
@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_slug_a_model_accepts_is_accepted_by_its_address(slug):
    """Sections, authors, articles and tags: what the admin lets an editor save, readers can reach."""
    for model, route in [(Section, "articles:section"), (Author, "articles:author"), (Article, "articles:article"),
                         (Tag, "articles:tag")]:
        field = model._meta.get_field("slug")
        try:
            field.run_validators(slug)
        except Exception:  # noqa: BLE001 - the field refuses it, so no page will ever carry it
            continue
        # As a server reads it: the browser sends the address percent-encoded, the handler decodes it.
        assert resolve(unquote(reverse(route, kwargs={"slug": slug}))).kwargs["slug"] == slug


def test_an_over_long_tag_is_refused_with_a_message(client, editor):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=editor)
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url).content.decode())
    data["tags"] = ["Budget, " + "x" * 101]

    response = client.post(url, data)

    assert response.status_code == 200
    assert "at most 100 characters" in response.content.decode()
    assert not Tag.objects.filter(name__startswith="xxx").exists()


def test_editors_rename_a_tag_and_fix_its_slug_in_the_admin(client, editor, writer):
    tag = Tag.objects.create(name=">")
    ArticleFactory(tags=[tag])
    url = reverse("admin:taggit_tag_change", args=[tag.pk])

    client.force_login(writer)
    assert client.get(url).status_code == 403

    client.force_login(editor)
    assert client.get(reverse("admin:taggit_tag_changelist")).status_code == 200
    response = client.post(url, {"name": "Greater than", "slug": "greater-than"})
    assert response.status_code == 302
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("Greater than", "greater-than")
    assert client.get("/tag/greater-than/").status_code == 200

    refused = client.post(url, {"name": "Greater than", "slug": "not a slug!"})
    assert refused.status_code == 200 and "errornote" in refused.content.decode()


def test_editors_have_the_tag_permissions_after_migrate():
    from django.contrib.auth.models import Group

    granted = set(Permission.objects.filter(group=Group.objects.get(name="Editor"), content_type__app_label="taggit")
                  .values_list("codename", flat=True))
    assert {"view_tag", "change_tag"} <= granted
