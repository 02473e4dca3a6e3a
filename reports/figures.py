"""The figures the reports app provides itself: program tasks, bright spots, self-inspection.

Each is one ``GROUP BY`` query over the rows' units (``reports.providers.per_row``); merged
units add up their predecessors.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from brightspots.models import BrightSpot
from inspections.models import Inspection
from programs.forms import TRACKED
from programs.models import FINISHED_STATUSES, OPEN_STATUSES, Program, Task
from reports.providers import Column, FigureProvider, link_to, per_row, register


def _tasks_link(status=None):
    """The program's task list filtered to exactly the tasks counted: the tracked ones of the
    period's quarters. A period of odd dates counts by due date, which the list cannot filter
    on, so its figures have no link."""

    def link(row, period):
        run = period.quarters
        if not row.get("program_id") or run is None:
            return None
        query = {"program": row["program_id"]}
        if status:
            query["status"] = status
        query.update(quarters=f"{run[0]}-{run[1]}", kind=TRACKED)
        return link_to("programs:task_list", query)

    return link


def _program_link(row, period):
    if not row.get("program_id"):
        return None
    return link_to("programs:dashboard", {"program": row["program_id"]})


def percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` in whole percent, halves rounded up (0 of nothing is 0)."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def _task_figures(scope, period, today):
    # As the report counts them (``reports.outline._period_tasks``): by the quarter the program
    # gives a task when the period is whole quarters (a Q4 task due in January stays in its
    # year), else by due date.
    tasks = Task.objects.trackable()
    run = period.quarters
    if run is None:
        tasks = tasks.filter(due_date__gte=period.start, due_date__lte=period.end)
    else:
        # Through the rows' programs of the year (one per unit) rather than a join: the
        # database then reads the tasks by program instead of every year's tasks of each
        # unit, and never the programs of units outside the scope (the whole country's, in
        # the national case).
        tasks = tasks.filter(
            program__in=Program.objects.filter(
                year=period.start.year, unit__in_ids=scope.unit_ids
            ).values("pk"),
            quarter__gte=run[0],
            quarter__lte=run[1],
        )
    # Counted on ``unit`` (never null), not the id: with whole quarters every column read is
    # in the index ``task_program_figures``.
    figures = per_row(
        scope,
        tasks,
        tasks_total=Count("unit"),
        tasks_finished=Count("unit", filter=Q(status__in=FINISHED_STATUSES)),
        tasks_overdue=Count("unit", filter=Q(status__in=OPEN_STATUSES, due_date__lt=today)),
    )
    programs = dict(
        Program.objects.filter(unit__in_ids=scope.row_ids, year=period.end.year)
        .order_by()
        .values_list("unit", "pk")
    )
    for pk, row in figures.items():
        row["program_id"] = programs.get(pk)
        row["tasks_percent"] = percent(row["tasks_finished"], row["tasks_total"])
    return figures


TASKS = register(
    FigureProvider(
        key="tasks",
        label=_("Nhiệm vụ chương trình"),
        columns=(
            Column("tasks_finished", _("Hoàn thành"), _tasks_link("finished")),
            Column("tasks_total", _("Tổng số nhiệm vụ"), _tasks_link()),
            Column(
                "tasks_percent",
                _("Tỷ lệ hoàn thành"),
                _program_link,
                percent=True,
                chart=True,
                summable=False,
            ),
            Column("tasks_overdue", _("Quá hạn"), _tasks_link("overdue")),
        ),
        figures=_task_figures,
    )
)


def _spots_link(row, period):
    query = {"unit": row["pk"], "year": period.end.year}
    return link_to("brightspots:list", query)


def _spot_figures(scope, period, today):
    registered = Q(registered_on__gte=period.start, registered_on__lte=period.end)
    recognised = Q(decision_date__gte=period.start, decision_date__lte=period.end)
    return per_row(
        scope,
        BrightSpot.objects.filter(registered | recognised),
        spots_registered=Count("pk", filter=registered),
        spots_recognised=Count("pk", filter=recognised),
    )


BRIGHT_SPOTS = register(
    FigureProvider(
        key="brightspots",
        label=_("Điểm sáng"),
        columns=(
            Column("spots_registered", _("Điểm sáng đăng ký"), _spots_link),
            Column("spots_recognised", _("Điểm sáng được công nhận"), _spots_link),
        ),
        figures=_spot_figures,
    )
)


def _inspection_link(row, period):
    pk = row.get("inspection_id")
    return reverse("inspections:detail", args=[pk]) if pk else None


def _inspection_figures(scope, period, today):
    """The latest scored self-inspection of the period (by period end, then the newest) of
    each row, its predecessors' included."""
    scored = Inspection.objects.filter(
        unit__in_ids=scope.unit_ids,
        period_end__gte=period.start,
        period_end__lte=period.end,
        total__isnull=False,
    ).order_by("period_end", "pk")
    figures = {}
    for unit, pk, total, rating in scored.values_list("unit", "pk", "total", "rating"):
        figures[scope.owner[unit]] = {
            "inspection_id": pk,
            "inspection_total": total,
            "inspection_rating": rating,
        }
    return figures


INSPECTIONS = register(
    FigureProvider(
        key="inspections",
        label=_("Tự kiểm tra"),
        columns=(
            Column("inspection_total", _("Điểm tự kiểm tra"), _inspection_link, summable=False),
            Column("inspection_rating", _("Xếp loại"), _inspection_link, summable=False),
        ),
        figures=_inspection_figures,
    )
)


def _reports_link(row, period):
    """The inbox filtered on the row's unit; a row with units below it (whose count adds up
    their reports, sent to it or to the level above) drills down to its own comparison."""
    query = {"unit": row["pk"], "start": period.start.isoformat(), "end": period.end.isoformat()}
    if row.get("kind") in ("province", "city", "district"):
        return link_to("reports:dashboard", query)
    return link_to("reports:inbox", query)


def _report_figures(scope, period, today):
    from reports.models import SENT_STATUSES, Report

    sent = Report.objects.filter(
        status__in=SENT_STATUSES, period_start__gte=period.start, period_end__lte=period.end
    )
    return per_row(scope, sent, reports_submitted=Count("pk"))


REPORTS = register(
    FigureProvider(
        key="reports",
        label=_("Báo cáo"),
        columns=(Column("reports_submitted", _("Báo cáo đã nộp"), _reports_link),),
        figures=_report_figures,
    )
)
