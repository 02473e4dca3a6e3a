"""Task deadlines go through the working-day calendar (decision 0013): the period's last day,
rolled forward to the next working day; the quarter column comes from the period."""

import datetime
from types import SimpleNamespace

import pytest

from documents.importing import ProgramReading, ReadingItem
from programs import stats
from programs.models import Task, TaskStatus
from programs.services import add_task, assign_task, create_program_from_reading
from reminders.dispatch import _personal_message
from reminders.models import RuleKind


def _program(unit, year, *periods):
    reading = ProgramReading(
        year=year,
        title=f"Công tác Dân vận chính quyền năm {year}",
        items=[
            ReadingItem(kind="scheduled", text=f"Nhiệm vụ {i}.", period=period)
            for i, period in enumerate(periods, start=1)
        ],
    )
    program = create_program_from_reading(unit=unit, reading=reading)
    return program, list(program.tasks.order_by("position"))


@pytest.mark.django_db
def test_a_period_ending_on_a_working_day_keeps_its_last_day(commune):
    _program_2026, [q1] = _program(commune, 2026, "Q1")
    # 31/3/2026 is a Tuesday
    assert (q1.due_date, q1.quarter) == (datetime.date(2026, 3, 31), 1)


@pytest.mark.django_db
def test_periods_ending_on_a_day_off_end_on_the_next_working_day(commune):
    _p, [m4, m5, q4] = _program(commune, 2026, "M4", "M5", "Q4")
    # 30/4 and 1/5 are holidays, then a weekend: Monday 4/5
    assert (m4.due_date, m4.quarter) == (datetime.date(2026, 5, 4), 2)
    # 31/5/2026 is a Sunday
    assert (m5.due_date, m5.quarter) == (datetime.date(2026, 6, 1), 2)
    assert (q4.due_date, q4.quarter) == (datetime.date(2026, 12, 31), 4)


@pytest.mark.django_db
def test_q4_2028_is_due_in_january_2029_but_stays_in_quarter_four(commune):
    program, [q4, _q1] = _program(commune, 2028, "Q4", "Q1")
    # 31/12/2028 is a Sunday and 1/1/2029 a public holiday
    assert q4.due_date == datetime.date(2029, 1, 2)
    assert q4.quarter == 4 and q4.period_label == "Quý IV"
    figures = {row["quarter"]: row["total"] for row in stats.quarter_progress(program, q4.due_date)}
    assert figures == {1: 1, 2: 0, 3: 0, 4: 1}

    # open on 2/1/2029: not yet overdue; on 3/1 it is, and reminders name the rolled date
    on_due_day = Task.objects.with_effective_status(datetime.date(2029, 1, 2)).get(pk=q4.pk)
    assert on_due_day.effective_status == TaskStatus.NOT_STARTED
    assert Task.objects.overdue(datetime.date(2029, 1, 2)).filter(pk=q4.pk).count() == 0
    assert Task.objects.overdue(datetime.date(2029, 1, 3)).filter(pk=q4.pk).count() == 1
    title, body = _personal_message(
        q4, SimpleNamespace(kind=RuleKind.BEFORE_DUE), datetime.date(2028, 12, 29)
    )
    assert "02/01/2029" in title and "1 ngày làm việc" in body
    late_title, _body = _personal_message(
        q4, SimpleNamespace(kind=RuleKind.ON_OVERDUE), datetime.date(2029, 1, 3)
    )
    assert "02/01/2029" in late_title


@pytest.mark.django_db
def test_extended_codes_get_deadlines(commune):
    _p, [span, after, rhythm] = _program(
        commune, 2025, "R:Q4/Q1", "after:2025-03-15", "every:thường xuyên trong giờ hành chính"
    )
    # a span wrapping into the next year ends with its end quarter there: 31/3/2026 Tuesday
    assert (span.due_date, span.quarter) == (datetime.date(2026, 3, 31), 4)
    assert (after.due_date, after.quarter) == (datetime.date(2025, 12, 31), 4)
    assert (rhythm.due_date, rhythm.quarter) == (datetime.date(2025, 12, 31), 4)


@pytest.mark.django_db
def test_a_date_typed_on_a_day_off_is_rolled_and_keeps_its_quarter(commune, clerk):
    program, [task] = _program(commune, 2026, None)
    # Tuesday 31/3/2026 typed: kept as it is
    assign_task(task=task, actor=clerk, due_date=datetime.date(2026, 3, 31))
    task.refresh_from_db()
    assert (task.due_date, task.quarter, task.period) == (datetime.date(2026, 3, 31), 1, "")
    # Saturday 4/7/2026 typed on a task without a period: due Monday 6/7, the typed day kept
    assign_task(task=task, actor=clerk, due_date=datetime.date(2026, 7, 4))
    task.refresh_from_db()
    assert task.due_date == datetime.date(2026, 7, 6) and task.period == "D:2026-07-04"
    assert task.quarter == 3

    added = add_task(
        program=program, actor=clerk, text="Kết luận họp.", due_date=datetime.date(2026, 3, 28)
    )
    # Saturday 28/3/2026: due Monday 30/3, still quarter I
    assert (added.due_date, added.quarter) == (datetime.date(2026, 3, 30), 1)


@pytest.mark.django_db
def test_assigning_a_period_rolls_its_end(commune, clerk):
    _p, [task] = _program(commune, 2026, "Q1")
    assign_task(task=task, actor=clerk, period="M5")
    task.refresh_from_db()
    assert (task.period, task.due_date, task.quarter) == ("M5", datetime.date(2026, 6, 1), 2)
