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
from tests.blockkind.kinds import KeyFigureKind
from tests.blockkind.models import KeyFigure
from tests.factories import ArticleFactory, CalloutFactory, FaqEntryFactory
from tests.formdata import form_data

pytestmark = pytest.mark.django_db


def test_the_built_in_kinds_are_registered_in_the_admins_order():
    assert [kind.name for kind in registry] == [
        "text", "participants", "callout", "prompt", "faq", "image", "quote", "embed",
    ]


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
def key_figures():
    """Register the test app's kind as an app would at start-up, and grant its permissions as migrate would."""
    registry.register(KeyFigureKind)
    sync_roles_after_migrate(apps.get_app_config("blockkind"))
    yield registry.get("keyfigure")
    registry.unregister("keyfigure")


def story_with_a_key_figure():
    article = ArticleFactory(body="<p>The council met on Tuesday and agreed the plan.</p>")
    KeyFigure.objects.create(article=article, position=20, figure="£4.2m", label="Nobody expected a budget this large")
    CalloutFactory(article=article, position=30, label="Did You Know?", body="The council first met in 1952.")
    return article


def test_a_new_kind_is_shown_on_the_page_in_body_order(client, key_figures):
    article = story_with_a_key_figure()

    page = client.get(article.get_absolute_url()).content.decode()

    assert '<p class="key-figure"><strong>£4.2m</strong> Nobody expected a budget this large</p>' in page
    assert page.index("agreed the plan") < page.index("Nobody expected") < page.index("first met in 1952")


def test_a_new_kind_is_escaped_like_any_block(client, key_figures):
    article = ArticleFactory()
    KeyFigure.objects.create(article=article, position=20, figure="<script>alert(1)</script>")

    page = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_new_kind_is_searchable(key_figures):
    article = story_with_a_key_figure()
    services.article_reindex(article=article)

    assert list(Article.objects.published().search(SearchTerms.parse("nobody expected budget"))) == [article]
    assert "Nobody expected a budget this large" in Article.objects.get(pk=article.pk).search_text


def test_a_new_kind_is_in_the_revision_compare_in_body_order(key_figures):
    article = story_with_a_key_figure()
    with reversion.create_revision():
        reversion.add_to_revision(Article.objects.get(pk=article.pk))
    revision = reversion.models.Version.objects.get_for_object(article).first().revision

    blocks = revisions.revision_snapshot(revision).blocks

    assert [(kind.name, item.fields["position"]) for kind, item in blocks] == [
        ("text", 10), ("keyfigure", 20), ("callout", 30),
    ]
    fields = blocks[1][0].revision_fields(blocks[1][1].fields)
    assert fields == [("Figure", "£4.2m", False), ("Label", "Nobody expected a budget this large", False)]
    assert revisions.articles_in(revision) == {article.pk}


def test_a_new_kind_is_read_by_the_quality_gate(key_figures):
    article = ArticleFactory()
    KeyFigure.objects.create(article=article, position=20, figure="[TK]", label="homes to be built")

    findings = check_document(document_from_article(Article.objects.for_article_page().get(pk=article.pk)))

    assert ("placeholder", "key figure 1") in {(finding.rule, finding.label) for finding in findings}


def test_a_writer_edits_a_new_kind_in_the_article_admin(client, writer, key_figures):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=writer)
    client.force_login(writer)
    url = reverse("admin:articles_article_change", args=[article.pk])
    # A first save that changes something, so the compare has an older revision (a save changing nothing leaves none).
    first = form_data(client.get(url).content.decode())
    first["summary"] = ["The council met on Tuesday; the budget surprised everyone."]
    assert client.post(url, first).status_code == 302
    data = form_data(client.get(url).content.decode())
    assert "key_figures-TOTAL_FORMS" in data

    data.update({
        "key_figures-TOTAL_FORMS": ["1"], "key_figures-0-position": ["20"],
        "key_figures-0-figure": ["£4.2m"], "key_figures-0-label": ["Nobody expected a budget this large"],
    })
    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert article.key_figures.get().figure == "£4.2m"
    newer, older = reversion.models.Version.objects.get_for_object(article)[:2]
    compare = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"from": older.pk, "to": newer.pk},
    ).content.decode()
    assert "Key figure 1: added" in compare and "<ins>Nobody expected a budget this large</ins>" in compare


def test_once_unregistered_a_kind_is_gone_from_the_admin(client, writer, key_figures):
    registry.unregister("keyfigure")
    try:
        client.force_login(writer)
        page = client.get(reverse("admin:articles_article_add")).content.decode()
        assert "key_figures-TOTAL_FORMS" not in page and "text_sections-TOTAL_FORMS" in page
    finally:
        registry.register(KeyFigureKind)


@pytest.mark.parametrize("figures", [1, 12])
def test_a_new_kind_costs_one_query_on_the_article_page_however_many_blocks(client, figures):
    article = ArticleFactory()
    FaqEntryFactory(article=article)
    for position in range(figures):
        KeyFigure.objects.create(article=article, position=position + 20, figure=f"{position}%")
    with CaptureQueriesContext(connection) as without_the_kind:
        client.get(article.get_absolute_url())

    registry.register(KeyFigureKind)
    try:
        with CaptureQueriesContext(connection) as with_the_kind:
            response = client.get(article.get_absolute_url())
    finally:
        registry.unregister("keyfigure")

    assert len(with_the_kind) == len(without_the_kind) + 1
    assert response.content.decode().count('class="key-figure"') == figures
