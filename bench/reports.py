"""How fast reports are made, in a throw-away SQLite database.

1. The median time to write a commune's annual report as .docx (the demo commune of
   ``dvcq load-demo``, year 2023: figures, tables and three charts), live and issued.
2. The median time of the parent's dashboard (``/bao-cao/``) over 130 communes with a year of
   data each (a program of 40 tasks, 12 activities and 4 reports, built with bulk_create),
   and its number of queries at 13 and at 130 communes (it must not grow).

    .venv/bin/python bench/reports.py [--runs 10]
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TASKS_PER_COMMUNE = 40
ACTIVITIES_PER_COMMUNE = 12


def _median_ms(func, runs: int) -> float:
    func()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def report_docx(runs: int) -> tuple[float, float, int]:
    from django.core.management import call_command

    from reports import export, services
    from reports.models import ReportKind
    from reports.periods import Period
    from units.models import Unit

    call_command("load_demo", stdout=StringIO())
    commune = Unit.objects.get(code="xa-hung-chinh")
    report = services.create_report(
        unit=commune, actor=None, kind=ReportKind.YEAR, period=Period.year(2023)
    )
    live = _median_ms(lambda: export.render(report, "docx"), runs)
    report = services.issue_report(report=report, actor=None, day=datetime.date(2024, 1, 5))
    issued = _median_ms(lambda: export.render(report, "docx"), runs)
    return live, issued, len(export.render(report, "docx")[0])


def build_province(code: str, communes: int, year: int = 2023):
    from activities.models import Activity, ActivityKind
    from programs.models import Program, Task, TaskKind, TaskStatus
    from reports.models import Report, ReportKind, ReportStatus
    from units.models import Unit, UnitKind

    province = Unit.objects.create(code=code, name=f"Tỉnh {code}", kind=UnitKind.PROVINCE)
    units = [
        Unit.objects.create(
            code=f"{code}-{n}", name=f"Xã {n:03d}", kind=UnitKind.COMMUNE, parent=province
        )
        for n in range(communes)
    ]
    programs = Program.objects.bulk_create(
        Program(unit=u, year=year, title=f"Công tác DVCQ năm {year}") for u in units
    )
    statuses = [TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED, TaskStatus.DONE]
    tasks, activities, reports = [], [], []
    for unit, program in zip(units, programs, strict=True):
        for i in range(TASKS_PER_COMMUNE):
            due = datetime.date(year, 3 * (i % 4) + 3, 28)
            tasks.append(
                Task(
                    program=program,
                    unit=unit,
                    kind=TaskKind.SCHEDULED,
                    position=i,
                    text=f"Nhiệm vụ {i}",
                    search_text=f"nhiem vu {i}",
                    due_date=due,
                    quarter=(due.month - 1) // 3 + 1,
                    status=statuses[i % 4],
                )
            )
        activities += [
            Activity(
                unit=unit,
                kind=ActivityKind.PROPAGANDA,
                title="Tuyên truyền",
                held_on=datetime.date(year, i + 1, 10),
                place="Hội trường",
                organiser="UBND xã",
                participants=40,
            )
            for i in range(ACTIVITIES_PER_COMMUNE)
        ]
        for q in range(4):
            start = datetime.date(year, 3 * q + 1, 1)
            end = datetime.date(year, 3 * q + 3, 28)
            reports.append(
                Report(
                    unit=unit,
                    kind=ReportKind.QUARTER,
                    period_start=start,
                    period_end=end,
                    title=f"Báo cáo quý {q + 1}",
                    status=ReportStatus.SUBMITTED if q < 3 else ReportStatus.DRAFT,
                )
            )
    Task.objects.bulk_create(tasks, batch_size=2000)
    Activity.objects.bulk_create(activities, batch_size=2000)
    Report.objects.bulk_create(reports, batch_size=2000)
    return province


def dashboard(province, runs: int) -> tuple[float, int]:
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client

    from accounts.models import Role, User

    user = User.objects.create_user(
        username=f"bench-{province.code}", password=None, unit=province, role=Role.VIEWER
    )
    # As in Django's tests: keep one connection, so the captured queries are the page's.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    client.force_login(user)

    def get():
        response = client.get("/bao-cao/", {"year": 2023})
        assert response.status_code == 200, response.status_code
        return response

    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        rows = len(get().context["rows"])
    assert rows == province.children.count(), rows
    return _median_ms(get, runs), len(executed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dvcq-reports-bench-") as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ["DVCQ_DATA_DIR"] = folder
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dvcq.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.test.utils import setup_test_environment

        setup_test_environment()
        call_command("migrate", verbosity=0)
        live, issued, size = report_docx(options.runs)
        print(f"Annual report .docx of the demo commune ({size // 1024} KB, 3 charts):")
        print(f"  live figures: median {live:.0f} ms; issued (snapshot): median {issued:.0f} ms")
        small = build_province("b13", 13)
        started = time.perf_counter()
        large = build_province("b130", 130)
        built = time.perf_counter() - started
        small_ms, small_queries = dashboard(small, options.runs)
        large_ms, large_queries = dashboard(large, options.runs)
        print(
            f"Parent dashboard, 130 communes x ({TASKS_PER_COMMUNE} tasks, "
            f"{ACTIVITIES_PER_COMMUNE} activities, 4 reports), built in {built:.1f} s:"
        )
        print(f"  13 communes: median {small_ms:.0f} ms, {small_queries} queries")
        print(f"  130 communes: median {large_ms:.0f} ms, {large_queries} queries")
        verdict = "does not grow" if small_queries == large_queries else "GROWS"
        print(f"  the number of queries {verdict} with the number of communes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
