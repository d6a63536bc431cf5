import html
import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from articles.models import Article
from comments.forms import form_token
from comments.models import Comment, CommentPolicy, ModerationAction
from tests.factories import CommentFactory

from .conftest import comment_data

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_first_time_commenter_waits_for_moderation_with_a_message(client, post, article):
    response = post()

    assert response.status_code == 302 and response["Location"].endswith("#comments")
    comment = Comment.objects.get(author_email="ana@example.com")
    assert comment.status == "pending"
    assert "first_time_commenter: First comment from this e-mail address." in comment.reasons
    page = client.get(article.get_absolute_url())
    assert "awaits moderation" in " ".join(messages_of(page))
    assert comment.body not in page.content.decode()


def test_known_commenter_is_published_at_once(client, post, article, known_reader):
    response = post(email=known_reader)

    comment = Comment.objects.get(body__startswith="I went to the meeting")
    assert comment.status == "approved"
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    page = client.get(article.get_absolute_url())
    assert "your comment is published" in " ".join(messages_of(page))
    assert "I went to the meeting" in page.content.decode()


def test_a_known_address_under_another_name_waits_for_moderation(post, known_reader):
    """Nobody verifies an e-mail address: typing a regular's address under another name is not enough."""
    response = post(email=known_reader, name="Someone Else")

    assert response["Location"].endswith("#comments")
    comment = Comment.objects.get(body__startswith="I went to the meeting")
    assert comment.status == "pending"
    assert "first_time_commenter: First comment under this name from this e-mail address." in comment.reasons


def test_a_known_commenter_is_known_whatever_the_case_of_name_and_address(post, known_reader):
    post(email=known_reader.upper(), name="ana READER")

    assert Comment.objects.get(body__startswith="I went to the meeting").status == "approved"


def test_every_decision_is_recorded_with_its_reasons(post, known_reader):
    post(email=known_reader)

    action = ModerationAction.objects.get()
    assert action.action == "auto" and action.to_status == "approved" and action.by is None


def test_raw_address_is_never_stored(post, known_reader):
    post(email=known_reader)

    comment = Comment.objects.get(body__startswith="I went")
    assert len(comment.address_hash) == 64 and "203.0.113.7" not in str(comment.__dict__)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"token": form_token(0, now=time.time() - 30)}, "belongs to another article"),
        ({"token": "forged"}, "damaged on the way"),
        ({"website": "http://spam.example"}, "must stay empty"),
        ({"name": ""}, "This field is required"),
        ({"email": "not-an-address"}, "valid email address"),
        ({"body": ""}, "This field is required"),
        ({"body": "x" * 3001}, "at most 3000 characters"),
    ],
    ids=["other-article", "forged", "honeypot", "no-name", "bad-email", "no-body", "too-long"],
)
def test_refusals_explain_and_keep_the_readers_text(post, overrides, message):
    text = overrides.get("body", "My carefully written comment about the budget.")
    response = post(**({"body": text} | overrides))

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    if text:
        assert text[:40] in page
    assert not Comment.objects.exists()


def test_form_sent_within_three_seconds_is_refused_and_kept(post):
    response = post(token=form_token(_article_pk(), now=time.time()), body="Quick but sincere words.")

    assert response.status_code == 400
    assert "very quick" in response.content.decode() and "Quick but sincere words." in response.content.decode()


def test_form_older_than_two_hours_is_refused_refreshed_and_kept(post, article):
    response = post(token=form_token(article.pk, now=time.time() - 2 * 3600 - 5), body="Written over lunch.")

    page = response.content.decode()
    assert response.status_code == 400
    assert "more than two hours" in page and "Written over lunch." in page
    fresh = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    assert fresh != comment_data(article)["token"]


def _article_pk():
    return Article.objects.get().pk


def test_rate_limit_answers_429_and_keeps_the_text(post, known_reader):
    assert post(email=known_reader, body="First thought.").status_code == 302

    response = post(email=known_reader, body="Second thought, right after.")

    assert response.status_code == 429
    assert "faster than we allow" in response.content.decode()
    assert "Second thought, right after." in response.content.decode()


def test_rate_limit_counts_per_address_too(post, known_reader):
    post(email=known_reader, body="From one address.")

    response = post(email="someone-else@example.com", body="Same address, other e-mail.")

    assert response.status_code == 429


def test_ten_an_hour_per_email(settings, client, article, known_reader):
    settings.COMMENTS_RATE_LIMITS = [(10, 3600)]
    for n in range(10):
        client.post(f"/comments/post/{article.pk}/", comment_data(article, email=known_reader, body=f"Note {n}"),
                    REMOTE_ADDR=f"198.51.100.{n}")

    response = client.post(f"/comments/post/{article.pk}/", comment_data(article, email=known_reader, body="Eleventh"),
                           REMOTE_ADDR="198.51.100.99")

    assert response.status_code == 429
    assert Comment.objects.filter(author_email=known_reader).count() == 11  # ten new plus the earlier one


def test_duplicate_comment_is_refused(settings, post, known_reader):
    settings.COMMENTS_RATE_LIMITS = []
    post(email=known_reader)

    response = post(email=known_reader)

    assert response.status_code == 409
    assert "already posted this comment" in response.content.decode()


@pytest.mark.parametrize("scope", ["article", "section", "site"])
def test_closed_comments_refuse_and_say_so(settings, client, post, article, scope):
    if scope == "site":
        settings.COMMENTS_MODE = "closed"
    else:
        CommentPolicy.objects.create(**{scope: article if scope == "article" else article.section}, mode="closed")

    response = post()

    assert response.status_code == 403
    assert "Comments are closed" in response.content.decode()
    assert "Comments are closed." in client.get(article.get_absolute_url()).content.decode()


def test_article_policy_overrides_section_and_site(settings, post, article, known_reader):
    settings.COMMENTS_MODE = "closed"
    CommentPolicy.objects.create(section=article.section, mode="premoderated")
    CommentPolicy.objects.create(article=article, mode="open")

    assert post(email=known_reader).status_code == 302
    assert Comment.objects.get(body__startswith="I went").status == "approved"


def test_premoderated_holds_everyone(post, article, known_reader):
    CommentPolicy.objects.create(section=article.section, mode="premoderated")

    post(email=known_reader)

    comment = Comment.objects.get(body__startswith="I went")
    assert comment.status == "pending" and "policy: This article is pre-moderated." in comment.reasons


def test_comments_close_n_days_after_publication(settings, post, article):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 14
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(days=15))

    assert post().status_code == 403


def test_closing_is_off_by_default(post, article):
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(days=400))

    assert post().status_code == 302


def test_unpublished_article_takes_no_comments(post, article):
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)

    assert post().status_code == 404


def test_reply_threads_under_its_parent_and_depth_is_limited(client, post, article, known_reader, settings):
    settings.COMMENTS_RATE_LIMITS = []
    top = CommentFactory(article=article, body="Top level.")
    reply = CommentFactory(article=article, parent=top, body="A reply.")
    deep = CommentFactory(article=article, parent=reply, body="Deepest allowed.")

    assert post(email=known_reader, parent=reply.pk, body="Another second-level reply.").status_code == 302
    new = Comment.objects.get(body="Another second-level reply.")
    assert (new.parent, new.root, new.depth) == (reply, top, 2)

    response = post(email=known_reader, parent=deep.pk, body="Too deep.")
    assert response.status_code == 400 and "3 levels deep" in response.content.decode()

    page = client.get(article.get_absolute_url()).content.decode()
    assert page.index("Top level.") < page.index("A reply.") < page.index("Deepest allowed.")
    assert f"?reply_to={top.pk}#comment-form" in page
    assert f"?reply_to={deep.pk}#comment-form" not in page


def test_reply_link_works_without_javascript(client, article):
    top = CommentFactory(article=article, author_name="Maria")

    page = client.get(article.get_absolute_url(), {"reply_to": top.pk}).content.decode()

    assert "Reply to Maria" in page
    assert f'name="parent" value="{top.pk}"' in page


def test_thread_shows_approved_only_oldest_first_with_count(client, article):
    older = CommentFactory(article=article, body="Older words.", created_at=timezone.now() - timedelta(hours=2))
    CommentFactory(article=article, body="Newer words.")
    CommentFactory(article=article, body="Pending words.", status="pending")
    CommentFactory(article=article, body="Spam words.", status="spam")
    CommentFactory(article=article, parent=older, body="Reply to pending?", status="pending")

    page = client.get(article.get_absolute_url()).content.decode()

    assert "3 comments" not in page and "2 comments" in page
    assert page.index("Older words.") < page.index("Newer words.")
    for hidden in ("Pending words.", "Spam words.", "Reply to pending?"):
        assert hidden not in page


def test_threads_paginate_fifty_to_a_page(client, article):
    CommentFactory.create_batch(51, article=article)

    first = client.get(article.get_absolute_url()).content.decode()
    later = re.search(r'href="(\?comments_after=[^"#]+)#comments" rel="next">Later comments', first).group(1)
    second = client.get(article.get_absolute_url() + html.unescape(later)).content.decode()

    assert first.count('class="comment"') == 50
    assert second.count('class="comment"') == 1 and "Earlier comments" in second and "Later comments" not in second


def test_counts_show_on_cards(client, article):
    CommentFactory.create_batch(3, article=article)
    CommentFactory(article=article, status="pending")

    page = client.get("/").content.decode()

    assert "3 comments" in page


@pytest.mark.parametrize("count", [3, 300])
def test_article_page_queries_do_not_grow_with_comments(client, article, django_assert_num_queries, count):
    roots = CommentFactory.create_batch(count // 3, article=article)
    for root in roots:
        reply = CommentFactory(article=article, parent=root)
        CommentFactory(article=article, parent=reply)

    client.get(article.get_absolute_url())  # the first reader keeps the copy of the body (articles.blocks.snapshot)
    # The article's six (see tests/articles/test_pages.py) but the bylines of related stories (it has none here),
    # and two for comments: the policy, and a page of threads with their replies; the count is the article's own.
    with django_assert_num_queries(7):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200


def test_urls_become_safe_links(client, article):
    CommentFactory(article=article, body="See https://example.org/report for the figures.")

    page = client.get(article.get_absolute_url()).content.decode()

    assert '<a href="https://example.org/report" rel="nofollow ugc noopener">https://example.org/report</a>' in page


def test_email_is_never_shown(client, article):
    CommentFactory(article=article, author_email="private@example.com")

    assert "private@example.com" not in client.get(article.get_absolute_url()).content.decode()


def test_privacy_notice_sits_with_the_form(client, article, settings):
    settings.COMMENTS_PRIVACY_NOTICE = "We filter spam here."
    page = client.get(article.get_absolute_url()).content.decode()

    form_part = page.split('id="comment-form"', 1)[1]
    assert "We filter spam here." in form_part
    assert 'href="/comments/privacy/"' in form_part
    assert client.get("/comments/privacy/").status_code == 200


def test_discussion_prompts_come_before_the_form(client, article):
    from tests.factories import DiscussionPromptFactory

    DiscussionPromptFactory(article=article, text="Would you ride the new ferry?")

    page = client.get(article.get_absolute_url()).content.decode()

    assert page.index("Would you ride the new ferry?") < page.index('id="comment-form"')


def test_failing_notification_never_loses_the_comment(settings, post, article, known_reader):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": []}}

    response = post(email=known_reader)

    assert response.status_code == 302
    assert Comment.objects.filter(body__startswith="I went").exists()
    assert mail.outbox == []


def test_stale_security_token_keeps_the_readers_text(article):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/comments/post/{article.pk}/", comment_data(article, body="Typed before lunch, sent after."))

    assert response.status_code == 403
    page = response.content.decode()
    assert "Typed before lunch, sent after." in page and "please send it again" in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert not Comment.objects.exists()


def test_other_forms_get_djangos_csrf_page(client):
    from django.test import Client

    assert Client(enforce_csrf_checks=True).post("/admin/login/", {}).status_code == 403


def test_long_email_gets_a_message_not_an_error(post):
    address = "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".example"
    assert len(address) > 254

    response = post(email=address, body="Kept despite the odd address.")

    assert response.status_code == 400 and "Kept despite the odd address." in response.content.decode()


def test_comments_closing_while_the_reader_writes_keeps_their_text(post, article):
    CommentPolicy.objects.create(article=article, mode="closed")

    response = post(body="Written while it was still open.")

    page = response.content.decode()
    assert response.status_code == 403
    assert "Comments are closed on this article." in page and "Written while it was still open." in page


def test_reply_to_a_comment_removed_meanwhile_comes_back_as_a_new_comment(post, article, known_reader):
    gone = CommentFactory(article=article, status="removed")

    response = post(email=known_reader, parent=gone.pk, body="My reply, still here.")

    page = response.content.decode()
    assert response.status_code == 400 and "no longer shown" in page and "My reply, still here." in page
    assert 'name="parent" value=""' in page or 'name="parent" id' in page
    assert f'name="parent" value="{gone.pk}"' not in page


def test_reply_to_a_comment_that_never_existed_is_not_silently_made_top_level(post, known_reader):
    response = post(email=known_reader, parent=999999, body="Replying to a ghost.")

    assert response.status_code == 400 and "no longer shown" in response.content.decode()
    assert not Comment.objects.filter(body="Replying to a ghost.").exists()


def test_article_taken_down_while_the_reader_writes_gives_the_text_back(post, article):
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)

    response = post(body="Words I want to keep.")

    assert response.status_code == 404
    assert "Words I want to keep." in response.content.decode()


def test_replies_under_a_hidden_comment_are_neither_shown_nor_counted(client, article):
    hidden = CommentFactory(article=article, status="pending", body="Hidden parent.")
    CommentFactory(article=article, parent=hidden, body="Orphaned reply.")
    CommentFactory(article=article, body="Visible words.")

    page = client.get(article.get_absolute_url()).content.decode()

    assert "1 comment<" in page and "Orphaned reply." not in page


def test_erased_comments_offer_no_reply_or_report(client, post, article, known_reader, moderator):
    from comments import services

    erased = CommentFactory(article=article, author_email="gone@example.com", body="Words to erase.")
    kept = CommentFactory(article=article)
    services.commenter_erase(email="gone@example.com", by=moderator)

    page = client.get(article.get_absolute_url()).content.decode()

    erased_card = page.split(f'id="comment-{erased.pk}"', 1)[1].split("</article>", 1)[0]
    assert "[removed]" in erased_card
    assert "reply_to=" not in erased_card and "/report/" not in erased_card
    assert f"?reply_to={kept.pk}#comment-form" in page and f"/comments/{kept.pk}/report/" in page
    assert client.get(f"/comments/{erased.pk}/report/").status_code == 404
    replying = client.get(article.get_absolute_url(), {"reply_to": erased.pk}).content.decode()
    assert f'name="parent" value="{erased.pk}"' not in replying
    with pytest.raises(services.CommentRefused):
        services.comment_flag(comment=erased, reason="abuse", ip="192.0.2.1")
    response = post(email=known_reader, parent=erased.pk, body="A reply to nobody left.")
    assert response.status_code == 400 and "A reply to nobody left." in response.content.decode()


def _form_part(page: str) -> str:
    return page.split('id="comment-form"', 1)[1]


def test_the_form_sends_the_reader_back_to_itself(client, article):
    page = client.get(article.get_absolute_url()).content.decode()

    assert f'<form method="post" action="/comments/post/{article.pk}/#comment-form" ' in page


def test_a_refusal_is_summed_up_at_the_top_of_the_form_with_links_to_the_fields(post, article):
    response = post(name="", email="not-an-address", body="Kept while I fix my name.")

    form_part = _form_part(response.content.decode())
    assert form_part.index('role="alert"') < form_part.index("<form ")
    summary = form_part.split('role="alert"', 1)[1].split("</div>", 1)[0]
    assert '<a href="#id_name">Name: This field is required.</a>' in summary
    assert '<a href="#id_email">E-mail: Enter a valid email address.</a>' in summary
    assert 'id="id_name"' in form_part and 'id="id_email"' in form_part


def test_a_refusal_about_no_one_field_is_summed_up_once(post, article):
    response = post(token=form_token(article.pk, now=time.time()), body="Quick words.")

    page = response.content.decode()
    summary = _form_part(page).split('role="alert"', 1)[1].split("</div>", 1)[0]
    assert "That was very quick." in summary and "<a " not in summary
    assert page.count("That was very quick.") == 1


def test_comment_messages_show_in_the_comments_section_not_at_the_top(client, post, article):
    post()

    page = client.get(article.get_absolute_url()).content.decode()

    top, section = page.split('id="comments"', 1)
    assert "awaits moderation" not in top and 'class="messages"' not in top
    status = section.split('role="status"', 1)[1].split("</div>", 1)[0]
    assert "awaits moderation" in status
    assert section.index('role="status"') < section.index('id="comment-form"')


def test_other_messages_stay_at_the_top_of_the_page():
    from django.contrib.messages import INFO
    from django.contrib.messages.storage.base import Message
    from django.template.loader import render_to_string

    def render(*messages):
        return render_to_string("includes/_messages.html", {"messages": list(messages)})

    both = render(Message(INFO, "Settings saved."), Message(INFO, "About your comment.", extra_tags="comments"))
    assert "Settings saved." in both and "About your comment." not in both
    assert render(Message(INFO, "About your comment.", extra_tags="comments")).strip() == ""
