"""Every change to self-inspections goes through these functions: validated, written in one
transaction, audited."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import diff, record
from inspections import scoring
from inspections.models import (
    ChecklistTemplate,
    Criterion,
    CriterionScore,
    Finding,
    Inspection,
    InspectionStatus,
)
from programs.models import Program, TaskOrigin
from programs.services import add_task


def criteria_of(template: ChecklistTemplate) -> list[Criterion]:
    return list(
        Criterion.objects.filter(section__template=template)
        .select_related("section")
        .order_by("section__position", "position")
    )


@transaction.atomic
def start_inspection(
    *,
    template: ChecklistTemplate,
    unit,
    period_start: datetime.date,
    period_end: datetime.date,
    actor,
) -> Inspection:
    """Open a self-inspection of ``unit`` over a period with a template."""
    if period_end < period_start:
        raise ValidationError(_("Ngày kết thúc kỳ kiểm tra phải sau ngày bắt đầu."))
    if Inspection.objects.filter(
        template=template, unit=unit, period_start=period_start, period_end=period_end
    ).exists():
        raise ValidationError(
            _("Đơn vị đã có đợt tự kiểm tra “%(t)s” cho kỳ này.") % {"t": template.name}
        )
    inspection = Inspection.objects.create(
        template=template,
        unit=unit,
        period_start=period_start,
        period_end=period_end,
        created_by=actor,
    )
    record(
        actor=actor,
        unit=unit,
        target=inspection,
        verb="create",
        summary=_("Mở đợt tự kiểm tra: %(t)s, %(p)s")
        % {"t": template.name, "p": inspection.period_label},
    )
    return inspection


def _parse_score(raw, criterion: Criterion) -> Decimal | None:
    if raw is None or str(raw).strip() == "":
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationError(
            _("Điểm của tiêu chí “%(c)s” phải là một số.") % {"c": criterion.text[:80]}
        ) from exc
    if not value.is_finite() or value < 0 or value > criterion.max_points:
        raise ValidationError(
            _("Điểm của tiêu chí “%(c)s” phải từ 0 đến %(max)s.")
            % {"c": criterion.text[:80], "max": _points(criterion.max_points)}
        )
    return value


def _points(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else str(value)


@transaction.atomic
def save_scores(
    *,
    inspection: Inspection,
    actor,
    entries: dict,
    conclusion: str | None = None,
    finish: bool = False,
) -> Inspection:
    """Record the score, evidence and remarks of each criterion and recompute the result.

    ``entries`` maps a criterion id to ``{"score": ..., "evidence": ..., "remarks": ...}``.
    Every score is checked first (0 to the criterion's maximum); if one is wrong nothing is
    saved and a ``ValidationError`` lists every wrong score. Finishing needs every ordinary
    criterion scored.
    """
    criteria = criteria_of(inspection.template)
    errors, parsed = [], {}
    for criterion in criteria:
        entry = entries.get(criterion.pk, {})
        try:
            parsed[criterion.pk] = _parse_score(entry.get("score"), criterion)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    if finish:
        missing = [c for c in criteria if c.kind == "scored" and parsed.get(c.pk) is None]
        if missing:
            raise ValidationError(
                _("Chưa chấm điểm tiêu chí: %(c)s.")
                % {"c": "; ".join(c.text[:60] for c in missing)}
            )
    existing = {s.criterion_id: s for s in inspection.scores.all()}
    before = {"total": inspection.total, "rating": inspection.rating}
    for criterion in criteria:
        entry = entries.get(criterion.pk, {})
        value = parsed[criterion.pk]
        score = existing.get(criterion.pk)
        if value is None:
            if score is not None:
                score.delete()
            continue
        if score is None:
            score = CriterionScore(inspection=inspection, criterion=criterion)
        score.score = value
        score.evidence = (entry.get("evidence") or "").strip()
        score.remarks = (entry.get("remarks") or "").strip()
        score.save()
    values = {pk: v for pk, v in parsed.items() if v is not None}
    inspection.total = scoring.total_of(criteria, values)
    inspection.rating = scoring.rating_of(
        inspection.template,
        list(inspection.template.ratings.order_by("-min_points")),
        inspection.total,
        scoring.has_zero(criteria, values),
    )
    if conclusion is not None:
        inspection.conclusion = conclusion.strip()
    if finish:
        inspection.status = InspectionStatus.DONE
    inspection.save()
    record(
        actor=actor,
        unit=inspection.unit,
        target=inspection,
        verb="update",
        summary=_("Chấm điểm tự kiểm tra: %(total)s điểm, %(rating)s")
        % {"total": _points(inspection.total), "rating": inspection.rating},
        changes=diff(before, {"total": inspection.total, "rating": inspection.rating}),
    )
    return inspection


@transaction.atomic
def add_finding(
    *,
    inspection: Inspection,
    actor,
    text: str,
    criterion: Criterion | None = None,
    due_date: datetime.date | None = None,
) -> Finding:
    """Record a shortcoming and add its remediation task to the unit's program of the year
    the inspection period ends in."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Nội dung tồn tại, hạn chế không được để trống."))
    if criterion is not None and criterion.section.template_id != inspection.template_id:
        raise ValidationError(_("Tiêu chí không thuộc bộ tiêu chí của đợt kiểm tra này."))
    year = inspection.period_end.year
    program = Program.objects.filter(unit=inspection.unit, year=year).first()
    if program is None:
        raise ValidationError(
            _("Đơn vị chưa có chương trình công tác năm %(year)s để giao nhiệm vụ khắc phục.")
            % {"year": year}
        )
    task = add_task(
        program=program,
        actor=actor,
        text=_("Khắc phục tồn tại qua tự kiểm tra: %(text)s") % {"text": text},
        due_date=due_date,
        source=_("tự kiểm tra %(p)s") % {"p": inspection.period_label},
        origin=TaskOrigin.INSPECTION,
    )
    finding = Finding.objects.create(
        inspection=inspection, criterion=criterion, text=text, task=task, created_by=actor
    )
    record(
        actor=actor,
        unit=inspection.unit,
        target=inspection,
        verb="create",
        summary=_("Ghi nhận tồn tại, giao nhiệm vụ khắc phục: %(text)s") % {"text": text},
    )
    return finding
