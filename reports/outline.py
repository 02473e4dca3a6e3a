"""The usual outline of a mass-mobilization report, registered as sections:

1. situation (text), 2. results by key task, 3. activities, 4. citizen reception and
petitions, 5. bright spots, 6. self-inspection, 7. shortcomings and causes (text),
8. tasks for the next period (text + the open tasks carried).

Each builder reads one domain, importing it only when called; every figure links to the list
it counts. A section with no data says so. The builders' ``today`` is the report's cut-off
date: tasks count as they stood that day (``_as_of``), so the draft and the issued copy of
a report with the same cut-off carry the same figures.
"""

from collections import Counter

from django.db.models import Case, Count, F, Q, Sum, Value, When
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.sections import Section, empty, figure, register, table

ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _url(name, args=None, **query) -> str:
    url = reverse(name, args=args)
    query = {k: v for k, v in query.items() if v not in (None, "")}
    return f"{url}?{urlencode(query)}" if query else url


def _program(unit, period):
    from programs.models import Program

    return Program.objects.filter(unit=unit, year=period.end.year).first()


def _period_tasks(unit, period):
    """The program's tasks of the period: by the quarter the document gives them when the
    period is whole quarters (a Q4 task whose deadline rolls into January still belongs to
    the year), else by due date."""
    from programs.models import Task

    tasks = Task.objects.trackable().filter(unit=unit)
    run = period.quarters
    if run is None:
        return tasks.filter(due_date__gte=period.start, due_date__lte=period.end)
    return tasks.filter(program__year=period.start.year, quarter__gte=run[0], quarter__lte=run[1])


def _as_of(tasks, cutoff):
    """Annotate ``status_at_cutoff``: a task finished after the cut-off was still open then,
    and an open task is overdue only when it was due before the cut-off."""
    from django.db.models import CharField

    from programs.models import FINISHED_STATUSES, TaskStatus

    finished = Q(status__in=FINISHED_STATUSES) & (
        Q(completed_on__isnull=True) | Q(completed_on__lte=cutoff)
    )
    return tasks.annotate(
        status_at_cutoff=Case(
            When(finished, then=F("status")),
            When(status=TaskStatus.PAUSED, then=Value(TaskStatus.PAUSED.value)),
            When(due_date__lt=cutoff, then=Value(TaskStatus.OVERDUE.value)),
            When(status=TaskStatus.NOT_STARTED, then=Value(TaskStatus.NOT_STARTED.value)),
            default=Value(TaskStatus.IN_PROGRESS.value),
            output_field=CharField(),
        )
    )


def _at_cutoff(key: str) -> Q:
    from programs.models import FINISHED_STATUSES
    from programs.stats import FINISHED

    if key == FINISHED:
        return Q(status_at_cutoff__in=FINISHED_STATUSES)
    return Q(status_at_cutoff=key)


def build_tasks(unit, period, today) -> dict:
    from programs.forms import TRACKED
    from programs.models import TaskStatus
    from programs.stats import FINISHED

    tasks = _as_of(_period_tasks(unit, period), today)
    statuses = [
        (FINISHED, _("Hoàn thành")),
        (TaskStatus.IN_PROGRESS.value, _("Đang thực hiện")),
        (TaskStatus.OVERDUE.value, _("Chậm, quá hạn")),
        (TaskStatus.NOT_STARTED.value, _("Chưa thực hiện")),
        (TaskStatus.PAUSED.value, _("Tạm dừng")),
    ]
    counts = tasks.aggregate(
        total=Count("pk"),
        **{key: Count("pk", filter=_at_cutoff(key)) for key, _l in statuses},
    )
    if not counts["total"]:
        return empty(_("Không có nhiệm vụ của chương trình đến hạn trong kỳ."))
    program = _program(unit, period)
    run = period.quarters

    def link(status=""):
        if program is None or run is None:
            return ""
        return _url(
            "programs:task_list",
            program=program.pk,
            quarters=f"{run[0]}-{run[1]}",
            kind=TRACKED,
            status=status,
        )

    figures = [figure(_("Tổng số nhiệm vụ trong kỳ"), counts["total"], link())]
    figures += [figure(label, counts[key], link(key)) for key, label in statuses]
    rows = []
    effective = tasks.select_related("responsible")
    for n, task in enumerate(
        effective.prefetch_related("evidence").order_by("due_date", "position"), start=1
    ):
        rows.append(
            {
                "cells": [
                    n,
                    task.text.strip(),
                    task.due_date.strftime("%d/%m/%Y"),
                    task.responsible.full_name if task.responsible else task.responsible_office,
                    str(TaskStatus(task.status_at_cutoff).label),
                    "; ".join(e.original_name for e in task.evidence.all()),
                ],
                "link": reverse("programs:task", args=[task.pk]),
            }
        )
    by_quarter = {
        r["quarter"]: r
        for r in tasks.values("quarter").annotate(
            total=Count("pk"), finished=Count("pk", filter=_at_cutoff(FINISHED))
        )
    }
    quarters = [
        {
            "label": f"Quý {ROMAN_QUARTERS[q]}",
            "total": by_quarter.get(q, {}).get("total", 0),
            "finished": by_quarter.get(q, {}).get("finished", 0),
        }
        for q in (1, 2, 3, 4)
    ]
    return {
        "figures": figures,
        "tables": [
            table(
                _("Nhiệm vụ trong kỳ và minh chứng"),
                ["STT", _("Nhiệm vụ"), _("Hạn"), _("Chủ trì"), _("Trạng thái"), _("Minh chứng")],
                rows,
                link_col=1,
            )
        ],
        "chart": {
            "quarters": quarters,
            "statuses": [{"label": str(label), "value": counts[key]} for key, label in statuses],
        },
    }


def build_activities(unit, period, today) -> dict:
    from activities.models import Activity, ActivityKind

    rows = {
        r["kind"]: r
        for r in Activity.objects.filter(
            unit=unit, held_on__gte=period.start, held_on__lte=period.end
        )
        .values("kind")
        .annotate(sessions=Count("pk"), people=Sum("participants"))
    }
    if not rows:
        return empty(
            _("Trong kỳ không có hoạt động tuyên truyền, phổ biến pháp luật được ghi nhận.")
        )
    year = period.end.year if period.start.year == period.end.year else ""
    table_rows = []
    for kind, label in ActivityKind.choices:
        r = rows.get(kind)
        if r:
            table_rows.append(
                {
                    "cells": [str(label), r["sessions"], r["people"] or 0],
                    "link": _url("activities:list", kind=kind, year=year),
                }
            )
    sessions = sum(r["cells"][1] for r in table_rows)
    people = sum(r["cells"][2] for r in table_rows)
    link = _url("activities:list", year=year)
    return {
        "figures": [
            figure(_("Số buổi, hoạt động"), sessions, link),
            figure(_("Số lượt người tham dự"), people, link),
        ],
        "tables": [
            table(
                _("Hoạt động theo loại"),
                [_("Loại hoạt động"), _("Số buổi"), _("Số người tham dự")],
                table_rows,
                total=[_("Tổng cộng"), sessions, people],
            )
        ],
    }


def build_citizens(unit, period, today) -> dict:
    from citizens.models import CaseType, Petition, Visit
    from citizens.stats import petition_stats

    petitions = Petition.objects.filter(unit=unit)
    stats = petition_stats(
        petitions, period.start, period.end, visits=Visit.objects.filter(unit=unit)
    )
    if not stats.total and not stats.visits:
        return empty(_("Trong kỳ không có lượt tiếp công dân hay đơn thư được ghi nhận."))
    in_period = petitions.filter(received_on__gte=period.start, received_on__lte=period.end)
    resolved = in_period.exclude(result="").count()
    statistics = _url(
        "citizens:statistics", start=period.start.isoformat(), end=period.end.isoformat()
    )
    register_link = _url("citizens:register", year=period.end.year)
    figures = [
        figure(_("Lượt tiếp công dân"), stats.visits, register_link),
        figure(_("Số người được tiếp"), stats.visit_people, register_link),
        figure(_("Đoàn đông người (từ 5 người)"), stats.visit_groups, register_link),
        figure(_("Đơn thư tiếp nhận"), stats.total, statistics),
        figure(_("Đã có kết quả giải quyết"), resolved, statistics),
        figure(_("Giải quyết đúng hạn"), stats.on_time, statistics),
        figure(_("Giải quyết trễ hạn"), stats.late, statistics),
        figure(_("Đang trong hạn"), stats.pending, statistics),
    ]
    type_rows = [
        {"cells": [label, count], "link": statistics} for label, count in stats.by_type.items()
    ]
    months = Counter(
        (day.year, day.month, case_type)
        for day, case_type in in_period.values_list("received_on", "case_type")
    )
    month_keys = sorted({(y, m) for y, m, _t in months})
    chart = {
        "months": [f"{m:02d}/{y}" for y, m in month_keys],
        "series": [
            {"label": str(label), "counts": [months.get((y, m, value), 0) for y, m in month_keys]}
            for value, label in CaseType.choices
        ],
    }
    return {
        "figures": figures,
        "tables": [
            table(
                _("Đơn thư theo loại"),
                [_("Loại đơn"), _("Số đơn")],
                type_rows,
                total=[_("Tổng cộng"), stats.total],
            )
        ],
        "chart": chart,
    }


def build_bright_spots(unit, period, today) -> dict:
    from brightspots.models import BrightSpot, SpotStatus

    spots = BrightSpot.objects.filter(unit=unit)
    active = spots.filter(start_date__lte=period.end, end_date__gte=period.start).order_by(
        "registered_on", "name"
    )
    registered = spots.filter(registered_on__gte=period.start, registered_on__lte=period.end)
    recognised = spots.filter(decision_date__gte=period.start, decision_date__lte=period.end)
    counts = (active.count(), registered.count(), recognised.count())
    if not any(counts):
        return empty(_("Trong kỳ không có điểm sáng, mô hình “Dân vận khéo” được ghi nhận."))
    link = _url("brightspots:list", unit=unit.pk, year=period.end.year)
    rows = [
        {
            "cells": [
                s.name,
                s.get_field_display(),
                str(SpotStatus(s.status).label),
                s.person_in_charge,
            ],
            "link": reverse("brightspots:detail", args=[s.pk]),
        }
        for s in active
    ]
    return {
        "figures": [
            figure(_("Điểm sáng, mô hình triển khai trong kỳ"), counts[0], link),
            figure(_("Đăng ký mới"), counts[1], link),
            figure(_("Được công nhận"), counts[2], link),
        ],
        "tables": [
            table(
                _("Điểm sáng, mô hình"),
                [_("Tên"), _("Lĩnh vực"), _("Tình trạng"), _("Người phụ trách")],
                rows,
            )
        ],
    }


def build_inspections(unit, period, today) -> dict:
    from inspections.models import Inspection

    runs = list(
        Inspection.objects.filter(
            unit=unit, period_end__gte=period.start, period_end__lte=period.end
        )
        .annotate(findings_count=Count("findings"))
        .order_by("period_end", "pk")
    )
    if not runs:
        return empty(_("Trong kỳ chưa tiến hành tự kiểm tra."))
    latest = runs[-1]
    link = reverse("inspections:detail", args=[latest.pk])
    return {
        "figures": [
            figure(_("Số đợt tự kiểm tra"), len(runs), reverse("inspections:list")),
            figure(
                _("Điểm tự kiểm tra"),
                float(latest.total) if latest.total is not None else None,
                link,
            ),
            figure(_("Xếp loại"), latest.rating or "—", link),
            figure(_("Tồn tại, hạn chế phát hiện"), sum(r.findings_count for r in runs), link),
        ],
        "tables": [
            table(
                _("Các đợt tự kiểm tra"),
                [_("Kỳ"), _("Điểm"), _("Xếp loại"), _("Tồn tại")],
                [
                    {
                        "cells": [
                            f"{r.period_start:%d/%m/%Y} – {r.period_end:%d/%m/%Y}",
                            float(r.total) if r.total is not None else "—",
                            r.rating or "—",
                            r.findings_count,
                        ],
                        "link": reverse("inspections:detail", args=[r.pk]),
                    }
                    for r in runs
                ],
            )
        ],
    }


def build_carried(unit, period, today) -> dict:
    from programs.models import TaskStatus
    from programs.stats import FINISHED

    open_tasks = (
        _as_of(_period_tasks(unit, period), today)
        .exclude(_at_cutoff(FINISHED))
        .select_related("responsible")
        .order_by("due_date", "position")
    )
    rows = [
        {
            "cells": [
                n,
                t.text.strip(),
                t.due_date.strftime("%d/%m/%Y"),
                str(TaskStatus(t.status_at_cutoff).label),
            ],
            "link": reverse("programs:task", args=[t.pk]),
        }
        for n, t in enumerate(open_tasks, start=1)
    ]
    if not rows:
        return {}
    program = _program(unit, period)
    link = _url("programs:task_list", program=program.pk) if program else ""
    return {
        "figures": [figure(_("Nhiệm vụ chưa hoàn thành chuyển sang kỳ tới"), len(rows), link)],
        "tables": [
            table(
                _("Nhiệm vụ chuyển sang kỳ tới"),
                ["STT", _("Nhiệm vụ"), _("Hạn"), _("Trạng thái")],
                rows,
                link_col=1,
            )
        ],
    }


register(Section("situation", gettext_lazy("Tình hình chung"), 10, text_field="situation"))
register(
    Section("tasks", gettext_lazy("Kết quả thực hiện các nhiệm vụ trọng tâm"), 20, build_tasks)
)
register(
    Section(
        "activities",
        gettext_lazy("Công tác tuyên truyền, phổ biến, giáo dục pháp luật"),
        30,
        build_activities,
    )
)
register(Section("citizens", gettext_lazy("Tiếp công dân, giải quyết đơn thư"), 40, build_citizens))
register(
    Section(
        "brightspots", gettext_lazy("Điểm sáng, mô hình “Dân vận khéo”"), 50, build_bright_spots
    )
)
register(Section("inspections", gettext_lazy("Kết quả tự kiểm tra"), 60, build_inspections))
register(
    Section(
        "shortcomings",
        gettext_lazy("Tồn tại, hạn chế và nguyên nhân"),
        70,
        text_field="shortcomings",
    )
)
register(
    Section(
        "next_tasks",
        gettext_lazy("Phương hướng, nhiệm vụ kỳ tới"),
        80,
        build_carried,
        text_field="next_tasks",
    )
)
