"""Background jobs, queued in the database.

A job is one unit of long work (the daily reminder pass, an import of many files, a report)
with its state kept in the database whatever queue carries it, so a page can show its
progress. Workers claim a job with a conditional UPDATE (healthchecks' ``sendalerts``): the
row changes from queued to running for exactly one of them.

Each worker also writes a ``WorkerHeartbeat`` every round, so a job page can tell when no
worker is running at all.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")


class Job(models.Model):
    kind = models.CharField(_("loại việc"), max_length=80)
    payload = models.JSONField(_("tham số"), default=dict, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    run_at = models.DateTimeField(_("chạy từ"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("số lần chạy tối đa"), default=5)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    locked_by = models.CharField(_("tiến trình giữ việc"), max_length=120, blank=True)
    locked_until = models.DateTimeField(_("giữ việc đến"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    progress_note = models.CharField(_("đang làm"), max_length=200, blank=True)
    result = models.JSONField(_("kết quả"), null=True, blank=True)
    # Scheduled jobs get one row per slot ("reminders.daily_pass:2024-05-06"), so two workers
    # scheduling the same slot create it once.
    unique_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người yêu cầu"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("việc chạy nền")
        verbose_name_plural = _("việc chạy nền")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The claim: WHERE status='queued' AND run_at <= now ORDER BY run_at, id.
            models.Index(
                fields=["run_at", "id"], name="job_queued_run_at", condition=Q(status="queued")
            ),
            # Recovering jobs of a dead worker: WHERE status='running' AND locked_until < now.
            models.Index(
                fields=["locked_until"], name="job_running_lock", condition=Q(status="running")
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="job_progress_0_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.get_status_display()})"

    @property
    def result_rows(self) -> list[tuple[str, str, list]]:
        """The result in words, for the job's page (see jobs/results.py)."""
        from jobs.results import result_rows

        return result_rows(self.result)

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def label(self) -> str:
        from jobs import registry

        return registry.label_of(self.kind)


class WorkerHeartbeat(models.Model):
    """When a worker (``dvcq worker``) was last seen: one row per worker process, written at
    each round and at each progress report of a job it runs."""

    worker_id = models.CharField(_("tiến trình"), max_length=120, unique=True)
    seen_at = models.DateTimeField(_("lần cuối hoạt động"), db_index=True)

    class Meta:
        verbose_name = _("tiến trình nền")
        verbose_name_plural = _("tiến trình nền")
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.seen_at:%d/%m/%Y %H:%M:%S})"
