"""Every change to bright spots goes through these functions: validated, written in one
transaction, audited. ``summary`` gives reports their figures in one query."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from brightspots.models import (
    BrightSpot,
    Evaluation,
    EvaluationCriterion,
    EvaluationResult,
    Field,
    ProgressReport,
    RegistrantKind,
    SpotEvidence,
    SpotStatus,
)
from dvcq.text import fold
from programs.evidence import CheckedFile
from programs.models import Task

REGISTRATION_WORDS = "diem sang"  # folded: the program task that asks for registrations


def registration_tasks(unit):
    """The unit's program tasks about bright spots (e.g. the seed's Quý I "đăng ký xây dựng
    và thực hiện điểm sáng"), newest program first."""
    return (
        Task.objects.filter(unit=unit, search_text__contains=REGISTRATION_WORDS)
        .select_related("program")
        .order_by("-program__year", "position")
    )


def default_task(unit, year: int):
    """The registration task of the unit's program for ``year``: the one mentioning
    "đăng ký", else the first about bright spots."""
    tasks = [t for t in registration_tasks(unit) if t.program.year == year]
    for task in tasks:
        if "dang ky" in fold(task.text):
            return task
    return tasks[0] if tasks else None


@transaction.atomic
def register(*, unit, actor, **data) -> BrightSpot:
    """Register a bright spot of ``unit``; ``data`` holds the model's registration fields."""
    spot = BrightSpot(unit=unit, created_by=actor, **data)
    _validate(spot)
    spot.save()
    record(
        actor=actor,
        unit=unit,
        target=spot,
        verb="create",
        summary=_("Đăng ký điểm sáng: %(name)s") % {"name": spot.name},
    )
    return spot


def _validate(spot: BrightSpot) -> None:
    errors = []
    if not spot.name.strip():
        errors.append(_("Tên điểm sáng không được để trống."))
    if spot.start_date and spot.end_date and spot.end_date < spot.start_date:
        errors.append(_("Thời gian kết thúc phải sau thời gian bắt đầu."))
    if spot.registrant_kind == RegistrantKind.HAMLET:
        if spot.hamlet is None:
            errors.append(_("Vui lòng chọn thôn, xóm đăng ký."))
        elif spot.hamlet.unit_id != spot.unit_id:
            errors.append(_("Thôn, xóm không thuộc đơn vị này."))
    if (
        spot.registrant_kind in (RegistrantKind.AGENCY, RegistrantKind.PERSON)
        and not (spot.registrant_name or "").strip()
    ):
        errors.append(_("Vui lòng nhập tên cơ quan hoặc cá nhân đăng ký."))
    if spot.task is not None and spot.task.unit_id != spot.unit_id:
        errors.append(_("Nhiệm vụ không thuộc chương trình của đơn vị này."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def report_progress(
    *,
    spot: BrightSpot,
    actor,
    note: str,
    files: list[CheckedFile] = (),
    on_day: datetime.date | None = None,
) -> ProgressReport:
    """A progress report with its evidence (already checked by content). If anything fails
    nothing is saved and the files written so far are removed."""
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Vui lòng nhập kết quả thực hiện."))
    report = ProgressReport.objects.create(
        spot=spot, note=note, author=actor, reported_on=on_day or timezone.localdate()
    )
    stored = []
    try:
        for checked in files:
            evidence = SpotEvidence(
                report=report,
                original_name=checked.name,
                content_type=checked.content_type,
                size=checked.size,
                sha256=checked.sha256,
            )
            evidence.file.save(checked.name, ContentFile(checked.data), save=False)
            stored.append(evidence.file)
            evidence.save()
    except Exception:
        for f in stored:
            f.storage.delete(f.name)
        raise
    if spot.status == SpotStatus.REGISTERED:
        spot.status = SpotStatus.IN_PROGRESS
        spot.save(update_fields=["status"])
    record(
        actor=actor,
        unit=spot.unit,
        target=spot,
        verb="update",
        summary=_("Báo cáo tiến độ điểm sáng (%(n)s tệp minh chứng)") % {"n": len(files)},
        changes={"note": [None, note]},
    )
    return report


@transaction.atomic
def evaluate(
    *,
    spot: BrightSpot,
    actor,
    results: dict,
    passed: bool,
    conclusion: str = "",
    on_day: datetime.date | None = None,
) -> Evaluation:
    """The committee's evaluation: ``results`` maps each active criterion id to
    ``(met, remarks)``; every active criterion must be answered."""
    criteria = list(EvaluationCriterion.objects.filter(active=True))
    missing = [c.text for c in criteria if c.pk not in results]
    if missing:
        raise ValidationError(_("Chưa đánh giá tiêu chí: %(c)s.") % {"c": "; ".join(missing)})
    evaluation = Evaluation.objects.create(
        spot=spot,
        evaluated_on=on_day or timezone.localdate(),
        passed=passed,
        conclusion=(conclusion or "").strip(),
        evaluator=actor,
    )
    EvaluationResult.objects.bulk_create(
        EvaluationResult(
            evaluation=evaluation, criterion=c, met=results[c.pk][0], remarks=results[c.pk][1]
        )
        for c in criteria
    )
    before = spot.get_status_display()
    spot.status = SpotStatus.EVALUATED if passed else SpotStatus.NOT_RECOGNISED
    spot.save(update_fields=["status"])
    met = sum(1 for c in criteria if results[c.pk][0])
    record(
        actor=actor,
        unit=spot.unit,
        target=spot,
        verb="update",
        summary=_("Đánh giá điểm sáng: đạt %(met)s/%(total)s tiêu chí, %(result)s")
        % {"met": met, "total": len(criteria), "result": _("đạt") if passed else _("không đạt")},
        changes={"status": [before, spot.get_status_display()]},
    )
    return evaluation


@transaction.atomic
def recognise(
    *, spot: BrightSpot, actor, decision_number: str, decision_date: datetime.date, issuer: str = ""
) -> BrightSpot:
    """Record the recognition decision; only after an evaluation that passed."""
    latest = spot.evaluations.order_by("-evaluated_on", "-id").first()
    if latest is None or not latest.passed:
        raise ValidationError(_("Chỉ công nhận điểm sáng đã được Ban Chỉ đạo đánh giá đạt."))
    if not (decision_number or "").strip():
        raise ValidationError(_("Vui lòng nhập số quyết định công nhận."))
    if decision_date < spot.start_date:
        raise ValidationError(_("Ngày quyết định công nhận không thể trước ngày bắt đầu."))
    spot.decision_number = decision_number.strip()
    spot.decision_date = decision_date
    spot.decision_issuer = (issuer or "").strip()
    spot.status = SpotStatus.RECOGNISED
    spot.save(update_fields=["decision_number", "decision_date", "decision_issuer", "status"])
    record(
        actor=actor,
        unit=spot.unit,
        target=spot,
        verb="update",
        summary=_("Công nhận điểm sáng theo Quyết định số %(n)s ngày %(d)s")
        % {"n": spot.decision_number, "d": decision_date.strftime("%d/%m/%Y")},
    )
    return spot


def summary(units, start: datetime.date, end: datetime.date) -> dict:
    """Bright spots of ``units`` (a queryset or list of units) over a period, in one query:
    registered in the period, recognised in the period, still being carried out, and the
    registrations per field."""
    spots = BrightSpot.objects.filter(unit__in=units)
    registered = Q(registered_on__gte=start, registered_on__lte=end)
    row = spots.aggregate(
        registered=Count("pk", filter=registered),
        recognised=Count("pk", filter=Q(decision_date__gte=start, decision_date__lte=end)),
        in_progress=Count(
            "pk",
            filter=Q(start_date__lte=end, end_date__gte=start)
            & Q(status__in=[SpotStatus.REGISTERED, SpotStatus.IN_PROGRESS]),
        ),
        **{f"field_{f.value}": Count("pk", filter=registered & Q(field=f.value)) for f in Field},
    )
    row["by_field"] = {f.label: row.pop(f"field_{f.value}") for f in Field}
    return row
