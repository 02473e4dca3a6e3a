"""The dashboard's figures, each computed by one aggregate query over a program's tasks.

The number of queries does not depend on the number of tasks.
"""

import datetime

from django.db.models import Count, Q

from committee.models import CommitteeMember
from programs.models import FINISHED_STATUSES, OPEN_STATUSES, Task, TaskStatus

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
BAR_WIDTH = 200  # pixels of the quarter bars in the dashboard chart


def _status_filters(today: datetime.date, prefix: str = "") -> dict[str, Q]:
    """Q objects for each status as a user sees it (open past due = quá hạn)."""

    def q(**kw):
        return Q(**{prefix + k: v for k, v in kw.items()})

    overdue = q(status__in=OPEN_STATUSES) & q(due_date__lt=today)
    return {
        TaskStatus.NOT_STARTED: q(status=TaskStatus.NOT_STARTED) & q(due_date__gte=today),
        TaskStatus.IN_PROGRESS: q(status=TaskStatus.IN_PROGRESS) & q(due_date__gte=today),
        TaskStatus.DONE: q(status=TaskStatus.DONE),
        TaskStatus.DONE_LATE: q(status=TaskStatus.DONE_LATE),
        TaskStatus.OVERDUE: overdue,
        TaskStatus.PAUSED: q(status=TaskStatus.PAUSED),
    }


FINISHED = "finished"  # filter value: done on time or late


def status_filter(status: str, today: datetime.date) -> Q:
    if status == FINISHED:
        return Q(status__in=FINISHED_STATUSES)
    return _status_filters(today)[TaskStatus(status)]


def status_counts(program, today: datetime.date) -> dict:
    filters = _status_filters(today)
    row = Task.objects.filter(program=program).aggregate(
        total=Count("pk"), **{status.value: Count("pk", filter=f) for status, f in filters.items()}
    )
    finished = row[TaskStatus.DONE] + row[TaskStatus.DONE_LATE]
    row["finished"] = finished
    row["finished_percent"] = round(100 * finished / row["total"]) if row["total"] else 0
    return row


def quarter_progress(program, today: datetime.date) -> list[dict]:
    """Per quarter of the due date: how many tasks, finished, open, overdue."""
    filters = _status_filters(today)
    rows = (
        Task.objects.filter(program=program)
        .values("quarter")
        .annotate(
            total=Count("pk"),
            finished=Count("pk", filter=Q(status__in=FINISHED_STATUSES)),
            overdue=Count("pk", filter=filters[TaskStatus.OVERDUE]),
        )
        .order_by("quarter")
    )
    by_quarter = {r["quarter"]: r for r in rows}
    result = []
    for quarter in (1, 2, 3, 4):
        r = by_quarter.get(quarter, {"total": 0, "finished": 0, "overdue": 0})
        total = r["total"]
        other = total - r["finished"] - r["overdue"]
        result.append(
            {
                "quarter": quarter,
                "label": f"Quý {ROMAN[quarter]}",
                "total": total,
                "finished": r["finished"],
                "overdue": r["overdue"],
                "other": other,
                "percent": round(100 * r["finished"] / total) if total else 0,
                "done_w": round(BAR_WIDTH * r["finished"] / total) if total else 0,
                "overdue_w": round(BAR_WIDTH * r["overdue"] / total) if total else 0,
            }
        )
    return result


def overdue_tasks(program, today: datetime.date, limit: int = 10):
    return list(
        Task.objects.filter(program=program)
        .overdue(today)
        .select_related("responsible")
        .order_by("due_date", "position")[:limit]
    )


def due_soon(program, today: datetime.date, days: int = 14, limit: int = 10):
    return list(
        Task.objects.filter(
            program=program,
            status__in=OPEN_STATUSES,
            due_date__gte=today,
            due_date__lte=today + datetime.timedelta(days=days),
        )
        .select_related("responsible")
        .order_by("due_date", "position")[:limit]
    )


def due_soon_count(program, today: datetime.date, days: int = 14) -> int:
    return Task.objects.filter(
        program=program,
        status__in=OPEN_STATUSES,
        due_date__gte=today,
        due_date__lte=today + datetime.timedelta(days=days),
    ).count()


def workload(program, today: datetime.date):
    """Each current committee member with the tasks of this program they are in charge of."""
    in_program = Q(tasks_in_charge__program=program)
    filters = _status_filters(today, prefix="tasks_in_charge__")
    return list(
        CommitteeMember.objects.filter(unit=program.unit)
        .current()
        .annotate(
            total=Count("tasks_in_charge", filter=in_program),
            finished=Count(
                "tasks_in_charge",
                filter=in_program & Q(tasks_in_charge__status__in=FINISHED_STATUSES),
            ),
            overdue=Count("tasks_in_charge", filter=in_program & filters[TaskStatus.OVERDUE]),
        )
        .order_by("position", "full_name")
    )


def unassigned_count(program) -> int:
    return Task.objects.filter(program=program, responsible__isnull=True).count()
