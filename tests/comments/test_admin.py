import json

import pytest
from django.urls import reverse

from comments.models import Comment, ModerationAction
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


def test_moderator_sees_comments_only(client, moderator):
    client.force_login(moderator)

    index = client.get("/admin/").content.decode()

    assert "Comments" in index
    assert "/admin/articles/article/" not in index
    assert client.get("/admin/articles/article/").status_code == 403


def test_queues_show_counts_and_context(client, moderator, article):
    parent = CommentFactory(article=article, author_name="Parent Person", body="The original point.")
    CommentFactory(article=article, parent=parent, status="pending", body="Held reply", author_email="h@example.com",
                   reasons=["first_time_commenter: First comment from this e-mail address."])
    CommentFactory(article=article, status="spam", author_email="h@example.com")
    CommentFactory(article=article, status="approved", author_email="h@example.com")
    reported = CommentFactory(article=article)
    reported.flags.create(reason="abuse")
    client.force_login(moderator)

    page = client.get(CHANGELIST).content.decode()

    for label in ("Pending (1)", "Reported (1)", "Spam (1)", "All (5)"):
        assert label in page
    assert "Held reply" in page and "Parent Person: The original point." in page
    assert "First comment from this e-mail address." in page
    assert "1 approved, 0 rejected, 1 spam" in page
    assert "Held reply" not in client.get(CHANGELIST, {"queue": "spam"}).content.decode()


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", "approved"), ("reject", "rejected"), ("mark_spam", "spam"), ("remove", "removed"), ("ban", "rejected")],
)
def test_bulk_actions_call_the_services_and_record_decisions(client, moderator, action, status):
    comments = CommentFactory.create_batch(2, status="pending")
    client.force_login(moderator)

    response = client.post(CHANGELIST + "?queue=pending", {
        "action": action, "_selected_action": [comment.pk for comment in comments],
    }, follow=True)

    assert response.status_code == 200
    assert set(Comment.objects.values_list("status", flat=True)) == {status}
    assert ModerationAction.objects.filter(by=moderator).count() >= 2


def test_personal_data_export_and_erase_from_the_admin(client, moderator):
    CommentFactory(author_email="who@example.com", body="Words to erase")
    client.force_login(moderator)
    url = reverse("admin:comments_personal_data")

    exported = client.post(url, {"email": "who@example.com", "export": "1"})
    assert json.loads(exported.content)["comments"][0]["body"] == "Words to erase"

    refused = client.post(url, {"email": "who@example.com", "erase": "1"})
    assert "Tick the box" in refused.content.decode()
    client.post(url, {"email": "who@example.com", "erase": "1", "confirm": "on"})
    assert Comment.objects.get().body == "[removed]"


def test_writers_cannot_moderate(client, writer):
    client.force_login(writer)

    assert client.get(CHANGELIST).status_code == 403
