"""A block kind is declared in one place: everything else finds the kinds through the registry.

A kind added by an app of its own (tests/blockkind, installed by tests/settings.py) through the registry alone
shows on the page, in search, in the gate, in the revision compare and in the article's admin.
"""

import pytest
import reversion
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import revisions, services
from articles.blocks import registry
from articles.models import Article
from articles.quality import check_document, document_from_article
from articles.roles import sync_roles_after_migrate
from articles.search import SearchTerms
from tests.blockkind.kinds import PullQuoteKind
from tests.blockkind.models import PullQuote
from tests.factories import ArticleFactory, CalloutFactory, FaqEntryFactory
from tests.formdata import form_data

pytestmark = pytest.mark.django_db


def test_the_built_in_kinds_are_registered_in_the_admins_order():
    assert [kind.name for kind in registry] == ["text", "participants", "callout", "prompt", "faq"]


def test_writers_and_editors_may_edit_every_kinds_blocks_and_rows_moderators_none():
    codenames = {
        f"{action}_{model._meta.model_name}" for kind in registry for model in kind.models()
        for action in ("add", "change", "delete", "view")
    }
    assert "change_participant" in codenames and "add_faqentry" in codenames
    for role, expected in [("Writer", codenames), ("Editor", codenames), ("Moderator", set())]:
        granted = set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))
        assert granted & codenames == expected, role


def test_a_kind_needs_a_name_of_its_own():
    class Again(type(registry.get("faq"))):
        pass

    with pytest.raises(ValueError, match="name of its own"):
        registry.register(Again)


@pytest.fixture
def pull_quotes():
    """Register the test app's kind as an app would at start-up, and grant its permissions as migrate would."""
    registry.register(PullQuoteKind)
    sync_roles_after_migrate(apps.get_app_config("blockkind"))
    yield registry.get("pullquote")
    registry.unregister("pullquote")


def story_with_a_pull_quote():
    article = ArticleFactory(body="<p>The council met on Tuesday and agreed the plan.</p>")
    PullQuote.objects.create(article=article, position=20, quote="Nobody expected the vote to pass", attribution="A clerk")
    CalloutFactory(article=article, position=30, label="Did You Know?", body="The council first met in 1952.")
    return article


def test_a_new_kind_is_shown_on_the_page_in_body_order(client, pull_quotes):
    article = story_with_a_pull_quote()

    page = client.get(article.get_absolute_url()).content.decode()

    assert '<blockquote class="pull-quote"><p>Nobody expected the vote to pass</p><footer>A clerk</footer>' in page
    assert page.index("agreed the plan") < page.index("Nobody expected") < page.index("first met in 1952")


def test_a_new_kind_is_escaped_like_any_block(client, pull_quotes):
    article = ArticleFactory()
    PullQuote.objects.create(article=article, position=20, quote="<script>alert(1)</script>")

    page = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_new_kind_is_searchable(pull_quotes):
    article = story_with_a_pull_quote()
    services.article_reindex(article=article)

    assert list(Article.objects.published().search(SearchTerms.parse("nobody expected vote"))) == [article]
    assert "Nobody expected the vote to pass" in Article.objects.get(pk=article.pk).search_text


def test_a_new_kind_is_in_the_revision_compare_in_body_order(pull_quotes):
    article = story_with_a_pull_quote()
    with reversion.create_revision():
        reversion.add_to_revision(Article.objects.get(pk=article.pk))
    revision = reversion.models.Version.objects.get_for_object(article).first().revision

    blocks = revisions.revision_snapshot(revision).blocks

    assert [(kind.name, item.fields["position"]) for kind, item in blocks] == [
        ("text", 10), ("pullquote", 20), ("callout", 30),
    ]
    fields = blocks[1][0].revision_fields(blocks[1][1].fields)
    assert fields == [("Quote", "Nobody expected the vote to pass", False), ("Attribution", "A clerk", False)]
    assert revisions.articles_in(revision) == {article.pk}


def test_a_new_kind_is_read_by_the_quality_gate(pull_quotes):
    article = ArticleFactory()
    PullQuote.objects.create(article=article, position=20, quote="The mayor said [TK] about it.")

    findings = check_document(document_from_article(Article.objects.for_article_page().get(pk=article.pk)))

    assert ("placeholder", "pull quote 1") in {(finding.rule, finding.field) for finding in findings}


def test_a_writer_edits_a_new_kind_in_the_article_admin(client, writer, pull_quotes):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=writer)
    client.force_login(writer)
    url = reverse("admin:articles_article_change", args=[article.pk])
    # A first save that changes something, so the compare has an older revision (a save changing nothing leaves none).
    first = form_data(client.get(url).content.decode())
    first["summary"] = ["The council met on Tuesday; a clerk was surprised."]
    assert client.post(url, first).status_code == 302
    data = form_data(client.get(url).content.decode())
    assert "pull_quotes-TOTAL_FORMS" in data

    data.update({
        "pull_quotes-TOTAL_FORMS": ["1"], "pull_quotes-0-position": ["20"],
        "pull_quotes-0-quote": ["Nobody expected the vote to pass"], "pull_quotes-0-attribution": ["A clerk"],
    })
    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert article.pull_quotes.get().quote == "Nobody expected the vote to pass"
    newer, older = reversion.models.Version.objects.get_for_object(article)[:2]
    compare = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"from": older.pk, "to": newer.pk},
    ).content.decode()
    assert "Pull quote 1: added" in compare and "<ins>Nobody expected the vote to pass</ins>" in compare


def test_once_unregistered_a_kind_is_gone_from_the_admin(client, writer, pull_quotes):
    registry.unregister("pullquote")
    try:
        client.force_login(writer)
        page = client.get(reverse("admin:articles_article_add")).content.decode()
        assert "pull_quotes-TOTAL_FORMS" not in page and "text_sections-TOTAL_FORMS" in page
    finally:
        registry.register(PullQuoteKind)


@pytest.mark.parametrize("quotes", [1, 12])
def test_a_new_kind_costs_one_query_on_the_article_page_however_many_blocks(client, quotes):
    article = ArticleFactory()
    FaqEntryFactory(article=article)
    for position in range(quotes):
        PullQuote.objects.create(article=article, position=position + 20, quote=f"Quote {position}.")
    with CaptureQueriesContext(connection) as without_the_kind:
        client.get(article.get_absolute_url())

    registry.register(PullQuoteKind)
    try:
        with CaptureQueriesContext(connection) as with_the_kind:
            response = client.get(article.get_absolute_url())
    finally:
        registry.unregister("pullquote")

    assert len(with_the_kind) == len(without_the_kind) + 1
    assert response.content.decode().count('class="pull-quote"') == quotes
