"""Measure site search on PostgreSQL with many articles: the GIN index against a scan, in the same run.

Fills a scratch database (default `newsroom_bench` on the server of DATABASE_URL) with synthetic articles,
then times the search page's queries (count and first page) for a rare word, a common word and two words,
with the index and with index scans switched off. Prints medians, the ratio scan / index, and EXPLAIN ANALYZE.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom python bench/search.py [--articles 100000] [--keep]
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = {"rare word": "Motegi", "common word": "minister", "two words": "harbour strike"}
VOCABULARY = [
    "council", "budget", "harbour", "strike", "minister", "trade", "election", "court", "school", "river", "energy",
    "market", "weather", "festival", "railway", "hospital", "museum", "factory", "police", "bridge", "farmers",
    "exports", "housing", "tourism", "research", "battery", "football", "orchestra", "fishermen", "drought",
]


def scratch_url(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_database(url: str, name: str, *, drop: bool) -> None:
    import psycopg

    with psycopg.connect(scratch_url(url, "postgres"), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and drop:
            connection.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def fill(count: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from articles.models import Article, Section

    if Article.objects.count() >= count:
        return
    rng = random.Random(5)
    words = VOCABULARY + [f"word{n}" for n in range(20_000)]
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf-like: a few words everywhere, most rare
    section, _ = Section.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    now = timezone.now()
    batch = []
    for number in range(count):
        text = " ".join(rng.choices(words, weights, k=120))
        if number % 10_000 == 0:
            text += " Toshimitsu Motegi met his counterpart."
        batch.append(Article(
            headline=" ".join(rng.choices(words, weights, k=8)).capitalize(), slug=f"bench-{number}", section=section,
            summary=text[:200], search_text=text, status=Article.Status.PUBLISHED,
            published_at=now - timezone.timedelta(minutes=number),
        ))
        if len(batch) == 5_000:
            Article.objects.bulk_create(batch)
            batch = []
    Article.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET search_vector = setweight(to_tsvector('english', headline), 'A') "
            "|| setweight(to_tsvector('english', search_text), 'C')"
        )
        cursor.execute("VACUUM ANALYZE articles_article")


def page_queries(text: str) -> None:
    """What the search page asks the database: the number of matches and the first page of them."""
    from articles.models import Article
    from articles.search import SearchTerms

    results = Article.objects.published().search(SearchTerms.parse(text)).for_cards()
    results.count()
    list(results[:12])


def timed(text: str, repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        page_queries(text)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--database", default="newsroom_bench")
    parser.add_argument("--fresh", action="store_true", help="Drop and refill the scratch database.")
    options = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL server: this measures its full-text search.")
    create_database(url, options.database, drop=options.fresh)
    os.environ["DATABASE_URL"] = scratch_url(url, options.database)
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article
    from articles.search import SearchTerms

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    fill(options.articles)
    print(f"{Article.objects.count():,} articles (filled in {time.perf_counter() - started:.0f} s)")
    print(f"{'query':<12} {'matches':>8} {'index ms':>9} {'scan ms':>9} {'scan/index':>10}")
    for label, text in QUERIES.items():
        matches = Article.objects.published().search(SearchTerms.parse(text)).count()
        page_queries(text)  # warm the cache for both runs alike
        with_index = timed(text, options.repeats)
        with connection.cursor() as cursor:
            cursor.execute("SET enable_bitmapscan = off")  # a GIN index is only ever read through a bitmap scan
        without_index = timed(text, options.repeats)
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_bitmapscan")
        print(f"{label:<12} {matches:>8,} {with_index * 1000:>9.1f} {without_index * 1000:>9.1f} "
              f"{without_index / with_index:>10.1f}")
    queryset = Article.objects.published().search(SearchTerms.parse(QUERIES["rare word"])).for_cards()[:12]
    print("\nEXPLAIN ANALYZE, first page for the rare word:\n" + queryset.explain(analyze=True))


if __name__ == "__main__":
    main()
