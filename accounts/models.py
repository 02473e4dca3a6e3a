"""People who log in: each belongs to one administrative unit and holds one role there.

The role decides what they may do; committee membership (``committee`` app) is separate
domain data and may point back to the user.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin


class Role(models.TextChoices):
    OFFICE = "office", _("Văn phòng (quản lý chương trình)")
    CHAIR = "chair", _("Trưởng ban / Chủ tịch")
    MEMBER = "member", _("Thành viên Ban Chỉ đạo")
    VIEWER = "viewer", _("Chỉ xem")


class User(AbstractUser):
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("đơn vị"),
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def manages_program(self) -> bool:
        """Office clerks and the chair edit programs, assignments and the committee."""
        return self.role in (Role.OFFICE, Role.CHAIR)

    def get_full_name(self) -> str:
        """Vietnamese order: family and middle names (``last_name``) before the given name."""
        return f"{self.last_name} {self.first_name}".strip()

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class RecoveryCodes(ThrottlingMixin, Device):
    """A user's set of single-use recovery codes: a django-otp device, so a code entered at
    the verify step marks the session as verified like a TOTP code.

    Only the SHA-256 digest of each code is stored (``RecoveryCode``). A code is 16 random
    base-32 characters (80 bits), so a plain digest cannot be reversed by guessing; a slow
    password hash is not needed and would make every check take seconds.
    """

    class Meta:
        verbose_name = _("bộ mã dự phòng")
        verbose_name_plural = _("bộ mã dự phòng")

    def get_throttle_factor(self) -> int:
        return 1

    def verify_token(self, token) -> bool:
        """Spend the code: true once per code (an atomic update, so two requests racing with
        the same code cannot both pass)."""
        from accounts.recovery import digest

        allowed, _info = self.verify_is_allowed()
        if not allowed:
            return False
        used = self.codes.filter(digest=digest(token), used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if used == 1:
            self.throttle_reset()
            return True
        self.throttle_increment()
        return False


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodes, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, editable=False)
    used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("mã dự phòng")
        verbose_name_plural = _("mã dự phòng")
        indexes = [models.Index(fields=["device", "digest"], name="recovery_code_lookup")]

    def __str__(self) -> str:
        return f"{self.device.user} ({'đã dùng' if self.used_at else 'chưa dùng'})"
