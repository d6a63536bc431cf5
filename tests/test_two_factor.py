"""Two-factor sign-in for staff: turning it on and off with codes from an app, and the admin asking for them."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom import two_factor
from tests.test_settings import manage

PASSWORD = "pw-for-tests"


def code(device: TOTPDevice, step: int = 0) -> str:
    """The code the person's app shows now (step=1: the one it will show next, as a fresh code for a second use)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + step):06d}"


def sign_in(client, username, password=PASSWORD, otp_token=None):
    data = {"username": username, "password": password, "next": "/admin/"}
    if otp_token is not None:
        data["otp_token"] = otp_token
    return client.post("/admin/login/?next=/admin/", data, REMOTE_ADDR="203.0.113.50")


def enrol(client, user) -> TOTPDevice:
    """Turn two-factor sign-in on through the page, as the person would."""
    client.force_login(user)
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/admin/two-factor/", {"action": "enable", "otp_token": code(device)})
    assert response.status_code == 302, response.content.decode()
    device.refresh_from_db()
    return device


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.com", PASSWORD)


def test_without_two_factor_a_password_still_opens_the_admin(client, writer):
    assert sign_in(client, "writer")["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_page_shows_a_qr_code_and_the_secret_to_type(client, writer):
    client.force_login(writer)

    response = client.get("/admin/two-factor/")

    page = response.content.decode()
    device = TOTPDevice.objects.get(user=writer, confirmed=False)
    secret = __import__("base64").b32encode(device.bin_key).decode()
    assert response.status_code == 200
    assert '<img src="data:image/svg+xml' in page
    assert re.sub(r"\s", "", secret) in re.sub(r"\s|<[^>]+>", "", page)
    assert not re.search(r"<script(?![^>]*\ssrc=)", page), "no inline scripts"
    assert "unsafe-inline" not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]


def test_reloading_the_page_keeps_the_same_secret(client, writer):
    client.force_login(writer)
    client.get("/admin/two-factor/")
    client.get("/admin/two-factor/")

    assert TOTPDevice.objects.filter(user=writer).count() == 1


def test_a_code_from_the_app_turns_it_on(client, writer):
    device = enrol(client, writer)

    assert device.confirmed
    assert client.get("/admin/").status_code == 200  # this session counts as verified


def test_a_wrong_code_does_not_turn_it_on(client, writer):
    client.force_login(writer)
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=writer)

    wrong = f"{(int(code(device)) + 1) % 10**6:06d}"

    response = client.post("/admin/two-factor/", {"action": "enable", "otp_token": wrong})

    assert response.status_code == 200
    assert "did not match" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_with_a_device_the_password_alone_is_not_enough(client, writer):
    enrol(client, writer)
    client.logout()

    response = sign_in(client, "writer")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_with_a_device_a_wrong_code_is_refused(client, writer):
    device = enrol(client, writer)
    client.logout()

    response = sign_in(client, "writer", otp_token=f"{(int(code(device, 1)) + 1) % 10**6:06d}")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_refusal_does_not_say_whether_the_password_was_right(client, writer):
    enrol(client, writer)
    client.logout()

    right_password = sign_in(client, "writer", otp_token="000000").context["form"].non_field_errors()
    wrong_password = sign_in(client, "writer", password="nope", otp_token="000000").context["form"].non_field_errors()

    assert right_password == wrong_password


def test_with_a_device_password_and_code_open_the_admin(client, writer):
    device = enrol(client, writer)
    client.logout()

    response = sign_in(client, "writer", otp_token=code(device, 1))

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_used_code_cannot_be_used_again(client, writer):
    device = enrol(client, writer)
    client.logout()
    used = code(device, 1)
    assert sign_in(client, "writer", otp_token=used)["Location"] == "/admin/"
    client.logout()

    response = sign_in(client, "writer", otp_token=used)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_wrong_codes_count_towards_the_sign_in_lock(client, writer, settings):
    settings.AXES_FAILURE_LIMIT = 5
    enrol(client, writer)
    client.logout()
    for _ in range(4):
        assert sign_in(client, "writer", otp_token="000000").status_code == 200

    assert sign_in(client, "writer", otp_token="000000").status_code == 429


def test_a_session_without_the_code_reaches_nothing(client, writer):
    device = enrol(client, writer)
    client.logout()
    client.force_login(writer)  # as if the password were known and the session made some other way

    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/articles/article/").status_code == 302
    response = client.post("/admin/two-factor/", {"action": "disable", "otp_token": "000000"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_code_turns_it_off(client, writer):
    device = enrol(client, writer)

    response = client.post("/admin/two-factor/", {"action": "disable", "otp_token": code(device, 1)})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=writer).exists()
    client.logout()
    assert sign_in(client, "writer")["Location"] == "/admin/"


def test_turning_it_off_needs_a_right_code(client, writer):
    device = enrol(client, writer)

    response = client.post("/admin/two-factor/", {"action": "disable", "otp_token": "000000"})

    assert response.status_code == 200
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()


def test_the_admin_links_to_the_page(client, writer):
    client.force_login(writer)

    assert 'href="/admin/two-factor/"' in client.get("/admin/").content.decode()


@pytest.fixture
def required(settings):
    settings.NEWSROOM_2FA_REQUIRED = True


@pytest.mark.usefixtures("required")
def test_when_required_an_editor_with_only_a_password_may_only_set_it_up(client, editor):
    response = sign_in(client, "editor")
    assert response.status_code == 302

    assert client.get("/admin/", follow=True).redirect_chain[-1][0] == "/admin/two-factor/"
    assert client.get("/admin/articles/article/").status_code == 302
    assert client.get("/admin/articles/article/add/").status_code == 302
    page = client.get("/admin/two-factor/")
    assert page.status_code == 200
    assert "required for your role" in page.content.decode()
    assert "/admin/articles/article/" not in page.content.decode()  # no menu of pages they cannot open


@pytest.mark.usefixtures("required")
def test_when_required_a_superuser_must_set_it_up_too(client, superuser):
    client.force_login(superuser)

    assert client.get("/admin/auth/user/").status_code == 302
    assert client.get("/admin/", follow=True).redirect_chain[-1][0] == "/admin/two-factor/"


@pytest.mark.usefixtures("required")
def test_when_required_an_editor_who_sets_it_up_gets_in(client, editor):
    enrol(client, editor)

    assert client.get("/admin/articles/article/").status_code == 200


@pytest.mark.usefixtures("required")
def test_when_required_writers_can_still_choose(client, writer):
    assert sign_in(client, "writer")["Location"] == "/admin/"
    assert client.get("/admin/articles/article/").status_code == 200


@pytest.mark.usefixtures("required")
def test_when_required_an_editor_can_sign_out_from_the_set_up_page(client, editor):
    client.force_login(editor)

    response = client.post("/admin/two-factor/", {"action": "sign_out"})

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_reader_cannot_reach_the_page(client, db, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password=PASSWORD))

    assert client.get("/admin/two-factor/").status_code == 302
    assert not TOTPDevice.objects.exists()


def test_the_requirement_is_an_environment_setting():
    code = "from django.conf import settings; print(settings.NEWSROOM_2FA_REQUIRED)"

    assert manage("shell", "-c", code, DJANGO_SECRET_KEY="x").stdout.split()[-1] == "False"
    assert manage("shell", "-c", code, DJANGO_SECRET_KEY="x", NEWSROOM_2FA_REQUIRED="1").stdout.split()[-1] == "True"


def test_an_administrator_can_remove_a_lost_phone_but_never_read_anyones_secret(client, writer, superuser):
    device = enrol(client, writer)
    secret_hex = device.key
    admin = type(client)()
    enrol(admin, superuser)

    page = admin.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert secret_hex not in page
    assert admin.get(f"/admin/otp_totp/totpdevice/{device.pk}/config/").status_code == 403
    admin.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})

    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


# Staff pages outside the admin (the draft preview) ask for the same code as the admin itself.

def _draft(user):
    from articles.models import Article
    from tests.factories import ArticleFactory

    return ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, created_by=user, headline="Unannounced merger of the mills",
    )


@pytest.mark.usefixtures("required")
def test_when_required_a_password_alone_does_not_open_draft_previews(client, editor):
    article = _draft(editor)
    assert sign_in(client, "editor").status_code == 302  # signed in, sent to set up the app

    response = client.get(f"/preview/{article.pk}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/")
    assert "Unannounced merger" not in client.get(f"/preview/{article.pk}/", follow=True).content.decode()


def test_a_session_without_the_code_cannot_open_draft_previews(client, writer):
    article = _draft(writer)
    enrol(client, writer)
    client.logout()
    client.force_login(writer)  # the password known, the code not

    response = client.get(f"/preview/{article.pk}/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_with_the_code_draft_previews_open(client, writer):
    article = _draft(writer)
    enrol(client, writer)

    response = client.get(f"/preview/{article.pk}/")

    assert response.status_code == 200
    assert "Unannounced merger" in response.content.decode()


def test_a_signed_in_reader_with_the_right_cannot_open_previews_outside_the_staff(client, django_user_model):
    from django.contrib.auth.models import Permission

    reader = django_user_model.objects.create_user("reader", password=PASSWORD)
    reader.user_permissions.add(Permission.objects.get(codename="view_article"))
    article = _draft(reader)
    client.force_login(reader)

    assert client.get(f"/preview/{article.pk}/").status_code in {302, 403}


@pytest.mark.usefixtures("required")
def test_when_required_it_follows_the_right_to_publish_not_a_group_name(db, django_user_model):
    from django.contrib.auth.models import Group, Permission

    desk = Group.objects.create(name="Night desk")
    desk.permissions.add(Permission.objects.get(codename="publish_article"))
    chief = django_user_model.objects.create_user("nightchief", password=PASSWORD, is_staff=True)
    chief.groups.add(desk)
    renamed = Group.objects.get(name="Editor")
    renamed.permissions.remove(Permission.objects.get(codename="publish_article"))
    in_editor_group = django_user_model.objects.create_user("formereditor", password=PASSWORD, is_staff=True)
    in_editor_group.groups.add(renamed)
    grantor = django_user_model.objects.create_user("hr", password=PASSWORD, is_staff=True)
    grantor.user_permissions.add(Permission.objects.get(codename="change_user"))

    assert two_factor.required_for(chief)
    assert two_factor.required_for(grantor)
    assert not two_factor.required_for(in_editor_group)


def test_another_session_with_the_password_never_sees_the_secret_being_set_up(client, writer):
    from django.test import Client

    client.force_login(writer)
    client.get("/admin/two-factor/")
    intruder = Client()
    intruder.force_login(writer)
    intruder.get("/admin/two-factor/")

    secrets = {device.key for device in TOTPDevice.objects.filter(user=writer)}
    shown_to_owner = client.get("/admin/two-factor/").context["secret"]
    shown_to_intruder = intruder.get("/admin/two-factor/").context["secret"]
    assert shown_to_owner != shown_to_intruder
    assert len(secrets) >= 1
    owner_device = TOTPDevice.objects.get(user=writer, confirmed=False, pk=client.session[two_factor.PENDING_SESSION_KEY])
    # A code from the owner's app confirms nothing in the intruder's session.
    response = intruder.post("/admin/two-factor/", {"action": "enable", "otp_token": code(owner_device)})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=writer, confirmed=True).exists()


def test_with_an_app_a_password_session_cannot_add_another(client, writer):
    from django.test import Client

    enrol(client, writer)
    intruder = Client()
    intruder.force_login(writer)

    response = intruder.get("/admin/two-factor/")

    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert TOTPDevice.objects.filter(user=writer).count() == 1


def test_every_signed_in_page_outside_the_admin_uses_the_admin_sign_in_rules():
    """A new staff view added to the URLconf with Django's own access mixins would skip the code: refuse it."""
    from django.contrib.auth.mixins import AccessMixin
    from django.urls import URLPattern, URLResolver, get_resolver

    def views(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.app_name != "admin":
                    yield from views(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern), getattr(entry.callback, "view_class", None)

    found = [(route, view) for route, view in views(get_resolver().url_patterns) if view and issubclass(view, AccessMixin)]
    assert found, "the staff preview at least"
    assert all(issubclass(view, two_factor.StaffOnlyMixin) for _, view in found), found


def test_the_person_is_told_by_mail_when_two_factor_sign_in_is_turned_on_or_off(
    client, writer, mailoutbox, django_capture_on_commit_callbacks,
):
    """Someone who set up an app with a stolen password before its owner did is noticed by the owner."""
    writer.email = "writer@example.com"
    writer.save(update_fields=["email"])

    with django_capture_on_commit_callbacks(execute=True):
        device = enrol(client, writer)

    assert [mail.to for mail in mailoutbox] == [["writer@example.com"]]
    assert "turned on" in mailoutbox[0].subject and "administrator" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/two-factor/", {"action": "disable", "otp_token": code(device, 1)})
    assert len(mailoutbox) == 2 and "turned off" in mailoutbox[1].subject
