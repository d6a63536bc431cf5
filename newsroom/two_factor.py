"""Two-factor sign-in for staff: a code from an authenticator app (TOTP) besides the password."""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.views import redirect_to_login
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

# Whoever holds one of these rights, whatever their group is called, can publish or hand out rights.
RIGHTS_THAT_REQUIRE_A_CODE = ("articles.publish_article", "auth.change_user", "auth.change_group")
# The app being set up in this session: its secret is shown to this session only.
PENDING_SESSION_KEY = "newsroom_2fa_pending_device"


def required_for(user: AbstractBaseUser) -> bool:
    """With NEWSROOM_2FA_REQUIRED, superusers and anyone who may publish or grant rights must use a code."""
    if not settings.NEWSROOM_2FA_REQUIRED:
        return False
    return user.is_superuser or any(user.has_perm(right) for right in RIGHTS_THAT_REQUIRE_A_CODE)


def has_two_factor(user: AbstractBaseUser) -> bool:
    return user_has_device(user, confirmed=True)


def satisfied(request) -> bool:
    """Whether this session may use the admin: verified by a code if the person has an app, or not needing one."""
    user = request.user
    if has_two_factor(user):
        return user.is_verified()
    return not required_for(user)


def staff_may_enter(request) -> bool:
    """Whether this session may open staff pages, in the admin or outside it: an active staff member, with a code
    when they have an app or must have one."""
    user = request.user
    return user.is_active and user.is_staff and satisfied(request)


class StaffOnlyMixin(PermissionRequiredMixin):
    """Staff pages outside the admin: the admin's sign-in rules, two-factor included, besides the permission."""

    login_url = "admin:login"

    def has_permission(self) -> bool:
        return staff_may_enter(self.request) and super().has_permission()

    def handle_no_permission(self):
        user = self.request.user
        if user.is_authenticated and user.is_active and user.is_staff and not satisfied(self.request):
            # The admin's sign-in asks for the code, or sends people without an app yet to set one up.
            return redirect_to_login(self.request.get_full_path(), reverse("admin:login"))
        return super().handle_no_permission()


def needs_setting_up(user: AbstractBaseUser) -> bool:
    """A person who must use a code and has no app yet: the set-up page is the only admin page open to them."""
    return required_for(user) and not has_two_factor(user)


def normalise(token: str) -> str:
    """Apps show codes as '123 456'; people type them with spaces or dashes."""
    return "".join(ch for ch in token if ch.isdigit())


def verify(device: TOTPDevice, token: str) -> bool:
    """Check a code once: a code that worked is used up, and repeated wrong codes slow further tries down."""
    token = normalise(token)
    with transaction.atomic():
        # Locked, so two requests racing with the same code cannot both be let in.
        locked = type(device).objects.select_for_update().filter(pk=device.pk).first()
        return locked is not None and len(token) == locked.digits and locked.verify_token(token)


def pending_device(request) -> TOTPDevice:
    """The app being set up in this session: the same secret on every reload until a code confirms it.

    Bound to the session, so someone else signed in with the same password never sees the secret being set up.
    """
    user = request.user
    device_id = request.session.get(PENDING_SESSION_KEY)
    device = TOTPDevice.objects.filter(user=user, confirmed=False, pk=device_id).first() if device_id else None
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
        request.session[PENDING_SESSION_KEY] = device.pk
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as apps accept it typed in: base32, in groups of four for reading aloud."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_code(device: TOTPDevice) -> str:
    """The set-up link as a QR code, an SVG data URI drawn here: no request leaves the page, and no script runs."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2)


@task
def tell_owner(user_id: int, change: str) -> int:
    """Mail the person that two-factor sign-in was turned on or off, so a change they did not make is noticed."""
    from django.contrib.auth import get_user_model

    person = get_user_model().objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if person is None:
        return 0
    context = {
        "person": person, "change": change, "at": timezone.now(),
        "site_name": settings.NEWSROOM_SITE_NAME, "site_url": settings.NEWSROOM_SITE_URL,
    }
    body = render_to_string("admin/email/two_factor_changed.txt", context)
    return send_mail(f"Two-factor sign-in was turned {change} for your account", body, None, [person.email])


def _tell_owner_once_saved(user_id: int, change: str) -> None:
    transaction.on_commit(lambda: tell_owner.enqueue(user_id, change))


@transaction.atomic
def confirm(request, device: TOTPDevice) -> None:
    """The app works: keep it, drop any half-finished ones, count this session as verified, and tell the person."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    request.session.pop(PENDING_SESSION_KEY, None)
    otp_login(request, device)
    _tell_owner_once_saved(device.user_id, "on")


@transaction.atomic
def turn_off(request) -> None:
    TOTPDevice.objects.filter(user=request.user).delete()
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.user.otp_device = None
    _tell_owner_once_saved(request.user.pk, "off")


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label="Code from your app", max_length=20,
        help_text="The six digits your authenticator app shows for Newsroom now.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self) -> str:
        token = self.cleaned_data["otp_token"]
        if not verify(self.device, token):
            raise forms.ValidationError(
                "That code did not match. Check the clock on your phone is right, wait for a new code and try again."
            )
        return token
