"""Shareable preview links: a signed, expiring token that opens one unpublished article and nothing else.

A link stops working when it expires, when someone revokes the article's links (or everyone's), and when the
article is unpublished; once the article is public it leads to the public page.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core import signing
from django.urls import reverse
from django.utils import timezone

SALT = "articles.preview"
DEFAULT_LIFETIME = timedelta(hours=48)


@dataclass(frozen=True)
class PreviewClaim:
    article_id: int
    issued_ms: int


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def preview_token(*, article_id: int, expires_at: datetime, issued_at: datetime | None = None) -> str:
    issued = _ms(issued_at or timezone.now())
    payload = {"article": article_id, "expires": int(expires_at.timestamp()), "issued": issued}
    return signing.dumps(payload, salt=SALT, compress=True)


def preview_url(*, article_id: int, lifetime: timedelta = DEFAULT_LIFETIME, now: datetime | None = None) -> tuple[str, datetime]:
    """Return a share link for one article and the moment it stops working."""
    now = now or timezone.now()
    expires_at = now + lifetime
    token = preview_token(article_id=article_id, expires_at=expires_at, issued_at=now)
    return reverse("articles:shared_preview", kwargs={"token": token}), expires_at


def read_token(token: str, *, now: datetime | None = None) -> PreviewClaim | None:
    """Return what a token claims, or None when it is forged, damaged or expired."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("article"), int):
        return None
    if (now or timezone.now()).timestamp() >= payload.get("expires", 0):
        return None
    # Links made before revocation existed carry no issue time: any revocation ends them.
    return PreviewClaim(article_id=payload["article"], issued_ms=int(payload.get("issued", 0)))


def still_valid(claim: PreviewClaim, *, revoked_at: datetime | None) -> bool:
    """A link opens its article only if it was made after the article's links were last revoked."""
    return revoked_at is None or claim.issued_ms > _ms(revoked_at)

