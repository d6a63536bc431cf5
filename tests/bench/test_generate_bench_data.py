"""The benchmark's data generator: counts, threads and determinism on a real database, at a small size."""

import pytest
from django.core.management import CommandError, call_command
from taggit.models import Tag, TaggedItem

from articles.models import Article, Author, Byline, Section, TextSection
from comments.management.commands.generate_bench_data import SEED_EMPTY_SLUG, SEED_SLUG, THREAD_SLUG
from comments.models import Comment

pytestmark = pytest.mark.django_db


def generate(**options):
    options = {"articles": 40, "comments": 300, "seed_comments": 20, "thread_comments": 120, "batch": 16} | options
    call_command("generate_bench_data", **options)


def test_counts_match_what_was_asked():
    generate()
    archive = Article.objects.filter(slug__regex=r"^bench-[0-9]+$")
    assert archive.count() == 40
    assert Article.objects.published().count() == 43
    assert Byline.objects.filter(article__in=archive).count() >= 40
    assert TaggedItem.objects.filter(object_id__in=archive.values("pk")).count() == 3 * 40
    assert TextSection.objects.filter(article__in=archive).count() == 2 * 40
    assert Comment.objects.filter(article__in=archive).count() == 300
    assert Comment.objects.count() == 300 + 20 + 120
    # Held and spam comments fill the moderation queues; replies hang under approved comments of the same article.
    assert Comment.objects.pending().exists() and Comment.objects.spam().exists()
    assert Comment.objects.reported().exists()
    for reply in Comment.objects.exclude(parent=None).select_related("parent"):
        assert reply.parent.article_id == reply.article_id
        assert reply.depth == reply.parent.depth + 1
        assert reply.root_id == (reply.parent.root_id or reply.parent_id)


def test_seed_article_has_every_block_kind_and_its_comments():
    generate()
    seed = Article.objects.for_article_page().get(slug=SEED_SLUG)
    kinds = {group["type"] for group in seed.block_groups()}
    assert {"text", "participants", "callout", "prompt", "faq"} <= kinds
    comments = Comment.objects.filter(article=seed)
    assert comments.visible().count() == 20
    assert comments.exclude(parent=None).count() == 5  # every fourth
    empty = Article.objects.get(slug=SEED_EMPTY_SLUG)
    assert not Comment.objects.filter(article=empty).exists()
    assert Comment.objects.filter(article__slug=THREAD_SLUG).count() == 120


def test_a_comment_posted_afterwards_gets_a_new_id(client):
    generate()
    last = Comment.objects.order_by("-pk").first()
    comment = Comment.objects.create(
        article=last.article, author_name="After", author_email="after@example.com", body="Still works.",
    )
    assert comment.pk > last.pk


def snapshot() -> tuple[list, list]:
    """The generated comments with ids counted from the run's first one, and the archive's headlines."""
    comments = list(Comment.objects.order_by("pk").values_list("pk", "article__slug", "parent_id", "status", "body"))
    first = comments[0][0]
    headlines = list(Article.objects.filter(slug__regex=r"^bench-[0-9]+$").order_by("slug").values_list("headline"))
    return [(pk - first, slug, parent and parent - first, status, body) for pk, slug, parent, status, body in comments], headlines


def test_same_seed_same_data():
    generate()
    first = snapshot()
    for model in (Comment, TaggedItem, Article, Author, Section, Tag):
        model.objects.all().delete()
    generate()
    assert snapshot() == first
    for model in (Comment, TaggedItem, Article, Author, Section, Tag):
        model.objects.all().delete()
    generate(random_seed=11)
    assert snapshot() != first


def test_refuses_a_database_that_already_has_benchmark_data():
    generate()
    with pytest.raises(CommandError, match="already"):
        generate()
