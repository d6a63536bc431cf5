"""Hostile input on every endpoint, form field and query parameter, as every role: never a server error.

`make test` sends a few requests per endpoint; `make fuzz` (NEWSROOM_FUZZ=long) many more. The endpoints come
from the URLconf and the fields from the pages (tests/fuzzing.py), so a new view or field is fuzzed without
anyone adding it here.
"""

import os
from datetime import timedelta

import pytest
import reversion
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.test import Client
from django.urls import include, path
from django.utils import timezone

from articles.models import Article, Correction, Transition
from articles.previews import preview_url
from comments import services as comment_services
from comments.models import BannedCommenter, CommentFlag, CommentPolicy, WordRule
from tests.factories import (
    ArticleFactory, AuthorFactory, CalloutFactory, CommentFactory, DiscussionPromptFactory, FaqEntryFactory,
    ParticipantFactory, ParticipantTableFactory, SectionFactory, TextSectionFactory,
)
from tests.fuzzing import ROLES, SiteFuzzer

pytestmark = pytest.mark.django_db

# Requests per endpoint: a handful on every test run, many more with `make fuzz`.
EXAMPLES = {"quick": 4, "long": 100}[os.environ.get("NEWSROOM_FUZZ", "quick")]

@pytest.fixture
def newsroom(db, django_user_model, settings):
    """A small newsroom: public and unpublished stories with every kind of block, comments, tags, revisions."""
    settings.COMMENTS_MIN_SECONDS = 0  # the crawl's form tokens are used at once
    users = {}
    for role, group in [("writer", "Writer"), ("editor", "Editor"), ("moderator", "Moderator")]:
        users[role] = django_user_model.objects.create_user(username=role, password="pw-for-tests", is_staff=True)
        users[role].groups.add(Group.objects.get(name=group))
    users["superuser"] = django_user_model.objects.create_superuser("chief", "chief@example.com", "pw-for-tests")

    economy = SectionFactory(name="Economy")
    SectionFactory(name="Local", slug="local", parent=economy)
    reporter = AuthorFactory(name="Rita Reporter", slug="rita-reporter", user=users["writer"])
    main = ArticleFactory(headline="Council approves the budget", slug="council-budget", section=economy,
                          authors=[reporter, AuthorFactory()], tags=["budget", "council"])
    TextSectionFactory(article=main, heading="What changes", position=10)
    table = ParticipantTableFactory(article=main, title="Who voted", position=20)
    ParticipantFactory.create_batch(2, table=table)
    CalloutFactory(article=main, position=30)
    DiscussionPromptFactory(article=main, position=40)
    FaqEntryFactory.create_batch(2, article=main)
    Correction.objects.create(article=main, text="An earlier version misspelt the mayor's name.", by=users["editor"])
    Transition.objects.create(article=main, by=users["editor"], from_status="in_review", to_status="published")
    other = ArticleFactory(section=economy, tags=["budget"])
    main.related.add(other)
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None, authors=[reporter],
                           created_by=users["writer"], section=economy)
    ArticleFactory(status=Article.Status.IN_REVIEW, published_at=None, section=economy)
    ArticleFactory(status=Article.Status.UNPUBLISHED, section=economy)
    ArticleFactory(status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(days=1))
    for article in (main, draft):
        for headline in (article.headline, article.headline + " (updated)"):
            with reversion.create_revision():
                article.headline = headline
                article.save()
                reversion.set_user(users["editor"])

    first = CommentFactory(article=main, body="The budget is too small.", notify_replies=True)
    CommentFactory(article=main, parent=first, root=first, body="I disagree.")
    CommentFactory(article=main, status="pending")
    spam = CommentFactory(article=main, status="spam", body="Cheap watches")
    CommentFlag.objects.create(comment=first, reason="spam", address_hash="abc")
    comment_services.comment_reject(comment=spam, by=users["moderator"], reason="advertising")
    WordRule.objects.create(word="watches", kind=WordRule.Kind.choices[0][0])
    BannedCommenter.objects.create(email_hash="0" * 64, reason="spam", by=users["moderator"])
    CommentPolicy.objects.create(section=economy, mode="open")

    sessions = {"anonymous": None}
    for role in ROLES[1:]:
        client = Client()
        client.force_login(users[role])
        sessions[role] = client.session.session_key
    preview_link = preview_url(article_id=draft.pk)[0]
    seeds = [preview_link.strip("/").rsplit("/", 1)[-1], comment_services.unsubscribe_token(first)]
    # The crawl starts at the pages with the most on them: the full story's editor and history, a comment's page.
    start = [
        f"/admin/articles/article/{main.pk}/change/", f"/admin/articles/article/{main.pk}/history/",
        f"/admin/articles/article/{draft.pk}/history/",
        f"/admin/comments/comment/{first.pk}/change/", preview_link,
        f"/comments/unsubscribe/{comment_services.unsubscribe_token(first)}/",
    ]

    def store_hostile(text: str) -> None:
        """Something a person typed earlier, shown on the pages being fuzzed: a tag and a comment."""
        text = text.replace("\x00", "")  # every form refuses NUL, and PostgreSQL cannot store it
        main.tags.add(text[:100] or "-")
        CommentFactory(article=main, author_name=text[:80], body=text[:3000] or "-")

    return {"sessions": sessions, "seeds": seeds, "start": start, "store_hostile": store_hostile}


def fuzzer_for(newsroom, **kwargs) -> SiteFuzzer:
    fuzzer = SiteFuzzer(
        sessions=newsroom["sessions"], seeds=newsroom["seeds"],
        stored_hostility=newsroom["store_hostile"], **kwargs,
    )
    fuzzer.crawl("anonymous", ["/", *fuzzer.fixed_paths(), *newsroom["start"]])
    fuzzer.crawl("superuser", [*newsroom["start"], "/admin/", "/", *fuzzer.fixed_paths()], per_endpoint=3)
    return fuzzer


def test_no_endpoint_answers_a_server_error(newsroom, capsys):
    fuzzer = fuzzer_for(newsroom)
    report = fuzzer.fuzz(examples=EXAMPLES)
    with capsys.disabled():
        print("\n" + report.summary())
    assert report.endpoints > 100, "the URLconf walk missed the admin"
    assert len(report.reached) > report.endpoints // 2, "the crawl found too few real addresses"
    assert not report.failures, report.describe_failures()


# --- The fuzzer itself: it finds a new view's error without being told about the view -----------------------


def _broken_form(request):
    """A view added tomorrow with a bug: a number field that int() cannot read."""
    if request.method == "POST":
        return HttpResponse(f"{int(request.POST.get('quantity', '0')) + 1}")
    return HttpResponse('<form method="post"><input name="quantity" value="1"><button name="go">Go</button></form>')


urlpatterns = [path("tomorrow/order/", _broken_form), path("", include("newsroom.urls"))]


def test_the_fuzzer_finds_a_new_views_server_error_without_being_told(newsroom, settings):
    settings.ROOT_URLCONF = __name__
    fuzzer = SiteFuzzer(sessions=newsroom["sessions"])
    assert "tomorrow/order/" in fuzzer.endpoints
    fuzzer.crawl("anonymous", ["/tomorrow/order/"])
    report = fuzzer.fuzz(examples=30, endpoint_keys={"tomorrow/order/"}, derandomize=True)
    assert [where for where, _failure in report.failures] == ["tomorrow/order/"]
    assert "ValueError" in repr(report.failures[0][1].__cause__ or report.failures[0][1])
