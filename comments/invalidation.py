"""Page-cache invalidation for comments: a comment shown or no longer shown changes its article's page and the
count on every card of it (`article:<pk>`). Connected in CommentsConfig.ready()."""

from django.db.models.signals import post_delete, post_save

from newsroom.pagecache import invalidate

from .models import Comment, CommentPolicy


def _comment_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    # A new comment shows only once approved; any change to an existing one (a decision, a report hiding it, an
    # edit) may change what the page shows.
    if created and instance.status != Comment.Status.APPROVED:
        return
    invalidate({f"article:{instance.article_id}"})


def _comment_deleted(sender, instance, **kwargs):
    invalidate({f"article:{instance.article_id}"})


def _policy_changed(sender, instance, raw=False, **kwargs):
    """Opening or closing comments changes the form on the article's page, or on every page of the section's
    stories (an article page carries its section's tag)."""
    if raw:
        return
    invalidate({f"article:{instance.article_id}" if instance.article_id else f"section:{instance.section_id}"})


def comments_changed(article_ids) -> None:
    """For changes made with a bulk update, which sends no signal (erasing a commenter's data)."""
    invalidate({f"article:{pk}" for pk in article_ids})


def connect() -> None:
    post_save.connect(_comment_saved, sender=Comment, dispatch_uid="pagecache.comment_saved")
    post_delete.connect(_comment_deleted, sender=Comment, dispatch_uid="pagecache.comment_deleted")
    post_save.connect(_policy_changed, sender=CommentPolicy, dispatch_uid="pagecache.policy_saved")
    post_delete.connect(_policy_changed, sender=CommentPolicy, dispatch_uid="pagecache.policy_deleted")
