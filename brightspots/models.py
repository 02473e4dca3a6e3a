"""Bright spots (điểm sáng) and "Dân vận khéo" models: registered by a unit, a hamlet, an
agency or a person, carried out with progress reports and evidence, evaluated against criteria
by the steering committee and recognised by a decision (fact sheet §4.3)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programs.models import evidence_storage


class RegistrantKind(models.TextChoices):
    UNIT = "unit", _("Đơn vị (xã, phường)")
    HAMLET = "hamlet", _("Thôn, xóm, tổ dân phố")
    AGENCY = "agency", _("Cơ quan, đoàn thể")
    PERSON = "person", _("Cá nhân")


class Field(models.TextChoices):
    ECONOMY = "economy", _("Kinh tế")
    SOCIETY = "society", _("Văn hóa - xã hội")
    DEFENCE = "defence", _("Quốc phòng - an ninh")
    POLITICAL = "political", _("Xây dựng hệ thống chính trị")


class SpotStatus(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    EVALUATED = "evaluated", _("Đã đánh giá")
    RECOGNISED = "recognised", _("Đã công nhận")
    NOT_RECOGNISED = "not_recognised", _("Không đạt")


class BrightSpot(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="bright_spots")
    registrant_kind = models.CharField(
        _("đăng ký bởi"), max_length=10, choices=RegistrantKind.choices
    )
    hamlet = models.ForeignKey(
        "units.Hamlet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bright_spots",
        verbose_name=_("thôn, xóm"),
    )
    registrant_name = models.CharField(
        _("tên cơ quan, cá nhân đăng ký"), max_length=200, blank=True
    )
    name = models.CharField(_("tên điểm sáng, mô hình"), max_length=300)
    field = models.CharField(_("lĩnh vực"), max_length=12, choices=Field.choices)
    goal = models.TextField(_("mục tiêu, nội dung"))
    start_date = models.DateField(_("thời gian bắt đầu"))
    end_date = models.DateField(_("thời gian kết thúc"))
    person_in_charge = models.CharField(_("người phụ trách"), max_length=200)
    task = models.ForeignKey(
        "programs.Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bright_spots",
        verbose_name=_("theo nhiệm vụ"),
    )
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=SpotStatus.choices, default=SpotStatus.REGISTERED
    )
    registered_on = models.DateField(_("ngày đăng ký"), default=timezone.localdate)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_issuer = models.CharField(_("cơ quan công nhận"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("điểm sáng, mô hình")
        verbose_name_plural = _("điểm sáng, mô hình")
        ordering = ["-registered_on", "name"]
        indexes = [models.Index(fields=["unit", "registered_on"], name="spot_unit_registered")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="spot_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def registrant(self) -> str:
        if self.registrant_kind == RegistrantKind.UNIT:
            return str(self.unit)
        if self.registrant_kind == RegistrantKind.HAMLET and self.hamlet_id:
            return str(self.hamlet)
        return self.registrant_name


class ProgressReport(models.Model):
    spot = models.ForeignKey(BrightSpot, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("ngày báo cáo"), default=timezone.localdate)
    note = models.TextField(_("kết quả thực hiện"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("báo cáo tiến độ điểm sáng")
        verbose_name_plural = _("báo cáo tiến độ điểm sáng")
        ordering = ["-reported_on", "-id"]

    def __str__(self) -> str:
        return f"{self.spot_id} {self.reported_on}"


def spot_evidence_path(instance: "SpotEvidence", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"diem-sang/{instance.report.spot.unit_id}/{uuid.uuid4().hex}.{extension}"


class SpotEvidence(models.Model):
    """An evidence file of a progress report, kept outside the web root."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(storage=evidence_storage, upload_to=spot_evidence_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("minh chứng điểm sáng")
        verbose_name_plural = _("minh chứng điểm sáng")

    def __str__(self) -> str:
        return self.original_name


class EvaluationCriterion(models.Model):
    """A criterion the committee checks (seeded with the usual ones, editable in the admin)."""

    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.CharField(_("tiêu chí"), max_length=300)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("tiêu chí đánh giá điểm sáng")
        verbose_name_plural = _("tiêu chí đánh giá điểm sáng")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text


class Evaluation(models.Model):
    spot = models.ForeignKey(BrightSpot, on_delete=models.CASCADE, related_name="evaluations")
    evaluated_on = models.DateField(_("ngày đánh giá"))
    passed = models.BooleanField(_("đạt"))
    conclusion = models.TextField(_("kết luận"), blank=True)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("đánh giá điểm sáng")
        verbose_name_plural = _("đánh giá điểm sáng")
        ordering = ["-evaluated_on", "-id"]

    def __str__(self) -> str:
        return f"{self.spot_id} {self.evaluated_on}"


class EvaluationResult(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="results")
    criterion = models.ForeignKey(EvaluationCriterion, on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField(_("đạt tiêu chí"))
    remarks = models.CharField(_("nhận xét"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="one_result_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {'✓' if self.met else '✗'}"
