import json

import pytest
from django.urls import reverse

from comments.models import Comment, ModerationAction
from tests.factories import ArticleFactory, CommentFactory

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


def change_url(comment) -> str:
    return reverse("admin:comments_comment_change", args=[comment.pk])


def decide_url(comment) -> str:
    return reverse("admin:comments_comment_decide", args=[comment.pk])


def test_a_comments_page_offers_decisions_instead_of_save_buttons(client, moderator):
    comment = CommentFactory(status="pending")
    client.force_login(moderator)

    page = client.get(change_url(comment), {"_changelist_filters": "queue=pending"}).content.decode()

    assert 'name="_save"' not in page and 'name="_continue"' not in page
    assert 'name="csrfmiddlewaretoken"' in page
    formaction = f'formaction="{decide_url(comment)}?_changelist_filters=queue%3Dpending"'
    for name, label in [("approve", "Approve"), ("reject", "Reject"), ("spam", "Mark spam"), ("remove", "Remove"),
                        ("ban", "Ban commenter")]:
        assert f'<input type="submit" name="decide-{name}" value="{label}" {formaction}' in page


def test_an_approved_comment_offers_no_approve_button(client, moderator):
    client.force_login(moderator)

    page = client.get(change_url(CommentFactory(status="approved"))).content.decode()

    assert 'name="decide-approve"' not in page and 'name="decide-remove"' in page


@pytest.mark.parametrize(
    ("decision", "status", "action"),
    [("approve", "approved", "approve"), ("reject", "rejected", "reject"), ("spam", "spam", "spam"),
     ("remove", "removed", "remove"), ("ban", "rejected", "ban")],
)
def test_a_decision_from_the_comments_page_goes_through_the_service_and_back_to_the_queue(
    client, moderator, decision, status, action,
):
    comment = CommentFactory(status="pending", author_email="who@example.com")
    client.force_login(moderator)

    response = client.post(decide_url(comment) + "?_changelist_filters=queue%3Dreported",
                           {f"decide-{decision}": "", "reason": "Read it twice."})

    assert response.status_code == 302 and response["Location"] == CHANGELIST + "?queue=reported"
    comment.refresh_from_db()
    assert comment.status == status
    assert ModerationAction.objects.filter(comment=comment, by=moderator, action=action, reason="Read it twice.").exists()
    assert f"Comment #{comment.pk} " in " ".join(str(m) for m in client.get(response["Location"]).context["messages"])


def test_deciding_needs_a_moderator_and_a_post(client, moderator, writer):
    comment = CommentFactory(status="pending")
    client.force_login(moderator)
    assert client.get(decide_url(comment)).status_code == 405

    client.force_login(writer)
    assert client.post(decide_url(comment), {"decide-approve": ""}).status_code == 403
    comment.refresh_from_db()
    assert comment.status == "pending" and not ModerationAction.objects.exists()


def test_a_refused_decision_comes_back_to_the_comments_page_with_the_reason(client, moderator):
    from comments import services

    comment = CommentFactory(author_email="gone@example.com")
    services.commenter_erase(email="gone@example.com", by=moderator)
    client.force_login(moderator)

    response = client.post(decide_url(comment), {"decide-ban": ""}, follow=True)

    assert response.redirect_chain[-1][0] == change_url(comment)
    assert "nothing left to ban" in response.content.decode()


def test_reasons_read_as_a_list_on_the_page_and_one_to_a_line_in_the_queue(client, moderator):
    comment = CommentFactory(status="pending", reasons=[
        "first_time_commenter: First comment from this e-mail address.", "too_many_links: 2 links.",
    ])
    client.force_login(moderator)

    for page in (client.get(change_url(comment)), client.get(CHANGELIST)):
        html = page.content.decode()
        assert ('<ul class="comment-reasons"><li>First-time commenter: First comment from this e-mail address.</li>'
                "<li>Too many links: 2 links.</li></ul>") in html
        assert "first_time_commenter" not in html and "[&quot;" not in html


def test_the_queue_searches_text_names_addresses_and_headlines(client, moderator):
    harbour = ArticleFactory(headline="Harbour budget approved")
    by_text = CommentFactory(article=ArticleFactory(), body="The lighthouse keeper agrees.", status="pending")
    by_name = CommentFactory(author_name="Lighthouse Fan", status="pending")
    by_headline = CommentFactory(article=harbour, body="Nothing about it.", status="pending")
    CommentFactory(body="Unrelated words.", status="pending")
    client.force_login(moderator)

    found = client.get(CHANGELIST, {"queue": "pending", "q": "lighthouse"}).content.decode()
    by_article = client.get(CHANGELIST, {"queue": "all", "q": "harbour"}).content.decode()

    assert f"/{by_text.pk}/change/" in found and f"/{by_name.pk}/change/" in found
    assert "Unrelated words." not in found and f"/{by_headline.pk}/change/" not in found
    assert f"/{by_headline.pk}/change/" in by_article and f"/{by_text.pk}/change/" not in by_article
