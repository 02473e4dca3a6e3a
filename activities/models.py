"""Activities the commune organises to carry out its program: propaganda, legal
dissemination, training, commemorations and study sessions, with their participants,
materials and photos, and the program tasks they carry out.

Anniversaries are data: the date of the event being remembered, from which the ordinal of
any year is computed ("133 năm ngày sinh Chủ tịch Hồ Chí Minh" in 2023), never typed.
National ones are seeded; each unit may add its own ("thành lập thành phố Vinh").
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programs.models import evidence_storage


class Counting(models.TextChoices):
    YEARS = "years", _("Số năm (“133 năm ngày sinh”)")
    EDITIONS = "editions", _("Lần thứ (“lần thứ 11”, tính cả năm đầu tiên)")


class Anniversary(models.Model):
    """An event remembered every year; ``unit`` is empty for national ones."""

    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="anniversaries",
        verbose_name=_("đơn vị"),
        help_text=_("Để trống với ngày kỷ niệm cả nước."),
    )
    name = models.CharField(
        _("tên sự kiện"),
        max_length=200,
        help_text=_("Ví dụ: ngày sinh Chủ tịch Hồ Chí Minh; thành lập thành phố Vinh"),
    )
    day = models.PositiveSmallIntegerField(
        _("ngày"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    month = models.PositiveSmallIntegerField(
        _("tháng"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    base_year = models.PositiveSmallIntegerField(_("năm diễn ra lần đầu"))
    counting = models.CharField(
        _("cách đếm"), max_length=10, choices=Counting.choices, default=Counting.YEARS
    )

    class Meta:
        verbose_name = _("ngày kỷ niệm")
        verbose_name_plural = _("ngày kỷ niệm")
        ordering = ["month", "day", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="anniversary_month_1_12"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.date_label})"

    @property
    def date_label(self) -> str:
        if self.day:
            return f"{self.day}/{self.month}/{self.base_year}"
        return f"{self.month}/{self.base_year}"

    @property
    def is_national(self) -> bool:
        return self.unit_id is None


class ActivityKind(models.TextChoices):
    PROPAGANDA = "propaganda", _("Tuyên truyền")
    LEGAL = "legal", _("Phổ biến, giáo dục pháp luật")
    TRAINING = "training", _("Tập huấn, bồi dưỡng")
    COMMEMORATION = "commemoration", _("Kỷ niệm ngày lễ")
    STUDY = "study", _("Học tập, quán triệt")
    OTHER = "other", _("Hoạt động khác")


class Activity(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="activities")
    kind = models.CharField(_("loại hoạt động"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("tên hoạt động"), max_length=300)
    held_on = models.DateField(_("ngày tổ chức"))
    place = models.CharField(_("địa điểm"), max_length=200)
    organiser = models.CharField(_("đơn vị, người tổ chức"), max_length=200)
    audience = models.CharField(_("đối tượng"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("số người tham dự"), default=0)
    description = models.TextField(_("nội dung, kết quả"), blank=True)
    anniversary = models.ForeignKey(
        Anniversary,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("kỷ niệm"),
    )
    tasks = models.ManyToManyField(
        "programs.Task", blank=True, related_name="activities", verbose_name=_("thực hiện nhiệm vụ")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["unit", "held_on", "kind"], name="activity_unit_day_kind")]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    @property
    def anniversary_label(self) -> str:
        if self.anniversary is None:
            return ""
        from activities.anniversaries import label

        return label(self.anniversary, self.held_on.year)


def activity_file_path(instance: "ActivityFile", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    activity = instance.activity
    return f"activities/{activity.unit_id}/{activity.held_on.year}/{uuid.uuid4().hex}.{extension}"


class ActivityFile(models.Model):
    """A material or photo of an activity: checked by content, stored with the evidence
    files outside the web root, handed out only by the permission-checked view."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(storage=evidence_storage, upload_to=activity_file_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tài liệu, hình ảnh")
        verbose_name_plural = _("tài liệu, hình ảnh")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_photo(self) -> bool:
        return self.content_type.startswith("image/")
