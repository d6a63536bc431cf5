"""A revert says first what it will change, needs a note, and is refused like any save the gate would refuse."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from articles import services
from articles.models import Article, Participant, TextSection
from tests.factories import ArticleFactory, CalloutFactory, ParticipantFactory, ParticipantTableFactory
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

Status = Article.Status
PLACEHOLDER = "<p>Prime Minister [Insert name - research needed] said the plan works.</p>"


def save_revision(article, user):
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.add_to_revision(Article.objects.get(pk=article.pk))
    return Version.objects.get_for_object(article).first()


def revert_url(article, version):
    return reverse("admin:articles_article_revision", args=[article.pk, version.pk])


def revert_form(client, article, version, note="The second edit got the figures wrong.") -> dict:
    data = form_data(client.get(revert_url(article, version)).content.decode())
    data["revert_note"] = [note]
    return data


@pytest.fixture
def live_story(editor):
    """A published story whose first revision had a callout and a second participant, both gone since."""
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=editor,
                             body="<p>The council approved the budget on Tuesday.</p>")
    table = ParticipantTableFactory(article=article, position=20, title="Delegates")
    ParticipantFactory(table=table, name="Cho Hyun", order=1)
    ParticipantFactory(table=table, name="Iwaya Takeshi", order=2)
    CalloutFactory(article=article, position=30, label="Pro Tip", body="Bring an umbrella.")
    oldest = save_revision(article, editor)
    article.callouts.all().delete()
    Participant.objects.filter(name="Iwaya Takeshi").delete()
    CalloutFactory(article=article, position=40, label="Warning", body="Roads close at noon.")
    save_revision(article, editor)
    services.article_publish(article=article, by=editor)
    article.oldest = oldest
    return article


def test_the_revert_form_lists_the_blocks_and_rows_that_come_back_or_disappear(client, editor, live_story):
    client.force_login(editor)

    page = client.get(revert_url(live_story, live_story.oldest)).content.decode()

    disappear = page[page.index("Will disappear"):page.index("Will come back")]
    come_back = page[page.index("Will come back"):page.index("newsroom-revert-diff")]
    assert "Callout" in disappear and "Warning" in disappear and "Pro Tip" not in disappear
    assert "Pro Tip" in come_back and "Iwaya Takeshi" in come_back and "Delegates" in come_back
    assert "Cho Hyun" not in disappear + come_back
    # Only a look: nothing was written back.
    assert list(live_story.callouts.values_list("label", flat=True)) == ["Warning"]
    assert live_story.transitions.filter(action="revert").count() == 0


def test_a_revert_without_a_note_is_refused_and_changes_nothing(client, editor, live_story):
    client.force_login(editor)
    data = revert_form(client, live_story, live_story.oldest, note="   ")

    response = client.post(revert_url(live_story, live_story.oldest), data)

    assert response.status_code == 200
    assert "Say why you are reverting" in response.content.decode()
    assert list(live_story.callouts.values_list("label", flat=True)) == ["Warning"]
    assert not live_story.transitions.filter(action="revert").exists()


def test_the_note_goes_into_the_workflow_log(client, editor, live_story):
    client.force_login(editor)
    data = revert_form(client, live_story, live_story.oldest, note="The second edit dropped a delegate.")

    assert client.post(revert_url(live_story, live_story.oldest), data).status_code == 302

    assert list(live_story.callouts.values_list("label", flat=True)) == ["Pro Tip"]
    assert Participant.objects.filter(table__article=live_story).count() == 2
    record = live_story.transitions.get(action="revert")
    assert record.by == editor and record.note.endswith(": The second edit dropped a delegate.")
    assert "reverted" in record.note.lower()


def test_the_service_refuses_a_revert_without_a_note(editor, live_story):
    with pytest.raises(services.WorkflowRefused):
        services.article_record_revert(article_id=live_story.pk, by=editor, saved_at=live_story.oldest.revision.date_created,
                                       note=" ")


def test_revert_of_a_live_article_that_would_bring_back_a_placeholder_is_refused(client, editor):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=editor, body=PLACEHOLDER)
    oldest = save_revision(article, editor)
    TextSection.objects.filter(article=article).update(body="<p>Prime Minister Han Duck-soo said the plan works.</p>")
    save_revision(article, editor)
    services.article_publish(article=article, by=editor)
    client.force_login(editor)

    form_page = client.get(revert_url(article, oldest)).content.decode()
    assert "This revert would be refused" in form_page and "[Insert name - research needed]" in form_page

    response = client.post(revert_url(article, oldest), revert_form(client, article, oldest))

    assert response.status_code == 200
    page = response.content.decode()
    assert "This article is public, so changes the quality check refuses were not saved" in page
    assert "Han Duck-soo" in TextSection.objects.get(article=article).body
    assert not article.transitions.filter(action="revert").exists()
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_a_draft_may_be_reverted_to_a_version_with_a_placeholder(client, editor):
    """The gate blocks publishing, not a draft's history: the writer fixes the placeholder before submitting."""
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=editor, body=PLACEHOLDER)
    oldest = save_revision(article, editor)
    TextSection.objects.filter(article=article).update(body="<p>Prime Minister Han Duck-soo said the plan works.</p>")
    save_revision(article, editor)
    client.force_login(editor)

    assert client.post(revert_url(article, oldest), revert_form(client, article, oldest)).status_code == 302

    assert "[Insert name" in TextSection.objects.get(article=article).body


def test_revert_of_a_live_article_that_would_empty_its_table_is_refused(client, editor):
    """Whatever the gate counts as an error is refused on a live article; an empty table is one once the gate says so."""
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=editor,
                             body="<p>The council approved the budget on Tuesday.</p>")
    table = ParticipantTableFactory(article=article, position=20, title="Delegates")
    empty_errors = [finding for finding in services.article_check(article=article) if finding.severity == "error"]
    if not empty_errors:
        pytest.skip("The quality gate does not count an empty participant table as an error in this checkout.")
    oldest = save_revision(article, editor)
    ParticipantFactory(table=table, name="Cho Hyun", order=1)
    save_revision(article, editor)
    services.article_publish(article=article, by=editor)
    client.force_login(editor)

    form_page = client.get(revert_url(article, oldest)).content.decode()
    assert "This revert would be refused" in form_page
    response = client.post(revert_url(article, oldest), revert_form(client, article, oldest))

    assert response.status_code == 200
    assert "This article is public, so changes the quality check refuses were not saved" in response.content.decode()
    assert list(Participant.objects.filter(table=table).values_list("name", flat=True)) == ["Cho Hyun"]
