"""The level above (a parent's dashboard comparing its children over a period) and the
reports: a unit's list, one report with its figures and texts, issuing, files, submission
to the parent and the parent's inbox."""

import datetime
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.access import get_visible_or_404, manages_unit
from accounts.models import Role
from audit.services import history_of
from jobs.queue import enqueue
from reports import dashboard as figures
from reports import export, services
from reports import sections as report_sections
from reports.access import visible_reports
from reports.comparison_xlsx import comparison_xlsx
from reports.forms import IssueForm, ReportCreateForm, ReportTextsForm, ReviewForm
from reports.models import SENT_STATUSES, Report, ReportFile
from reports.periods import Period, period_from_query
from units.models import Unit
from units.tree import parent_on


def _comparison_unit(request) -> Unit:
    """``?unit=`` (a unit the user may see), by default the user's own; else a 404."""
    wanted = request.GET.get("unit", "")
    if wanted and not wanted.isdigit():
        raise Http404
    if request.user.unit_id is None:
        raise Http404
    return get_visible_or_404(
        Unit.objects.all(),
        request.user,
        field="",
        pk=int(wanted) if wanted else request.user.unit_id,
    )


@login_required
def dashboard(request):
    """``?unit=`` (a unit the user may see, default their own), ``?year=`` or
    ``?start=&end=``, ``?sort=`` (a column key, "-" for descending), ``?page=``."""
    unit = _comparison_unit(request)
    today = timezone.localdate()
    sort = request.GET.get("sort", "name")
    context = {
        "unit": unit,
        "predecessors": list(unit.merged_from.order_by("name")),
        "columns": figures.columns(),
        "sort": sort,
        "query": request.GET,
    }
    try:
        period = period_from_query(request.GET, today)
    except ValidationError as exc:
        context.update(error=" ".join(exc.messages), period=Period.year(today.year))
        return render(request, "reports/dashboard.html", context, status=400)
    comparison = figures.comparison_page(unit, period, today, sort, request.GET.get("page"))
    download = request.GET.copy()
    download.pop("page", None)
    context.update(
        period=period,
        page=comparison.page,
        rows=comparison.rows,
        totals=comparison.totals,
        chart=figures.chart(comparison.rows),
        sort_links=_sort_links(request, sort),
        download_query=download.urlencode(),
    )
    return render(request, "reports/dashboard.html", context)


@login_required
@require_safe
def dashboard_xlsx(request):
    """The dashboard's whole table (every child, the same unit, period and sort) as .xlsx."""
    unit = _comparison_unit(request)
    today = timezone.localdate()
    try:
        period = period_from_query(request.GET, today)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:dashboard")
    entries = figures.children_figures(unit, period, today, request.GET.get("sort", "name"))
    data = comparison_xlsx(unit, period, entries)
    name = f"tong-hop-{unit.code}-{period.start.isoformat()}-{period.end.isoformat()}.xlsx"
    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=name,
        content_type=export.CONTENT_TYPES["xlsx"],
    )


def _sort_links(request, current: str) -> dict:
    """For each sortable key, the query string that sorts by it (toggling the direction),
    from the first page."""
    links = {}
    for key in figures.sort_keys():
        query = request.GET.copy()
        query.pop("page", None)
        query["sort"] = f"-{key}" if current == key else key
        links[key] = query.urlencode()
    return links


# Reports of a unit, and their way to the parent.


def _report_for(request, pk: int) -> Report:
    """A report the user may see (``reports.access``): any report of their own unit; a report
    of a unit below, or sent to the user's unit or a unit below it, only once it has been
    sent up. Anything else is a 404."""
    report = (
        visible_reports(request.user)
        .select_related("unit", "recipient_unit", "issued_document")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    return report


def _is_office(user, report) -> bool:
    return user.unit_id == report.unit_id and user.role == Role.OFFICE


def _may_generate(user, report) -> bool:
    """Queuing a background job is a write: the office and the chair of the report's unit,
    never a viewer or a member (who still download the file written on the spot)."""
    return manages_unit(user, report.unit)


def _is_reviewer(user, report) -> bool:
    """The office or chair of the unit the report was sent to."""
    recipient = report.recipient_unit
    return (
        recipient is not None and manages_unit(user, recipient) and report.status in SENT_STATUSES
    )


def _messages(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
@require_safe
def report_list(request):
    if request.user.unit_id is None:
        raise Http404
    reports = Report.objects.filter(unit=request.user.unit).select_related("unit")
    can_create = request.user.role == Role.OFFICE
    form = ReportCreateForm(initial={"year": timezone.localdate().year, "kind": "year"})
    return render(
        request,
        "reports/report_list.html",
        {"reports": reports, "form": form if can_create else None},
    )


@login_required
@require_POST
def report_create(request):
    unit = request.user.unit
    if unit is None or request.user.role != Role.OFFICE:
        raise Http404
    form = ReportCreateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            report = services.create_report(
                unit=unit,
                actor=request.user,
                kind=data["kind"],
                period=data["period"],
                title=data["title"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã tạo dự thảo báo cáo."))
            return redirect("reports:detail", pk=report.pk)
    reports = Report.objects.filter(unit=unit).select_related("unit")
    return render(
        request, "reports/report_list.html", {"reports": reports, "form": form}, status=400
    )


def _texts_form(report, data=None):
    keys = [s.key for s in report_sections.sections()]
    initial = {
        "title": report.title,
        "cutoff": report.cutoff,
        "situation": report.situation,
        "shortcomings": report.shortcomings,
        "next_tasks": report.next_tasks,
        "signer_capacity": report.signer_capacity,
        "signer_title": report.signer_title,
        "signer_name": report.signer_name,
        "recipients": "\n".join(report.recipients),
        **{f"remark_{k}": v for k, v in report.remarks.items()},
    }
    return ReportTextsForm(data, initial=initial, section_keys=keys)


def _detail(request, report, texts_form=None, status=200):
    content = services.content_of(report)
    editable = not report.is_frozen and _is_office(request.user, report)
    form = (texts_form or _texts_form(report)) if editable else None
    sections = export.outline(content)
    can_submit = _is_office(request.user, report) and report.can_submit
    if form is not None:
        for section in sections:
            if section["text_field"]:
                section["field"] = form[section["text_field"]]
            section["remark_field"] = form[f"remark_{section['key']}"]
    context = {
        "report": report,
        "sections": sections,
        "computed_on": content.get("computed_on"),
        "cutoff_statement": export.cutoff_statement(content),
        "form": form,
        "issue_form": IssueForm() if editable else None,
        "can_submit": can_submit,
        "send_to": parent_on(report.unit, report.period_end) if can_submit else None,
        "can_generate": _may_generate(request.user, report),
        "review_form": ReviewForm() if _is_reviewer(request.user, report) else None,
        "files": report.files.only(
            "pk", "name", "size", "created_at", "from_snapshot", "fmt"
        ).defer("content")[:10],
        "history": history_of(report),
        "citations": report.citations.select_related("document"),
    }
    return render(request, "reports/report_detail.html", context, status=status)


@login_required
@require_safe
def report_detail(request, pk: int):
    return _detail(request, _report_for(request, pk))


@login_required
@require_POST
def report_edit(request, pk: int):
    report = _report_for(request, pk)
    if not _is_office(request.user, report):
        raise Http404
    form = _texts_form(report, request.POST)
    if form.is_valid():
        try:
            services.update_texts(report=report, actor=request.user, data=form.service_data())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã lưu nội dung báo cáo."))
            return redirect("reports:detail", pk=report.pk)
    return _detail(request, report, texts_form=form, status=400)


@login_required
@require_POST
def report_issue(request, pk: int):
    report = _report_for(request, pk)
    if not _is_office(request.user, report):
        raise Http404
    form = IssueForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("reports:detail", pk=report.pk)
    try:
        report = services.issue_report(
            report=report, actor=request.user, day=form.cleaned_data["issued_on"]
        )
    except ValidationError as exc:
        _messages(request, exc)
    else:
        messages.success(
            request,
            _("Đã cấp số %(symbol)s và chốt số liệu của báo cáo.")
            % {"symbol": report.number_symbol},
        )
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def report_submit(request, pk: int):
    report = _report_for(request, pk)
    if not _is_office(request.user, report):
        raise Http404
    try:
        report = services.submit_report(report=report, actor=request.user)
    except ValidationError as exc:
        _messages(request, exc)
    else:
        messages.success(
            request, _("Đã gửi báo cáo lên %(unit)s.") % {"unit": report.recipient_unit.name}
        )
    return redirect("reports:detail", pk=report.pk)


REVIEW_ACTIONS = {
    "receive": lambda report, actor, comment: services.receive_report(report=report, actor=actor),
    "return": lambda report, actor, comment: services.return_report(
        report=report, actor=actor, comment=comment
    ),
    "accept": lambda report, actor, comment: services.accept_report(
        report=report, actor=actor, comment=comment
    ),
}


@login_required
@require_POST
def report_review(request, pk: int):
    report = _report_for(request, pk)
    if not _is_reviewer(request.user, report):
        raise Http404
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thao tác không hợp lệ."))
        return redirect("reports:detail", pk=report.pk)
    action = REVIEW_ACTIONS[form.cleaned_data["action"]]
    try:
        report = action(report, request.user, form.cleaned_data["comment"])
    except ValidationError as exc:
        _messages(request, exc)
    else:
        messages.success(
            request, _("Báo cáo: %(status)s.") % {"status": report.get_status_display()}
        )
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def report_generate(request, pk: int):
    """Queue the writing of a file; the job's page shows its progress."""
    report = _report_for(request, pk)
    fmt = request.POST.get("fmt", "")
    if not _may_generate(request.user, report) or fmt not in export.WRITERS:
        raise Http404
    job = enqueue("reports.generate_file", {"report": report.pk, "fmt": fmt}, user=request.user)
    return redirect("jobs:detail", pk=job.pk)


@login_required
@require_safe
def report_download(request, pk: int, fmt: str):
    """The file written now (from the snapshot once issued)."""
    report = _report_for(request, pk)
    if fmt not in export.WRITERS:
        raise Http404
    data, name = export.render(report, fmt)
    return FileResponse(
        io.BytesIO(data), as_attachment=True, filename=name, content_type=export.CONTENT_TYPES[fmt]
    )


@login_required
@require_safe
def file_download(request, pk: int):
    saved = ReportFile.objects.filter(pk=pk).select_related("report").first()
    if saved is None:
        raise Http404
    _report_for(request, saved.report_id)
    return FileResponse(
        io.BytesIO(bytes(saved.content)),
        as_attachment=True,
        filename=saved.name,
        content_type=export.CONTENT_TYPES.get(saved.fmt, "application/octet-stream"),
    )


@login_required
@require_safe
def inbox(request):
    """Reports sent to the user's unit (by the units below it on each report's period),
    newest first."""
    if request.user.unit_id is None:
        raise Http404
    reports = Report.objects.filter(
        recipient_unit=request.user.unit, status__in=SENT_STATUSES
    ).select_related("unit")
    status = request.GET.get("status", "")
    if status in SENT_STATUSES:
        reports = reports.filter(status=status)
    # The unit and period the dashboard's "reports sent up" figure links with: kept (as
    # hidden fields of the status filter) until the user drops them.
    kept, kept_unit, days = {}, None, {}
    wanted = request.GET.get("unit", "")
    if wanted.isdigit() and len(wanted) <= 18:
        reports = reports.filter(unit_id=int(wanted))
        kept["unit"] = wanted
        kept_unit = (
            Unit.objects.filter(pk=int(wanted))
            .filter(
                Q(path__startswith=request.user.unit.path)
                | Q(reports__recipient_unit=request.user.unit)
            )
            .first()
        )
    # Reports within a period, as the dashboard's "reports sent up" figure counts them.
    for name, lookup in (("start", "period_start__gte"), ("end", "period_end__lte")):
        try:
            days[name] = datetime.date.fromisoformat(request.GET[name])
        except (KeyError, ValueError):
            continue
        reports = reports.filter(**{lookup: days[name]})
        kept[name] = days[name].isoformat()
    return render(
        request,
        "reports/inbox.html",
        {
            "reports": reports.order_by("-submitted_at", "-id"),
            "statuses": [(s.value, s.label) for s in SENT_STATUSES],
            "status": status,
            "kept": kept,
            "kept_unit": kept_unit,
            "kept_start": days.get("start"),
            "kept_end": days.get("end"),
        },
    )
