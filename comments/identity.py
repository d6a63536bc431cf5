"""One-way, salted fingerprints of who a commenter is: enough to limit and ban, never the address itself."""

from django.conf import settings
from django.utils.crypto import salted_hmac


def address_hash(ip: str) -> str:
    return salted_hmac("comments.address", ip, algorithm="sha256").hexdigest() if ip else ""


def email_hash(email: str) -> str:
    normalised = (email or "").strip().lower()
    return salted_hmac("comments.email", normalised, algorithm="sha256").hexdigest() if normalised else ""


def client_ip(meta: dict) -> str:
    """The reader's address: the connection's, or with N trusted proxies in front, the one the first of them saw.

    Entries left of those the proxies appended are written by the client and cannot be trusted.
    """
    proxies = settings.NEWSROOM_TRUSTED_PROXIES
    if proxies and meta.get("HTTP_X_FORWARDED_FOR"):
        hops = [hop.strip() for hop in meta["HTTP_X_FORWARDED_FOR"].split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return meta.get("REMOTE_ADDR", "")
