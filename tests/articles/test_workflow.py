from datetime import timedelta

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article, Transition
from tests.factories import ArticleFactory, FaqEntryFactory, TextSectionFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
CLEAN_BODY = "<p>The council approved the budget on Tuesday. It takes effect in April.</p>"


def clean_article(status=Status.DRAFT, **kwargs):
    article = ArticleFactory(status=status, published_at=None if status == Status.DRAFT else timezone.now(), **kwargs)
    TextSectionFactory(article=article, body=CLEAN_BODY)
    return article


def test_writer_submits_own_draft_and_the_step_is_recorded(writer):
    article = clean_article(created_by=writer)

    services.article_submit(article=article, by=writer, note="Ready for a look")

    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    step = Transition.objects.get(article=article)
    assert (step.from_status, step.to_status, step.by, step.note) == (Status.DRAFT, Status.IN_REVIEW, writer, "Ready for a look")


def test_writer_cannot_submit_someone_elses_draft(writer, other_writer):
    article = clean_article(created_by=other_writer)

    with pytest.raises(services.WorkflowRefused, match="only submit their own"):
        services.article_submit(article=article, by=writer)
    assert not Transition.objects.exists()


@pytest.mark.parametrize("action", ["publish", "schedule", "send_back", "unpublish", "to_draft"])
def test_writer_cannot_take_editor_steps(writer, action):
    article = clean_article(status=Status.IN_REVIEW, created_by=writer)

    with pytest.raises(services.WorkflowRefused, match="Only an editor"):
        services.article_transition(
            article=article, by=writer, action=action, note="n", at=timezone.now() + timedelta(days=1),
        )
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_editor_sends_back_with_a_note_only(editor):
    article = clean_article(status=Status.IN_REVIEW)

    with pytest.raises(services.WorkflowRefused, match="Write a note"):
        services.article_send_back(article=article, by=editor, note="  ")
    services.article_send_back(article=article, by=editor, note="Needs a second source")

    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.transitions.get().note == "Needs a second source"


def test_editor_publishes_unpublishes_and_returns_to_draft(editor):
    article = clean_article(status=Status.IN_REVIEW)

    services.article_publish(article=article, by=editor)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article in Article.objects.published()

    services.article_unpublish(article=article, by=editor, note="Legal asked us to hold it")
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED and article not in Article.objects.published()

    services.article_transition(article=article, by=editor, action="to_draft")
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert [step.to_status for step in article.transitions.order_by("at", "pk")] == [
        Status.PUBLISHED, Status.UNPUBLISHED, Status.DRAFT,
    ]


@pytest.mark.parametrize(
    ("status", "action"),
    [(Status.DRAFT, "unpublish"), (Status.PUBLISHED, "submit"), (Status.DRAFT, "send_back"),
     (Status.PUBLISHED, "to_draft"), (Status.IN_REVIEW, "submit")],
)
def test_steps_from_the_wrong_state_are_refused(editor, status, action):
    article = clean_article(status=status)

    with pytest.raises(services.WorkflowRefused, match="cannot take this step"):
        services.article_transition(article=article, by=editor, action=action, note="n")


def test_unknown_step_is_refused(editor):
    with pytest.raises(services.WorkflowRefused, match="not a step"):
        services.article_transition(article=clean_article(), by=editor, action="teleport")


def test_schedule_needs_a_future_time(editor):
    article = clean_article(status=Status.IN_REVIEW)

    with pytest.raises(services.WorkflowRefused, match="in the future"):
        services.article_schedule(article=article, by=editor, at=timezone.now() - timedelta(minutes=1))


def test_scheduled_article_appears_at_the_exact_minute(editor, client):
    at = (timezone.now() + timedelta(hours=3)).replace(second=0, microsecond=0)
    article = clean_article(status=Status.IN_REVIEW)

    services.article_schedule(article=article, by=editor, at=at)

    assert article not in Article.objects.published(now=at - timedelta(microseconds=1))
    assert article in Article.objects.published(now=at)
    assert client.get(Article.objects.get(pk=article.pk).get_absolute_url()).status_code == 404


def test_scheduled_article_is_served_once_its_time_has_passed(editor, client):
    article = clean_article(status=Status.IN_REVIEW)
    services.article_schedule(article=article, by=editor, at=timezone.now() + timedelta(minutes=5))
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))

    assert client.get(article.get_absolute_url()).status_code == 200


def test_gate_blocks_submission_with_a_placeholder(writer):
    article = clean_article(created_by=writer)
    TextSectionFactory(article=article, body="<p>The minister [Insert name - research needed] spoke.</p>")

    with pytest.raises(services.GateBlocked) as blocked:
        services.article_submit(article=article, by=writer)

    assert any(f.rule == "placeholder" and f.severity == "error" for f in blocked.value.findings)
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_gate_blocks_publishing_for_editors_too(editor):
    article = clean_article(status=Status.IN_REVIEW)
    FaqEntryFactory(article=article, question="What happens next?", answer="TK")

    with pytest.raises(services.GateBlocked):
        services.article_publish(article=article, by=editor, acknowledge_warnings=True)
    with pytest.raises(services.GateBlocked):
        services.article_schedule(article=article, by=editor, at=timezone.now() + timedelta(days=1),
                                  acknowledge_warnings=True)


def test_warnings_must_be_acknowledged_to_publish(editor):
    article = clean_article(status=Status.IN_REVIEW)
    TextSectionFactory(article=article, body="<p>The vote was close.this was a surprise to many.</p>")

    with pytest.raises(services.GateBlocked, match="warning"):
        services.article_publish(article=article, by=editor)
    services.article_publish(article=article, by=editor, acknowledge_warnings=True)

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_corrections_are_for_editors_on_public_articles(editor, writer):
    article = clean_article(status=Status.PUBLISHED)

    with pytest.raises(services.WorkflowRefused):
        services.article_add_correction(article=article, by=writer, text="Wrong")
    with pytest.raises(services.WorkflowRefused):
        services.article_add_correction(article=clean_article(), by=editor, text="Draft")


def test_corrections_show_on_the_page_newest_first_with_updated_time(editor, client):
    article = clean_article(status=Status.PUBLISHED)
    first = services.article_add_correction(article=article, by=editor, text="An earlier version misspelt the mayor’s name.")
    second = services.article_add_correction(
        article=article, by=editor, kind="update", text="The council has since confirmed the vote.",
    )
    first.created_at = second.created_at - timedelta(hours=1)
    first.save()

    # What readers see, after the head (whose JSON-LD also carries the correction).
    page = client.get(article.get_absolute_url()).content.decode().split("<main", 1)[1]

    assert page.index("since confirmed the vote") < page.index("misspelt the mayor")
    updated = page.split('class="updated"', 1)[1].split("</span>", 1)[0]
    assert timezone.localtime(second.created_at).strftime('datetime="%Y-%m-%dT%H:%M:%S%z"') in updated


def test_editor_reschedules_sends_back_and_unpublishes_a_scheduled_article(editor):
    article = clean_article(status=Status.IN_REVIEW)
    first, second = (timezone.now() + timedelta(days=n) for n in (1, 2))

    services.article_schedule(article=article, by=editor, at=first)
    services.article_schedule(article=article, by=editor, at=second)
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.SCHEDULED, second)

    services.article_send_back(article=article, by=editor, note="Hold for the minister's reply")
    article.refresh_from_db()
    assert article.status == Status.DRAFT

    services.article_schedule(article=article, by=editor, at=first)
    services.article_unpublish(article=article, by=editor, note="Embargo lifted early elsewhere")
    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED and article not in Article.objects.published(now=second)


def test_editor_republishes_an_unpublished_article(editor):
    article = clean_article(status=Status.PUBLISHED)
    services.article_unpublish(article=article, by=editor, note="Checking a figure")

    services.article_publish(article=article, by=editor, note="Figure confirmed")

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article in Article.objects.published()
