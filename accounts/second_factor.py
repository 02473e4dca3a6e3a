"""Who must prove a second factor (a TOTP code) after the password.

Administrators (staff, superusers) and the handlers of citizens' petitions (they see
denouncers' identities) must; anyone else who has enrolled a device must use it too.
"""

from django.conf import settings
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice


def has_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def requires_second_factor(user) -> bool:
    if not getattr(settings, "DVCQ_REQUIRE_2FA", True) or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    if user.petitions_handled.exists():
        return True
    return has_device(user)


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed device being enrolled (created on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="DVCQ", confirmed=False)
    return device
