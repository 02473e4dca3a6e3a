"""People who log in: each belongs to one administrative unit and holds one role there.

The role decides what they may do; committee membership (``committee`` app) is separate
domain data and may point back to the user.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


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
