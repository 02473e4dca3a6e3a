"""Pages of self-inspection: the list, the score sheet, the result with its findings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_visible_or_404, manages_unit, scoped
from audit.services import history_of
from inspections import services
from inspections.forms import FindingForm, ScoreSheetForm, StartInspectionForm
from inspections.models import Inspection


def _inspection_for(request, pk: int) -> Inspection:
    return get_visible_or_404(
        Inspection.objects.select_related("template", "unit"), request.user, pk=pk
    )


@login_required
def inspection_list(request, start_form=None, status=200):
    inspections = scoped(
        Inspection.objects.select_related("template", "unit"), request.user
    ).order_by("-period_end", "unit__name")
    can_start = request.user.unit is not None and manages_unit(request.user, request.user.unit)
    context = {
        "inspections": inspections,
        "start_form": (start_form or StartInspectionForm()) if can_start else None,
    }
    return render(request, "inspections/inspection_list.html", context, status=status)


@login_required
@require_POST
def inspection_start(request):
    unit = request.user.unit
    if unit is None or not manages_unit(request.user, unit):
        raise Http404
    form = StartInspectionForm(request.POST)
    if form.is_valid():
        try:
            inspection = services.start_inspection(
                unit=unit, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã mở đợt tự kiểm tra; mời chấm điểm từng tiêu chí."))
            return redirect("inspections:score", pk=inspection.pk)
    return inspection_list(request, start_form=form, status=400)


def _sections(inspection, scores):
    """Sections with their criteria, each criterion carrying its saved score (or None)."""
    sections = {}
    for criterion in services.criteria_of(inspection.template):
        criterion.saved = scores.get(criterion.pk)
        sections.setdefault(criterion.section, []).append(criterion)
    return list(sections.items())


@login_required
def inspection_score(request, pk: int):
    inspection = _inspection_for(request, pk)
    if not manages_unit(request.user, inspection.unit):
        raise Http404
    criteria = services.criteria_of(inspection.template)
    scores = {s.criterion_id: s for s in inspection.scores.all()}
    form = ScoreSheetForm(
        request.POST or None,
        criteria=criteria,
        scores=scores,
        initial={"conclusion": inspection.conclusion},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_scores(
                    inspection=inspection,
                    actor=request.user,
                    entries=form.entries(),
                    conclusion=form.cleaned_data["conclusion"],
                    finish=form.cleaned_data["finish"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã lưu điểm tự kiểm tra."))
                return redirect("inspections:detail", pk=inspection.pk)
        status = 400
    rows, current = [], None
    for criterion, score, evidence, remarks in form.rows():
        heading = criterion.section if criterion.section != current else None
        current = criterion.section
        rows.append((heading, criterion, score, evidence, remarks))
    return render(
        request,
        "inspections/inspection_score.html",
        {"inspection": inspection, "form": form, "rows": rows},
        status=status,
    )


@login_required
def inspection_detail(request, pk: int, finding_form=None, status=200):
    inspection = _inspection_for(request, pk)
    scores = {s.criterion_id: s for s in inspection.scores.all()}
    can_manage = manages_unit(request.user, inspection.unit)
    context = {
        "inspection": inspection,
        "sections": _sections(inspection, scores),
        "findings": inspection.findings.select_related("task", "criterion"),
        "can_manage": can_manage,
        "finding_form": (finding_form or FindingForm(template=inspection.template))
        if can_manage
        else None,
        "history": history_of(inspection),
    }
    return render(request, "inspections/inspection_detail.html", context, status=status)


@login_required
@require_POST
def finding_add(request, pk: int):
    inspection = _inspection_for(request, pk)
    if not manages_unit(request.user, inspection.unit):
        raise Http404
    form = FindingForm(request.POST, template=inspection.template)
    if form.is_valid():
        try:
            services.add_finding(inspection=inspection, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Đã ghi nhận tồn tại và thêm nhiệm vụ khắc phục vào chương trình.")
            )
            return redirect("inspections:detail", pk=inspection.pk)
    return inspection_detail(request, pk, finding_form=form, status=400)
