"""Log in and out, the second factor (enrol a TOTP device, verify a code or a recovery
code, regenerate recovery codes, the office's reset of a lost device), and the user's own
page ("Việc của tôi")."""

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor
from accounts.forms import LoginForm
from accounts.models import RecoveryCodes, Role, User
from accounts.my_work import lands_on_my_work, my_work
from accounts.recovery import LOOKS_LIKE_CODE, remaining

WRONG_CODE = gettext_lazy("Mã xác thực không đúng hoặc đã hết hạn.")


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


class VerifyForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Mã xác thực (6 chữ số) hoặc mã dự phòng"),
        regex=r"^\s*(\d{6}|[A-Za-z0-9]{4}(-?[A-Za-z0-9]{4}){3})\s*$",
        max_length=24,
        error_messages={
            "invalid": gettext_lazy(
                "Nhập mã 6 chữ số, hoặc một mã dự phòng dạng ABCD-EFGH-JKLM-NPQR."
            )
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@transaction.atomic
def _matching_device(user, token: str):
    """The device that accepts ``token`` (spending it), or ``None``. The devices are locked
    so that two requests racing with one code cannot both pass (nor skip the throttle)."""
    model = RecoveryCodes if LOOKS_LIKE_CODE.match(token) else TOTPDevice
    for device in model.objects.select_for_update().filter(user=user, confirmed=True):
        if device.verify_token(token):
            return device
    return None


@login_required
def otp_verify(request):
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        device = _matching_device(request.user, token)
        if device is not None:
            otp_login(request, device)
            if isinstance(device, RecoveryCodes):
                second_factor.record_recovery_use(request.user)
            return redirect(_next(request))
        second_factor.record_failure(request.user, step=_("xác thực"))
        form.add_error("token", WRONG_CODE)
    return render(
        request, "accounts/otp_verify.html", {"form": form, "next": _next(request)}, status=200
    )


@login_required
def otp_enrol(request):
    if not second_factor.may_enrol(request):
        context = {"next": _next(request)}
        return render(request, "accounts/otp_enrol_refused.html", context, status=403)
    device = second_factor.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            codes = second_factor.confirm_enrolment(request, device)
            return render(
                request,
                "accounts/otp_recovery_codes.html",
                {"codes": codes, "next": _next(request)},
            )
        second_factor.record_failure(request.user, step=_("đăng ký"))
        form.add_error("token", WRONG_CODE)
    context = {
        "form": form,
        "next": _next(request),
        "replacing": second_factor.has_device(request.user),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4),
        "secret": device.config_url.split("secret=")[1].split("&")[0],
    }
    return render(request, "accounts/otp_enrol.html", context)


@login_required
def recovery_codes(request):
    """How many recovery codes are left; a POST makes a new set (the old ones stop working)."""
    if not second_factor.has_device(request.user):
        return redirect("accounts:otp_enrol")
    if not request.user.is_verified():
        return redirect("accounts:otp_verify")
    if request.method == "POST":
        codes = second_factor.regenerate_recovery_codes(request)
        return render(request, "accounts/otp_recovery_codes.html", {"codes": codes, "next": "/"})
    return render(request, "accounts/otp_recovery.html", {"remaining": remaining(request.user)})


def _resettable(actor):
    """Users with a device whose second factor ``actor`` may reset."""
    users = User.objects.filter(totpdevice__confirmed=True).exclude(pk=actor.pk).distinct()
    if not (actor.is_superuser or actor.is_staff):
        users = users.filter(unit_id=actor.unit_id, is_staff=False, is_superuser=False)
    return users.select_related("unit").order_by("username")


def _may_reset_anyone(user) -> bool:
    return (
        user.is_superuser
        or user.is_staff
        or (user.role == Role.OFFICE and user.unit_id is not None)
    )


@login_required
def otp_reset_list(request):
    if not _may_reset_anyone(request.user):
        raise PermissionDenied
    return render(request, "accounts/otp_reset.html", {"users": _resettable(request.user)[:200]})


@login_required
@require_POST
def otp_reset(request, user_id: int):
    user = get_object_or_404(User, pk=user_id)
    if not second_factor.may_reset(request.user, user):
        raise PermissionDenied
    second_factor.reset(actor=request.user, user=user)
    messages.success(
        request,
        _("Đã đặt lại xác thực hai bước của %(user)s; lần đăng nhập tới họ sẽ đăng ký lại.")
        % {"user": user.display_name},
    )
    return redirect("accounts:otp_reset_list")


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
