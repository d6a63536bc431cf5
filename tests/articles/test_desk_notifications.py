"""Who hears about a workflow step, by mail sent through the task queue once the step is committed."""

import pytest
from django.core import mail
from django.urls import reverse

from articles import services
from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, TextSectionFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
SITE = "https://news.example.org"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.NEWSROOM_SITE_URL = SITE


@pytest.fixture
def people(writer, other_writer, editor, django_user_model):
    """The writer who filed, a colleague on the byline, an editor, and a second editor, each with a mailbox."""
    from django.contrib.auth.models import Group

    second_editor = django_user_model.objects.create_user(
        username="deskchief", email="chief@example.org", is_staff=True, first_name="Dana",
    )
    second_editor.groups.add(Group.objects.get(name="Editor"))
    django_user_model.objects.create_user(username="retired", email="gone@example.org", is_staff=True,
                                          is_active=False).groups.add(Group.objects.get(name="Editor"))
    for user, address in ((writer, "writer@example.org"), (other_writer, "colleague@example.org"),
                          (editor, "editor@example.org")):
        user.email = address
        user.save(update_fields=["email"])
    return {"writer": writer, "colleague": other_writer, "editor": editor, "chief": second_editor}


def story(people):
    article = ArticleFactory(
        headline="Council “approves” the budget", status=Status.DRAFT, published_at=None, created_by=people["writer"],
        authors=[AuthorFactory(user=people["colleague"])],
    )
    TextSectionFactory(article=article, body="<p>The council approved the budget on Tuesday.</p>")
    return article


def mail_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def test_submission_tells_every_editor_not_the_writer(people, django_capture_on_commit_callbacks):
    article = story(people)

    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=article, by=people["writer"], note="Figures checked twice")

    assert {address for message in mail.outbox for address in message.to} == {
        "editor@example.org", "chief@example.org",
    }
    [message] = mail_to("chief@example.org")
    assert message.subject == "For review: “Council “approves” the budget”"
    assert "Writer Tester submitted" in message.body and "Figures checked twice" in message.body
    assert f"{SITE}{reverse('admin:articles_article_change', args=[article.pk])}" in message.body
    assert "&" not in message.body and "&#" not in message.subject


def test_send_back_tells_the_writer_and_byline_not_the_editor(people, django_capture_on_commit_callbacks):
    article = story(people)
    services.article_submit(article=article, by=people["writer"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.article_send_back(article=article, by=people["editor"], note="Name the second source")

    assert {address for message in mail.outbox for address in message.to} == {
        "writer@example.org", "colleague@example.org",
    }
    [message] = mail_to("writer@example.org")
    assert "Editor Tester sent" in message.body and "Name the second source" in message.body
    assert f"{SITE}{reverse('admin:articles_article_change', args=[article.pk])}" in message.body


def test_publishing_tells_the_byline(people, django_capture_on_commit_callbacks):
    article = story(people)

    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=article, by=people["editor"], acknowledge_warnings=True)

    assert [message.to for message in mail.outbox] == [["colleague@example.org"]]
    assert f"{SITE}{article.get_absolute_url()}" in mail.outbox[0].body


def test_withdrawal_and_editor_only_steps_send_nothing_to_writers_uninvolved(people, django_capture_on_commit_callbacks):
    article = story(people)
    services.article_submit(article=article, by=people["writer"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.article_withdraw(article=article, by=people["writer"])

    assert mail.outbox == []


def test_no_mail_leaves_before_the_step_is_committed(people, django_capture_on_commit_callbacks):
    article = story(people)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.article_submit(article=article, by=people["writer"])
    assert mail.outbox == []

    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 2
