"""What commenters, authors and moderators get by mail, and what its links do."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from articles.management.commands.load_demo import SEED_SLUG
from articles.models import Article, Author
from comments import services
from tests.conftest import SEED
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_new_comments_on_the_demo_desks_stories_are_mailed_to_the_demo_editor(
    seed_text, moderator, django_capture_on_commit_callbacks,
):
    for _ in range(2):  # loading twice leaves the same link
        call_command("load_demo", "--seed", str(SEED), stdout=io.StringIO())
    desk = Author.objects.get(name="Newsroom Desk")
    assert (desk.user.username, desk.user.email) == ("editor", "editor@example.com")
    comment = CommentFactory(article=Article.objects.get(slug=SEED_SLUG), status="pending")

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment=comment, by=moderator)

    assert ["editor@example.com"] in [message.to for message in mail.outbox]
