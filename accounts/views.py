"""Log in and out, and the second factor: enrol a TOTP device, verify a code."""

import segno
from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token

from accounts.forms import LoginForm
from accounts.second_factor import pending_device


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


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


@login_required
def held_accounts(request):
    """The office's list of its unit's accounts held for password spraying, to release."""
    from django.contrib import messages
    from django.http import Http404

    from accounts import spraying
    from accounts.models import Role, User

    actor = request.user
    if actor.role != Role.OFFICE or actor.unit_id is None:
        raise Http404
    users = User.objects.filter(unit=actor.unit, is_active=True).order_by("username")
    if request.method == "POST":
        user = users.filter(pk=request.POST.get("user") or 0).first()
        if user is None or not spraying.may_release(actor, user):
            raise Http404
        spraying.release(actor=actor, user=user)
        messages.success(
            request, _("Đã mở khóa đăng nhập cho tài khoản %(username)s.") % {"username": user}
        )
        return redirect("accounts:held")
    held = [u for u in users if spraying.is_held(u.username)]
    return render(request, "accounts/held.html", {"held": held})
