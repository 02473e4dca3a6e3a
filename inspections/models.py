"""Self-inspection (tự kiểm tra): scored checklist templates and the runs made with them.

A template holds sections of criteria, each with its maximum points; criteria are ordinary,
bonus (cộng điểm) or deduction (trừ điểm). Rating levels are data on the template (e.g. 95
"Xuất sắc", 85 "Tốt", 75 "Hoàn thành", below that the fallback "Không hoàn thành"), so the
DVCQ self-inspection and the joint administrative-reform (CCHC) one are two templates run by
the same code. An inspection stores its computed total and rating so that the reports can
compare units in SQL.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ChecklistTemplate(models.Model):
    code = models.SlugField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên bộ tiêu chí"), max_length=300)
    basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    max_points = models.DecimalField(_("thang điểm"), max_digits=6, decimal_places=2, default=100)
    fallback_rating = models.CharField(
        _("xếp loại khi dưới mọi ngưỡng"), max_length=80, default="Không hoàn thành"
    )
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("bộ tiêu chí tự kiểm tra")
        verbose_name_plural = _("bộ tiêu chí tự kiểm tra")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RatingLevel(models.Model):
    """A rating reached at ``min_points`` or more (and, if asked, no ordinary criterion at 0)."""

    template = models.ForeignKey(
        ChecklistTemplate, on_delete=models.CASCADE, related_name="ratings"
    )
    label = models.CharField(_("xếp loại"), max_length=80)
    min_points = models.DecimalField(_("điểm tối thiểu"), max_digits=6, decimal_places=2)
    requires_no_zero = models.BooleanField(_("không có tiêu chí nào 0 điểm"), default=False)

    class Meta:
        verbose_name = _("mức xếp loại")
        verbose_name_plural = _("mức xếp loại")
        ordering = ["template", "-min_points"]

    def __str__(self) -> str:
        return f"{self.label} (≥ {self.min_points})"


class ChecklistSection(models.Model):
    template = models.ForeignKey(
        ChecklistTemplate, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tên phần"), max_length=300)

    class Meta:
        verbose_name = _("phần tiêu chí")
        verbose_name_plural = _("phần tiêu chí")
        ordering = ["template", "position"]

    def __str__(self) -> str:
        return self.title


class CriterionKind(models.TextChoices):
    SCORED = "scored", _("Tiêu chí chấm điểm")
    BONUS = "bonus", _("Điểm thưởng")
    DEDUCTION = "deduction", _("Điểm trừ")


class Criterion(models.Model):
    section = models.ForeignKey(ChecklistSection, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("nội dung tiêu chí"))
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    kind = models.CharField(
        _("loại"), max_length=10, choices=CriterionKind.choices, default=CriterionKind.SCORED
    )

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["section__position", "position"]

    def __str__(self) -> str:
        return self.text[:80]


class InspectionStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chấm")
    DONE = "done", _("Đã hoàn thành")


class Inspection(models.Model):
    """One self-inspection of a unit over a period with one template."""

    template = models.ForeignKey(
        ChecklistTemplate,
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("bộ tiêu chí"),
    )
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="inspections")
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    status = models.CharField(
        _("tình trạng"),
        max_length=10,
        choices=InspectionStatus.choices,
        default=InspectionStatus.DRAFT,
    )
    total = models.DecimalField(
        _("tổng điểm"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    rating = models.CharField(_("xếp loại"), max_length=80, blank=True)
    conclusion = models.TextField(_("nhận xét chung"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("đợt tự kiểm tra")
        verbose_name_plural = _("đợt tự kiểm tra")
        ordering = ["-period_end", "-id"]
        indexes = [models.Index(fields=["unit", "period_end"], name="inspection_unit_end")]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "unit", "period_start", "period_end"],
                name="one_inspection_per_template_unit_period",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="inspection_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template} – {self.unit} ({self.period_label})"

    @property
    def period_label(self) -> str:
        return f"{self.period_start:%d/%m/%Y} – {self.period_end:%d/%m/%Y}"


class CriterionScore(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("điểm tự chấm"), max_digits=6, decimal_places=2)
    evidence = models.TextField(_("minh chứng"), blank=True)
    remarks = models.TextField(_("nhận xét"), blank=True)

    class Meta:
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "criterion"], name="one_score_per_criterion"
            ),
            models.CheckConstraint(condition=models.Q(score__gte=0), name="score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


class Finding(models.Model):
    """A shortcoming found by the inspection; it becomes a remediation task in the program."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    criterion = models.ForeignKey(
        Criterion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("tồn tại, hạn chế"))
    task = models.ForeignKey(
        "programs.Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspection_findings",
        verbose_name=_("nhiệm vụ khắc phục"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tồn tại phát hiện")
        verbose_name_plural = _("tồn tại phát hiện")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]
