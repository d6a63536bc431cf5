"""Fill a scratch database for the benchmark (bench/pages.py): many articles and comments, inserted in bulk.

Deterministic for a given --random-seed: the same counts, texts, dates and threads on every run. Besides the archive
it makes the benchmark's pages: two articles built like the seed page (participants table, callouts, prompts, FAQ,
text sections), one with --seed-comments approved comments (every fourth a reply), one with none, and one article
with --thread-comments comments, whose first and last pages of threads the benchmark compares.

    manage.py generate_bench_data --articles 100000 --comments 1000000

On PostgreSQL comments go in with COPY; elsewhere with bulk_create. Meant for an empty scratch database: it stops if
benchmark articles are already there.
"""

import random
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.demo_content import DEMO_FULL_STORY
from articles.management.commands.load_demo import Command as DemoLoader
from articles.models import Article, Author, Byline, Section, TextSection
from comments import services
from comments.models import Comment, CommentFlag
from comments.text import body_html

SLUG_PREFIX = "bench-"
SEED_SLUG = "bench-seed-article"
SEED_EMPTY_SLUG = "bench-seed-article-no-comments"
THREAD_SLUG = "bench-long-thread"
SECTIONS = ["World", "Politics", "Economy", "Business", "Technology", "Science", "Health", "Sport", "Culture",
            "Opinion", "Environment", "Education"]
WORDS = (
    "minister council harbour budget trade election court energy market school hospital bridge river ferry rail "
    "union strike vote mayor inquiry report science climate storm flood harvest bank rates inflation export import "
    "talks summit treaty border police festival museum league final coach season record research vaccine clinic "
    "university students housing rent tenants landlord tax pension farmers fishing port airport runway tram bus "
    "road repairs water supply power grid solar wind turbine battery factory jobs wages prices shops high street "
    "library theatre film album concert gallery coast island village city region county parliament senate "
    "committee agency regulator company chief executive shareholders profit losses investors charity volunteers"
).split()
COMMENT_WORDS = (
    "I think this is right wrong fair unfair good news bad about time the council should have done more less "
    "we need better buses trains schools thanks for reporting it clear which side why not who pays what happens "
    "next my town too agree disagree interesting surprising expected again really hope so"
).split()
# Share of generated comments by status: most approved, a few held, some spam and rejected for the queues.
STATUS_WEIGHTS = {
    Comment.Status.APPROVED: 93, Comment.Status.PENDING: 4, Comment.Status.SPAM: 2, Comment.Status.REJECTED: 1,
}
REPLY_SHARE = 0.3
COMMENT_COLUMNS = (
    "id", "article_id", "parent_id", "root_id", "depth", "author_name", "author_email", "body", "status",
    "created_at", "reasons", "address_hash", "notify_replies", "erased", "learned_as", "body_html",
)


class Command(BaseCommand):
    help = "Generate articles and comments in bulk for the benchmark (a scratch database only)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000, help="Archive articles besides the benchmark's own.")
        parser.add_argument("--comments", type=int, default=1000, help="Comments spread over the archive.")
        parser.add_argument("--seed-comments", type=int, default=250, help="Approved comments on the seed article.")
        parser.add_argument("--thread-comments", type=int, default=20_000, help="Comments on the long-thread article.")
        parser.add_argument("--random-seed", type=int, default=10, help="The same seed gives the same data.")
        parser.add_argument("--batch", type=int, default=5000, help="Rows per bulk insert.")

    def handle(self, *args, articles, comments, seed_comments, thread_comments, random_seed, batch, **options):
        if Article.objects.filter(slug__startswith=SLUG_PREFIX).exists():
            raise CommandError("Benchmark data is already here: generate it into a fresh scratch database.")
        self.rng, self.batch = random.Random(random_seed), batch  # noqa: S311 - made-up data, repeatable
        self.now = timezone.now().replace(microsecond=0)
        started = time.monotonic()
        with transaction.atomic():
            sections = self.sections()
            authors = self.authors(max(20, articles // 200))
            tags = self.tags(max(50, articles // 50))
            archive = self.archive(articles, sections, authors, tags)
        self.log(f"{len(archive)} articles", started)
        with transaction.atomic():
            seed, empty, thread = self.bench_articles(sections, authors)
        self.log("seed articles", started)
        self.next_id = (Comment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        self.write_comments(self.thread_rows(seed, seed_comments, approved=True))
        self.write_comments(self.thread_rows(thread, thread_comments, approved=False))
        self.write_comments(self.archive_rows(archive, comments))
        self.reset_sequence()
        self.flags()
        self.log(f"{Comment.objects.count()} comments", started)
        # The count of shown comments each article keeps is rebuilt once for everything inserted.
        services.comment_recount()
        self.log("comment counts", started)
        self.stdout.write(self.style.SUCCESS(
            f"Benchmark data ready in {time.monotonic() - started:.0f} s: seed article {seed.get_absolute_url()}, "
            f"without comments {empty.get_absolute_url()}, long thread {thread.get_absolute_url()}"
        ))

    def log(self, what: str, started: float) -> None:
        self.stdout.write(f"{time.monotonic() - started:7.1f} s  {what}")

    def words(self, count: int, vocabulary=WORDS) -> str:
        return " ".join(self.rng.choice(vocabulary) for _ in range(count))

    def sections(self) -> list[Section]:
        return Section.objects.bulk_create(
            Section(name=f"{name} (bench)", slug=f"{SLUG_PREFIX}{name.lower()}", order=i) for i, name in enumerate(SECTIONS)
        )

    def authors(self, count: int) -> list[Author]:
        return Author.objects.bulk_create(
            (Author(name=f"Reporter {i}", slug=f"{SLUG_PREFIX}reporter-{i}", bio="Benchmark author.") for i in range(count)),
            batch_size=self.batch,
        )

    def tags(self, count: int) -> list[Tag]:
        return Tag.objects.bulk_create(
            (Tag(name=f"Topic {i}", slug=f"{SLUG_PREFIX}topic-{i}") for i in range(count)), batch_size=self.batch,
        )

    def archive(self, count: int, sections, authors, tags) -> list[tuple[int, object]]:
        """Published articles, newest first every few minutes back in time, each with a byline, tags and text."""
        content_type = ContentType.objects.get_for_model(Article)
        made: list[tuple[int, object]] = []
        for start in range(0, count, self.batch):
            articles = []
            for number in range(start, min(count, start + self.batch)):
                headline = self.words(7).capitalize()
                summary = self.words(25).capitalize() + "."
                articles.append(Article(
                    headline=headline, slug=f"{SLUG_PREFIX}{number}", section=self.rng.choice(sections),
                    summary=summary, subheadline=self.words(12).capitalize(), dateline_place="Porthaven",
                    status=Article.Status.PUBLISHED, published_at=self.now - timedelta(minutes=30 * (number + 1)),
                    search_text=f"{headline}\n{summary}",
                ))
            articles = Article.objects.bulk_create(articles)
            bylines, tagged, blocks = [], [], []
            for article in articles:
                for order, author in enumerate(self.rng.sample(authors, self.rng.choice((1, 1, 1, 2)))):
                    bylines.append(Byline(article=article, author=author, order=order))
                for tag in self.rng.sample(tags, 3):
                    tagged.append(TaggedItem(tag=tag, content_type=content_type, object_id=article.pk))
                for position in (10, 20):
                    paragraphs = "".join(f"<p>{self.words(60).capitalize()}.</p>" for _ in range(3))
                    blocks.append(TextSection(
                        article=article, position=position, heading="" if position == 10 else self.words(4).capitalize(),
                        body=paragraphs, uid=uuid.UUID(int=self.rng.getrandbits(128)),
                    ))
                made.append((article.pk, article.published_at))
            Byline.objects.bulk_create(bylines)
            TaggedItem.objects.bulk_create(tagged)
            TextSection.objects.bulk_create(blocks)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE articles_article SET search_vector = "
                    "setweight(to_tsvector('english', headline), 'A') || "
                    "setweight(to_tsvector('english', subheadline || ' ' || summary), 'B') "
                    "WHERE slug LIKE %s",
                    [SLUG_PREFIX + "%"],
                )
        return made

    def bench_articles(self, sections, authors) -> tuple[Article, Article, Article]:
        """The seed-like article (twice: with and without comments) and the long-thread one, built from the demo's
        full story so that every block kind is on the page."""
        loader = DemoLoader(stdout=self.stdout)
        page = DEMO_FULL_STORY["page"]
        made = []
        for slug, headline, hours in [
            (SEED_SLUG, page.headline, 1),
            (SEED_EMPTY_SLUG, f"{page.headline} (no comments)", 1),
            (THREAD_SLUG, f"{page.headline} (long thread)", 3),
        ]:
            article = loader.article(
                slug=slug, authors=authors[:2], tags=["Bench seed", "Transport", "Local government"],
                headline=headline, subheadline=page.subheadline, section=sections[1], dateline_place=page.dateline_place,
                dateline_date=timezone.localdate(self.now), summary=DEMO_FULL_STORY["summary"],
                status=Article.Status.PUBLISHED, published_at=self.now - timedelta(hours=hours),
            )
            loader.add_blocks(article, page)
            made.append(article)
        return tuple(made)

    def comment_row(self, *, article_id, parent, created_at, status, commenter: int) -> tuple:
        """One comment as a row of COMMENT_COLUMNS; `parent` is the row it answers, or None."""
        pk = self.next_id
        self.next_id += 1
        depth = parent[4] + 1 if parent else 0
        root = (parent[3] or parent[0]) if parent else None
        body = self.words(self.rng.randint(8, 60), COMMENT_WORDS).capitalize() + "."
        return (
            pk, article_id, parent[0] if parent else None, root, depth, f"Reader {commenter}",
            f"reader{commenter}@example.com", body, status, created_at, "[]", "", False, False, "", body_html(body),
        )

    def thread_rows(self, article: Article, count: int, *, approved: bool):
        """Comments a minute apart; every fourth is a reply to the one before it."""
        previous = None
        for number in range(count):
            status = Comment.Status.APPROVED if approved else self.status()
            parent = previous if number % 4 == 3 and previous and previous[4] < settings.COMMENTS_MAX_DEPTH - 1 else None
            row = self.comment_row(
                article_id=article.pk, parent=parent, status=status, commenter=self.rng.randrange(50_000),
                created_at=article.published_at + timedelta(seconds=30 + 60 * number),
            )
            previous = row if status == Comment.Status.APPROVED else previous
            yield row

    def status(self) -> str:
        return self.rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]

    def archive_rows(self, archive: list[tuple[int, object]], total: int):
        """`total` comments over the archive, a few articles drawing most of them, as on a real site."""
        if not archive or not total:
            return
        weights = [self.rng.paretovariate(1.2) for _ in archive]
        scale = total / sum(weights)
        counts = [int(weight * scale) for weight in weights]
        for index in range(total - sum(counts)):
            counts[index % len(counts)] += 1
        for (article_id, published_at), count in zip(archive, counts, strict=True):
            recent: list[tuple] = []
            for number in range(count):
                parent = None
                if recent and self.rng.random() < REPLY_SHARE:
                    parent = self.rng.choice(recent)
                    if parent[4] >= settings.COMMENTS_MAX_DEPTH - 1:
                        parent = None
                row = self.comment_row(
                    article_id=article_id, parent=parent, status=self.status(), commenter=self.rng.randrange(50_000),
                    created_at=published_at + timedelta(seconds=20 + 45 * number),
                )
                if row[8] == Comment.Status.APPROVED:
                    recent = [*recent[-19:], row]
                yield row

    def write_comments(self, rows) -> None:
        """Insert the rows: COPY on PostgreSQL, bulk_create in batches elsewhere; one transaction per batch."""
        chunk: list[tuple] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= self.batch * 10:
                self.insert(chunk)
                chunk = []
        if chunk:
            self.insert(chunk)

    def insert(self, rows: list[tuple]) -> None:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    raw = cursor.cursor  # psycopg's own cursor, for COPY
                    with raw.copy(f"COPY comments_comment ({', '.join(COMMENT_COLUMNS)}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
            else:
                Comment.objects.bulk_create(
                    (Comment(**dict(zip(COMMENT_COLUMNS[:10], row[:10], strict=True)), reasons=[]) for row in rows),
                    batch_size=self.batch // 5,
                )

    def flags(self) -> None:
        """Reports on one approved archive comment in a thousand, so the moderators' "reported" queue is not empty."""
        ids = (
            Comment.objects.approved().filter(article__slug__regex=r"^bench-[0-9]+$")
            .order_by("pk").values_list("pk", flat=True).iterator(chunk_size=self.batch)
        )
        CommentFlag.objects.bulk_create(
            (CommentFlag(comment_id=pk, reason=CommentFlag.Reason.ABUSE, address_hash=f"bench-{pk}")
             for number, pk in enumerate(ids) if number % 1000 == 0),
            batch_size=self.batch,
        )

    def reset_sequence(self) -> None:
        """Comments were given their ids here; the database's own counter continues after the last one."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('comments_comment', 'id'), "
                    "(SELECT COALESCE(MAX(id), 1) FROM comments_comment))"
                )
