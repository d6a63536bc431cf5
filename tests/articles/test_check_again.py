"""“Check again” runs the quality gate on the article form as it stands, without saving anything."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Callout, TextSection
from articles.quality import Finding, in_severity_order
from tests.factories import ArticleFactory, CalloutFactory
from tests.formdata import form_data

pytestmark = pytest.mark.django_db


def _draft(writer, **kwargs):
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=writer, **kwargs)


def _form(client, article) -> dict:
    return form_data(client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode())


def _check(client, article, data):
    return client.post(reverse("admin:articles_article_check", args=[article.pk]), data)


def test_the_check_reads_unsaved_edits_and_saves_nothing(client, writer):
    """A placeholder typed but not saved is found; the stored article, its blocks and its history stay as they were."""
    article = _draft(writer)
    client.force_login(writer)
    data = _form(client, article)
    assert "Unresolved placeholder" not in client.get(
        reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    versions = Version.objects.count()

    data["headline"] = ["Council approves [TBD] budget"]
    section = next(name for name in data if name.endswith("-0-body") and name.startswith("text"))
    data[section] = ["<p>Lorem ipsum dolor sit amet.</p>"]
    response = _check(client, article, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Unresolved placeholder" in html
    assert "[TBD]" in html and "Lorem ipsum" in html
    assert "<html" not in html  # a fragment the page swaps in, not a page
    article.refresh_from_db()
    assert article.headline.startswith("Council approves budget number")
    assert "Lorem" not in TextSection.objects.get(article=article).body
    assert Version.objects.count() == versions


def test_the_check_sees_a_block_added_and_one_removed_before_the_save(client, writer):
    """A new callout row is read from the form before it exists; a block ticked for deletion is no longer read."""
    article = _draft(writer)
    CalloutFactory(article=article, position=50, label="Note", body="Figures are TK from the council.")
    client.force_login(writer)
    data = _form(client, article)
    assert "TK" in _check(client, article, data).content.decode()

    prefix = next(name[: -len("-TOTAL_FORMS")] for name in data if name.endswith("-TOTAL_FORMS") and "callout" in name)
    data[f"{prefix}-0-DELETE"] = ["on"]
    data[f"{prefix}-TOTAL_FORMS"] = ["2"]
    data.update({
        f"{prefix}-1-position": ["60"], f"{prefix}-1-label": ["Help"], f"{prefix}-1-body": ["Call lorem ipsum now."],
    })
    html = _check(client, article, data).content.decode()

    assert "lorem ipsum" in html
    assert "Figures are TK" not in html
    assert Callout.objects.filter(article=article).count() == 1


def test_only_who_may_change_the_article_can_run_the_check(client, writer, other_writer, editor):
    article = _draft(writer)
    client.force_login(writer)
    data = _form(client, article)

    client.force_login(other_writer)
    assert _check(client, article, data).status_code == 403
    client.force_login(editor)
    assert _check(client, article, data).status_code == 200
    client.logout()
    assert _check(client, article, data).status_code == 302  # to the sign-in page


def test_the_check_answers_posts_only_and_requires_the_csrf_token(writer):
    from django.test import Client

    article = _draft(writer)
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)
    data = _form(client, article)
    url = reverse("admin:articles_article_check", args=[article.pk])

    assert client.get(url).status_code == 405
    without_token = {name: values for name, values in data.items() if name != "csrfmiddlewaretoken"}
    assert client.post(url, without_token).status_code == 403
    assert client.post(url, data).status_code == 200


def test_a_broken_form_still_gets_its_findings_not_an_error(client, writer):
    """An invalid field (an impossible date) is left out of the check; the rest of the form is still read."""
    article = _draft(writer)
    client.force_login(writer)
    data = _form(client, article)
    data["dateline_date"] = ["not a date"]
    data["summary"] = ["Lorem ipsum for now."]

    response = _check(client, article, data)

    assert response.status_code == 200
    assert "Lorem ipsum" in response.content.decode()


def test_the_panel_posts_the_form_to_the_check(client, writer):
    article = _draft(writer)
    client.force_login(writer)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    assert reverse("admin:articles_article_check", args=[article.pk]) in html
    assert "article_check.js" in html


def test_findings_list_errors_before_warnings_each_in_reading_order():
    findings = [
        Finding("a", "warning", "", "x", label="headline"), Finding("b", "error", "", "y", label="summary"),
        Finding("c", "warning", "", "z", label="section 1"), Finding("d", "error", "", "w", label="section 2"),
    ]

    assert [f.rule for f in in_severity_order(findings)] == ["b", "d", "a", "c"]


def test_the_panel_shows_errors_before_warnings(client, writer):
    """A warning early in the story (a long headline) is listed after an error further down."""
    article = _draft(writer, headline=" ".join(["word"] * 30), body="<p>Figures are TK from the council.</p>")
    client.force_login(writer)
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    panel = html[html.index("newsroom-findings"):]

    assert "finding-warning" in panel and "finding-error" in panel
    assert panel.index("finding-error") < panel.index("finding-warning")


def test_a_table_added_before_the_save_is_checked_without_rows(client, writer):
    """A participant table typed in but not saved has no rows yet: the check reads its title and does not fail."""
    article = _draft(writer)
    client.force_login(writer)
    data = _form(client, article)
    prefix = next(name[: -len("-TOTAL_FORMS")] for name in data if name.endswith("-TOTAL_FORMS") and "participant" in name)
    data[f"{prefix}-TOTAL_FORMS"] = ["1"]
    data.update({f"{prefix}-0-position": ["30"], f"{prefix}-0-title": ["Who is TK"], f"{prefix}-0-represents_heading": [""]})

    response = _check(client, article, data)

    assert response.status_code == 200
    assert "Who is TK" in response.content.decode()


def test_the_check_reads_a_tables_rows_as_typed_before_any_save(client, writer):
    """Rows typed into a table block, saved or not, are what the gate reads: an emptied table is found empty."""
    from tests.factories import ParticipantFactory, ParticipantTableFactory

    article = _draft(writer)
    table = ParticipantTableFactory(article=article, title="Delegates")
    ParticipantFactory(table=table, name="Cho Hyun")
    client.force_login(writer)
    data = _form(client, article)
    assert "This table has no rows" not in _check(client, article, data).content.decode()

    for column in ("name", "represents", "role"):
        data.pop(f"participant_tables-0-rows-0-{column}")
    html = _check(client, article, data).content.decode()

    assert "This table has no rows" in html
    assert [row.name for row in table.participants.all()] == ["Cho Hyun"]
