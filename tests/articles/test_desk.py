"""The desk's workflow: send-back notes where the writer looks, withdrawal, the dashboard, mail, history."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Transition
from tests.factories import ArticleFactory, TextSectionFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
CLEAN_BODY = "<p>The council approved the budget on Tuesday. It takes effect in April.</p>"


def clean_draft(user, **kwargs):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=user, **kwargs)
    TextSectionFactory(article=article, body=CLEAN_BODY)
    return article


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def workflow_panel(page: str) -> str:
    return page.split('class="module newsroom-workflow"', 1)[1].split("</section>", 1)[0]


def test_latest_send_back_note_heads_the_workflow_panel_with_who_and_when(client, writer, editor):
    article = clean_draft(writer)
    services.article_submit(article=article, by=writer)
    services.article_send_back(article=article, by=editor, note="An older note")
    services.article_submit(article=article, by=writer)
    services.article_send_back(article=article, by=editor, note="Name the second source, please")
    sent = Transition.objects.filter(article=article).first()
    client.force_login(writer)

    panel = workflow_panel(client.get(change_url(article)).content.decode())

    top = panel.split("<h3>", 1)[0]
    assert "Sent back by Editor Tester" in top
    assert "Name the second source, please" in top and "An older note" not in top
    assert f'datetime="{timezone.localtime(sent.at):%Y-%m-%dT%H:%M:%S%z}"' in top


def test_send_back_note_leaves_the_panel_once_the_article_moves_on(client, writer, editor):
    article = clean_draft(writer)
    services.article_submit(article=article, by=writer)
    services.article_send_back(article=article, by=editor, note="Name the second source, please")
    services.article_submit(article=article, by=writer)
    client.force_login(editor)

    panel = workflow_panel(client.get(change_url(article)).content.decode())

    assert "Sent back by" not in panel


def test_writer_withdraws_their_own_submission_back_to_draft(writer):
    article = clean_draft(writer)
    services.article_submit(article=article, by=writer)

    services.article_withdraw(article=article, by=writer, note="Found a better quote")

    article.refresh_from_db()
    assert article.status == Status.DRAFT
    step = Transition.objects.filter(article=article).first()
    assert (step.action, step.from_status, step.to_status, step.by, step.note) == (
        "withdraw", Status.IN_REVIEW, Status.DRAFT, writer, "Found a better quote",
    )
    assert article.pending_send_back() is None


def test_only_the_articles_own_writer_may_withdraw_it(writer, other_writer, editor):
    article = clean_draft(writer)
    services.article_submit(article=article, by=writer)

    for someone in (other_writer, editor):
        with pytest.raises(services.WorkflowRefused, match="Only the writers of this article"):
            services.article_withdraw(article=article, by=someone)
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SCHEDULED, Status.PUBLISHED])
def test_withdrawal_is_only_from_review(writer, status):
    article = clean_draft(writer)
    Article.objects.filter(pk=article.pk).update(status=status, published_at=timezone.now())

    with pytest.raises(services.WorkflowRefused, match="cannot take this step"):
        services.article_withdraw(article=article, by=writer)


def test_writer_withdraws_from_the_read_only_article_page(client, writer, editor):
    article = clean_draft(writer)
    services.article_submit(article=article, by=writer)
    client.force_login(writer)

    page = client.get(change_url(article)).content.decode()
    panel = workflow_panel(page)
    assert 'name="_save"' not in page
    assert f'action="{reverse("admin:articles_article_workflow", args=[article.pk])}"' in panel
    assert 'value="withdraw"' in panel

    response = client.post(
        reverse("admin:articles_article_workflow", args=[article.pk]), {"action": "withdraw", "note": ""}, follow=True,
    )

    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert "is now draft" in " ".join(str(message) for message in response.context["messages"])
    client.force_login(editor)
    assert 'value="withdraw"' not in workflow_panel(client.get(change_url(article)).content.decode())


def desk_lists(page: str) -> dict[str, str]:
    """Each dashboard list's caption and the text under it."""
    desk = page.split('class="newsroom-desk"', 1)[1].split("</section>", 1)[0]
    parts = desk.split("<caption>")[1:]
    return {part.split("</caption>", 1)[0]: part.split("</caption>", 1)[1].split("</table>", 1)[0] for part in parts}


def fill_the_desk(writer, editor, count: int):
    """`count` articles in each state a desk lists, all written by `writer`."""
    from datetime import timedelta

    for n in range(count):
        in_review = clean_draft(writer, headline=f"In review {n}")
        services.article_submit(article=in_review, by=writer)
        sent = clean_draft(writer, headline=f"Sent back {n}")
        services.article_submit(article=sent, by=writer)
        services.article_send_back(article=sent, by=editor, note=f"Check the figures {n}")
        clean_draft(writer, headline=f"Plain draft {n}")
        ArticleFactory(headline=f"Coming soon {n}", status=Status.SCHEDULED,
                       published_at=timezone.now() + timedelta(days=n + 1))
        ArticleFactory(headline=f"Out already {n}", status=Status.PUBLISHED)


def test_writer_desk_lists_what_was_sent_back_their_drafts_scheduled_and_published(client, writer, editor):
    fill_the_desk(writer, editor, 1)
    client.force_login(writer)

    lists = desk_lists(client.get(reverse("admin:index")).content.decode())

    assert list(lists) == ["Sent back to me", "My drafts", "Scheduled", "Recently published"]
    assert "Sent back 0" in lists["Sent back to me"] and "Check the figures 0" in lists["Sent back to me"]
    assert "sent back by Editor Tester" in lists["Sent back to me"]
    assert "Plain draft 0" in lists["My drafts"] and "Sent back 0" not in lists["My drafts"]
    assert "Coming soon 0" in lists["Scheduled"] and "goes live" in lists["Scheduled"]
    assert "Out already 0" in lists["Recently published"]


def test_editor_desk_lists_what_awaits_review_and_not_other_peoples_drafts(client, writer, editor):
    fill_the_desk(writer, editor, 1)
    client.force_login(editor)

    lists = desk_lists(client.get(reverse("admin:index")).content.decode())

    assert list(lists) == ["Awaiting my review", "Scheduled", "Recently published"]
    assert "In review 0" in lists["Awaiting my review"] and "submitted" in lists["Awaiting my review"]
    assert "Sent back 0" not in lists["Awaiting my review"]


def test_another_writer_sees_none_of_a_colleagues_drafts(client, writer, other_writer, editor):
    fill_the_desk(writer, editor, 1)
    client.force_login(other_writer)

    lists = desk_lists(client.get(reverse("admin:index")).content.decode())

    assert "You have no drafts." in lists["My drafts"] and "Nothing was sent back to you." in lists["Sent back to me"]


# Signing in, permissions and two-factor 6 and a savepoint pair; the desk one query per list.
@pytest.mark.parametrize(("role", "queries"), [("writer", 7 + 4), ("editor", 7 + 5)])
@pytest.mark.parametrize("count", [1, 6])
def test_desk_takes_one_query_per_list_however_many_articles(
    client, writer, editor, role, queries, count, django_assert_num_queries,
):
    fill_the_desk(writer, editor, count)
    client.force_login({"writer": writer, "editor": editor}[role])
    client.get(reverse("admin:index"))

    with django_assert_num_queries(queries):
        page = client.get(reverse("admin:index")).content.decode()
    assert f"Out already {count - 1}" in page


def changelist_rows(page: str) -> list[str]:
    return page.split('id="result_list"', 1)[1].split("</table>", 1)[0].split("<tr")[2:]


def test_article_list_shows_byline_status_last_editor_and_gate_counts(client, writer, editor):
    from tests.factories import AuthorFactory

    byline = [AuthorFactory(name="Ana Ruiz"), AuthorFactory(name="Ben Ode")]
    flawed = ArticleFactory(
        headline="Flawed story", status=Status.DRAFT, published_at=None, authors=byline, last_edited_by=writer, body=(
            "<p>Prime Minister [Insert name - research needed] said the plan works.</p>"
        ),
    )
    client.force_login(editor)

    rows = changelist_rows(client.get(reverse("admin:articles_article_changelist")).content.decode())

    (row,) = [row for row in rows if "Flawed story" in row]
    assert "Ana Ruiz, Ben Ode" in row and "Draft" in row and "Writer Tester" in row
    errors = len([f for f in services.article_check(article=flawed) if f.severity == "error"])
    assert errors and f"{errors} error" in row


@pytest.mark.parametrize("count", [2, 12])
def test_article_list_queries_do_not_grow_with_the_articles(client, editor, count, django_assert_num_queries):
    from tests.factories import CalloutFactory, FaqEntryFactory, ParticipantFactory, ParticipantTableFactory

    for _ in range(count):
        article = ArticleFactory(last_edited_by=editor)
        ParticipantFactory(table=ParticipantTableFactory(article=article))
        CalloutFactory(article=article)
        FaqEntryFactory(article=article)
    client.force_login(editor)
    url = reverse("admin:articles_article_changelist")
    client.get(url)

    # On PostgreSQL the unfiltered list first asks the planner's estimate of the table's rows (admin_pagination).
    estimate = 1 if connection.vendor == "postgresql" else 0
    with django_assert_num_queries(EXPECTED_CHANGELIST_QUERIES + estimate):
        assert len(changelist_rows(client.get(url).content.decode())) == count


# Signing in, permissions, two-factor and a savepoint pair 9; sections to filter by, the count (one: no second count
# of the whole table) and the page 3; the page again with what the gate reads (byline, tags, each of 8 kinds of
# block, table rows, corrections) 12; the page's acknowledged warnings 1.
EXPECTED_CHANGELIST_QUERIES = 25


def test_workflow_history_on_the_article_names_each_step(client, writer, editor):
    article = clean_draft(writer)
    services.article_submit(article=article, by=writer)
    services.article_withdraw(article=article, by=writer)
    client.force_login(editor)

    page = client.get(change_url(article)).content.decode()

    history = page.split("Workflow history", 1)[1]
    assert history.index("Withdrawn from review") < history.index("Submitted for review")
