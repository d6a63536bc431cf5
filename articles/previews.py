"""Shareable preview links: a signed, expiring token that opens one unpublished article and nothing else."""

from datetime import datetime, timedelta

from django.core import signing
from django.urls import reverse
from django.utils import timezone

SALT = "articles.preview"
DEFAULT_LIFETIME = timedelta(hours=48)


def preview_token(*, article_id: int, expires_at: datetime) -> str:
    return signing.dumps({"article": article_id, "expires": int(expires_at.timestamp())}, salt=SALT, compress=True)


def preview_url(*, article_id: int, lifetime: timedelta = DEFAULT_LIFETIME, now: datetime | None = None) -> tuple[str, datetime]:
    """Return a share link for one article and the moment it stops working."""
    expires_at = (now or timezone.now()) + lifetime
    return reverse("articles:shared_preview", kwargs={"token": preview_token(article_id=article_id, expires_at=expires_at)}), expires_at


def article_id_from_token(token: str, *, now: datetime | None = None) -> int | None:
    """Return the article a token opens, or None when it is forged or has expired."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or (now or timezone.now()).timestamp() >= payload.get("expires", 0):
        return None
    return payload.get("article")
