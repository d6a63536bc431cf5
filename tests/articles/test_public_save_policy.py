"""A public story refuses only the errors a save brings in: one it already had never blocks a correction."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from articles import services
from articles.models import Article, TextSection
from tests.factories import ArticleFactory
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

Status = Article.Status
RUN_ON = "<p>The harbour vote was tight.it passed by a single voice.</p>"
ARCHIVE = "<p>The lifeboat crew was called out [TK] times last winter.</p>"


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def page_form(client, article) -> dict:
    return form_data(client.get(change_url(article)).content.decode())


def live(editor, body: str) -> Article:
    article = ArticleFactory(status=Status.IN_REVIEW, published_at=None, body=body)
    services.article_publish(article=article, by=editor, acknowledge_warnings=True)
    return article


def section_field(data: dict) -> str:
    return next(name for name in data if name.startswith("text") and name.endswith("-0-body"))


def test_a_rule_made_an_error_after_publication_does_not_freeze_the_story(client, editor, settings):
    article = live(editor, RUN_ON)
    settings.NEWSROOM_QUALITY_RULES = {"missing-space": "error"}
    client.force_login(editor)
    data = page_form(client, article)
    data["summary"] = ["The harbour vote passed by one voice on Tuesday night."]
    data.update(
        {
            "corrections-TOTAL_FORMS": ["1"],
            "corrections-0-kind": ["correction"],
            "corrections-0-text": ["An earlier version gave the margin as two votes."],
        }
    )

    response = client.post(change_url(article), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.summary == "The harbour vote passed by one voice on Tuesday night."
    assert article.corrections.get().text == "An earlier version gave the margin as two votes."


def test_an_imported_story_with_a_placeholder_still_takes_an_edit_elsewhere(client, editor):
    article = ArticleFactory(status=Status.PUBLISHED, body=ARCHIVE)
    assert any(f.severity == "error" for f in services.article_check(article=article))
    client.force_login(editor)
    data = page_form(client, article)
    data["headline"] = ["Lifeboat crew had its busiest winter"]

    assert client.post(change_url(article), data).status_code == 302

    article.refresh_from_db()
    assert article.headline == "Lifeboat crew had its busiest winter"


def test_a_new_placeholder_in_a_public_story_is_refused_and_the_text_kept(client, editor):
    article = live(editor, "<p>The lifeboat crew was called out nine times last winter.</p>")
    client.force_login(editor)
    data = page_form(client, article)
    data["summary"] = ["The crew answered [NUMBER] calls, a record for the station."]

    response = client.post(change_url(article), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "This article is public, so changes the quality check refuses were not saved" in page
    assert "1 new error" in page and "[NUMBER]" in page
    assert "The crew answered [NUMBER] calls, a record for the station." in page
    article.refresh_from_db()
    assert article.summary == "The council approved the budget on Tuesday."


def test_a_second_copy_of_an_error_already_there_counts_as_new(client, editor):
    article = ArticleFactory(status=Status.PUBLISHED, body=ARCHIVE)
    client.force_login(editor)
    data = page_form(client, article)
    field = section_field(data)
    data[field] = [ARCHIVE + "<p>Volunteers raised [TK] pounds for a new boat.</p>"]

    response = client.post(change_url(article), data)

    assert response.status_code == 200
    assert "1 new error" in response.content.decode()
    assert TextSection.objects.get(article=article).body == ARCHIVE


def test_fixing_an_old_error_and_editing_the_rest_is_saved(client, editor):
    article = ArticleFactory(status=Status.PUBLISHED, body=ARCHIVE)
    client.force_login(editor)
    data = page_form(client, article)
    data[section_field(data)] = ["<p>The lifeboat crew was called out 41 times last winter.</p>"]

    assert client.post(change_url(article), data).status_code == 302

    assert services.article_check(article=article) == []


def test_a_revert_that_keeps_an_error_the_story_already_had_is_saved(client, editor):
    article = ArticleFactory(status=Status.PUBLISHED, body=ARCHIVE, headline="Lifeboat crew's busy winter")
    with reversion.create_revision():
        reversion.set_user(editor)
        reversion.add_to_revision(Article.objects.get(pk=article.pk))
    oldest = Version.objects.get_for_object(article).first()
    Article.objects.filter(pk=article.pk).update(headline="Lifeboat crew's busy winter, in figures")
    client.force_login(editor)
    url = reverse("admin:articles_article_revision", args=[article.pk, oldest.pk])
    form_page = client.get(url).content.decode()
    assert "This revert would be refused" not in form_page
    data = form_data(form_page)
    data["revert_note"] = ["The longer headline did not fit the front page."]

    assert client.post(url, data).status_code == 302

    article.refresh_from_db()
    assert article.headline == "Lifeboat crew's busy winter"
