"""The history's compare: field by field, block by block, and word by word within each paragraph of rich text."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from articles import revisions
from articles.models import Article, TextSection
from tests.factories import ArticleFactory, CalloutFactory, FaqEntryFactory, ParticipantFactory, ParticipantTableFactory

pytestmark = pytest.mark.django_db


def save_revision(article):
    with reversion.create_revision():
        reversion.add_to_revision(Article.objects.get(pk=article.pk))
    return Version.objects.get_for_object(article).first()


def compare_page(client, article, older, newer) -> str:
    url = reverse("admin:articles_article_compare", args=[article.pk])
    response = client.get(url, {"from": older.pk, "to": newer.pk})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def story(editor):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=editor, body=False)
    TextSection.objects.create(article=article, position=10, heading="What happened", body=(
        "<p>The council approved the budget on Tuesday.</p>"
        "<p>It takes effect in April.</p>"
        "<ul><li>Parks get more money.</li><li>Roads get less.</li></ul>"
    ))
    return article


def test_a_changed_word_is_shown_inside_its_paragraph_and_unchanged_paragraphs_are_left_out(client, editor, story):
    older = save_revision(story)
    TextSection.objects.filter(article=story).update(body=(
        "<p>The council approved the budget on Wednesday.</p>"
        "<p>It takes effect in April.</p>"
        "<ul><li>Parks get more money.</li><li>Roads get nothing.</li><li>Libraries stay open.</li></ul>"
    ))
    newer = save_revision(story)
    client.force_login(editor)

    page = compare_page(client, story, older, newer)

    assert "The council approved the budget on <del>Tuesday</del><ins>Wednesday</ins>." in page
    assert "Roads get <del>less</del><ins>nothing</ins>." in page
    assert "Paragraph added (list item):</span> <ins>Libraries stay open.</ins>" in page
    # The paragraphs that did not change are not repeated, and paragraphs are never glued together.
    assert "takes effect in April" not in page and "Parks get more money" not in page
    assert "Tuesday.It takes" not in page


def test_paragraphs_of_rich_text_are_read_one_by_one():
    html = "<h3>Budget</h3><p>One <strong>bold</strong> word.<br>Next line.</p><ol><li>First</li><li><p>Second</p></li></ol>"

    assert revisions.paragraphs(html) == [
        ("Subheading", "Budget"), ("", "One bold word. Next line."), ("List item", "First"), ("List item", "Second"),
    ]


def test_blocks_added_removed_and_moved_are_shown_in_body_order(client, editor, story):
    first = CalloutFactory(article=story, position=20, label="Pro Tip", body="Bring an umbrella.")
    faq = FaqEntryFactory(article=story, position=30, question="When?", answer="In April.")
    gone = CalloutFactory(article=story, position=40, label="Did You Know?", body="The council first met in 1952.")
    older = save_revision(story)
    type(faq).objects.filter(pk=faq.pk).update(position=5)  # moved above the text section
    gone.delete()
    CalloutFactory(article=story, position=25, label="Warning", body="Roads close at noon.")
    type(first).objects.filter(pk=first.pk).update(body="Bring a coat.")
    newer = save_revision(story)

    diff = revisions.compare(revisions.revision_snapshot(older.revision), revisions.revision_snapshot(newer.revision))

    assert [(block["title"], block["op"]) for block in diff["blocks"]] == [
        ("FAQ entry 1", "moved"), ("Text section 1", "same"), ("Callout 1", "changed"), ("Callout 2", "added"),
        ("Callout 3", "removed"),
    ]
    changed = diff["blocks"][2]["fields"]
    assert changed == [{"label": "Body", "runs": [
        {"op": "same", "text": "Bring "}, {"op": "del", "text": "an umbrella"}, {"op": "ins", "text": "a coat"},
        {"op": "same", "text": "."},
    ]}]
    client.force_login(editor)
    page = compare_page(client, story, older, newer)
    assert "FAQ entry 1: moved" in page and "Callout 2: added" in page and "Callout 3: removed" in page
    assert "<del>The council first met in 1952.</del>" in page


def test_table_rows_added_removed_and_changed_are_listed_under_their_table(story):
    table = ParticipantTableFactory(article=story, position=20, title="Delegates")
    kept = ParticipantFactory(table=table, name="Cho Hyun", order=1)
    dropped = ParticipantFactory(table=table, name="Iwaya Takeshi", order=2)
    older = save_revision(story)
    dropped.delete()
    type(kept).objects.filter(pk=kept.pk).update(role="Minister of Trade")
    ParticipantFactory(table=table, name="Wang Yi", order=3)
    newer = save_revision(story)

    diff = revisions.compare(revisions.revision_snapshot(older.revision), revisions.revision_snapshot(newer.revision))

    table_entry = next(block for block in diff["blocks"] if block["kind"] == "participants")
    assert table_entry["op"] == "changed"
    assert [(row["title"], row["op"]) for row in table_entry["rows"]] == [
        ("Row 1", "changed"), ("Row 2", "added"), ("Row", "removed"),
    ]
    assert {"op": "del", "text": "Iwaya Takeshi"} in table_entry["rows"][2]["fields"][0]["runs"]


def test_what_people_typed_is_escaped_in_the_compare(client, editor, story):
    older = save_revision(story)
    CalloutFactory(article=story, position=20, label="<script>alert(1)</script>", body="<b>bold?</b>")
    Article.objects.filter(pk=story.pk).update(headline="A <img src=x onerror=alert(1)> headline")
    newer = save_revision(story)
    client.force_login(editor)

    page = compare_page(client, story, older, newer)

    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_two_equal_revisions_read_as_the_same(client, editor, story):
    older = save_revision(story)
    newer = save_revision(story)
    client.force_login(editor)

    assert "These two revisions are the same." in compare_page(client, story, older, newer)
