"""Preview links can be revoked, die with unpublishing, and never show what readers may not see; tags likewise."""

from datetime import timedelta

import pytest
from django.urls import reverse

from articles import services
from articles.models import Article
from articles.previews import preview_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

Status = Article.Status


def draft_by(user, **fields):
    return ArticleFactory(status=Status.DRAFT, published_at=None, created_by=user, **fields)


def link(article):
    return preview_url(article_id=article.pk, lifetime=timedelta(days=14))[0]


def workflow(client, article, **data):
    return client.post(reverse("admin:articles_article_workflow", args=[article.pk]), data, follow=True)


def test_the_workflow_panel_revokes_one_articles_links(client, writer):
    article, other = draft_by(writer), draft_by(writer)
    old, others = link(article), link(other)
    client.force_login(writer)

    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert 'value="revoke"' in page
    response = workflow(client, article, action="revoke")

    assert "no longer works" in " ".join(str(m) for m in response.context["messages"])
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(others).status_code == 200
    assert client.get(link(article)).status_code == 200  # a new link works again


def test_a_writer_cannot_revoke_the_links_of_an_article_they_may_not_edit(client, writer, editor):
    article = draft_by(editor)
    shared = link(article)
    client.force_login(writer)

    url = reverse("admin:articles_article_workflow", args=[article.pk])
    assert client.post(url, {"action": "revoke"}).status_code == 403
    client.logout()
    assert client.get(shared).status_code == 200


def test_editors_revoke_every_link_at_once(client, writer, editor):
    articles = [draft_by(writer), draft_by(editor), draft_by(editor)]
    links = [link(article) for article in articles]
    changelist = reverse("admin:articles_article_changelist")
    every = {"action": "revoke_preview_links", "_selected_action": [a.pk for a in Article.objects.all()]}

    client.force_login(writer)
    client.post(changelist, every)
    assert all(client.get(url).status_code == 200 for url in links)

    client.force_login(editor)
    assert client.post(changelist, every).status_code == 302
    client.logout()
    assert all(client.get(url).status_code == 404 for url in links)


def test_a_link_dies_when_the_article_is_unpublished_and_stays_dead(client, editor):
    article = draft_by(editor)
    shared = link(article)
    services.article_publish(article=article, by=editor)

    # Public now: the link leads to the public page.
    response = client.get(shared)
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()

    services.article_unpublish(article=article, by=editor, note="Legal asked us to")
    assert client.get(shared).status_code == 404
    services.article_transition(article=article, by=editor, action="to_draft")
    assert client.get(shared).status_code == 404
    assert client.get(link(article)).status_code == 200


def test_a_logged_out_staff_member_is_sent_to_the_admin_login_and_back(client, writer):
    article = draft_by(writer)
    url = reverse("articles:preview", args=[article.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"
    assert client.get(response["Location"]).status_code == 200
    login = client.post(response["Location"], {"username": "writer", "password": "pw-for-tests", "next": url})
    assert login["Location"] == url


def test_tags_of_unpublished_articles_stay_out_of_sight(client, editor):
    ArticleFactory(tags=["Budget"])
    draft_by(editor, tags=["Merger talks"])
    pulled = ArticleFactory(tags=["Lawsuit"])
    services.article_unpublish(article=pulled, by=editor, note="Legal")

    for slug in ("merger-talks", "lawsuit"):
        for url in (f"/tag/{slug}/", f"/tag/{slug}/feed/", f"/tag/{slug}/feed/atom/"):
            assert client.get(url).status_code == 404, url
    assert client.get("/tag/budget/").status_code == 200
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/tag/budget/" in sitemap and "merger-talks" not in sitemap and "lawsuit" not in sitemap
