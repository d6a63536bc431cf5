from django.conf import settings
from django.db import migrations
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce


def count_shown_comments(apps, schema_editor):
    """Fill `Article.comment_count` once, as `comments.services.comment_recount` keeps it from now on."""
    Article = apps.get_model("articles", "Article")
    Comment = apps.get_model("comments", "Comment")
    shown, ancestor = Q(status="approved"), "parent"
    for _level in range(settings.COMMENTS_MAX_DEPTH - 1):
        shown &= Q(**{f"{ancestor}__isnull": True}) | Q(**{f"{ancestor}__status": "approved"})
        ancestor += "__parent"
    counts = (
        Comment.objects.filter(shown, article=OuterRef("pk")).order_by().values("article")
        .annotate(n=Count("pk")).values("n")
    )
    Article.objects.update(comment_count=Coalesce(Subquery(counts), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_body_snapshot_and_comment_count"),
        ("comments", "0004_used_form_token"),
    ]

    operations = [migrations.RunPython(count_shown_comments, migrations.RunPython.noop)]
