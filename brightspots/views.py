"""Pages of bright spots: the list, registration, one spot with its progress, evaluation and
recognition, and the permission-checked evidence download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import get_visible_or_404, manages_unit, scoped
from audit.services import history_of
from brightspots import services
from brightspots.forms import EvaluationForm, ProgressForm, RecognitionForm, RegistrationForm
from brightspots.models import BrightSpot, SpotEvidence


def _int_param(request, name):
    value = request.GET.get(name, "")
    if value and (not value.isdigit() or len(value) > 18):
        raise Http404
    return int(value) if value else None


@login_required
def spot_list(request):
    """Visible bright spots, filtered by ``?unit=``, ``?year=`` (registered in) and ``?task=``
    (the program task that asked for them)."""
    spots = scoped(BrightSpot.objects.select_related("unit", "hamlet", "task"), request.user)
    unit, year, task = (_int_param(request, n) for n in ("unit", "year", "task"))
    if unit:
        spots = spots.filter(unit_id=unit)
    if year and year <= 9999:
        spots = spots.filter(registered_on__year=year)
    if task:
        spots = spots.filter(task_id=task)
    can_register = request.user.unit is not None and manages_unit(request.user, request.user.unit)
    return render(
        request,
        "brightspots/spot_list.html",
        {"spots": spots.order_by("-registered_on", "name"), "can_register": can_register},
    )


@login_required
def spot_register(request):
    unit = request.user.unit
    if unit is None or not manages_unit(request.user, unit):
        raise Http404
    form = RegistrationForm(request.POST or None, unit=unit)
    if request.method == "GET":
        form.initial["task"] = services.default_task(unit, timezone.localdate().year)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {f: form.cleaned_data[f] for f in RegistrationForm.Meta.fields}
            try:
                spot = services.register(unit=unit, actor=request.user, **data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã đăng ký điểm sáng."))
                return redirect("brightspots:detail", pk=spot.pk)
        status = 400
    return render(request, "brightspots/spot_register.html", {"form": form}, status=status)


def _spot_for(request, pk):
    return get_visible_or_404(
        BrightSpot.objects.select_related("unit", "hamlet", "task", "task__program"),
        request.user,
        pk=pk,
    )


FORMS = {"progress": ProgressForm, "evaluate": EvaluationForm, "recognise": RecognitionForm}


@login_required
def spot_detail(request, pk: int):
    spot = _spot_for(request, pk)
    can_manage = manages_unit(request.user, spot.unit)
    forms = {name: cls() for name, cls in FORMS.items()} if can_manage else {}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if not can_manage or action not in FORMS:
            raise Http404
        form = FORMS[action](request.POST, request.FILES)
        forms[action] = form
        if form.is_valid():
            try:
                _apply(action, spot, request.user, form)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã lưu."))
                return redirect("brightspots:detail", pk=spot.pk)
        status = 400
    context = {
        "spot": spot,
        "reports": spot.reports.select_related("author").prefetch_related("evidence"),
        "evaluations": spot.evaluations.prefetch_related("results__criterion"),
        "forms": forms,
        "history": history_of(spot),
    }
    return render(request, "brightspots/spot_detail.html", context, status=status)


def _apply(action, spot, actor, form):
    data = form.cleaned_data
    if action == "progress":
        services.report_progress(spot=spot, actor=actor, note=data["note"], files=data["evidence"])
    elif action == "evaluate":
        services.evaluate(
            spot=spot,
            actor=actor,
            results=form.results(),
            passed=data["passed"],
            conclusion=data["conclusion"],
        )
    else:
        services.recognise(spot=spot, actor=actor, **data)


@login_required
def evidence_download(request, pk: int):
    evidence = get_visible_or_404(
        SpotEvidence.objects.all(), request.user, field="report__spot__unit", pk=pk
    )
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
