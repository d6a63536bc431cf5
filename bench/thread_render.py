"""How long the article page takes to render in-process with a thread of comments, and where the time goes.

Adds (once) 250 approved comments to the seed article, a reply to every fourth, then renders the page N times with
Django's test client, DEBUG off and no cache, and prints the median time; `--profile` prints a pyinstrument profile
of one render. Run against a database where `manage.py load_demo` has been run:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_x CACHE_URL=dummy:// \\
        python bench/thread_render.py --renders 50 [--profile]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ["DJANGO_DEBUG"] = "false"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=50)
    parser.add_argument("--comments", type=int, default=250)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--profile-all", action="store_true", help="with --profile: show library frames too")
    options = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article
    from comments.models import Comment
    from comments.services import comment_recount

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    request_started.disconnect(reset_queries)  # so the queries of a request can be counted
    article = Article.objects.published().get(slug="japans-new-cabinet-first-foreign-ministers-meeting")
    if Comment.objects.filter(article=article, reasons=["bench"]).count() < options.comments:
        Comment.objects.filter(article=article).delete()
        previous = None
        for number in range(options.comments):
            parent = previous if number % 4 == 3 else None
            previous = Comment.objects.create(
                article=article, parent=parent, author_name=f"Reader {number}", author_email=f"r{number}@example.org",
                body=f"Comment {number}, see https://example.org/{number} for more.\nA second line.", status="approved",
                reasons=["bench"],
            )
        comment_recount(article_ids=[article.pk])
    url = article.get_absolute_url()
    client = Client()
    assert client.get(url).status_code == 200  # noqa: S101
    with CaptureQueriesContext(connection) as queries:
        size = len(client.get(url).content)
    times = []
    for _ in range(options.renders):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    print(f"{url}: {size} bytes, {len(queries)} queries, median {statistics.median(times) * 1000:.1f} ms "
          f"over {options.renders} renders (min {min(times) * 1000:.1f} ms)")
    if options.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(10):
            client.get(url)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=options.profile_all))


if __name__ == "__main__":
    main()
