"""Autosave keeps a writer's unsaved article form on the server, never as a revision, and offers it back."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Revision, Version

from articles import services
from articles.models import Article, Autosave, Callout, TextSection
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_article_add")
AUTOSAVE_NEW = reverse("admin:articles_article_autosave_new")


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def autosave_url(article=None) -> str:
    return reverse("admin:articles_article_autosave", args=[article.pk]) if article else AUTOSAVE_NEW


def draft_by(user, **kwargs) -> Article:
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=user, **kwargs)


def pairs(data: dict[str, list[str]]) -> list[list[str]]:
    """The form's fields as the page's script sends them: [name, value] in order, without the CSRF token."""
    return [[name, value] for name, values in data.items() for value in values if name != "csrfmiddlewaretoken"]


def autosave(client, data: dict, article=None, **headers):
    return client.post(
        autosave_url(article), json.dumps({"data": pairs(data)}), content_type="application/json", **headers,
    )


def page_form(client, url: str) -> dict[str, list[str]]:
    return form_data(client.get(url).content.decode())


def add_row(data: dict, kind: str, **fields: str) -> None:
    """Add one new row to the inline formset whose prefix names `kind`, as the admin's "Add another" does."""
    prefix = next(name[: -len("-TOTAL_FORMS")] for name in data if name.endswith("-TOTAL_FORMS") and kind in name)
    index = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(index + 1)]
    for field, value in fields.items():
        data[f"{prefix}-{index}-{field}"] = [value]


def new_story(client, section) -> dict[str, list[str]]:
    """The add page's form filled in, with a text section and a callout added that were never saved."""
    data = page_form(client, ADD)
    data.update({
        "headline": ["Harbour reopens after the storm"], "slug": ["harbour-reopens"], "section": [str(section.pk)],
        "summary": ["Boats sail again from Tuesday."],
    })
    add_row(data, "text", ordering="10", heading="What reopens", body="<p>The north quay opens first.</p>")
    add_row(data, "callout", ordering="20", label="Ferry times", body="Every hour from 7am.")
    return data


def writes(queries) -> list[str]:
    return [query["sql"] for query in queries if query["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]


def test_a_new_article_is_autosaved_once_per_writer_and_never_as_a_revision(client, writer):
    client.force_login(writer)
    data = new_story(client, SectionFactory())
    versions, revisions = Version.objects.count(), Revision.objects.count()

    first = autosave(client, data)
    data["headline"] = ["Harbour reopens after the long storm"]
    second = autosave(client, data)

    assert first.status_code == second.status_code == 200
    assert set(second.json()) == {"saved_at", "time"}
    saved = Autosave.objects.get()
    assert (saved.user, saved.article) == (writer, None)
    assert ["headline", "Harbour reopens after the long storm"] in saved.data
    assert not any(name == "csrfmiddlewaretoken" for name, _ in saved.data)
    assert (Version.objects.count(), Revision.objects.count()) == (versions, revisions)
    assert not Article.objects.exists()


def test_autosaving_a_change_page_writes_nothing_of_the_article(client, writer):
    article = draft_by(writer)
    client.force_login(writer)
    data = page_form(client, change_url(article))
    data["headline"] = ["A headline still being written"]
    before = Article.objects.values().get(pk=article.pk)
    versions = Version.objects.count()

    assert autosave(client, data, article).status_code == 200

    assert Article.objects.values().get(pk=article.pk) == before
    assert Version.objects.count() == versions
    assert Autosave.objects.get().article == article


def test_who_may_autosave_follows_who_may_change_the_article(client, writer, other_writer, editor, django_user_model):
    article = draft_by(writer)
    client.force_login(writer)
    data = page_form(client, change_url(article))

    client.force_login(other_writer)
    assert autosave(client, data, article).status_code == 403
    with pytest.raises(services.WorkflowRefused):
        services.article_autosave(user=other_writer, article=article, data=pairs(data))
    client.force_login(editor)
    assert autosave(client, data, article).status_code == 200
    client.force_login(writer)
    assert autosave(client, data, article).status_code == 200

    # Submitted, the draft is no longer the writer's to change, so not theirs to autosave either.
    Article.objects.filter(pk=article.pk).update(status=Article.Status.IN_REVIEW)
    assert autosave(client, data, article).status_code == 403

    # Staff who may not write articles may not autosave a new one.
    reader = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    client.force_login(reader)
    assert autosave(client, data).status_code == 403
    client.logout()
    assert autosave(client, data).status_code == 302  # to the sign-in page
    assert set(Autosave.objects.values_list("user__username", flat=True)) == {"writer", "editor"}


def test_autosave_needs_the_csrf_token_and_a_json_post(writer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)
    data = page_form(client, ADD)
    token = data["csrfmiddlewaretoken"][0]

    assert autosave(client, data).status_code == 403
    assert client.get(AUTOSAVE_NEW).status_code == 405
    as_form = client.post(AUTOSAVE_NEW, data)
    assert as_form.status_code == 415
    assert autosave(client, data, HTTP_X_CSRFTOKEN=token).status_code == 200


@pytest.mark.parametrize("body", ["not json", "{}", '{"data": "headline"}', '{"data": [["headline"]]}',
                                  '{"data": [["headline", 3]]}', "[]"])
def test_autosave_refuses_what_is_not_a_form_clearly(client, writer, body):
    client.force_login(writer)

    response = client.post(AUTOSAVE_NEW, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]
    assert not Autosave.objects.exists()


def test_autosave_refuses_a_form_over_the_size_limit(client, writer, settings):
    client.force_login(writer)
    data = page_form(client, ADD)
    settings.NEWSROOM_AUTOSAVE_MAX_BYTES = len(json.dumps({"data": pairs(data)})) + 20_000
    data["summary"] = ["x" * 19_000]
    assert autosave(client, data).status_code == 200

    data["summary"] = ["x" * 21_000]
    response = autosave(client, data)

    assert response.status_code == 413
    assert "too large to autosave" in response.json()["error"]
    with pytest.raises(services.ValidationError) as refused:
        services.article_autosave(user=writer, article=None, data=pairs(data))
    assert refused.value.code == "too_large"
    assert ["summary", "x" * 19_000] in Autosave.objects.get().data


def test_a_long_story_fits_in_an_autosave_though_other_small_posts_are_refused_at_that_size(client, writer, settings):
    """Bodies are refused by their declared size before they are read; autosave's own limit is a whole form's."""
    client.force_login(writer)
    data = page_form(client, ADD)
    data["summary"] = ["word " * 80_000]  # 400 KB, over the everyday limit of the admin's small posts
    assert len(json.dumps(pairs(data))) > settings.NEWSROOM_REQUEST_MAX_BYTES

    assert autosave(client, data).status_code == 200

    data["summary"] = ["word " * 250_000]
    refused = autosave(client, data)
    assert refused.status_code == 413


def test_a_save_clears_the_writers_autosave_of_that_article_only(client, writer, editor):
    article = draft_by(writer)
    other = draft_by(writer)
    client.force_login(writer)
    data = page_form(client, change_url(article))
    autosave(client, data, article)
    autosave(client, page_form(client, change_url(other)), other)
    client.force_login(editor)
    autosave(client, page_form(client, change_url(article)), article)

    client.force_login(writer)
    data["headline"] = ["Saved for real"]
    assert client.post(change_url(article), data).status_code == 302

    left = set(Autosave.objects.values_list("user__username", "article"))
    assert left == {("writer", other.pk), ("editor", article.pk)}


def test_a_refused_save_keeps_the_autosave(client, writer, editor):
    article = draft_by(writer)
    client.force_login(writer)
    mine = page_form(client, change_url(article))
    client.force_login(editor)
    theirs = page_form(client, change_url(article))
    theirs["headline"] = ["The editor's headline"]
    assert client.post(change_url(article), theirs).status_code == 302

    client.force_login(writer)
    mine["headline"] = ["The writer's headline"]
    autosave(client, mine, article)
    assert client.post(change_url(article), mine).status_code == 200  # refused: the editor saved first

    assert Autosave.objects.filter(user=writer, article=article).exists()


def test_creating_the_article_clears_the_new_article_autosave(client, writer):
    client.force_login(writer)
    data = new_story(client, SectionFactory())
    autosave(client, data)

    response = client.post(ADD, data)

    assert response.status_code == 302, form_errors(response)
    assert not Autosave.objects.exists()
    assert Article.objects.get().headline == "Harbour reopens after the storm"


def form_errors(response) -> str:
    if response.context is None:
        return ""
    errors = [response.context["adminform"].form.errors]
    errors += [formset.formset.errors for formset in response.context["inline_admin_formsets"]]
    return str(errors)


def test_the_add_page_offers_the_autosave_and_restores_every_block_without_writing(client, writer):
    section = SectionFactory()
    AuthorFactory(user=writer, name="Wanda Writer")
    client.force_login(writer)
    data = new_story(client, section)
    autosave(client, data)

    offer = client.get(ADD).content.decode()
    assert "You have unsaved work from" in offer and "(autosaved)" in offer
    assert f'href="{ADD}?restore=1"' in offer
    assert reverse("admin:articles_article_autosave_discard_new") in offer

    with CaptureQueriesContext(connection) as queries:
        response = client.get(ADD, {"restore": "1"})

    assert response.status_code == 200
    assert writes(queries.captured_queries) == []
    assert not Article.objects.exists() and not TextSection.objects.exists() and not Callout.objects.exists()
    page = response.content.decode()
    assert "Restored your autosaved text from" in page and "save to keep it" in page
    assert "You have unsaved work" not in page
    assert "Please correct" not in page
    restored = form_data(page)
    for name in ("headline", "slug", "section", "summary"):
        assert restored[name] == data[name]
    new_rows = {name: values for name, values in data.items() if "-0-" in name and ("text" in name or "callout" in name)}
    assert len(new_rows) == 6 and all(restored[name] == values for name, values in new_rows.items())
    # The restored form posts to the page itself, not to the restore again; saving it creates the article.
    assert 'action="/admin/articles/article/add/"' in page
    assert client.post(ADD, restored).status_code == 302
    article = Article.objects.get()
    assert [section.heading for section in article.text_sections.all()] == ["What reopens"]
    assert [callout.label for callout in article.callouts.all()] == ["Ferry times"]


def test_a_restored_change_page_still_meets_a_colleagues_save_with_the_conflict_check(client, writer, editor):
    article = draft_by(writer)
    client.force_login(writer)
    mine = page_form(client, change_url(article))
    mine["headline"] = ["The writer's unsaved headline"]
    autosave(client, mine, article)
    client.force_login(editor)
    theirs = page_form(client, change_url(article))
    theirs["headline"] = ["The editor's headline"]
    assert client.post(change_url(article), theirs).status_code == 302

    client.force_login(writer)
    # The editor saved after the autosave: the writer's text is still unsaved, so it is still offered.
    assert "You have unsaved work from" in client.get(change_url(article)).content.decode()
    restored = form_data(client.get(change_url(article), {"restore": "1"}).content.decode())
    assert restored["headline"] == ["The writer's unsaved headline"]
    assert restored["loaded_version"] == mine["loaded_version"]

    refused = client.post(change_url(article), restored)
    assert refused.status_code == 200
    assert "Editor Tester saved this article at" in refused.content.decode()
    article.refresh_from_db()
    assert article.headline == "The editor's headline"


def test_an_autosave_overtaken_by_the_writers_own_save_or_too_old_is_not_offered(client, writer, settings):
    article = draft_by(writer)
    client.force_login(writer)
    autosave(client, page_form(client, change_url(article)), article)
    assert "You have unsaved work" in client.get(change_url(article)).content.decode()

    # An autosave request still on its way when the writer saved lands after the save cleared the old one.
    Article.objects.filter(pk=article.pk).update(last_edited_by=writer, updated_at=timezone.now() + timedelta(seconds=1))
    assert "You have unsaved work" not in client.get(change_url(article)).content.decode()

    autosave(client, page_form(client, ADD))
    Autosave.objects.update(saved_at=timezone.now() - timedelta(days=settings.NEWSROOM_AUTOSAVE_DAYS, minutes=1))
    assert "You have unsaved work" not in client.get(ADD).content.decode()
    response = client.get(ADD, {"restore": "1"})
    assert "There is no autosaved text of this article to restore." in response.content.decode()
    assert "Restored your autosaved text" not in response.content.decode()


def test_expired_autosaves_are_deleted_as_others_are_made(client, writer, other_writer, settings):
    client.force_login(other_writer)
    autosave(client, page_form(client, ADD))
    Autosave.objects.update(saved_at=timezone.now() - timedelta(days=settings.NEWSROOM_AUTOSAVE_DAYS + 1))

    client.force_login(writer)
    autosave(client, page_form(client, ADD))

    assert list(Autosave.objects.values_list("user__username", flat=True)) == ["writer"]


def test_discarding_forgets_the_autosave_and_shows_the_saved_page(client, writer):
    article = draft_by(writer)
    client.force_login(writer)
    autosave(client, page_form(client, change_url(article)), article)
    autosave(client, page_form(client, ADD))

    response = client.post(reverse("admin:articles_article_autosave_discard", args=[article.pk]), follow=True)

    assert response.redirect_chain[-1][0] == change_url(article)
    page = response.content.decode()
    assert "Your autosaved text was discarded." in page and "You have unsaved work" not in page
    assert list(Autosave.objects.values_list("article", flat=True)) == [None]
    client.post(reverse("admin:articles_article_autosave_discard_new"))
    assert not Autosave.objects.exists()


def test_only_who_may_change_the_article_is_offered_or_given_its_autosave(client, writer):
    article = draft_by(writer)
    client.force_login(writer)
    autosave(client, page_form(client, change_url(article)), article)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.IN_REVIEW)

    page = client.get(change_url(article)).content.decode()
    restored = client.get(change_url(article), {"restore": "1"}).content.decode()

    assert "You have unsaved work" not in page and "article_autosave.js" not in page
    assert "Restored your autosaved text" not in restored


def test_the_page_loads_the_autosave_script_with_its_address_and_interval(client, writer, settings):
    settings.NEWSROOM_AUTOSAVE_SECONDS = 7
    article = draft_by(writer)
    client.force_login(writer)

    for url, target in [(ADD, AUTOSAVE_NEW), (change_url(article), autosave_url(article))]:
        page = client.get(url).content.decode()
        assert 'src="/static/js/article_autosave.js"' in page
        assert f'data-url="{target}"' in page and 'data-seconds="7"' in page
        assert 'id="newsroom-autosave-status"' in page
