"""Follow-up data: the administrator's calendar overrides and the calendar feed tokens.

``CalendarOverride`` adds to the public holidays of the ``holidays`` package what each year's
announcement sets (swapped days, extra days off, Saturday make-up days), each with the
document that announced it; ``followup.calendar`` reads it. ``FeedToken`` is a secret that
opens one user's or one unit's iCalendar feed without a login; only its SHA-256 is stored.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class OverrideKind(models.TextChoices):
    DAY_OFF = "off", _("Ngày nghỉ")
    WORKING_DAY = "working", _("Ngày làm việc")


class CalendarOverride(models.Model):
    """One day whose status differs from the baseline (weekends and public holidays)."""

    date = models.DateField(
        _("ngày"),
        unique=True,
        error_messages={
            "unique": _(
                "Ngày này đã có một điều chỉnh lịch; một ngày không thể vừa là ngày nghỉ vừa "
                "là ngày làm việc. Hãy sửa điều chỉnh đã có."
            )
        },
    )
    kind = models.CharField(_("loại"), max_length=10, choices=OverrideKind.choices)
    reason = models.CharField(
        _("lý do"),
        max_length=200,
        help_text=_("Ví dụ: Nghỉ Tết Dương lịch, hoán đổi với thứ Bảy 10/01/2026"),
    )
    document_number = models.CharField(
        _("số, ký hiệu văn bản thông báo"),
        max_length=60,
        help_text=_("Ví dụ: 12729/VPCP-KGVX"),
    )
    document_date = models.DateField(_("ngày văn bản thông báo"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("điều chỉnh lịch làm việc")
        verbose_name_plural = _("điều chỉnh lịch làm việc")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}: {self.get_kind_display()} ({self.document_number})"

    def save(self, *args, **kwargs):
        # The same rules whatever writes: the admin, a service, a shell.
        self.full_clean()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.date is None or self.kind not in OverrideKind.values:
            return
        from followup.calendar import baseline_is_working_day

        working = baseline_is_working_day(self.date)
        day = f"{self.date:%d/%m/%Y}"
        if self.kind == OverrideKind.WORKING_DAY and working:
            message = _("Ngày %(day)s vốn đã là ngày làm việc; không cần điều chỉnh.")
            raise ValidationError({"kind": message % {"day": day}})
        if self.kind == OverrideKind.DAY_OFF and not working:
            message = _("Ngày %(day)s vốn đã là ngày nghỉ (cuối tuần hoặc ngày lễ).")
            raise ValidationError({"kind": message % {"day": day}})


class FeedScope(models.TextChoices):
    USER = "user", _("Nhiệm vụ của tôi")
    UNIT = "unit", _("Toàn đơn vị")


class FeedToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="feed_tokens",
        verbose_name=_("người dùng"),
    )
    scope = models.CharField(_("phạm vi"), max_length=10, choices=FeedScope.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("gợi nhớ"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("ngày thu hồi"), null=True, blank=True)

    class Meta:
        verbose_name = _("địa chỉ lịch đăng ký")
        verbose_name_plural = _("địa chỉ lịch đăng ký")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_scope_display()} · {self.hint}…"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


# The urging letter's models live in their own module; importing them here registers them.
from followup.urging_models import UrgingItem, UrgingLetter  # noqa: E402, F401
