"""The parent's dashboard: hand-computed figures, drill-down links, sorting, a bounded
number of queries, merged units adding up their predecessors, and scoping."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from brightspots import services as spots
from brightspots.models import EvaluationCriterion
from conftest import make_program, make_user
from inspections import services as inspections
from inspections.models import ChecklistTemplate
from programs.models import TaskStatus
from reports import dashboard
from reports.periods import Period, period_from_query
from reports.providers import (
    Column,
    FigureProvider,
    count_of,
    register,
    unit_or_predecessor,
    unregister,
)
from units.models import Unit, UnitKind

YEAR = Period.year(2023)
TODAY = datetime.date(2023, 8, 1)


def commune_in(province, name, tasks=3, finished=0):
    unit = Unit.objects.create(
        code=f"c-{province.pk}-{Unit.objects.count()}",
        name=name,
        kind=UnitKind.COMMUNE,
        parent=province,
    )
    program = make_program(unit, tasks=tasks)
    for task in program.tasks.order_by("position")[:finished]:
        task.status = TaskStatus.DONE
        task.save()
    return unit


def spot(unit, **kw):
    data = {
        "name": "Mô hình",
        "field": "economy",
        "registrant_kind": "unit",
        "goal": "—",
        "start_date": datetime.date(2023, 2, 1),
        "end_date": datetime.date(2023, 11, 30),
        "person_in_charge": "A",
        "registered_on": datetime.date(2023, 2, 1),
    } | kw
    return spots.register(unit=unit, actor=None, **data)


def by_name(rows):
    return {r.unit.name: r.values for r in rows}


def test_figures_match_a_hand_computed_fixture(commune, other_commune, clerk):
    program = make_program(commune, tasks=6)  # due Q1, Q2, Q3, Q1, Q2, Q3
    for position in (1, 2, 4):
        task = program.tasks.get(position=position)
        task.status = TaskStatus.DONE if position != 4 else TaskStatus.DONE_LATE
        task.save()
    make_program(other_commune, tasks=3)
    spot(commune)
    recognised = spot(commune, name="Mô hình 2")
    spots.evaluate(
        spot=recognised,
        actor=clerk,
        results={c.pk: (True, "") for c in EvaluationCriterion.objects.all()},
        passed=True,
    )
    spots.recognise(
        spot=recognised,
        actor=clerk,
        decision_number="1/QĐ",
        decision_date=datetime.date(2023, 12, 1),
    )
    run = inspections.start_inspection(
        template=ChecklistTemplate.objects.get(code="tu-kiem-tra-dvcq"),
        unit=commune,
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 12, 15),
        actor=clerk,
    )
    entries = {
        c.pk: {"score": c.max_points if c.kind == "scored" else 0}
        for c in inspections.criteria_of(run.template)
    }
    inspections.save_scores(inspection=run, actor=clerk, entries=entries)

    figures = by_name(dashboard.rows(commune.parent, YEAR, TODAY))
    # 6 tasks (due Q1, Q2, Q3, Q1, Q2, Q3), nos. 1, 2, 4 finished; of the open ones no. 5
    # (30/6) is overdue on 1/8, nos. 3 and 6 (30/9) are not.
    expected = {
        "tasks_finished": 3,
        "tasks_total": 6,
        "tasks_percent": 50,
        "tasks_overdue": 1,
        "spots_registered": 2,
        "spots_recognised": 1,
        "inspection_total": Decimal(100),
        "inspection_rating": "Xuất sắc",
        "reports_submitted": 0,
    }
    # Other apps (citizens) add their own columns; these are the reports app's.
    assert {key: figures["Xã Hưng Chính"][key] for key in expected} == expected
    assert figures["Xã Khác"]["tasks_total"] == 3
    assert figures["Xã Khác"]["tasks_percent"] == 0
    assert figures["Xã Khác"]["inspection_total"] is None
    # A span (first half) counts only what falls within it.
    half = dashboard.rows(
        commune.parent, Period(datetime.date(2023, 1, 1), datetime.date(2023, 6, 30)), TODAY
    )
    assert by_name(half)["Xã Hưng Chính"]["tasks_total"] == 4


def test_page_sorts_by_any_column_and_drills_down(client, province, province_viewer):
    commune_in(province, "Xã Ba", tasks=3, finished=3)
    low = commune_in(province, "Xã Một", tasks=3, finished=0)
    commune_in(province, "Xã Hai", tasks=3, finished=1)
    client.force_login(province_viewer)
    url = reverse("reports:dashboard")
    page = client.get(url, {"year": 2023, "sort": "-tasks_percent"})
    assert [r.unit.name for r in page.context["rows"]] == ["Xã Ba", "Xã Hai", "Xã Một"]
    page = client.get(url, {"year": 2023, "sort": "tasks_percent"})
    assert [r.unit.name for r in page.context["rows"]] == ["Xã Một", "Xã Hai", "Xã Ba"]
    html = page.content.decode()
    program = low.programs.get()
    assert f"/nhiem-vu/?program={program.pk}&amp;status=overdue" in html
    assert f"/?program={program.pk}" in html
    assert "<svg" in html and "100%" in html
    # The drill-down opens for the province viewer.
    assert client.get(reverse("programs:task_list"), {"program": program.pk}).status_code == 200


def test_a_period_that_ends_before_it_starts_is_refused(client, province, province_viewer):
    client.force_login(province_viewer)
    response = client.get(
        reverse("reports:dashboard"), {"start": "2023-12-31", "end": "2023-01-01"}
    )
    assert response.status_code == 400
    assert "ngày kết thúc trước ngày bắt đầu" in response.content.decode()
    with pytest.raises(ValidationError):
        period_from_query({"start": "2023-06-01", "end": "2023-05-31"}, TODAY)


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, {"year": 2023}).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_number_of_communes(client, province, province_viewer):
    client.force_login(province_viewer)
    url = reverse("reports:dashboard")
    for n in range(3):
        commune_in(province, f"Xã {n}", finished=1)
    few = _queries(client, url)
    for n in range(3, 30):
        commune_in(province, f"Xã {n}", finished=1)
    many = _queries(client, url)
    assert len(client.get(url, {"year": 2023}).context["rows"]) == 30
    assert few == many


def test_a_merged_unit_lists_and_adds_up_its_predecessors(client, province, province_viewer):
    a = commune_in(province, "Xã Cũ A", tasks=3, finished=1)
    b = commune_in(province, "Xã Cũ B", tasks=6, finished=2)
    new = Unit.objects.create(
        code="xa-moi",
        name="Xã Mới",
        kind=UnitKind.COMMUNE,
        parent=province,
        valid_from=datetime.date(2025, 7, 1),
    )
    for old in (a, b):
        old.merged_into, old.valid_until = new, datetime.date(2025, 6, 30)
        old.save()
    spot(a)
    rows = by_name(dashboard.rows(province, YEAR, TODAY))
    assert set(rows) == {"Xã Mới"}
    assert rows["Xã Mới"]["tasks_total"] == 9
    assert rows["Xã Mới"]["tasks_finished"] == 3
    assert rows["Xã Mới"]["tasks_percent"] == 33
    assert rows["Xã Mới"]["spots_registered"] == 1
    client.force_login(province_viewer)
    html = client.get(reverse("reports:dashboard"), {"year": 2023}).content.decode()
    assert "Xã Cũ A" in html and "Xã Cũ B" in html
    client.force_login(make_user("moi", new, Role.OFFICE))
    page = client.get(reverse("reports:dashboard"), {"year": 2023}).content.decode()
    assert "Hình thành từ việc sáp nhập" in page and "Xã Cũ A, Xã Cũ B" in page


def test_a_parent_sees_only_its_own_children(client, province, commune, province_viewer, clerk):
    other_province = Unit.objects.create(code="tinh-b", name="Tỉnh B", kind=UnitKind.PROVINCE)
    commune_in(other_province, "Xã Tỉnh Khác")
    client.force_login(province_viewer)
    url = reverse("reports:dashboard")
    html = client.get(url, {"year": 2023}).content.decode()
    assert "Xã Hưng Chính" in html and "Xã Tỉnh Khác" not in html
    assert client.get(url, {"unit": other_province.pk}).status_code == 404
    client.force_login(clerk)
    assert client.get(url, {"unit": province.pk}).status_code == 404


def test_another_app_adds_a_column_through_the_registry(province, commune):
    from programs.models import Task

    register(
        FigureProvider(
            key="test_open",
            label="Mở",
            columns=(Column("open_tasks", "Nhiệm vụ đang mở"),),
            stages=lambda period, today: [
                {
                    "open_tasks": count_of(
                        Task.objects.filter(unit_or_predecessor(), status="not_started")
                    )
                }
            ],
        )
    )
    try:
        make_program(commune, tasks=4)
        assert by_name(dashboard.rows(province, YEAR, TODAY))["Xã Hưng Chính"]["open_tasks"] == 4
    finally:
        unregister("test_open")
