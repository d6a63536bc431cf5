"""An editor acknowledges one warning on one article with a reason that is kept; errors are never acknowledged."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import Article, GateAcknowledgement, TextSection
from tests.factories import ArticleFactory, TextSectionFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
RUN_ON = "<p>The harbour vote was tight.it passed by a single voice.</p>"
REASON = "The run-on is the ferry company's registered name, styled that way on purpose."


def story(body: str = RUN_ON, **kwargs) -> Article:
    return ArticleFactory(status=Status.IN_REVIEW, published_at=None, body=body, **kwargs)


def the_finding(article: Article, rule: str = "missing-space"):
    (finding,) = [f for f in services.article_check(article=article) if f.rule == rule]
    return finding


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def ack_post(client, article, finding, reason: str, url_name: str = "articles_article_acknowledge"):
    rule, block_uid, field, text = finding.key
    data = {"rule": rule, "block_uid": block_uid, "field": field, "text": text, "reason": reason}
    return client.post(reverse(f"admin:{url_name}", args=[article.pk]), data)


def test_an_acknowledgement_keeps_its_reason_and_shows_in_the_panel_and_history(client, editor):
    article = story()
    finding = the_finding(article)
    client.force_login(editor)

    response = ack_post(client, article, finding, REASON)

    assert response.status_code == 302 and response.url == change_url(article)
    ack = GateAcknowledgement.objects.get(article=article)
    assert (ack.key, ack.reason, ack.by) == (finding.key, REASON, editor)
    page = client.get(change_url(article)).content.decode()
    panel = page[page.index('id="newsroom-findings"') : page.index("</table>", page.index('id="newsroom-findings"'))]
    assert "finding-acknowledged" in panel and "Acknowledged by Editor Tester" in panel
    assert "registered name, styled that way on purpose" in panel
    assert "Warning acknowledged" in page  # the workflow history on the same page
    step = article.transitions.get(action="acknowledge")
    assert "tight.it" in step.note and REASON in step.note
    assert "Warning acknowledged by Editor Tester" in step.sentence()


def test_a_blank_reason_is_refused_and_the_form_comes_back_with_a_message(client, editor):
    article = story()
    client.force_login(editor)

    response = ack_post(client, article, the_finding(article), "   \n ")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Say why this warning can stay" in page
    assert 'aria-invalid="true"' in page and '<details class="finding-ack-form" open>' in page
    assert not GateAcknowledgement.objects.exists()
    assert not article.transitions.filter(action="acknowledge").exists()
    with pytest.raises(ValidationError, match="Say why"):
        services.article_acknowledge_finding(
            article=article, finding_key=the_finding(article).key, reason="", by=editor
        )


def test_the_reason_field_is_labelled_and_required(client, editor):
    article = story()
    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()

    ref = page.split('id="ack-reason-', 1)[1].split('"', 1)[0]
    assert f'<label class="required" for="ack-reason-{ref}">' in page
    tag = page.split(f'id="ack-reason-{ref}"', 1)[1].split(">", 1)[0]
    assert "required" in tag and f'aria-describedby="ack-help-{ref}"' in tag


def test_an_error_cannot_be_acknowledged(client, editor):
    article = story(body="<p>The harbour master put the dredging bill at [TK] pounds.</p>")
    error = the_finding(article, "placeholder")
    client.force_login(editor)

    page = client.get(change_url(article)).content.decode()
    assert "Acknowledge this warning" not in page
    response = ack_post(client, article, error, REASON)

    assert response.status_code == 302
    shown = [str(m) for m in client.get(change_url(article)).context["messages"]]
    assert any("errors cannot be acknowledged" in message for message in shown)
    assert not GateAcknowledgement.objects.exists()
    with pytest.raises(ValidationError, match="errors cannot be acknowledged"):
        services.article_acknowledge_finding(article=article, finding_key=error.key, reason=REASON, by=editor)


def test_an_acknowledged_warning_lets_publishing_go_ahead_without_the_checkbox(editor):
    article = story()
    services.article_acknowledge_finding(
        article=article, finding_key=the_finding(article).key, reason=REASON, by=editor
    )

    services.article_publish(article=article, by=editor)

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_a_new_different_warning_still_needs_reading(editor):
    article = story()
    services.article_acknowledge_finding(
        article=article, finding_key=the_finding(article).key, reason=REASON, by=editor
    )
    TextSectionFactory(article=article, position=20, body="<p>The ferry resumes in May.the fares stay the same.</p>")

    with pytest.raises(services.GateBlocked, match="1 warning not acknowledged"):
        services.article_publish(article=article, by=editor)
    services.article_publish(article=article, by=editor, acknowledge_warnings=True)


def test_the_checkbox_is_offered_only_while_a_warning_is_open(client, editor):
    article = story()
    client.force_login(editor)
    assert "I have read the warnings" in client.get(change_url(article)).content.decode()

    services.article_acknowledge_finding(
        article=article, finding_key=the_finding(article).key, reason=REASON, by=editor
    )

    assert "I have read the warnings" not in client.get(change_url(article)).content.decode()


def test_an_acknowledgement_outlives_unrelated_edits_and_is_ignored_once_its_warning_is_gone(editor):
    article = story()
    services.article_acknowledge_finding(
        article=article, finding_key=the_finding(article).key, reason=REASON, by=editor
    )
    Article.objects.filter(pk=article.pk).update(headline="Harbour vote passes by one")
    TextSectionFactory(article=article, position=20, body="<p>The ferry resumes in May.</p>")
    assert (
        services.open_warnings(services.article_check(article=article), services.acknowledgements(article=article))
        == []
    )

    section = TextSection.objects.get(article=article, body__contains="tight.it")
    section.body = "<p>The harbour vote was tight.</p>"
    section.save()
    assert services.article_check(article=article) == []
    assert GateAcknowledgement.objects.filter(article=article).exists()  # kept, and simply matches nothing
    services.article_publish(article=article, by=editor)


def test_who_may_not_edit_the_article_cannot_acknowledge(client, writer, other_writer):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=writer, body=RUN_ON)
    finding = the_finding(article)

    with pytest.raises(services.WorkflowRefused):
        services.article_acknowledge_finding(article=article, finding_key=finding.key, reason=REASON, by=other_writer)
    client.force_login(other_writer)
    assert ack_post(client, article, finding, REASON).status_code == 403
    assert not GateAcknowledgement.objects.exists()

    services.article_submit(article=article, by=writer)
    with pytest.raises(services.WorkflowRefused):
        # Submitted: the writer no longer edits it, so no longer settles its warnings either.
        services.article_acknowledge_finding(article=article, finding_key=finding.key, reason=REASON, by=writer)


def test_the_writer_of_a_draft_may_acknowledge_its_warning(writer):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=writer, body=RUN_ON)

    services.article_acknowledge_finding(
        article=article, finding_key=the_finding(article).key, reason=REASON, by=writer
    )

    assert GateAcknowledgement.objects.get(article=article).by == writer


def test_the_acknowledge_view_needs_a_post_with_the_csrf_token(editor):
    article = story()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    url = reverse("admin:articles_article_acknowledge", args=[article.pk])

    assert client.get(url).status_code == 405
    rule, block_uid, field, text = the_finding(article).key
    data = {"rule": rule, "block_uid": block_uid, "field": field, "text": text, "reason": REASON}
    assert client.post(url, data).status_code == 403
    assert not GateAcknowledgement.objects.exists()


def test_an_acknowledgement_can_be_withdrawn_and_the_warning_needs_reading_again(client, editor):
    article = story()
    finding = the_finding(article)
    client.force_login(editor)
    ack_post(client, article, finding, REASON)

    response = ack_post(client, article, finding, "", url_name="articles_article_unacknowledge")

    assert response.status_code == 302
    assert not GateAcknowledgement.objects.exists()
    assert article.transitions.filter(action="unacknowledge").exists()
    with pytest.raises(services.GateBlocked, match="warning"):
        services.article_publish(article=article, by=editor)


def test_acknowledging_is_no_workflow_step_and_keeps_a_send_back_note_showing(editor, writer):
    article = ArticleFactory(status=Status.IN_REVIEW, published_at=None, created_by=writer, body=RUN_ON)
    services.article_send_back(article=article, by=editor, note="Check the vote count.")
    article.refresh_from_db()

    services.article_acknowledge_finding(
        article=article, finding_key=the_finding(article).key, reason=REASON, by=editor
    )

    assert article.pending_send_back().note == "Check the vote count."


def test_check_again_shows_an_acknowledged_warning_greyed_and_offers_no_form_before_saving(client, editor):
    from tests.formdata import form_data

    article = story()
    services.article_acknowledge_finding(
        article=article, finding_key=the_finding(article).key, reason=REASON, by=editor
    )
    client.force_login(editor)
    data = form_data(client.get(change_url(article)).content.decode())
    data["summary"] = ["The harbour vote passed. the crowd cheered."]

    html = client.post(reverse("admin:articles_article_check", args=[article.pk]), data).content.decode()

    assert "finding-acknowledged" in html and "Acknowledged by Editor Tester" in html
    assert "the crowd" in html and "Acknowledge this warning" not in html
    assert "save first" in html


def test_the_article_list_counts_an_acknowledged_warning_apart(client, editor):
    article = story()
    client.force_login(editor)
    listing = reverse("admin:articles_article_changelist")
    assert "1 warning" in client.get(listing).content.decode()

    services.article_acknowledge_finding(
        article=article, finding_key=the_finding(article).key, reason=REASON, by=editor
    )

    row = client.get(listing).content.decode()
    assert "1 acknowledged" in row and "1 warning" not in row
