"""The urging letters (công văn đôn đốc) a unit's office sends about overdue tasks.

An ``UrgingLetter`` is one Công văn. Like every outgoing document it is drafted, submitted
for review (trình ký) and issued; only at issue does it take its number from the outgoing
register (its line there is ``document``), so a discarded draft leaves no gap. Its
``UrgingItem`` rows keep, for each task listed, the person in charge, the task's text and its
due date as they were when the letter was drafted, so the letter can be printed again
unchanged after the tasks move on.

The models live in this module and are loaded with the app through ``followup.admin``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LetterStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    REVIEW = "review", _("Chờ ký, ban hành")
    ISSUED = "issued", _("Đã ban hành")
    DISCARDED = "discarded", _("Đã hủy dự thảo")


class UrgingLetter(models.Model):
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="urging_letters",
        verbose_name=_("đơn vị"),
    )
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.PROTECT,
        related_name="urging_letters",
        verbose_name=_("chương trình"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=LetterStatus.choices, default=LetterStatus.DRAFT
    )
    # Set at issue, together: the register's line, its number and code, the date.
    document = models.OneToOneField(
        "outgoing.IssuedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="urging_letter",
        verbose_name=_("dòng trong sổ văn bản đi"),
    )
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    summary = models.CharField(_("trích yếu"), max_length=400)
    report_by = models.DateField(_("hạn báo cáo"), null=True, blank=True)
    signer_titles = models.JSONField(_("thẩm quyền, chức vụ người ký"), default=list, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ban hành"),
    )
    sent_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)

    class Meta:
        verbose_name = _("công văn đôn đốc")
        verbose_name_plural = _("công văn đôn đốc")
        ordering = ["-issued_on", "-sent_at", "-id"]
        constraints = [
            # Numbered if and only if issued.
            models.CheckConstraint(
                condition=(
                    models.Q(status="issued", document__isnull=False, issued_on__isnull=False)
                    | (~models.Q(status="issued") & models.Q(document__isnull=True))
                ),
                name="urging_letter_numbered_when_issued",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number_symbol or self.get_status_display()} – {self.summary}"

    @property
    def is_issued(self) -> bool:
        return self.status == LetterStatus.ISSUED


class UrgingItem(models.Model):
    """One overdue task listed in a letter, as it stood when the letter was generated."""

    letter = models.ForeignKey(UrgingLetter, on_delete=models.CASCADE, related_name="items")
    task = models.ForeignKey(
        "programs.Task",
        on_delete=models.SET_NULL,
        null=True,
        related_name="urging_items",
        verbose_name=_("nhiệm vụ"),
    )
    person = models.ForeignKey(
        "committee.CommitteeMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người chủ trì"),
    )
    person_name = models.CharField(_("người chủ trì"), max_length=200)
    task_text = models.TextField(_("nội dung nhiệm vụ"))
    due_date = models.DateField(_("hạn hoàn thành"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nhiệm vụ được đôn đốc")
        verbose_name_plural = _("nhiệm vụ được đôn đốc")
        ordering = ["letter", "position", "id"]

    def __str__(self) -> str:
        return f"{self.person_name}: {self.task_text[:60]}"
