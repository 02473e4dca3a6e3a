"""The activity pages: list with filters, detail, create and edit, file download, totals
per kind and quarter, and the anniversaries with their computed ordinals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import get_visible_or_404, manages_unit, scoped
from activities import anniversaries, services, stats
from activities.forms import ActivityForm, AnniversaryForm
from activities.models import Activity, ActivityFile, ActivityKind, Anniversary
from audit.services import history_of


def _year(value, default=None):
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if 1900 <= year <= 2100 else default


def _own_unit(request):
    unit = request.user.unit
    if unit is None or not manages_unit(request.user, unit):
        raise Http404
    return unit


@login_required
def activity_list(request):
    activities = scoped(Activity.objects.select_related("unit", "anniversary"), request.user)
    kind = request.GET.get("kind", "")
    year = _year(request.GET.get("year"))
    if kind in ActivityKind.values:
        activities = activities.filter(kind=kind)
    if year:
        activities = activities.filter(held_on__year=year)
    unit = request.user.unit
    context = {
        "activities": activities[:500],
        "kinds": ActivityKind.choices,
        "kind": kind,
        "year": year or "",
        "can_manage": unit is not None and manages_unit(request.user, unit),
    }
    return render(request, "activities/activity_list.html", context)


@login_required
def activity_detail(request, pk: int):
    activity = get_visible_or_404(
        Activity.objects.select_related("unit", "anniversary"), request.user, pk=pk
    )
    context = {
        "activity": activity,
        "files": activity.files.all(),
        "tasks": activity.tasks.select_related("program"),
        "can_manage": manages_unit(request.user, activity.unit),
        "history": history_of(activity),
    }
    return render(request, "activities/activity_detail.html", context)


def _save(request, unit, activity=None):
    initial = {"held_on": timezone.localdate()}
    if activity is not None:
        initial = {field: getattr(activity, field) for field in services.FIELDS}
        initial["tasks"] = list(activity.tasks.values_list("pk", flat=True))
    form = ActivityForm(request.POST or None, request.FILES or None, unit=unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        extra = {
            "tasks": list(data.pop("tasks")),
            "files": data.pop("files"),
            "note_tasks": data.pop("note_tasks"),
        }
        try:
            if activity is None:
                activity = services.create_activity(unit=unit, actor=request.user, **extra, **data)
            else:
                services.update_activity(activity=activity, actor=request.user, **extra, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu hoạt động."))
            return redirect("activities:detail", activity.pk)
    return render(
        request,
        "activities/activity_form.html",
        {"form": form, "activity": activity},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def activity_create(request):
    return _save(request, _own_unit(request))


@login_required
def activity_edit(request, pk: int):
    activity = get_visible_or_404(Activity.objects.select_related("unit"), request.user, pk=pk)
    if not manages_unit(request.user, activity.unit):
        raise Http404
    return _save(request, activity.unit, activity)


@login_required
def file_download(request, pk: int):
    item = get_visible_or_404(
        ActivityFile.objects.select_related("activity"),
        request.user,
        field="activity__unit",
        pk=pk,
    )
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=not item.is_photo,
        filename=item.original_name,
        content_type=item.content_type,
    )


@login_required
def totals(request):
    year = _year(request.GET.get("year"), timezone.localdate().year)
    rows, total = stats.totals_by_kind_and_quarter(scoped(Activity.objects, request.user), year)
    return render(request, "activities/totals.html", {"rows": rows, "total": total, "year": year})


@login_required
def anniversary_list(request):
    unit = request.user.unit
    if unit is None:
        raise Http404
    year = _year(request.GET.get("year"), timezone.localdate().year)
    can_manage = manages_unit(request.user, unit)
    form = AnniversaryForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.add_anniversary(unit=unit, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã thêm ngày kỷ niệm."))
                return redirect("activities:anniversaries")
    context = {
        "occurrences": anniversaries.occurrences(unit, year),
        "year": year,
        "unit": unit,
        "form": form,
        "can_manage": can_manage,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "activities/anniversaries.html", context, status=status)


@login_required
@require_POST
def anniversary_delete(request, pk: int):
    unit = _own_unit(request)
    anniversary = Anniversary.objects.filter(unit=unit, pk=pk).first()
    if anniversary is None:
        raise Http404
    services.remove_anniversary(anniversary=anniversary, actor=request.user)
    messages.success(request, _("Đã xóa ngày kỷ niệm."))
    return redirect("activities:anniversaries")
