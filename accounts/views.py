"""Log in and out, the second factor (enrol a TOTP device, verify a code), and the user's own
page ("Việc của tôi")."""

import segno
from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django_otp import login as otp_login
from django_otp import match_token

from accounts.forms import LoginForm
from accounts.my_work import lands_on_my_work, my_work
from accounts.second_factor import pending_device


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_redirect_url(self):
        """Where the user asked to go; the home page (or nothing) is, for a member or a
        petition handler, their own page ("Việc của tôi")."""
        target = super().get_redirect_url()
        user = self.request.user
        if target in ("", "/") and user.is_authenticated and lands_on_my_work(user):
            return resolve_url("accounts:my_work")
        return target


@login_required
@require_safe
def my_work_page(request):
    """What waits for the user: tasks, petitions, reports, meetings, urging letters."""
    today = timezone.localdate()
    return render(
        request, "accounts/my_work.html", {"work": my_work(request.user, today), "today": today}
    )


class LogoutView(auth_views.LogoutView):
    pass


class CodeForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Mã xác thực (6 chữ số)"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("Mã xác thực gồm 6 chữ số.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@login_required
def otp_verify(request):
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip())
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("Mã xác thực không đúng hoặc đã hết hạn."))
    return render(
        request, "accounts/otp_verify.html", {"form": form, "next": _next(request)}, status=200
    )


@login_required
def otp_enrol(request):
    device = pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("Mã xác thực không đúng hoặc đã hết hạn."))
    context = {
        "form": form,
        "next": _next(request),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4),
        "secret": device.config_url.split("secret=")[1].split("&")[0],
    }
    return render(request, "accounts/otp_enrol.html", context)
