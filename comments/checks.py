"""The checks every new comment goes through, listed in settings.COMMENTS_CHECKS like auth backends.

Each check takes the submission and returns a Verdict, or None when it has nothing to say.
"""

import re
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db.models import Q
from django.utils.module_loading import import_string

from .identity import email_hash
from .models import BannedCommenter, Comment, WordRule
from .moderation import Decision, Verdict

# How moderators read a check's name in the reasons stored with a comment ("first_time_commenter: …").
LABELS = {
    "banned_commenter": "Banned commenter",
    "banned_words": "Banned words",
    "suspect_words": "Suspect words",
    "too_many_links": "Too many links",
    "first_time_commenter": "First-time commenter",
    "learned_filter": "Learned spam filter",
    "akismet": "Akismet",
    "policy": "Comment policy",
}

LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|info|biz|ru|cn|io|ly|co)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Submission:
    article_id: int
    body: str
    author_name: str
    author_email: str
    address_hash: str
    user_agent: str = ""
    referrer: str = ""
    ip: str = ""


def banned_commenter(submission: Submission) -> Verdict | None:
    """A banned e-mail address or network address is refused outright."""
    match = Q(email_hash=email_hash(submission.author_email))
    if submission.address_hash:
        match |= Q(address_hash=submission.address_hash)
    if BannedCommenter.objects.filter(match).exists():
        return Verdict(Decision.REJECT, "The commenter is banned.")
    return None


def _word_hits(body: str, kind: str) -> list[str]:
    words = WordRule.objects.filter(kind=kind).values_list("word", flat=True)
    return [word for word in words if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", body, re.IGNORECASE)]


def banned_words(submission: Submission) -> Verdict | None:
    if hits := _word_hits(submission.body, WordRule.Kind.BANNED):
        return Verdict(Decision.SPAM, f"Banned words: {', '.join(hits)}.")
    return None


def suspect_words(submission: Submission) -> Verdict | None:
    if hits := _word_hits(submission.body, WordRule.Kind.SUSPECT):
        return Verdict(Decision.HOLD, f"Suspect words: {', '.join(hits)}.")
    return None


def too_many_links(submission: Submission) -> Verdict | None:
    """Spam carries links; WordPress holds a comment with two or more, and so do we by default."""
    limit = getattr(settings, "COMMENTS_HOLD_LINKS", 2)
    links = len(LINK.findall(submission.body))
    if links >= limit:
        return Verdict(Decision.HOLD, f"{links} links (comments with {limit} or more wait for a moderator).")
    return None


def first_time_commenter(submission: Submission) -> Verdict | None:
    """Nobody is published unreviewed until a moderator has approved one of their comments.

    Nobody verifies an e-mail address, so as in WordPress a commenter is known only by the name and address of an
    approved comment together: typing a regular's address under another name is held.
    """
    approved = Comment.objects.approved().filter(author_email__iexact=submission.author_email)
    if approved.filter(author_name__iexact=submission.author_name.strip()).exists():
        return None
    if approved.exists():
        return Verdict(Decision.HOLD, "First comment under this name from this e-mail address.")
    return Verdict(Decision.HOLD, "First comment from this e-mail address.")


def learned_filter(submission: Submission) -> Verdict | None:
    from . import spamfilter

    verdict, reason, probability = spamfilter.learned_filter_check(submission.body)
    decision = {"approve": Decision.APPROVE, "hold": Decision.HOLD, "spam": Decision.SPAM}[verdict]
    return Verdict(decision, reason, score=probability)


def akismet(submission: Submission) -> Verdict | None:
    """Ask Akismet only when a key is configured; an outage must not stop readers from commenting."""
    key = getattr(settings, "AKISMET_API_KEY", "")
    if not key:
        return None
    import akismet as akismet_client

    try:
        client_class = import_string(getattr(settings, "AKISMET_CLIENT", "akismet.SyncClient"))
        client = client_class(config=akismet_client.Config(key=key, url=settings.AKISMET_SITE_URL))
        result = client.comment_check(
            user_ip=submission.ip or "127.0.0.1", comment_content=submission.body,
            comment_author=submission.author_name, comment_author_email=submission.author_email,
            user_agent=submission.user_agent, referrer=submission.referrer, comment_type="comment",
        )
    except (akismet_client.AkismetError, OSError) as error:
        return Verdict(Decision.HOLD, f"Akismet could not be reached ({error.__class__.__name__}); held to be safe.")
    if result != akismet_client.CheckResponse.HAM:
        return Verdict(Decision.SPAM, "Akismet says spam.")
    return None


def readable_reason(reason: str) -> str:
    """A stored reason as a moderator reads it: "first_time_commenter: …" becomes "First-time commenter: …"."""
    check, separator, text = reason.partition(": ")
    if not separator or not re.fullmatch(r"\w+", check):
        return reason
    return f"{LABELS.get(check, check.replace('_', ' ').capitalize())}: {text}"


@cache
def _configured(paths: tuple[str, ...]):
    return [(path.rsplit(".", 1)[-1], import_string(path)) for path in paths]


def run_checks(submission: Submission) -> list[Verdict]:
    """Run every configured check and return the verdicts they gave, each labelled with its check."""
    verdicts = []
    for name, check in _configured(tuple(settings.COMMENTS_CHECKS)):
        verdict = check(submission)
        if verdict is not None:
            verdicts.append(Verdict(verdict.decision, verdict.reason, name, verdict.score))
    return verdicts
