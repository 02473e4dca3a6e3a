"""Who must prove a second factor (a TOTP code) after the password, and the audited changes
to a user's devices.

Administrators (staff, superusers) and the handlers of citizens' petitions (they see
denouncers' identities) must; anyone else who has enrolled a device must use it too.

A session that has passed only the password may enrol a device only while the user has no
confirmed one; adding or replacing a device needs a verified session, and a lost device is
reset by the office of the user's unit or an administrator, never by the user alone. Every
enrolment, reset and failed code is written to the audit log; the user is told by e-mail
when a device is added or reset.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import recovery
from accounts.models import RecoveryCodes, Role
from audit.services import record
from units.models import Unit

log = logging.getLogger(__name__)


def has_device(user) -> bool:
    """A confirmed authenticator app (recovery codes alone do not count)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def requires_second_factor(user) -> bool:
    if not getattr(settings, "DVCQ_REQUIRE_2FA", True) or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    if user.petitions_handled.exists():
        return True
    return has_device(user)


def may_enrol(request) -> bool:
    """The first device after the password alone; any later one only after a code."""
    return not has_device(request.user) or request.user.is_verified()


def may_reset(actor, user) -> bool:
    """An administrator, or the office of the user's own unit for a user who is not an
    administrator; never the user themself."""
    if not actor.is_authenticated or actor.pk == user.pk:
        return False
    if actor.is_superuser or actor.is_staff:
        return True
    return (
        actor.role == Role.OFFICE
        and actor.unit_id is not None
        and actor.unit_id == user.unit_id
        and not (user.is_staff or user.is_superuser)
    )


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed device being enrolled (created on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="DVCQ", confirmed=False)
    return device


def _audit(*, actor, user, verb: str, summary: str) -> None:
    unit = user.unit or Unit.objects.filter(parent__isnull=True).order_by("pk").first()
    if unit is None:
        log.warning("second factor: %s for %s (no unit to audit under)", verb, user.username)
        return
    record(actor=actor, unit=unit, target=user, verb=verb, summary=summary)


def _tell(user, subject: str, body: str) -> None:
    if not user.email:
        return
    try:
        send_mail(subject, body, None, [user.email])
    except OSError:
        log.exception("second factor: could not e-mail %s", user.username)


def confirm_enrolment(request, device: TOTPDevice) -> list[str]:
    """Confirm ``device`` (replacing any earlier one), mark the session verified, and
    return a fresh set of recovery codes to show once."""
    user = request.user
    if not may_enrol(request):
        raise PermissionDenied
    with transaction.atomic():
        replaced = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()[0]
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = recovery.regenerate(user)
        _audit(
            actor=user,
            user=user,
            verb="otp_enrol",
            summary=(
                _("Thay thiết bị xác thực hai bước của %(user)s")
                if replaced
                else _("Đăng ký thiết bị xác thực hai bước cho %(user)s")
            )
            % {"user": user.username},
        )
    otp_login(request, device)
    _tell(
        user,
        _("DVCQ: đã thêm thiết bị xác thực hai bước"),
        _(
            "Tài khoản %(user)s vừa được đăng ký một thiết bị xác thực hai bước mới. "
            "Nếu không phải bạn thực hiện, hãy báo ngay cho văn phòng hoặc quản trị viên."
        )
        % {"user": user.username},
    )
    return codes


def regenerate_recovery_codes(request) -> list[str]:
    user = request.user
    if not (has_device(user) and user.is_verified()):
        raise PermissionDenied
    with transaction.atomic():
        codes = recovery.regenerate(user)
        _audit(
            actor=user,
            user=user,
            verb="otp_recovery",
            summary=_("Tạo lại mã dự phòng của %(user)s") % {"user": user.username},
        )
    return codes


def record_failure(user, *, step: str) -> None:
    _audit(
        actor=user,
        user=user,
        verb="otp_failure",
        summary=_("Nhập sai mã xác thực (%(step)s) – %(user)s")
        % {"step": step, "user": user.username},
    )


def record_recovery_use(user) -> None:
    _audit(
        actor=user,
        user=user,
        verb="otp_recovery",
        summary=_("Dùng một mã dự phòng để đăng nhập – %(user)s (còn %(left)s mã)")
        % {"user": user.username, "left": recovery.remaining(user)},
    )


def reset(*, actor, user) -> None:
    """Remove the user's devices and recovery codes, so they enrol again after the
    password (for a lost phone)."""
    if not may_reset(actor, user):
        raise PermissionDenied
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        RecoveryCodes.objects.filter(user=user).delete()
        _audit(
            actor=actor,
            user=user,
            verb="otp_reset",
            summary=_("Đặt lại xác thực hai bước của %(user)s") % {"user": user.username},
        )
    _tell(
        user,
        _("DVCQ: xác thực hai bước đã được đặt lại"),
        _(
            "%(actor)s vừa đặt lại xác thực hai bước của tài khoản %(user)s. Lần đăng nhập "
            "tới bạn sẽ đăng ký lại thiết bị. Nếu bạn không yêu cầu, hãy báo ngay cho "
            "quản trị viên."
        )
        % {"actor": actor.display_name, "user": user.username},
    )
