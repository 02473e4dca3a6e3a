"""The figures the reports app provides itself: program tasks, bright spots, self-inspection.

Each is a correlated subquery on the unit row; merged units add up their predecessors.
"""

from django.db.models import Case, F, FloatField, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Cast, Round
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from brightspots.models import BrightSpot
from inspections.models import Inspection
from programs.forms import TRACKED
from programs.models import FINISHED_STATUSES, OPEN_STATUSES, Program, Task
from reports.providers import Column, FigureProvider, count_of, register, unit_or_predecessor


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
        return f"{reverse('programs:task_list')}?{urlencode(query)}"

    return link


def _program_link(row, period):
    if not row.get("program_id"):
        return None
    return f"{reverse('programs:dashboard')}?{urlencode({'program': row['program_id']})}"


def _task_stages(period, today):
    # As the report counts them (``reports.outline._period_tasks``): by the quarter the program
    # gives a task when the period is whole quarters (a Q4 task due in January stays in its
    # year), else by due date.
    tasks = Task.objects.trackable().filter(unit_or_predecessor())
    run = period.quarters
    if run is None:
        tasks = tasks.filter(due_date__gte=period.start, due_date__lte=period.end)
    else:
        tasks = tasks.filter(
            program__year=period.start.year, quarter__gte=run[0], quarter__lte=run[1]
        )
    return [
        {
            "program_id": Subquery(
                Program.objects.filter(unit=OuterRef("pk"), year=period.end.year).values("pk")[:1]
            ),
            "tasks_total": count_of(tasks),
            "tasks_finished": count_of(tasks.filter(status__in=FINISHED_STATUSES)),
            "tasks_overdue": count_of(tasks.filter(status__in=OPEN_STATUSES, due_date__lt=today)),
        },
        {
            "tasks_percent": Case(
                When(tasks_total=0, then=Value(0)),
                default=Cast(
                    Round(
                        Cast(F("tasks_finished"), FloatField())
                        * 100.0
                        / Cast(F("tasks_total"), FloatField())
                    ),
                    IntegerField(),
                ),
                output_field=IntegerField(),
            )
        },
    ]


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
        stages=_task_stages,
    )
)


def _spots_link(row, period):
    query = {"unit": row["pk"], "year": period.end.year}
    return f"{reverse('brightspots:list')}?{urlencode(query)}"


def _spot_stages(period, today):
    spots = BrightSpot.objects.filter(unit_or_predecessor())
    return [
        {
            "spots_registered": count_of(
                spots.filter(registered_on__gte=period.start, registered_on__lte=period.end)
            ),
            "spots_recognised": count_of(
                spots.filter(decision_date__gte=period.start, decision_date__lte=period.end)
            ),
        }
    ]


BRIGHT_SPOTS = register(
    FigureProvider(
        key="brightspots",
        label=_("Điểm sáng"),
        columns=(
            Column("spots_registered", _("Điểm sáng đăng ký"), _spots_link),
            Column("spots_recognised", _("Điểm sáng được công nhận"), _spots_link),
        ),
        stages=_spot_stages,
    )
)


def _inspection_link(row, period):
    pk = row.get("inspection_id")
    return reverse("inspections:detail", args=[pk]) if pk else None


def _inspection_stages(period, today):
    latest = Inspection.objects.filter(
        unit_or_predecessor(),
        period_end__gte=period.start,
        period_end__lte=period.end,
        total__isnull=False,
    ).order_by("-period_end", "-pk")
    return [
        {
            "inspection_id": Subquery(latest.values("pk")[:1]),
            "inspection_total": Subquery(latest.values("total")[:1]),
            "inspection_rating": Subquery(latest.values("rating")[:1]),
        }
    ]


INSPECTIONS = register(
    FigureProvider(
        key="inspections",
        label=_("Tự kiểm tra"),
        columns=(
            Column("inspection_total", _("Điểm tự kiểm tra"), _inspection_link, summable=False),
            Column("inspection_rating", _("Xếp loại"), _inspection_link, summable=False),
        ),
        stages=_inspection_stages,
    )
)


def _reports_link(row, period):
    query = {"unit": row["pk"], "start": period.start.isoformat(), "end": period.end.isoformat()}
    return f"{reverse('reports:inbox')}?{urlencode(query)}"


def _report_stages(period, today):
    from reports.models import SENT_STATUSES, Report

    sent = Report.objects.filter(
        unit_or_predecessor(),
        status__in=SENT_STATUSES,
        period_start__gte=period.start,
        period_end__lte=period.end,
    )
    return [{"reports_submitted": count_of(sent)}]


REPORTS = register(
    FigureProvider(
        key="reports",
        label=_("Báo cáo"),
        columns=(Column("reports_submitted", _("Báo cáo đã nộp"), _reports_link),),
        stages=_report_stages,
    )
)
