"""A unit's periodic report (báo cáo quý, 6 tháng, 9 tháng, năm) and its way to the parent.

The figures count as of the report's cut-off date (``cutoff``, by default the end of the
period or today, whichever is earlier), the same on the draft and on the issued copy; they
are computed from live data while the report is a draft; issuing it takes a
number from the outgoing register and freezes every figure and text in ``snapshot``, which is
all the page and the files read from then on. An issued report is submitted to the parent the
unit had on the period's last day (``recipient_unit``: a 2023 report of a commune goes to its
district, a 2026 report to the province), which receives it, returns it with comments or
accepts it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    QUARTER = "quarter", _("Báo cáo quý")
    HALF = "half", _("Báo cáo 6 tháng")
    NINE_MONTHS = "nine_months", _("Báo cáo 9 tháng")
    YEAR = "year", _("Báo cáo năm")
    CUSTOM = "custom", _("Tùy chọn")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    SUBMITTED = "submitted", _("Đã gửi cấp trên")
    RECEIVED = "received", _("Cấp trên đã nhận")
    RETURNED = "returned", _("Trả lại để bổ sung")
    ACCEPTED = "accepted", _("Đã chấp nhận")


# Statuses the parent unit sees (the report has reached it).
SENT_STATUSES = (
    ReportStatus.SUBMITTED,
    ReportStatus.RECEIVED,
    ReportStatus.RETURNED,
    ReportStatus.ACCEPTED,
)
# The free texts the clerk writes, in the outline's order.
TEXT_FIELDS = ("situation", "shortcomings", "next_tasks")


class Report(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("loại báo cáo"), max_length=12, choices=ReportKind.choices)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    title = models.CharField(_("trích yếu"), max_length=400)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    situation = models.TextField(_("tình hình chung"), blank=True)
    shortcomings = models.TextField(_("tồn tại, hạn chế và nguyên nhân"), blank=True)
    next_tasks = models.TextField(_("nhiệm vụ kỳ tới"), blank=True)
    remarks = models.JSONField(_("nhận xét từng phần"), default=dict, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    signer_capacity = models.CharField(_("thẩm quyền ký"), max_length=80, blank=True)
    signer_title = models.CharField(_("chức danh người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    cutoff = models.DateField(
        _("số liệu tính đến ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống: ngày cuối kỳ hoặc hôm nay, ngày nào sớm hơn."),
    )
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_document = models.OneToOneField(
        "outgoing.IssuedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report",
        verbose_name=_("số văn bản đi"),
    )
    snapshot = models.JSONField(_("số liệu đã chốt"), null=True, blank=True, editable=False)
    recipient_unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_reports",
        verbose_name=_("gửi đến đơn vị"),
        help_text=_("Đơn vị cấp trên của đơn vị báo cáo vào ngày cuối kỳ báo cáo."),
    )
    review_comment = models.TextField(_("ý kiến của cấp trên"), blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("cấp trên xử lý lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-period_end", "-id"]
        indexes = [
            models.Index(fields=["unit", "status", "period_end"], name="report_unit_status_end")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="report_period_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.unit})"

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                gettext("Kỳ báo cáo không hợp lệ: ngày kết thúc trước ngày bắt đầu.")
            )
        if self.cutoff and not self.period_start <= self.cutoff <= self.period_end:
            raise ValidationError(
                {"cutoff": gettext("Ngày tính số liệu phải nằm trong kỳ báo cáo.")}
            )

    def cutoff_on(self, today):
        """The day the figures count to: the one the clerk set, else the end of the period
        or ``today``, whichever is earlier."""
        return self.cutoff or min(self.period_end, today)

    @property
    def is_frozen(self) -> bool:
        return self.status != ReportStatus.DRAFT

    @property
    def can_submit(self) -> bool:
        return self.status in (ReportStatus.ISSUED, ReportStatus.RETURNED)


class ReportFile(models.Model):
    """A generated .docx/.pdf/.xlsx of a report, kept so the clerk can download it again."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files")
    fmt = models.CharField(_("định dạng"), max_length=5)
    name = models.CharField(_("tên tệp"), max_length=200)
    content = models.BinaryField()
    size = models.PositiveIntegerField(_("dung lượng"))
    from_snapshot = models.BooleanField(_("theo số liệu đã chốt"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp báo cáo")
        verbose_name_plural = _("tệp báo cáo")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class ReportCitation(models.Model):
    """A document named in a report's texts, so the cited document's page lists the report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="citations")
    document = models.ForeignKey(
        "documents.CitedDocument", on_delete=models.PROTECT, related_name="report_citations"
    )

    class Meta:
        verbose_name = _("trích dẫn trong báo cáo")
        verbose_name_plural = _("trích dẫn trong báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["report", "document"], name="unique_report_citation")
        ]

    def __str__(self) -> str:
        return str(self.document)
