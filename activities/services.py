"""Every change to activities and anniversaries goes through these functions: each
validates, writes in one transaction and records what changed in the audit log."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.anniversaries import for_unit
from activities.models import Activity, ActivityFile, ActivityKind, Anniversary, Counting
from audit.services import diff, record
from programs.evidence import CheckedFile
from programs.models import FINISHED_STATUSES, TaskStatus
from programs.services import record_task_update

FIELDS = (
    "kind",
    "title",
    "held_on",
    "place",
    "organiser",
    "audience",
    "participants",
    "description",
    "anniversary",
)


def _validate(unit, values: dict, tasks) -> None:
    if values.get("kind") not in ActivityKind.values:
        raise ValidationError(_("Loại hoạt động không hợp lệ."))
    for field, message in (
        ("title", _("Tên hoạt động không được để trống.")),
        ("place", _("Địa điểm không được để trống.")),
        ("organiser", _("Đơn vị, người tổ chức không được để trống.")),
    ):
        if not str(values.get(field) or "").strip():
            raise ValidationError(message)
    if values.get("held_on") is None:
        raise ValidationError(_("Vui lòng nhập ngày tổ chức."))
    participants = values.get("participants") or 0
    if participants < 0:
        raise ValidationError(_("Số người tham dự không được âm."))
    anniversary = values.get("anniversary")
    if anniversary is not None and not for_unit(unit).filter(pk=anniversary.pk).exists():
        raise ValidationError(_("Ngày kỷ niệm không áp dụng cho đơn vị này."))
    for task in tasks:
        if task.unit_id != unit.pk:
            raise ValidationError(_("Nhiệm vụ “%(t)s” không thuộc đơn vị này.") % {"t": task})


def _snapshot(activity: Activity) -> dict:
    snapshot = {field: getattr(activity, field) for field in FIELDS}
    snapshot["kind"] = activity.get_kind_display()
    if activity.pk:
        snapshot["tasks"] = sorted(str(t.pk) for t in activity.tasks.all())
    return snapshot


def _store_files(activity, actor, files: list[CheckedFile], stored: list) -> None:
    for checked in files:
        item = ActivityFile(
            activity=activity,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=actor if actor is not None and actor.is_authenticated else None,
        )
        item.file.save(checked.name, ContentFile(checked.data), save=False)
        stored.append(item.file)
        item.save()


def _note_tasks(activity: Activity, actor, tasks) -> None:
    """A progress note on each task the activity carries out; the status only moves from
    "chưa thực hiện" to "đang thực hiện"."""
    note = _("Đã tổ chức “%(title)s” ngày %(day)s tại %(place)s, %(n)s người tham dự.") % {
        "title": activity.title,
        "day": activity.held_on.strftime("%d/%m/%Y"),
        "place": activity.place,
        "n": activity.participants,
    }
    for task in tasks:
        on_day = timezone.localdate()
        if task.status == TaskStatus.NOT_STARTED:
            status = TaskStatus.IN_PROGRESS
        elif task.status in FINISHED_STATUSES:
            status, on_day = TaskStatus.DONE, task.completed_on or on_day
        else:
            status = task.status
        record_task_update(
            task=task,
            actor=actor,
            status=status,
            progress=task.progress,
            note=note,
            on_day=on_day,
        )


def _save(activity, actor, values, tasks, files, note_tasks, created: bool) -> Activity:
    before = {} if created else _snapshot(activity)
    for field, value in values.items():
        setattr(activity, field, value.strip() if isinstance(value, str) else value)
    activity.save()
    if tasks is not None:
        activity.tasks.set(tasks)
    stored: list = []
    try:
        _store_files(activity, actor, list(files), stored)
        if note_tasks:
            _note_tasks(activity, actor, list(activity.tasks.all()))
    except Exception:
        for f in stored:
            f.storage.delete(f.name)
        raise
    changes = diff(before, _snapshot(activity))
    if files:
        changes["files"] = [None, [f.name for f in files]]
    record(
        actor=actor,
        unit=activity.unit,
        target=activity,
        verb="create" if created else "change",
        summary=(_("Ghi nhận hoạt động: %(a)s") if created else _("Sửa hoạt động: %(a)s"))
        % {"a": activity},
        changes={} if created else changes,
    )
    return activity


@transaction.atomic
def create_activity(
    *, unit, actor, tasks=(), files=(), note_tasks: bool = False, **values
) -> Activity:
    """Record an activity with its files and tasks; with ``note_tasks`` also add a progress
    note to each task it carries out."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"not activity fields: {sorted(unknown)}")
    tasks = list(tasks)
    _validate(unit, values, tasks)
    activity = Activity(
        unit=unit, created_by=actor if actor is not None and actor.is_authenticated else None
    )
    return _save(activity, actor, values, tasks, files, note_tasks, created=True)


@transaction.atomic
def update_activity(
    *, activity: Activity, actor, tasks=None, files=(), note_tasks: bool = False, **values
) -> Activity:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"not activity fields: {sorted(unknown)}")
    merged = {field: getattr(activity, field) for field in FIELDS} | values
    tasks = list(tasks) if tasks is not None else None
    _validate(activity.unit, merged, tasks or [])
    return _save(activity, actor, values, tasks, files, note_tasks, created=False)


@transaction.atomic
def add_anniversary(
    *,
    unit,
    actor,
    name: str,
    month: int,
    base_year: int,
    day: int | None = None,
    counting: str = Counting.YEARS,
) -> Anniversary:
    """A unit's own anniversary, e.g. "thành lập thành phố Vinh", 10/1963."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Tên sự kiện không được để trống."))
    if counting not in Counting.values:
        raise ValidationError(_("Cách đếm không hợp lệ."))
    if base_year > timezone.localdate().year:
        raise ValidationError(_("Năm diễn ra lần đầu không được ở tương lai."))
    try:
        datetime.date(base_year, month, day or 1)
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("Ngày, tháng, năm của sự kiện không hợp lệ.")) from exc
    anniversary = Anniversary.objects.create(
        unit=unit, name=name, day=day, month=month, base_year=base_year, counting=counting
    )
    record(
        actor=actor,
        unit=unit,
        target=anniversary,
        verb="create",
        summary=_("Thêm ngày kỷ niệm: %(a)s") % {"a": anniversary},
    )
    return anniversary


@transaction.atomic
def remove_anniversary(*, anniversary: Anniversary, actor) -> None:
    if anniversary.unit is None:
        raise ValidationError(_("Không xóa được ngày kỷ niệm chung của cả nước."))
    record(
        actor=actor,
        unit=anniversary.unit,
        target=anniversary,
        verb="delete",
        summary=_("Xóa ngày kỷ niệm: %(a)s") % {"a": anniversary},
    )
    anniversary.delete()
