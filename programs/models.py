"""A unit's annual work program and the tasks it sets.

The program keeps the data of the document it came from (type, number, place and date,
title, signer, recipients) and its structure: key tasks, scheduled tasks by period, and the
implementation clauses. Each task carries a due date derived from its period, the people in
charge, a status and a progress, and a history of updates with evidence files.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from documents.importing.periods import is_valid_period, period_label, period_quarter
from dvcq.storage import evidence_storage as _evidence_storage
from dvcq.text import fold


class ProgramStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class Program(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="programs")
    year = models.PositiveSmallIntegerField(_("năm"))
    doc_type = models.CharField(_("loại văn bản"), max_length=40, default="Chương trình")
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    place = models.CharField(_("địa danh"), max_length=120, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    title = models.CharField(_("trích yếu"), max_length=400)
    issuer_lines = models.JSONField(_("cơ quan ban hành"), default=list, blank=True)
    preamble = models.TextField(
        _("phần mở đầu"),
        blank=True,
        help_text=_("Đoạn giữa trích yếu và phần I (“Thực hiện …, … như sau:”)."),
    )
    sections = models.JSONField(_("các phần"), default=list, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    signer_capacity = models.CharField(_("thẩm quyền ký"), max_length=80, blank=True)
    signer_title = models.CharField(_("chức danh người ký"), max_length=120, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    anniversaries = models.JSONField(_("ngày kỷ niệm"), default=list, blank=True)
    source_name = models.CharField(_("tệp nguồn"), max_length=255, blank=True)
    source_text = models.TextField(_("văn bản gốc"), blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=ProgramStatus.choices, default=ProgramStatus.ISSUED
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_programs",
        verbose_name=_("xây dựng từ chương trình"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("chương trình công tác")
        verbose_name_plural = _("chương trình công tác")
        ordering = ["unit", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_program_per_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.doc_type} {self.title}"

    @property
    def heading(self) -> str:
        return f"{self.doc_type.upper()} {self.title}"

    @property
    def place_and_date(self) -> str:
        if self.issued_on:
            # Decree 30/2020: a leading zero for days below 10 and for months 1 and 2 only.
            d = self.issued_on
            month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
            return f"{self.place}, ngày {d.day:02d} tháng {month} năm {d.year}"
        return f"{self.place}, ngày    tháng    năm {self.year}"


class TaskKind(models.TextChoices):
    FOCUS = "focus", _("Nhiệm vụ trọng tâm")
    SCHEDULED = "scheduled", _("Nhiệm vụ cụ thể")
    ORGANIZATION = "organization", _("Tổ chức thực hiện")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    DONE_LATE = "done_late", _("Hoàn thành quá hạn")
    OVERDUE = "overdue", _("Quá hạn")
    PAUSED = "paused", _("Tạm dừng")


class TaskOrigin(models.TextChoices):
    """Where a task came from; a re-import of the document touches only ``DOCUMENT`` tasks."""

    DOCUMENT = "document", _("Từ văn bản chương trình")
    MEETING = "meeting", _("Từ kết luận cuộc họp")
    INSPECTION = "inspection", _("Từ tự kiểm tra")
    MANUAL = "manual", _("Thêm trực tiếp")


# The fields a person may set by hand that the document also sets (through the period and
# the review screen's "người chủ trì"), or that a re-import must never clear.
MANUAL_FIELDS = ("due_date", "responsible", "cooperators", "hamlets")


OPEN_STATUSES = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)
FINISHED_STATUSES = (TaskStatus.DONE, TaskStatus.DONE_LATE)
# What a user may set; "quá hạn" and "hoàn thành quá hạn" follow from the dates.
SETTABLE_STATUSES = (
    TaskStatus.NOT_STARTED,
    TaskStatus.IN_PROGRESS,
    TaskStatus.DONE,
    TaskStatus.PAUSED,
)


class TaskQuerySet(models.QuerySet):
    def with_effective_status(self, today=None):
        """Annotate ``effective_status``: an open task past its due date is "quá hạn"."""
        today = today or timezone.localdate()
        return self.annotate(
            effective_status=Case(
                When(
                    Q(status__in=OPEN_STATUSES) & Q(due_date__lt=today),
                    then=Value(TaskStatus.OVERDUE.value),
                ),
                default=F("status"),
                output_field=models.CharField(),
            )
        )

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status__in=OPEN_STATUSES, due_date__lt=today)

    def trackable(self):
        return self.exclude(kind=TaskKind.ORGANIZATION)


class ActiveTaskManager(models.Manager.from_queryset(TaskQuerySet)):
    """Tasks still in the program's document; withdrawn ones stay only as history."""

    def get_queryset(self):
        return super().get_queryset().filter(withdrawn=False)


def task_quarter(period: str, due_date, year: int) -> int:
    """The quarter a task belongs to: the one its period names (decision 0013), else the
    quarter of its due date."""
    if period and is_valid_period(period):
        return period_quarter(period, year)
    return (due_date.month - 1) // 3 + 1


class Task(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="tasks")
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="tasks", editable=False
    )
    kind = models.CharField(_("loại"), max_length=20, choices=TaskKind.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("nội dung"))
    search_text = models.TextField(editable=False, default="")
    period = models.CharField(_("thời gian thực hiện"), max_length=255, blank=True)
    due_date = models.DateField(_("hạn hoàn thành"))
    quarter = models.PositiveSmallIntegerField(_("quý"), editable=False)
    responsible = models.ForeignKey(
        "committee.CommitteeMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks_in_charge",
        verbose_name=_("người chủ trì"),
    )
    responsible_office = models.CharField(_("bộ phận chủ trì"), max_length=200, blank=True)
    cooperators = models.ManyToManyField(
        "committee.CommitteeMember",
        blank=True,
        related_name="tasks_cooperating",
        verbose_name=_("người phối hợp"),
    )
    hamlets = models.ManyToManyField(
        "units.Hamlet", blank=True, related_name="tasks", verbose_name=_("thôn, xóm")
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("tiến độ (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    origin = models.CharField(
        _("nguồn"), max_length=12, choices=TaskOrigin.choices, default=TaskOrigin.MANUAL
    )
    manual_fields = models.JSONField(
        _("đã sửa tay"),
        default=list,
        blank=True,
        help_text=_("Những trường người dùng đã sửa, được giữ khi nhập lại văn bản."),
    )
    withdrawn = models.BooleanField(
        _("đã bỏ khỏi văn bản"),
        default=False,
        help_text=_("Mục không còn trong bản cập nhật của văn bản; giữ lại làm lịch sử."),
    )
    needs_review = models.BooleanField(
        _("cần rà soát"), default=False, help_text=_("Mục chuyển từ chương trình năm trước.")
    )
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("chuyển từ nhiệm vụ"),
    )

    objects = ActiveTaskManager()
    all_objects = models.Manager()  # noqa: DJ012 - after the default manager on purpose

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["program", "position"]
        indexes = [
            # Dashboard and task list: tasks of a unit by due date and status.
            models.Index(fields=["unit", "due_date", "status"], name="task_unit_due_status"),
            # A program's tasks by quarter; the rest lets the parent's dashboard count them
            # from the index alone (reports.figures).
            models.Index(
                fields=["program", "quarter", "unit", "status", "due_date", "withdrawn", "kind"],
                name="task_program_figures",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="task_progress_0_100"
            )
        ]

    def __str__(self) -> str:
        return self.short_text

    def save(self, *args, **kwargs):
        if self.unit_id is None:
            self.unit_id = self.program.unit_id
        self.quarter = task_quarter(self.period, self.due_date, self.program.year)
        self.search_text = fold(self.text)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "quarter", "search_text"}
        super().save(*args, **kwargs)

    @property
    def short_text(self) -> str:
        text = self.text.strip()
        return text if len(text) <= 110 else text[:107].rsplit(" ", 1)[0] + "…"

    @property
    def period_label(self) -> str:
        return period_label(self.period or None)

    @cached_property
    def current_status(self) -> str:
        """The status a user sees, taking the due date into account."""
        annotated = getattr(self, "effective_status", None)
        if annotated:
            return annotated
        if self.status in OPEN_STATUSES and self.due_date < timezone.localdate():
            return TaskStatus.OVERDUE.value
        return self.status

    @property
    def current_status_label(self) -> str:
        return TaskStatus(self.current_status).label


class ProgramRevision(models.Model):
    """One re-import of a program's document, with what it replaced, so it can be undone.

    ``before`` keeps the program's document data and citations as they were; ``tasks`` one
    entry per task the re-import touched: ``{"id", "action": added|changed|withdrawn,
    "before": {...}, "after": {...}}`` (field values as JSON)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="revisions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    source_name = models.CharField(_("tệp nguồn"), max_length=255, blank=True)
    before = models.JSONField(default=dict)
    tasks = models.JSONField(default=list)
    restored_at = models.DateTimeField(_("đã khôi phục lúc"), null=True, blank=True)
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("lần nhập lại văn bản")
        verbose_name_plural = _("lần nhập lại văn bản")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.program} – {self.created_at:%d/%m/%Y %H:%M}"


class TaskUpdate(models.Model):
    """One report of progress on a task: the new status and progress, a note, evidence."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(_("trạng thái"), max_length=20, choices=TaskStatus.choices)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"))
    note = models.TextField(_("ghi chú"), blank=True)
    sample = models.BooleanField(
        _("dữ liệu mẫu"), default=False, help_text=_("Ghi nhận mẫu do lệnh nạp dữ liệu demo tạo.")
    )

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.get_status_display()} {self.progress}%"


def evidence_storage():
    """The ``STORAGES["evidence"]`` alias (a folder or a private bucket, ``dvcq.storage``);
    referred to by the migrations of every model with an uploaded file."""
    return _evidence_storage


def evidence_path(instance: "Evidence", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{instance.task.unit_id}/{instance.task.program.year}/{uuid.uuid4().hex}.{extension}"


class Evidence(models.Model):
    """A file proving a task's progress, kept outside the web root."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="evidence")
    update = models.ForeignKey(
        TaskUpdate, on_delete=models.CASCADE, related_name="evidence", null=True
    )
    file = models.FileField(storage=evidence_storage, upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.original_name
