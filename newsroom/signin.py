"""Staff sign-in protection: who counts as the same guesser, and what a locked-out person is told."""

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib import admin
from django.db.models import Max
from django.http import HttpRequest
from django.shortcuts import render
from django.utils import timezone

from comments.identity import client_ip


def client_address(request: HttpRequest) -> str:
    """The address failures are counted against: the one our own proxies saw, never one the client wrote."""
    return client_ip(request.META)


def signed_in_here_recently(username: str, address: str) -> bool:
    """Whether this account signed in successfully from this address within the last few weeks."""
    since = timezone.now() - timedelta(days=settings.NEWSROOM_LOGIN_KNOWN_ADDRESS_DAYS)
    return bool(username and address) and AccessLog.objects.filter(
        username=username, ip_address=address, attempt_time__gte=since,
    ).exists()


def lockout_parameters(request, credentials=None) -> list:
    """Count failures per account and per address, except for a person at an address they sign in from.

    One address spraying many accounts is stopped by the address count; many addresses guessing one password by the
    account count. A person signing in from an address they used recently is judged only by their own failures
    there: neither a stranger guessing their password elsewhere nor someone spraying made-up names from the same
    office (a shared NAT or VPN address) keeps them out, while guessing their password from there is still stopped.
    """
    if not isinstance(request, HttpRequest):
        return ["username", "ip_address"]
    username = get_client_username(request, credentials)
    if signed_in_here_recently(username, getattr(request, "axes_ip_address", "")):
        return [["username", "ip_address"]]
    return ["username", "ip_address"]


class LoginAttemptHandler(AxesDatabaseHandler):
    """Axes' database handler, except that signing in clears only that account's failures.

    Otherwise one good password would wipe the address's failures on every other account it was trying.
    """

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete() if username else (0, None)
        return count


def lock_lifts_at(request, credentials):
    """When the failures that caused this lock have all aged out of the cool-off (later, never earlier, than
    the lock actually lifts)."""
    attempts = LoginAttemptHandler().get_user_attempts(request, credentials)
    latest = max(
        (found for found in (qs.aggregate(latest=Max("attempt_time"))["latest"] for qs in attempts) if found),
        default=timezone.now(),
    )
    return latest + get_cool_off(request)


def locked_out(request, original_response=None, credentials=None):
    """A page in the admin's look saying sign-in is paused, until when, and who can lift it (HTTP 429)."""
    until = lock_lifts_at(request, credentials)
    wait = max(0, int((until - timezone.now()).total_seconds()))
    response = render(
        request,
        "admin/locked_out.html",
        admin.site.each_context(request) | {"until": until, "minutes": -(-wait // 60), "title": "Sign-in paused"},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response
