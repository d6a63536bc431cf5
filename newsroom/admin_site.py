"""The newsroom's admin site: sign-in with a code for those who use one, and the page to set one up."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user

from newsroom import two_factor


class SignInForm(AdminAuthenticationForm):
    """Username and password, plus the code from an authenticator app for people who have turned one on."""

    # One message for every refusal, so a wrong code does not reveal that the password was right.
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": (
            "Please enter the correct %(username)s and password for a staff account, and the code from your "
            "authenticator app if you have turned on two-factor sign-in. Note that both fields may be case-sensitive."
        ),
    }

    otp_token = forms.CharField(
        label="Code from your app", required=False, max_length=20,
        help_text="Only if you have turned on two-factor sign-in.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and two_factor.has_two_factor(user):
            token = cleaned_data.get("otp_token") or ""
            device = next(
                (device for device in devices_for_user(user) if two_factor.verify(device, token)), None,
            ) if token else None
            if device is None:
                # Counted like a wrong password, so guessing codes runs into the same sign-in lock.
                user_login_failed.send(
                    sender=__name__, credentials={"username": cleaned_data.get("username")}, request=self.request,
                )
                self.user_cache = None
                raise self.get_invalid_login_error()
            user.otp_device = device
        return cleaned_data


class NewsroomAdminSite(admin.AdminSite):
    login_form = SignInForm

    def has_permission(self, request):
        return super().has_permission(request) and two_factor.satisfied(request)

    @method_decorator(never_cache)
    def login(self, request, extra_context=None):
        if request.method == "GET" and self._only_set_up_is_open(request):
            return redirect("admin:two_factor")
        response = super().login(request, extra_context)
        if request.method == "POST" and response.status_code == 302 and self._only_set_up_is_open(request):
            return redirect("admin:two_factor")
        return response

    @staticmethod
    def _only_set_up_is_open(request) -> bool:
        user = request.user
        return user.is_active and user.is_staff and two_factor.needs_setting_up(user)

    def get_urls(self):
        return [path("two-factor/", never_cache(self.two_factor_view), name="two_factor"), *super().get_urls()]

    def two_factor_view(self, request):
        """Turn two-factor sign-in on (scan, confirm with a code) or off (with a code)."""
        user = request.user
        if not (user.is_active and user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if request.method == "POST" and request.POST.get("action") == "sign_out":
            logout(request)
            return redirect("admin:login")
        has_app = two_factor.has_two_factor(user)
        if has_app and not user.is_verified():
            # The password alone must not be enough to switch the code off or swap in another app.
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))

        device = next(devices_for_user(user), None) if has_app else two_factor.pending_device(request)
        action = request.POST.get("action")
        form = two_factor.CodeForm(request.POST if action in {"enable", "disable"} else None, device=device)
        if action == "enable" and not has_app and form.is_valid():
            two_factor.confirm(request, device)
            messages.success(request, "Two-factor sign-in is on: from now on, sign in with a code from your app.")
            return redirect("admin:index")
        if action == "disable" and has_app and form.is_valid():
            two_factor.turn_off(request)
            messages.success(request, "Two-factor sign-in is off: your password alone signs you in.")
            return redirect("admin:two_factor")

        context = {
            **self.each_context(request),
            "title": "Two-factor sign-in",
            "has_app": has_app,
            "required": two_factor.required_for(user),
            "form": form,
            "qr_code": None if has_app else two_factor.qr_code(device),
            "secret": None if has_app else two_factor.secret_text(device),
        }
        return TemplateResponse(request, "admin/two_factor.html", context)
