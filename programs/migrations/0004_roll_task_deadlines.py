"""Existing tasks: a due date derived from the period is rolled forward to the next working
day, and the quarter comes from the period (decision 0013). Due dates a user typed are left
as they are."""

import datetime

from django.db import migrations

from documents.importing.periods import is_valid_period, period_end, period_quarter
from followup.calendar import baseline_is_working_day


def roll_deadlines(apps, schema_editor):
    CalendarOverride = apps.get_model("followup", "CalendarOverride")
    Task = apps.get_model("programs", "Task")
    overrides = dict(CalendarOverride.objects.values_list("date", "kind"))

    def working(day):
        kind = overrides.get(day)
        return kind == "working" if kind is not None else baseline_is_working_day(day)

    def roll(day):
        while not working(day):
            day += datetime.timedelta(days=1)
        return day

    changed = []
    for task in Task.objects.select_related("program").iterator(chunk_size=500):
        period = task.period or None
        if period is not None and not is_valid_period(period):
            continue
        year = task.program.year
        end = period_end(period, year)
        due, quarter = task.due_date, task.quarter
        if task.due_date == end:
            due = roll(end)
        if period is not None:
            quarter = period_quarter(period, year)
        if (due, quarter) != (task.due_date, task.quarter):
            task.due_date, task.quarter = due, quarter
            changed.append(task)
    Task.objects.bulk_update(changed, ["due_date", "quarter"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0003_preamble_and_long_periods"),
        ("followup", "0002_urging_letters"),
    ]

    operations = [migrations.RunPython(roll_deadlines, migrations.RunPython.noop)]
