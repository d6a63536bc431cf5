"""The body editor as the server sees it: blocks placed by the editor's order, a table's rows saved with its block."""

import uuid

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from articles import revisions
from articles.models import Article, Section
from tests.factories import ArticleFactory, ParticipantFactory, ParticipantTableFactory
from tests.formdata import form_data

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def add_table(data: dict, index: int, *, title: str, ordering: int, rows: list[tuple[str, str, str]]) -> str:
    """Add a table block to an admin form's data as the editor's page would; return the block's uid."""
    uid = str(uuid.uuid4())
    prefix = f"participant_tables-{index}"
    data["participant_tables-TOTAL_FORMS"] = [str(index + 1)]
    data |= {
        f"{prefix}-uid": [uid], f"{prefix}-region": ["body"], f"{prefix}-ordering": [str(ordering)],
        f"{prefix}-title": [title], f"{prefix}-represents_heading": ["Representing"],
    }
    for number, (name, represents, role) in enumerate(rows):
        data |= {f"{prefix}-rows-{number}-name": [name], f"{prefix}-rows-{number}-represents": [represents],
                 f"{prefix}-rows-{number}-role": [role]}
    return uid


def test_a_new_article_is_saved_with_a_table_and_its_rows_in_one_go(client, writer):
    section = Section.objects.create(name="World", slug="world")
    client.force_login(writer)
    data = form_data(client.get(reverse("admin:articles_article_add")).content.decode())
    data |= {"headline": ["Ports sign a pact"], "slug": ["ports-sign-a-pact"], "section": [str(section.pk)]}
    uid = add_table(data, 0, title="Who signed", ordering=10, rows=[
        ("Ana Torres", "Callao", "Harbour master"), ("", "", ""), ("Ben Ruiz", "Paita", "Mayor"),
    ])

    response = client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    table = Article.objects.get().participant_tables.get()
    assert str(table.uid) == uid  # the identity the page gave the block before any save
    assert [(row.name, row.order) for row in table.participants.all()] == [("Ana Torres", 0), ("Ben Ruiz", 1)]


def test_a_row_without_a_name_is_refused_with_its_number_and_the_text_kept(client, writer):
    section = Section.objects.create(name="World", slug="world")
    client.force_login(writer)
    data = form_data(client.get(reverse("admin:articles_article_add")).content.decode())
    data |= {"headline": ["Ports sign a pact"], "slug": ["ports-sign-a-pact"], "section": [str(section.pk)]}
    add_table(data, 0, title="Who signed", ordering=10, rows=[("Ana Torres", "Callao", ""), ("", "Paita", "Mayor")])

    response = client.post(reverse("admin:articles_article_add"), data)

    page = response.content.decode()
    assert response.status_code == 200 and "Row 2: Name is required." in page
    assert 'value="Paita"' in page and 'value="Ana Torres"' in page
    assert not Article.objects.exists()


def test_rows_reordered_and_edited_keep_their_identity_and_the_compare_says_what_happened(client, editor):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=editor)
    table = ParticipantTableFactory(article=article, title="Delegates")
    first, second, third = (ParticipantFactory(table=table, name=name, order=order)
                            for order, name in enumerate(["Cho Hyun", "Iwaya Takeshi", "Wang Yi"]))
    with reversion.create_revision():
        reversion.add_to_revision(Article.objects.get(pk=article.pk))
    older = Version.objects.get_for_object(article).first()
    client.force_login(editor)
    data = form_data(client.get(change_url(article)).content.decode())
    assert [data[f"participant_tables-0-rows-{n}-name"] for n in range(3)] == [["Cho Hyun"], ["Iwaya Takeshi"],
                                                                              ["Wang Yi"]]
    # Wang Yi moves to the top, Cho Hyun's role changes, Iwaya Takeshi is removed.
    data["participant_tables-0-rows-0-name"], data["participant_tables-0-rows-0-role"] = ["Wang Yi"], [third.role]
    data["participant_tables-0-rows-0-represents"] = [third.represents]
    data["participant_tables-0-rows-1-name"] = ["Cho Hyun"]
    data["participant_tables-0-rows-1-represents"] = [first.represents]
    data["participant_tables-0-rows-1-role"] = ["Minister of Trade"]
    for column in ("name", "represents", "role"):
        data.pop(f"participant_tables-0-rows-2-{column}")

    assert client.post(change_url(article), data).status_code == 302

    rows = list(table.participants.all())
    assert [(row.pk, row.name, row.role) for row in rows] == [
        (third.pk, "Wang Yi", third.role), (first.pk, "Cho Hyun", "Minister of Trade"),
    ]
    assert not type(second).objects.filter(pk=second.pk).exists()
    newer = Version.objects.get_for_object(article).first()
    diff = revisions.compare(revisions.revision_snapshot(older.revision), revisions.revision_snapshot(newer.revision))
    table_entry = next(block for block in diff["blocks"] if block["kind"] == "participants")
    assert [(row["title"], row["op"]) for row in table_entry["rows"]] == [
        ("Row 1", "moved"), ("Row 2", "changed"), ("Row", "removed"),
    ]


def test_the_order_the_editor_sends_is_the_order_saved(client, editor):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=editor, body=False)
    first = ParticipantTableFactory(article=article, title="First", position=10)
    ParticipantFactory(table=first)
    second = ParticipantTableFactory(article=article, title="Second", position=20)
    ParticipantFactory(table=second)
    client.force_login(editor)
    data = form_data(client.get(change_url(article)).content.decode())
    orderings = {data[f"participant_tables-{n}-title"][0]: f"participant_tables-{n}-ordering" for n in range(2)}
    data[orderings["First"]], data[orderings["Second"]] = ["20"], ["10"]

    assert client.post(change_url(article), data).status_code == 302

    assert [block.title for block in Article.objects.get(pk=article.pk).body_blocks()] == ["Second", "First"]


def test_a_block_new_to_the_page_and_left_blank_is_not_saved(client, editor):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=editor)
    client.force_login(editor)
    data = form_data(client.get(change_url(article)).content.decode())
    data |= {"callouts-TOTAL_FORMS": ["1"], "callouts-0-uid": [str(uuid.uuid4())], "callouts-0-region": ["body"],
             "callouts-0-ordering": ["990"], "callouts-0-label": [""], "callouts-0-body": [""]}
    versions = Version.objects.get_for_object(article).count()

    assert client.post(change_url(article), data).status_code == 302

    assert not article.callouts.exists()
    assert Version.objects.get_for_object(article).count() == versions
