"""“Being edited by” says who has an article open and since when, and clears when they leave or save and close."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import presence
from articles.models import Article
from tests.factories import ArticleFactory
from tests.formdata import form_data

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def leave_url(article):
    return reverse("admin:articles_article_leave", args=[article.pk])


def draft_by(user):
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=user)


def open_page(client, article) -> str:
    """Open the change page and return the id of this page view, which the page's script sends when it is left."""
    page = client.get(change_url(article)).content.decode()
    return re.search(r'data-presence-page="([^"]+)"', page).group(1)


def seen_by(client, user, article) -> str:
    client.force_login(user)
    return client.get(change_url(article)).content.decode()


def test_leaving_the_page_clears_being_edited_for_others(client, writer, editor):
    article = draft_by(writer)
    client.force_login(writer)
    page = open_page(client, article)
    assert "Being edited by Writer Tester" in seen_by(client, editor, article)

    client.force_login(writer)
    response = client.post(leave_url(article), {"page": page})

    assert response.status_code == 204
    assert "Being edited by" not in seen_by(client, editor, article)


def test_leaving_an_older_page_keeps_the_person_who_still_has_one_open(client, writer, editor):
    """Save and continue, or a second tab: the page that closes last is the one that clears."""
    article = draft_by(writer)
    client.force_login(writer)
    first, second = open_page(client, article), open_page(client, article)

    client.post(leave_url(article), {"page": first})
    assert "Being edited by Writer Tester" in seen_by(client, editor, article)

    client.force_login(writer)
    client.post(leave_url(article), {"page": second})
    assert "Being edited by" not in seen_by(client, editor, article)


def test_leaving_needs_the_csrf_token(writer, editor):
    article = draft_by(writer)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(writer)
    page = open_page(browser, article)

    refused = browser.post(leave_url(article), {"page": page})
    assert refused.status_code == 403
    assert "Being edited by Writer Tester" in seen_by(Client(), editor, article)

    token = browser.cookies["csrftoken"].value
    assert browser.post(leave_url(article), {"page": page, "csrfmiddlewaretoken": token}).status_code == 204
    assert "Being edited by" not in seen_by(Client(), editor, article)


def test_leaving_is_a_post_only(client, writer):
    article = draft_by(writer)
    client.force_login(writer)
    page = open_page(client, article)

    assert client.get(leave_url(article), {"page": page}).status_code == 405


def test_leaving_an_article_that_does_not_exist_is_not_found(client, writer):
    client.force_login(writer)

    assert client.post(reverse("admin:articles_article_leave", args=["nope"]), {"page": "x"}).status_code == 404


def test_saving_and_closing_clears_being_edited(client, writer, editor):
    article = draft_by(writer)
    client.force_login(writer)
    data = form_data(client.get(change_url(article)).content.decode())
    data["headline"] = ["Council approves the budget after a long night"]

    assert client.post(change_url(article), data).status_code == 302
    assert "Being edited by" not in seen_by(client, editor, article)


def test_being_edited_says_since_when_the_person_opened_it(client, writer, editor, monkeypatch):
    article = draft_by(writer)
    opened = timezone.now() - timedelta(minutes=5)
    monkeypatch.setattr(presence.timezone, "now", lambda: opened)
    presence.mark_editing(article_id=article.pk, user=writer)
    monkeypatch.undo()
    # Opening it again (save and continue, a reload) does not reset when they started.
    presence.mark_editing(article_id=article.pk, user=writer)

    [person] = presence.others_editing(article_id=article.pk, user=editor)
    assert person["name"] == "Writer Tester"
    assert abs(person["since"] - opened) < timedelta(seconds=1)
    page = seen_by(client, editor, article)
    local = timezone.localtime(person["since"])
    assert f'datetime="{local:%Y-%m-%dT%H:%M:%S%z}"' in page
    assert f">{local:%H:%M}</time>" in page

