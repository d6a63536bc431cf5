"""Database unreachable: readers get a 503 page in the site's design, commenters keep their text, the site recovers."""

import sqlite3
import time

import psycopg
import pytest
from django.db import DatabaseError, InterfaceError, OperationalError, ProgrammingError

from comments.forms import form_token
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory
from tests.formdata import form_data


@pytest.fixture
def article(transactional_db):
    return ArticleFactory(headline="Council approves the harbour budget")


def test_public_pages_answer_503_with_retry_after_while_the_database_is_down(visitor, article, database_outage):
    database_outage.cut()

    for path in ("/", article.get_absolute_url(), "/search/?q=harbour", f"/section/{article.section.slug}/"):
        response = visitor.get(path)
        assert response.status_code == 503, path
        assert int(response["Retry-After"]) > 0
        assert "no-store" in response["Cache-Control"]
        page = response.content.decode()
        assert "css/site.css" in page and 'class="masthead"' in page  # the site's own design
        assert "back in a moment" in page


def test_the_admin_answers_503_while_the_database_is_down(visitor, article, database_outage, django_user_model):
    editor = django_user_model.objects.create_user("edna", password="pw-for-tests", is_staff=True, is_superuser=True)
    visitor.force_login(editor)
    database_outage.cut()

    for path in ("/admin/", f"/admin/articles/article/{article.pk}/change/"):
        response = visitor.get(path)
        assert response.status_code == 503, path
        assert "Retry-After" in response

    saved = visitor.post(f"/admin/articles/article/{article.pk}/change/", {"headline": "A new headline"})
    assert saved.status_code == 503
    assert "nothing you sent was saved" in saved.content.decode().lower()


def test_a_comment_sent_while_the_database_is_down_comes_back_ready_to_send_again(visitor, article, database_outage):
    hostile_name = '<b>Ana</b> "Reader"'
    text = "I was at the meeting.\n<script>alert(1)</script> The budget & the harbour looked sound."
    database_outage.cut()

    response = visitor.post(f"/comments/post/{article.pk}/", {
        "name": hostile_name, "email": "ana@example.com", "body": text, "parent": "",
        "token": form_token(article.pk, now=time.time() - 30), "website": "", "notify_replies": "on",
    })

    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page and "<b>Ana</b>" not in page
    kept = form_data(page, form_id="comment-resend")
    assert kept["name"] == [hostile_name] and kept["email"] == ["ana@example.com"]
    assert kept["body"][0].removeprefix("\n") == text  # a browser drops the newline that opens a textarea
    assert kept["notify_replies"] == ["on"]
    assert kept["csrfmiddlewaretoken"][0] and kept["token"][0]
    assert f'action="/comments/post/{article.pk}/"' in page

    database_outage.restore()
    kept["token"] = [form_token(article.pk, now=time.time() - 30)]  # the reader reads it over before sending
    again = visitor.post(f"/comments/post/{article.pk}/", {name: values[0] for name, values in kept.items()})

    assert again.status_code == 302
    stored = Comment.objects.get()
    assert (stored.author_name, stored.body, stored.notify_replies) == (hostile_name, text.strip(), True)


def test_the_resent_form_carries_a_valid_comment_token(visitor, article, database_outage):
    database_outage.cut()
    response = visitor.post(f"/comments/post/{article.pk}/", {"name": "Ana", "email": "ana@example.com", "body": "Hi"})

    token = form_data(response.content.decode(), form_id="comment-resend")["token"][0]
    from comments.forms import CommentForm

    database_outage.restore()  # the reader sends it again once the site is back: the token was never spent

    form = CommentForm({"name": "Ana", "email": "ana@example.com", "body": "Hi", "token": token},
                       article_id=article.pk, now=time.time() + 60)
    assert form.is_valid(), form.errors


def test_a_reply_sent_while_the_database_is_down_keeps_its_place(visitor, article, database_outage):
    parent = CommentFactory(article=article)
    database_outage.cut()

    response = visitor.post(f"/comments/post/{article.pk}/", {
        "name": "Ana", "email": "ana@example.com", "body": "Quite right.", "parent": str(parent.pk),
    })

    assert form_data(response.content.decode(), form_id="comment-resend")["parent"] == [str(parent.pk)]


def test_the_site_recovers_by_itself_when_the_database_returns(visitor, article, database_outage):
    assert visitor.get(article.get_absolute_url()).status_code == 200
    database_outage.cut()
    assert visitor.get(article.get_absolute_url()).status_code == 503
    assert visitor.get(article.get_absolute_url()).status_code == 503

    database_outage.restore()

    assert visitor.get(article.get_absolute_url()).status_code == 200
    assert visitor.get("/").status_code == 200


def test_the_outage_is_logged_once_and_its_end_too(visitor, article, database_outage, caplog):
    database_outage.cut()
    for _ in range(3):
        visitor.get("/")
    database_outage.restore()
    visitor.get("/")

    lines = [record.getMessage() for record in caplog.records if record.name == "newsroom.outages"]
    assert len([line for line in lines if "database is unreachable" in line]) == 1
    assert len([line for line in lines if "database is reachable again" in line]) == 1


def test_the_outage_page_is_made_without_the_database(rf, db, django_assert_num_queries):
    """The header's section list is fetched lazily; the outage page must not ask for it."""
    from newsroom.views import database_unavailable

    with django_assert_num_queries(0):
        response = database_unavailable(rf.get("/"))
        comment_page = database_unavailable(rf.post("/comments/post/1/", {"body": "Kept"}))

    assert response.status_code == comment_page.status_code == 503
    assert "Kept" in comment_page.content.decode()


def _wrapped(cause: Exception, django_class=OperationalError) -> DatabaseError:
    """A driver's error as Django raises it: its own class, caused by the driver's."""
    error = django_class(str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(("error", "outage"), [
    (_wrapped(sqlite3.OperationalError("unable to open database file")), True),
    (_wrapped(sqlite3.OperationalError("database is locked")), True),
    (_wrapped(sqlite3.OperationalError("no such table: articles_article")), False),
    (_wrapped(psycopg.OperationalError("connection refused")), True),
    (_wrapped(psycopg.errors.AdminShutdown("terminating connection")), True),
    (_wrapped(psycopg.errors.TooManyConnections("too many clients")), True),
    (_wrapped(psycopg.errors.UndefinedColumn("no such column"), ProgrammingError), False),
    (_wrapped(psycopg.InterfaceError("the connection is closed"), InterfaceError), True),
    (ValueError("not a database error"), False),
])
def test_only_an_unreachable_database_counts_as_an_outage(error, outage):
    """A bug (a missing column or table) stays a 500 that someone must look at; an outage is a 503."""
    from newsroom import outages

    assert outages.is_database_outage(error) is outage


def test_an_ordinary_error_is_still_a_500(visitor, transactional_db, monkeypatch):
    from articles import views

    def broken(*args, **kwargs):
        raise ProgrammingError("column does not exist")

    monkeypatch.setattr(views.HomeView, "get", broken)
    assert visitor.get("/").status_code == 500

