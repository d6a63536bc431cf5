"""Old revisions are opened, compared and reverted only through the history of the object they belong to."""

from datetime import timedelta

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article, TextSection
from tests.factories import ArticleFactory, ParticipantFactory, ParticipantTableFactory
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

Status = Article.Status


def save_revision(article, user, comment=""):
    """What a save in the admin records: the article and every block it follows."""
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(article)


def revision_url(model, object_id, version_id):
    return reverse(f"admin:articles_{model}_revision", args=[object_id, version_id])


def test_a_writer_cannot_revert_a_live_article_through_a_version_id_that_matches_their_draft(client, writer, editor):
    """The attack of issue 8: a block's version whose id equals the writer's own article id."""
    mine = ArticleFactory(pk=4242, status=Status.DRAFT, published_at=None, created_by=writer, body=False)
    live = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=editor, headline="Old wording", body=False)
    TextSection.objects.create(pk=mine.pk, article=live, position=10, body="<p>Old body.</p>")
    save_revision(live, editor)
    services.article_publish(article=live, by=editor)
    Article.objects.filter(pk=live.pk).update(headline="Corrected wording")
    block_version = Version.objects.get_for_model(TextSection).get(object_id=str(mine.pk))
    client.force_login(writer)
    url = revision_url("article", mine.pk, block_version.pk)

    assert client.get(url).status_code == 404
    assert client.post(url, {"headline": "Mine", "slug": "mine"}).status_code == 404

    live.refresh_from_db()
    assert (live.headline, live.status) == ("Corrected wording", Status.PUBLISHED)
    assert live.transitions.count() == 1


def test_a_version_of_another_article_is_not_found_through_this_one(client, editor):
    first, second = (ArticleFactory(status=Status.DRAFT, published_at=None, created_by=editor) for _ in range(2))
    save_revision(second, editor)
    client.force_login(editor)
    version = Version.objects.get_for_object(second).get()

    assert client.get(revision_url("article", first.pk, version.pk)).status_code == 404


def test_a_writer_cannot_open_the_revert_form_of_an_article_they_may_no_longer_edit(client, writer, editor):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=writer)
    save_revision(article, writer)
    services.article_publish(article=article, by=editor)
    version = Version.objects.get_for_object(article).get()
    client.force_login(writer)
    url = revision_url("article", article.pk, version.pk)

    assert client.get(url).status_code == 403
    assert client.post(url, {"headline": "Back to my draft"}).status_code == 403
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_a_table_has_no_history_of_its_own_outside_its_article(client, editor):
    """A table is part of its article: its versions open only through the article's history, under its rules."""
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=editor)
    table = ParticipantTableFactory(article=article)
    ParticipantFactory(table=table, name="Cho Hyun")
    with reversion.create_revision():
        reversion.add_to_revision(article)
    version = Version.objects.get_for_object(table).get()
    client.force_login(editor)

    for path in (f"{table.pk}/history/{version.pk}/", f"recover/{version.pk}/", f"{table.pk}/history/", "recover/"):
        assert client.get(f"/admin/articles/participanttable/{path}").status_code == 404
    assert client.get(revision_url("article", article.pk, Version.objects.get_for_object(article).get().pk)).status_code == 200


def test_a_revert_is_recorded_in_the_history_and_the_workflow_log(client, editor):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=editor, headline="First wording")
    save_revision(article, editor)
    Article.objects.filter(pk=article.pk).update(headline="Second wording")
    services.article_publish(article=article, by=editor)
    oldest = Version.objects.get_for_object(article).get()
    client.force_login(editor)
    url = revision_url("article", article.pk, oldest.pk)

    data = form_data(client.get(url).content.decode())
    data["revert_note"] = ["The first wording was right."]
    assert client.post(url, data).status_code == 302

    article.refresh_from_db()
    assert (article.headline, article.status) == ("First wording", Status.PUBLISHED)
    newest = Version.objects.get_for_object(article).order_by("-pk").first()
    assert newest.revision.user == editor and "Reverted" in newest.revision.get_comment()
    assert LogEntry.objects.filter(object_id=str(article.pk), user=editor).exists()
    record = article.transitions.first()
    assert record.by == editor and record.from_status == record.to_status == Status.PUBLISHED
    assert "reverted" in record.note.lower() and record.note.endswith("The first wording was right.")


def test_recover_opens_only_deleted_versions_of_its_own_model(client, editor):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=editor)
    save_revision(article, editor)
    block_version = Version.objects.get_for_model(TextSection).get()
    client.force_login(editor)

    assert client.get(reverse("admin:articles_article_recover", args=[block_version.pk])).status_code == 404
    article_version = Version.objects.get_for_object(article).get()
    # The article still exists: there is nothing to recover.
    assert client.get(reverse("admin:articles_article_recover", args=[article_version.pk])).status_code == 404


def test_a_deleted_article_is_recovered_by_editors_only_and_comes_back_unpublished(client, writer, editor):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=writer, headline="Gone story")
    save_revision(article, writer)
    services.article_publish(article=article, by=editor)
    save_revision(article, editor)
    article_pk = article.pk
    article.delete()
    version = Version.objects.get_deleted(Article).get()
    url = reverse("admin:articles_article_recover", args=[version.pk])

    client.force_login(writer)
    assert client.get(url).status_code == 403
    assert client.post(url, {"headline": "Gone story"}).status_code == 403
    assert not Article.objects.filter(pk=article_pk).exists()

    client.force_login(editor)
    assert client.post(url, form_data(client.get(url).content.decode())).status_code == 302
    recovered = Article.objects.get(pk=article_pk)
    assert recovered.status == Status.DRAFT and not recovered.is_public
    assert "recovered" in recovered.transitions.get().note.lower()


@pytest.mark.parametrize("query", ["from=²&to={v}", "from={v}&to=²", "from=99999999999999999999&to={v}",
                                   "from=-1&to={v}", "from= {v}&to={v}", "from={v}"])
def test_odd_revision_numbers_in_compare_are_404s(client, editor, query):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=editor)
    save_revision(article, editor)
    version = Version.objects.get_for_object(article).get()
    client.force_login(editor)

    url = reverse("admin:articles_article_compare", args=[article.pk])
    response = client.get(f"{url}?{query.format(v=version.pk)}")

    assert response.status_code == 404


def test_preview_links_stay_dead_after_an_article_is_deleted_and_recovered(client, editor):
    from articles.previews import preview_url

    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=editor, headline="Embargoed story")
    save_revision(article, editor)
    link, _ = preview_url(article_id=article.pk)
    assert "Embargoed story" in client.get(link).content.decode()
    client.force_login(editor)
    delete = reverse("admin:articles_article_delete", args=[article.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert client.get(link).status_code == 404
    version = Version.objects.get_deleted(Article).get()
    url = reverse("admin:articles_article_recover", args=[version.pk])

    assert client.post(url, form_data(client.get(url).content.decode())).status_code == 302
    client.logout()

    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    assert client.get(link).status_code == 404
    fresh, _ = preview_url(article_id=article.pk, now=timezone.now() + timedelta(seconds=1))
    assert "Embargoed story" in client.get(fresh).content.decode()  # a new link, made on purpose, works
