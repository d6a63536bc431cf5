"""The article's history: a save that changes nothing leaves no entry; workflow steps read as steps."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from reversion.models import Version

from articles import services
from articles.models import Article
from tests.factories import ArticleFactory, FaqEntryFactory
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

Status = Article.Status


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def entries(article) -> tuple[int, int]:
    return Version.objects.get_for_object(article).count(), LogEntry.objects.filter(object_id=str(article.pk)).count()


@pytest.fixture
def article(writer):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=writer,
                             body="<p>The council approved the budget on Tuesday. It takes effect in April.</p>")
    FaqEntryFactory(article=article, question="When does it start?", answer="In April.")
    return article


def test_a_save_that_changes_nothing_leaves_no_entry(client, editor, article):
    client.force_login(editor)
    data = form_data(client.get(change_url(article)).content.decode())
    data["headline"] = ["A first real change"]
    assert client.post(change_url(article), data).status_code == 302
    before = entries(article)
    article.refresh_from_db()
    version = article.edit_version

    unchanged = form_data(client.get(change_url(article)).content.decode())
    assert client.post(change_url(article), unchanged).status_code == 302

    assert entries(article) == before
    article.refresh_from_db()
    assert article.edit_version == version


def test_a_change_to_a_block_alone_is_still_a_revision_of_the_article(client, editor, article):
    client.force_login(editor)
    data = form_data(client.get(change_url(article)).content.decode())
    assert client.post(change_url(article), data).status_code == 302
    before_versions, before_log = entries(article)
    article.refresh_from_db()
    version = article.edit_version

    data = form_data(client.get(change_url(article)).content.decode())
    data["faq_entries-0-answer"] = ["In May."]
    assert client.post(change_url(article), data).status_code == 302

    assert entries(article) == (before_versions + 1, before_log + 1)
    article.refresh_from_db()
    assert article.edit_version > version
    assert "FAQ entry" in LogEntry.objects.filter(object_id=str(article.pk)).first().get_change_message()


def test_a_workflow_step_reads_as_a_step_in_the_history(client, writer, editor, article):
    services.article_submit(article=article, by=writer, note="Figures checked")
    client.force_login(editor)
    data = form_data(client.get(change_url(article)).content.decode())
    data.update(_workflow_action=["send_back"], _workflow_note_send_back=["Name the second source"])
    before = entries(article)

    assert client.post(change_url(article), data).status_code == 302

    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert entries(article) == before
    page = client.get(history_url(article)).content.decode()
    assert "No fields changed" not in page
    assert "Sent back by Editor Tester: Name the second source" in page
    assert "Submitted for review by Writer Tester: Figures checked" in page
    assert page.index("Sent back by") < page.index("Submitted for review by")


def test_a_block_change_from_a_page_someone_else_saved_since_is_refused(client, editor, writer, article):
    client.force_login(writer)
    mine = form_data(client.get(change_url(article)).content.decode())
    client.force_login(editor)
    theirs = form_data(client.get(change_url(article)).content.decode())
    theirs["headline"] = ["Editor's better headline"]
    assert client.post(change_url(article), theirs).status_code == 302

    client.force_login(writer)
    mine["faq_entries-0-answer"] = ["Only the writer's answer changed"]
    response = client.post(change_url(article), mine)

    assert response.status_code == 200 and "Editor Tester saved this article at" in response.content.decode()
    assert article.faq_entries.get().answer == "In April."

