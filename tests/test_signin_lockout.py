"""Staff sign-in: repeated wrong passwords lock an account and an address for a while, cheaply and visibly."""

import io
import re

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.management import call_command

PASSWORD = "pw-for-tests"
HOME = "198.51.100.7"


class CountingHasher(MD5PasswordHasher):
    """Counts every password hash computed, to show a locked sign-in costs the server none."""

    computed = 0

    def encode(self, password, salt):
        type(self).computed += 1
        return super().encode(password, salt)


@pytest.fixture(autouse=True)
def _counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.test_signin_lockout.CountingHasher"]
    settings.AXES_FAILURE_LIMIT = 5
    CountingHasher.computed = 0


def sign_in(client, username, password, address="203.0.113.50", **headers):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address, **headers,
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_an_account_is_locked_after_five_wrong_passwords_from_anywhere(client, editor):
    for attempt in range(5):
        assert sign_in(client, "editor", "guess", address=f"203.0.113.{attempt}").status_code in (200, 429)

    response = sign_in(client, "editor", PASSWORD, address="192.0.2.99")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_do_not_lock(client, editor):
    for attempt in range(4):
        assert sign_in(client, "editor", "guess", address=f"203.0.113.{attempt}").status_code == 200

    assert signed_in(sign_in(client, "editor", PASSWORD, address="192.0.2.99"))


def test_an_address_trying_many_accounts_is_locked_without_locking_those_accounts(client, editor, writer):
    for name in ("alice", "bob", "carol", "dave", "writer"):
        sign_in(client, name, "guess", address="203.0.113.66")

    assert sign_in(client, "editor", PASSWORD, address="203.0.113.66").status_code == 429
    assert signed_in(sign_in(client, "writer", PASSWORD, address="192.0.2.10"))


def test_the_locked_page_says_what_happened_and_when_to_try_again(client, editor, settings):
    settings.AXES_COOLOFF_TIME = __import__("datetime").timedelta(minutes=15)
    for _ in range(5):
        sign_in(client, "editor", "guess")

    response = sign_in(client, "editor", PASSWORD)

    page = response.content.decode()
    assert response.status_code == 429
    assert int(response["Retry-After"]) in range(14 * 60, 15 * 60 + 1)
    assert "Too many failed sign-in attempts" in page
    assert re.search(r"try again after \d{2}:\d{2}", page), page
    assert "an administrator can lift" in page.lower()
    assert 'id="site-name"' in page  # the admin's own header: it looks like the page the person came from
    assert "Content-Security-Policy" in response.headers


def test_the_lock_lifts_by_itself_after_the_cool_off(client, editor, settings):
    from axes.models import AccessAttempt
    from django.utils import timezone

    for _ in range(5):
        sign_in(client, "editor", "guess")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME)

    assert signed_in(sign_in(client, "editor", PASSWORD))


def test_a_locked_sign_in_computes_no_password_hash(client, editor):
    sign_in(client, "editor", "guess")
    assert CountingHasher.computed >= 1  # the counter sees an ordinary wrong password
    for _ in range(4):
        sign_in(client, "editor", "guess")
    CountingHasher.computed = 0

    for password in ("guess", PASSWORD, "another"):
        assert sign_in(client, "editor", password).status_code == 429

    assert CountingHasher.computed == 0


def test_an_unknown_account_is_locked_as_cheaply(client, db):
    for _ in range(5):
        sign_in(client, "nobody", "guess")
    CountingHasher.computed = 0

    assert sign_in(client, "nobody", "guess").status_code == 429
    assert CountingHasher.computed == 0


def test_a_successful_sign_in_clears_that_accounts_failures(client, editor):
    for _ in range(4):
        sign_in(client, "editor", "guess")
    assert signed_in(sign_in(client, "editor", PASSWORD))
    client.logout()

    for _ in range(4):
        sign_in(client, "editor", "guess")

    assert signed_in(sign_in(client, "editor", PASSWORD))


def test_a_successful_sign_in_does_not_clear_an_addresss_failures_on_other_accounts(client, editor):
    for name in ("alice", "bob", "carol", "dave"):
        sign_in(client, name, "guess", address="203.0.113.66")
    assert signed_in(sign_in(client, "editor", PASSWORD, address="203.0.113.66"))
    client.logout()

    assert sign_in(client, "erin", "guess", address="203.0.113.66").status_code == 429


def test_an_admin_can_unlock_an_account_from_the_command_line(client, editor):
    for attempt in range(5):
        sign_in(client, "editor", "guess", address=f"203.0.113.{attempt}")

    call_command("axes_reset_username", "editor", stdout=io.StringIO())

    assert signed_in(sign_in(client, "editor", PASSWORD, address="192.0.2.99"))


def test_an_admin_can_unlock_from_the_admin(client, editor, django_user_model):
    from axes.models import AccessAttempt

    for _ in range(5):
        sign_in(client, "editor", "guess")
    admin = django_user_model.objects.create_superuser("chief", "chief@example.com", PASSWORD)
    staff = type(client)()
    staff.force_login(admin)

    listing = staff.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "editor" in listing.content.decode()
    attempt = AccessAttempt.objects.get(username="editor")
    staff.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})

    assert signed_in(sign_in(client, "editor", PASSWORD))


def test_a_forged_forwarded_for_header_does_not_dodge_the_address_lock(client, editor, settings):
    settings.NEWSROOM_TRUSTED_PROXIES = 0
    for attempt, name in enumerate(("alice", "bob", "carol", "dave", "erin")):
        sign_in(client, name, "guess", address="203.0.113.66", HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")

    response = sign_in(client, "editor", PASSWORD, address="203.0.113.66", HTTP_X_FORWARDED_FOR="192.0.2.200")

    assert response.status_code == 429


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(client, editor, settings):
    settings.NEWSROOM_TRUSTED_PROXIES = 1
    proxy = "10.0.0.2"
    for attempt, name in enumerate(("alice", "bob", "carol", "dave", "erin")):
        # The client writes anything it likes before the entry the proxy appends.
        sign_in(client, name, "guess", address=proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.66")

    forged = sign_in(client, "editor", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.66")
    assert forged.status_code == 429
    other_reader = sign_in(client, "editor", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert signed_in(other_reader)


def test_someone_elses_guessing_does_not_lock_a_person_out_where_they_usually_sign_in(client, editor):
    assert signed_in(sign_in(client, "editor", PASSWORD, address=HOME))
    client.logout()
    for attempt in range(8):
        sign_in(client, "editor", "guess", address=f"203.0.113.{attempt}")
    assert sign_in(client, "editor", PASSWORD, address="192.0.2.99").status_code == 429

    assert signed_in(sign_in(client, "editor", PASSWORD, address=HOME))


def test_guessing_from_a_persons_usual_address_is_still_limited(client, editor):
    assert signed_in(sign_in(client, "editor", PASSWORD, address=HOME))
    client.logout()
    for _ in range(5):
        sign_in(client, "editor", "guess", address=HOME)

    assert sign_in(client, "editor", PASSWORD, address=HOME).status_code == 429


OFFICE = "198.51.100.80"  # a newsroom's shared address (NAT or VPN)


def test_guessing_made_up_accounts_from_the_office_does_not_lock_out_journalists_who_sign_in_there(
    client, editor, writer,
):
    for name in ("editor", "writer"):
        assert signed_in(sign_in(client, name, PASSWORD, address=OFFICE))
        client.logout()
    for attempt in range(12):
        sign_in(client, f"nobody{attempt}", "guess", address=OFFICE)
    assert sign_in(client, "nobody99", "guess", address=OFFICE).status_code == 429  # the address is locked

    assert signed_in(sign_in(client, "editor", PASSWORD, address=OFFICE))
    client.logout()
    assert signed_in(sign_in(client, "writer", PASSWORD, address=OFFICE))


def test_guessing_many_accounts_from_one_address_is_still_stopped_there(client, editor, writer, other_writer):
    assert signed_in(sign_in(client, "editor", PASSWORD, address=OFFICE))
    client.logout()
    for name in ("alice", "bob", "carol", "dave", "erin"):
        sign_in(client, name, "guess", address=OFFICE)
    computed = CountingHasher.computed

    # Accounts that have not signed in from there are locked at that address, even with the right password...
    assert sign_in(client, "writer", PASSWORD, address=OFFICE).status_code == 429
    assert sign_in(client, "otherwriter", "guess", address=OFFICE).status_code == 429
    assert CountingHasher.computed == computed  # ...without the server computing a hash for them
    # ...and guessing the one that has is limited by its own count there.
    for _ in range(5):
        sign_in(client, "editor", "guess", address=OFFICE)
    assert sign_in(client, "editor", PASSWORD, address=OFFICE).status_code == 429
    assert signed_in(sign_in(client, "writer", PASSWORD, address="192.0.2.10"))
