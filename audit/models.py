"""One append-only log of changes: who changed what, when, from what to what.

Written only through ``audit.services.record``; shown as the history of a task, a
program or a committee membership.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("đơn vị")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    verb = models.CharField(_("thao tác"), max_length=40)
    summary = models.CharField(_("nội dung"), max_length=300)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sự kiện thay đổi")
        verbose_name_plural = _("lịch sử thay đổi")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The history panel of one object: WHERE target_type=? AND target_id=? ORDER BY ...
            models.Index(fields=["target_type", "target_id", "-created_at"], name="audit_target"),
            # The office's search: WHERE unit_id IN (...) ORDER BY created_at DESC.
            models.Index(fields=["unit", "-created_at"], name="audit_unit_time"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.summary}"
