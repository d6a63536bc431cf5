import threading

import akismet
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection

from comments import services, spamfilter
from comments.checks import Submission, run_checks
from comments.identity import client_ip, email_hash
from comments.models import BannedCommenter, Comment, CommentFlag, ModerationAction, WordRule
from comments.moderation import Decision, resolve_policy, status_for, strictest
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory

pytestmark = pytest.mark.django_db


def submit(article, **kwargs):
    fields = {"name": "Ana", "email": "ana@example.com", "body": "A fair point about the budget.", "ip": "192.0.2.1"}
    return services.comment_submit(article=article, **(fields | kwargs))


def test_strictest_verdict_wins():
    assert strictest([]) is Decision.APPROVE
    assert strictest([_v(Decision.HOLD), _v(Decision.SPAM), _v(Decision.APPROVE)]) is Decision.SPAM
    assert strictest([_v(Decision.SPAM), _v(Decision.REJECT)]) is Decision.REJECT


def _v(decision):
    from comments.moderation import Verdict

    return Verdict(decision, "why")


@pytest.mark.parametrize(
    ("decision", "premoderated", "status"),
    [(Decision.APPROVE, False, "approved"), (Decision.APPROVE, True, "pending"), (Decision.HOLD, False, "pending"),
     (Decision.SPAM, True, "spam"), (Decision.REJECT, False, "rejected")],
)
def test_status_for_each_decision(decision, premoderated, status):
    assert status_for(decision, premoderated=premoderated) == status


def test_policy_levels_override_the_one_above():
    from datetime import datetime, timezone

    published = datetime(2026, 1, 1, tzinfo=timezone.utc)
    policy = resolve_policy(site_mode="open", site_days=None, section=("premoderated", 14), article=("", None),
                            published_at=published)

    assert (policy.mode, policy.close_after_days) == ("premoderated", 14)
    assert policy.closes_at == datetime(2026, 1, 15, tzinfo=timezone.utc)
    never = resolve_policy(site_mode="open", site_days=30, section=None, article=("", 0), published_at=published)
    assert never.closes_at is None


@pytest.mark.parametrize(
    ("setup", "body", "decision", "reason"),
    [
        (lambda: BannedCommenter.objects.create(email_hash=email_hash("Ana@Example.com")), "Hello", Decision.REJECT,
         "banned"),
        (lambda: WordRule.objects.create(word="casino", kind="banned"), "Best Casino bonus", Decision.SPAM, "casino"),
        (lambda: WordRule.objects.create(word="idiot", kind="suspect"), "What an idiot.", Decision.HOLD, "idiot"),
        (lambda: None, "See http://a.example and www.b.example", Decision.HOLD, "2 links"),
        (lambda: None, "A first comment", Decision.HOLD, "First comment"),
    ],
    ids=["banned-commenter", "banned-word", "suspect-word", "links", "first-time"],
)
def test_each_check_gives_its_verdict_and_reason(setup, body, decision, reason):
    setup()

    verdicts = run_checks(Submission(article_id=1, body=body, author_name="Ana", author_email="ana@example.com",
                                     address_hash=""))

    matching = [verdict for verdict in verdicts if verdict.decision == decision]
    assert matching and reason in " ".join(verdict.reason for verdict in matching)
    assert strictest(verdicts) == decision


def test_banned_address_is_refused_whatever_the_email():
    article = ArticleFactory()
    BannedCommenter.objects.create(address_hash=services.address_hash("192.0.2.1"))

    comment = submit(article, email="fresh@example.com")

    assert comment.status == "rejected"


def test_word_rules_match_whole_words_only():
    WordRule.objects.create(word="ass", kind="banned")
    verdicts = run_checks(Submission(article_id=1, body="The class passed the assessment.", author_name="A",
                                     author_email="a@example.com", address_hash=""))

    assert Decision.SPAM not in [verdict.decision for verdict in verdicts]


class SaysSpam(akismet.TestSyncClient):
    """The akismet package's own offline client, answering "spam" as the service would."""

    comment_check_response = akismet.CheckResponse.SPAM


def test_akismet_is_off_without_a_key_and_consulted_with_one(settings):
    settings.AKISMET_CLIENT = f"{__name__}.SaysSpam"
    submission = Submission(article_id=1, body="Hello there", author_name="A", author_email="a@example.com",
                            address_hash="", ip="192.0.2.1")
    assert "akismet" not in [verdict.check for verdict in run_checks(submission)]

    settings.AKISMET_API_KEY, settings.AKISMET_SITE_URL = "test-key", "https://news.example"
    verdicts = run_checks(submission)

    assert [(v.decision, v.reason) for v in verdicts if v.check == "akismet"] == [(Decision.SPAM, "Akismet says spam.")]


def test_moderator_decisions_are_recorded(moderator):
    comment = CommentFactory(status="pending")
    for service, status in [(services.comment_approve, "approved"), (services.comment_reject, "rejected"),
                            (services.comment_mark_spam, "spam"), (services.comment_remove, "removed")]:
        service(comment=comment, by=moderator, reason="checked")
        comment.refresh_from_db()
        assert comment.status == status
    actions = list(ModerationAction.objects.filter(by=moderator).order_by("at", "pk").values_list("action", "to_status"))
    assert actions == [("approve", "approved"), ("reject", "rejected"), ("spam", "spam"), ("remove", "removed")]


def test_only_moderators_decide(writer):
    comment = CommentFactory(status="pending")

    with pytest.raises(PermissionDenied):
        services.comment_approve(comment=comment, by=writer)
    assert not ModerationAction.objects.exists()


def test_approving_and_marking_spam_train_the_filter(moderator):
    spammy = CommentFactory(status="pending", body="Subscribe to my channel for free gift cards now")
    fine = CommentFactory(status="pending", body="The council should publish the full budget figures")

    for _ in range(3):
        services.comment_mark_spam(comment=spammy, by=moderator)
        services.comment_approve(comment=fine, by=moderator)
        services.comment_approve(comment=spammy, by=moderator)
        services.comment_mark_spam(comment=spammy, by=moderator)

    learned = spamfilter.load_filter()
    assert learned.spam_probability("subscribe to my channel for gift cards") > learned.spam_probability(
        "the council budget figures"
    )


def test_ban_rejects_the_comment_and_whats_still_waiting(moderator):
    comment = CommentFactory(status="approved", author_email="troll@example.com", address_hash="abc")
    waiting = CommentFactory(status="pending", author_email="troll@example.com")

    services.comment_ban_commenter(comment=comment, by=moderator, reason="Abuse")

    assert BannedCommenter.objects.filter(email_hash=email_hash("troll@example.com"), address_hash="abc").exists()
    assert "troll@example.com" not in str(list(BannedCommenter.objects.values()))
    assert set(Comment.objects.values_list("status", flat=True)) == {"rejected"}
    assert waiting.actions.filter(action="reject").exists()
    assert comment.actions.filter(action="ban", reason="Abuse").exists()


def test_reports_hide_a_comment_after_three_readers(moderator, settings):
    comment = CommentFactory(status="approved")
    for n in range(2):
        services.comment_flag(comment=comment, reason="abuse", ip=f"192.0.2.{n}")
    services.comment_flag(comment=comment, reason="abuse", ip="192.0.2.0")  # the same reader twice counts once
    comment.refresh_from_db()
    assert comment.status == "approved"

    services.comment_flag(comment=comment, reason="spam", ip="192.0.2.9")

    comment.refresh_from_db()
    assert comment.status == "pending"
    assert comment.actions.filter(action="hide").exists()
    assert Comment.objects.reported().filter(pk=comment.pk).exists()
    services.comment_approve(comment=comment, by=moderator)
    assert not CommentFlag.objects.filter(resolved=False).exists()


def test_report_page_works_without_javascript(client, article):
    comment = CommentFactory(article=article)

    assert client.get(f"/comments/{comment.pk}/report/").status_code == 200
    response = client.post(f"/comments/{comment.pk}/report/", {"reason": "off_topic", "note": "Not about this"})

    assert response.status_code == 302
    assert CommentFlag.objects.get().reason == "off_topic"
    assert client.post(f"/comments/{comment.pk}/report/", {"reason": "nonsense"}).status_code == 400


def test_moderators_hear_of_held_comments_and_authors_of_approved_ones(
    moderator, django_user_model, django_capture_on_commit_callbacks,
):
    journalist = django_user_model.objects.create_user("jo", email="jo@example.com")
    article = ArticleFactory(authors=[AuthorFactory(user=journalist)])

    with django_capture_on_commit_callbacks(execute=True):
        held = submit(article)
    assert held.status == "pending"
    assert [message.to for message in mail.outbox] == [["moddy@example.com"]]
    assert held.body in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment=held, by=moderator)
    assert mail.outbox[-1].to == ["jo@example.com"] and "New comment" in mail.outbox[-1].subject


def test_reply_notification_only_for_those_who_asked(moderator, settings, django_capture_on_commit_callbacks):
    settings.COMMENTS_RATE_LIMITS = []
    article = ArticleFactory()
    asked = CommentFactory(article=article, author_email="asked@example.com", notify_replies=True)
    silent = CommentFactory(article=article, author_email="silent@example.com")
    CommentFactory(article=article, author_email="replier@example.com", author_name="Ana")  # known: published at once

    with django_capture_on_commit_callbacks(execute=True):
        submit(article, email="replier@example.com", parent=asked, body="I agree with you.")
    with django_capture_on_commit_callbacks(execute=True):
        submit(article, email="replier@example.com", parent=silent, body="I disagree with you.", ip="192.0.2.77")

    recipients = [message.to for message in mail.outbox]
    assert ["asked@example.com"] in recipients and ["silent@example.com"] not in recipients


def test_digest_queues_one_mail_for_the_end_of_the_interval(settings, moderator, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from comments.tasks import send_moderation_digest

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.COMMENTS_MODERATOR_NOTIFICATIONS = "digest"
    settings.COMMENTS_RATE_LIMITS = []
    article = ArticleFactory()

    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            submit(article, email=f"new{n}@example.com", ip=f"192.0.2.{n}", body=f"First words {n}")

    queued = DBTaskResult.objects.get()
    assert queued.task_path == "comments.tasks.send_moderation_digest"
    assert abs(queued.run_after - (timezone.now() + timedelta(minutes=60))) < timedelta(minutes=1)
    assert mail.outbox == []
    assert send_moderation_digest.call() == 1
    assert "3 comments wait for moderation" == mail.outbox[0].subject
    assert all(f"First words {n}" in mail.outbox[0].body for n in range(3))


def test_mail_that_cannot_be_sent_keeps_the_comment(settings, moderator, django_capture_on_commit_callbacks):
    from django.tasks import TaskResultStatus
    from django.tasks.signals import task_finished

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 1}}}
    finished = []

    def record(sender, task_result, **kwargs):
        finished.append(task_result)

    task_finished.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            comment = submit(ArticleFactory())
    finally:
        task_finished.disconnect(record)

    assert [result.status for result in finished] == [TaskResultStatus.FAILED]  # no SMTP server listens there
    assert Comment.objects.filter(pk=comment.pk, status="pending").exists()


def test_a_queue_that_refuses_the_notice_keeps_the_comment(monkeypatch, moderator, django_capture_on_commit_callbacks):
    from comments import tasks

    class DownQueue:
        name = "down"

        def enqueue(self, *args, **kwargs):
            raise ConnectionError("task queue is down")

    monkeypatch.setattr(tasks, "notify_moderator", DownQueue())
    monkeypatch.setattr(tasks, "notify_article_authors", DownQueue())

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        comment = submit(ArticleFactory())

    assert callbacks, "the notice was queued after the commit"
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_export_and_erase_a_commenters_data(moderator, article):
    CommentFactory(article=article, author_email="gone@example.com", body="My words", notify_replies=True)
    reply = CommentFactory(article=article, body="A reply to them")
    BannedCommenter.objects.create(email_hash=email_hash("gone@example.com"), reason="Spam")

    exported = services.commenter_export(email="GONE@example.com")
    assert [item["body"] for item in exported["comments"]] == ["My words"] and len(exported["bans"]) == 1

    assert services.commenter_erase(email="gone@example.com", by=moderator) == 1

    assert not Comment.objects.filter(author_email="gone@example.com").exists()
    assert Comment.objects.filter(body="[removed]", author_name="[removed]").count() == 1
    assert BannedCommenter.objects.count() == 1  # the ban holds only a hash and outlives the erasure
    assert submit(article, email="gone@example.com", ip="192.0.2.200").status == "rejected"
    assert ModerationAction.objects.filter(action="erase", by=moderator).exists()
    assert "gone@example.com" not in str(list(ModerationAction.objects.values()))
    reply.refresh_from_db()
    assert reply.body == "A reply to them"


def test_commenter_data_command(article, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    CommentFactory(article=article, author_email="cli@example.com", body="From the shell")
    call_command("commenter_data", "export", "cli@example.com")
    assert "From the shell" in capsys.readouterr().out

    with pytest.raises(CommandError, match="--yes"):
        call_command("commenter_data", "erase", "cli@example.com")
    call_command("commenter_data", "erase", "cli@example.com", "--yes")
    assert Comment.objects.get().body == "[removed]"


@pytest.mark.django_db(transaction=True)
def test_two_comments_at_the_same_moment_are_both_stored():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race is checked on PostgreSQL in CI")
    article = ArticleFactory()
    CommentFactory(article=article, author_email="a@example.com")
    CommentFactory(article=article, author_email="b@example.com")
    barrier, errors = threading.Barrier(2), []

    def post(email, ip):
        try:
            barrier.wait()
            submit(article, email=email, ip=ip, body=f"Simultaneous words from {email}")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(f"{who}@example.com", f"192.0.2.{n}")) for n, who in enumerate("ab")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Comment.objects.filter(body__startswith="Simultaneous").count() == 2


def test_demo_comments_load_twice_to_the_same_thread(demo):
    from django.core.management import call_command

    for _ in range(2):
        call_command("load_demo_comments", stdout=__import__("io").StringIO())

    assert Comment.objects.count() == 5
    assert Comment.objects.filter(status="approved", depth=2).count() == 1


def test_banning_an_erased_commenter_is_refused_with_a_message(moderator, article):
    comment = CommentFactory(article=article, author_email="gone@example.com")
    services.commenter_erase(email="gone@example.com", by=moderator)
    comment.refresh_from_db()

    with pytest.raises(services.CommentRefused, match="nothing left to ban"):
        services.comment_ban_commenter(comment=comment, by=moderator)


def test_a_comment_back_after_reports_does_not_notify_twice(moderator, django_user_model,
                                                             django_capture_on_commit_callbacks):
    journalist = django_user_model.objects.create_user("jo", email="jo@example.com")
    article = ArticleFactory(authors=[AuthorFactory(user=journalist)])
    comment = CommentFactory(article=article, status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment=comment, by=moderator)
    for n in range(3):
        services.comment_flag(comment=comment, reason="abuse", ip=f"192.0.2.{n}")

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment=comment, by=moderator)

    assert [message.to for message in mail.outbox].count(["jo@example.com"]) == 1


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [(0, "198.51.100.1", "10.0.0.2"), (1, "198.51.100.1", "198.51.100.1"),
     (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"), (2, "6.6.6.6, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
     (2, "198.51.100.1", "10.0.0.2")],
    ids=["no-proxy", "one-proxy", "forged-left-entry-ignored", "two-proxies", "too-few-hops"],
)
def test_client_address_trusts_only_the_configured_proxies(settings, proxies, forwarded, address):
    settings.NEWSROOM_TRUSTED_PROXIES = proxies

    assert client_ip({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": forwarded}) == address


def test_the_thanks_for_a_report_shows_in_the_comments_section(client, article):
    comment = CommentFactory(article=article)

    response = client.post(f"/comments/{comment.pk}/report/", {"reason": "off_topic"}, follow=True)

    top, section = response.content.decode().split('id="comments"', 1)
    assert "Thank you for your report" in section and "Thank you for your report" not in top
