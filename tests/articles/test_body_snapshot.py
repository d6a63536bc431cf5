"""The public page reads an article's body from the copy on its row; every write to the body makes it read afresh."""

import pytest
import reversion
from reversion.models import Version

from articles import services
from articles.blocks import snapshot
from articles.models import Article, Callout
from tests.articles.test_pages import full_article, text_of
from tests.factories import ArticleFactory, CalloutFactory, ParticipantFactory, ParticipantTableFactory

pytestmark = pytest.mark.django_db


def stored(article) -> dict | None:
    return Article.objects.values_list("body_snapshot", flat=True).get(pk=article.pk)


def test_the_first_reader_keeps_the_copy_and_the_next_reads_the_same_page_from_it(client, django_assert_num_queries):
    article = full_article(2)
    url = article.get_absolute_url()
    assert stored(article) is None

    first = client.get(url).content.decode()
    assert stored(article)["format"] == snapshot.FORMAT
    with django_assert_num_queries(7):  # no comments: no page of threads to read
        second = client.get(url).content.decode()

    def story(page: str) -> str:  # the article and its head, without the comment form's per-view tokens
        return page.split('<section class="comments"')[0]

    assert story(second) == story(first)
    assert first.count('class="faq-entry"') == 2


def test_the_copy_reads_back_as_the_blocks_as_stored():
    article = full_article(3)
    from_tables = Article.objects.for_article_page().get(pk=article.pk)
    snapshot.attach(Article.objects.for_reader().get(pk=article.pk))  # keeps the copy

    from_copy = snapshot.attach(Article.objects.for_reader().get(pk=article.pk))

    def described(page_article):
        return [
            (block.block_type, *(field.value_from_object(block) for field in type(block)._meta.concrete_fields),
             [(p.name, p.represents, p.role, p.order) for p in block.block_kind.rows_of(block)])
            for block in page_article.body_blocks()
        ]

    assert from_copy.body_snapshot is not None
    assert described(from_copy) == described(from_tables)
    assert [c.text for c in from_copy.corrections.all()] == [c.text for c in from_tables.corrections.all()]
    assert from_copy.discussion_prompts.all()[0].article is from_copy


@pytest.mark.parametrize("change", [
    "edit block", "add block", "delete block", "add row", "edit row", "delete row", "add correction", "bulk rows",
])
def test_every_write_to_the_body_clears_the_copy_and_the_page_shows_it(client, editor, change):
    article = ArticleFactory()
    callout = CalloutFactory(article=article, label="First label", body="First words.")
    table = ParticipantTableFactory(article=article)
    row = ParticipantFactory(table=table, name="Ana Ruiz")
    url = article.get_absolute_url()
    client.get(url)
    assert stored(article) is not None
    expected = {
        "edit block": "Second label", "add block": "Another label", "delete block": None, "add row": "Ben Okri",
        "edit row": "Carla Diaz", "delete row": None, "add correction": "The figure was wrong.", "bulk rows": "Dee Lee",
    }[change]

    if change == "edit block":
        callout.label = "Second label"
        callout.save()
    elif change == "add block":
        CalloutFactory(article=article, label="Another label")
    elif change == "delete block":
        callout.delete()
    elif change == "add row":
        ParticipantFactory(table=table, name="Ben Okri")
    elif change == "edit row":
        row.name = "Carla Diaz"
        row.save()
    elif change == "delete row":
        row.delete()
    elif change == "add correction":
        services.article_add_correction(article=article, by=editor, text="The figure was wrong.")
    elif change == "bulk rows":
        from articles.blocks import registry
        from articles import importers

        registry.get("participants").load(
            article, importers.Table(title="More", represents_heading="For", rows=[("Dee Lee", "", "")]), position=90,
        )

    assert stored(article) is None
    page = text_of(client.get(url))
    if expected:
        assert expected in page
    if change == "delete block":
        assert "First label" not in page
    if change == "delete row":
        assert "Ana Ruiz" not in page
    assert stored(article) is not None


def test_a_body_read_before_a_change_is_not_kept_over_it():
    article = ArticleFactory()
    callout = CalloutFactory(article=article, label="Old label")
    reader = Article.objects.for_reader().get(pk=article.pk)  # a reader loads the article, its copy still empty

    callout.label = "New label"
    callout.save()  # a writer changes the body before the reader reads the blocks
    snapshot.attach(reader)

    assert stored(article) is None  # the reader's copy was not kept: the generation it read is gone
    fresh = snapshot.attach(Article.objects.for_reader().get(pk=article.pk))
    assert [block.label for block in fresh.callouts.all()] == ["New label"]
    assert stored(article)["kinds"]["callout"]["rows"][0][
        stored(article)["kinds"]["callout"]["fields"].index("label")
    ] == "New label"


def test_a_copy_of_another_shape_is_read_as_missing(client):
    article = ArticleFactory()
    CalloutFactory(article=article, label="Shown label")
    client.get(article.get_absolute_url())
    copy = stored(article)
    copy["kinds"]["callout"]["fields"] = ["id", "something_else"]
    Article.objects.filter(pk=article.pk).update(body_snapshot=copy)

    assert "Shown label" in text_of(client.get(article.get_absolute_url()))
    assert stored(article)["kinds"]["callout"]["fields"] != ["id", "something_else"]


def test_a_revert_brings_the_old_body_back_to_the_page(client):
    article = ArticleFactory()
    callout = CalloutFactory(article=article, label="Before the edit")
    with reversion.create_revision():
        reversion.add_to_revision(Article.objects.get(pk=article.pk))
    callout.label = "After the edit"
    callout.save()
    assert "After the edit" in text_of(client.get(article.get_absolute_url()))

    Version.objects.get_for_object(article).first().revision.revert(delete=True)

    page = text_of(client.get(article.get_absolute_url()))
    assert "Before the edit" in page and "After the edit" not in page
    assert Callout.objects.get(pk=callout.pk).label == "Before the edit"
