"""The parent's dashboard: hand-computed figures, drill-down links, sorting, a bounded
number of queries, merged units adding up their predecessors, and scoping."""

import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

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
    per_row,
    register,
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
    response = client.get(url, {"year": 2023})
    assert response.context["page"].paginator.count == 30
    assert len(response.context["rows"]) == dashboard.ROWS_PER_PAGE
    assert few == many


def test_rows_come_a_page_at_a_time_sorted_across_pages_with_totals_of_all(
    client, province, province_viewer, monkeypatch
):
    monkeypatch.setattr(dashboard, "ROWS_PER_PAGE", 2)
    for name, finished in [("Xã A", 0), ("Xã B", 3), ("Xã C", 1), ("Xã D", 2), ("Xã E", 3)]:
        commune_in(province, name, tasks=3, finished=finished)
    client.force_login(province_viewer)
    url = reverse("reports:dashboard")

    def names(**query):
        response = client.get(url, {"year": 2023, **query})
        assert response.status_code == 200
        return [r.unit.name for r in response.context["rows"]], response

    first, response = names(sort="-tasks_percent")
    assert first == ["Xã B", "Xã E"]  # the best of all five, not of the first two by name
    assert names(sort="-tasks_percent", page=2)[0] == ["Xã D", "Xã C"]
    assert names(sort="-tasks_percent", page=3)[0] == ["Xã A"]
    assert names(sort="-tasks_percent", page="99")[0] == ["Xã A"]  # past the end: the last
    assert names(sort="-tasks_percent", page="x")[0] == ["Xã B", "Xã E"]
    html = response.content.decode()
    assert "Đơn vị 1–2 trong 5 đơn vị trực thuộc" in html
    assert "Trang 1/3" in html and "sort=-tasks_percent" in html and "page=2" in html
    # The totals are of all five communes: 15 tasks, 9 done.
    keys = [c.key for c in dashboard.columns()]
    totals = dict(zip(keys, response.context["totals"], strict=True))
    assert totals["tasks_total"] == 15
    assert "Tổng cộng (5 đơn vị)" in html
    # A sort link starts again from the first page.
    second = client.get(url, {"year": 2023, "sort": "-tasks_percent", "page": 2})
    assert all("page=" not in link for link in second.context["sort_links"].values())
    # The chart draws the page's rows.
    assert [b["label"] for b in second.context["chart"]["bars"]] == ["Xã D", "Xã C"]
    # The download holds every row, in the same order, whatever the page.
    assert "tong-hop.xlsx?year=2023&amp;sort=-tasks_percent" in second.content.decode()


def test_the_whole_table_downloads_as_xlsx_in_the_chosen_sort(
    client, province, commune, province_viewer, clerk, monkeypatch
):
    monkeypatch.setattr(dashboard, "ROWS_PER_PAGE", 2)
    for name, finished in [("Xã A", 0), ("Xã B", 3), ("Xã C", 1), ("Xã D", 2)]:
        commune_in(province, name, tasks=3, finished=finished)
    client.force_login(province_viewer)
    url = reverse("reports:dashboard_xlsx")
    response = client.get(url, {"year": 2023, "sort": "-tasks_percent", "page": 2})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('-2023-01-01-2023-12-31.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[1][0] == "Tỉnh A" and cells[2][0].startswith("Kỳ:")
    header = cells[4]
    assert header[:2] == ["STT", "Đơn vị"]
    labels = {c.key: str(c.label) for c in dashboard.columns()}
    total_column = header.index(labels["tasks_total"])
    body = cells[5:-1]
    # Every commune of the province (the fixture's own commune has no program: 0 tasks).
    assert [row[1] for row in body][:4] == ["Xã B", "Xã D", "Xã C", "Xã A"]
    assert len(body) == 5
    assert cells[-1][1] == "Tổng cộng" and cells[-1][total_column] == 12
    # A commune's clerk cannot download the province's table; a bad period changes nothing.
    client.force_login(clerk)
    assert client.get(url, {"unit": province.pk, "year": 2023}).status_code == 404
    client.force_login(province_viewer)
    bad = client.get(url, {"start": "2023-12-31", "end": "2023-01-01"})
    assert bad.status_code == 302


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
            figures=lambda scope, period, today: per_row(
                scope, Task.objects.filter(status="not_started"), open_tasks=Count("pk")
            ),
        )
    )
    try:
        make_program(commune, tasks=4)
        assert by_name(dashboard.rows(province, YEAR, TODAY))["Xã Hưng Chính"]["open_tasks"] == 4
    finally:
        unregister("test_open")


def test_a_chain_of_mergers_counts_in_the_last_unit_which_lists_its_direct_predecessors(
    client, province, province_viewer
):
    """A commune merged into one that was itself merged (and one from another province)
    counts in the unit that is a row today; the row names only the units merged into it."""
    first = commune_in(province, "Xã Đầu", tasks=3, finished=1)
    middle = commune_in(province, "Xã Giữa", tasks=6, finished=3)
    other_province = Unit.objects.create(code="tinh-c", name="Tỉnh C", kind=UnitKind.PROVINCE)
    across = commune_in(other_province, "Xã Tỉnh Bên", tasks=3, finished=3)
    last = commune_in(province, "Xã Cuối", tasks=0)
    stays = commune_in(province, "Xã Riêng", tasks=3)
    for old, new in ((first, middle), (middle, last), (across, last)):
        old.merged_into = new
        old.save()
    spot(first)
    rows = {r.unit.name: r for r in dashboard.rows(province, YEAR, TODAY)}
    assert set(rows) == {"Xã Cuối", "Xã Riêng"}
    assert rows["Xã Cuối"].values["tasks_total"] == 12
    assert rows["Xã Cuối"].values["tasks_finished"] == 7
    assert rows["Xã Cuối"].values["tasks_percent"] == 58  # 7/12 = 58.3 %
    assert rows["Xã Cuối"].values["spots_registered"] == 1
    assert [p.name for p in rows["Xã Cuối"].predecessors] == ["Xã Giữa", "Xã Tỉnh Bên"]
    assert rows["Xã Riêng"].values["tasks_total"] == 3
    assert rows["Xã Riêng"].predecessors == []
    # The name links to the row's own program, not a predecessor's.
    for unit in (last, stays):
        assert rows[unit.name].link == (
            f"{reverse('programs:dashboard')}?program={unit.programs.get().pk}"
        )
    # Every row's cells follow the columns, values and links included.
    for row in rows.values():
        assert [(c.key, v, link) for c, v, link in row.cells] == [
            (c.key, row.values[c.key], row.links[c.key]) for c in dashboard.columns()
        ]


def test_percent_rounds_halves_up():
    from reports.figures import percent

    assert [percent(1, 8), percent(3, 8), percent(1, 3), percent(2, 3), percent(0, 0)] == [
        13,
        38,
        33,
        67,
        0,
    ]


def test_sorting_puts_missing_figures_last_in_both_directions(province, clerk):
    """Units without a self-inspection have no score: they come after the others whichever
    the direction; equal figures keep the order of names."""
    scored = {}
    for name, points in (("Xã B", 80), ("Xã A", 80), ("Xã C", 95)):
        unit = commune_in(province, name)
        run = inspections.start_inspection(
            template=ChecklistTemplate.objects.get(code="tu-kiem-tra-dvcq"),
            unit=unit,
            period_start=datetime.date(2023, 1, 1),
            period_end=datetime.date(2023, 12, 15),
            actor=clerk,
        )
        inspections.save_scores(inspection=run, actor=clerk, entries={})
        type(run).objects.filter(pk=run.pk).update(total=points)
        scored[name] = run
    commune_in(province, "Xã Chưa")
    commune_in(province, "Xã Ẩn")

    def order(sort):
        return [r.unit.name for r in dashboard.rows(province, YEAR, TODAY, sort)]

    ascending = order("inspection_total")
    assert ascending[:3] == ["Xã A", "Xã B", "Xã C"]
    assert order("-inspection_total")[:3] == ["Xã C", "Xã A", "Xã B"]
    assert set(ascending[3:]) == {"Xã Chưa", "Xã Ẩn", "Xã Hưng Chính"}
    assert order("-inspection_total")[3:] == ascending[3:]
    assert order("-name") == list(reversed(order("name")))
    assert order("no-such-column") == order("name")
    row = {r.unit.name: r for r in dashboard.rows(province, YEAR, TODAY)}["Xã C"]
    assert row.links["inspection_total"] == reverse("inspections:detail", args=[scored["Xã C"].pk])


@pytest.mark.parametrize(
    "query",
    [
        {"unit": 5, "start": "2023-01-01", "end": "2023-12-31", "state": "resolved"},
        {"program": 12, "status": "overdue", "quarters": "1-4", "kind": "tracked"},
        {"q": "đất đai & nhà ở", "a b": "x/y?z=1", "~._-": "~._-"},
    ],
)
def test_figure_links_are_what_reverse_and_urlencode_give(query):
    from django.utils.http import urlencode

    from reports.providers import link_to

    for name in ("citizens:list", "programs:task_list", "reports:inbox"):
        assert link_to(name, query) == f"{reverse(name)}?{urlencode(query)}"


def test_queries_do_not_depend_on_mergers(province):
    """Merged units are found in one query whatever their number and depth."""
    for n in range(3):
        commune_in(province, f"Xã {n}")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            dashboard.rows(province, YEAR, TODAY)
        return len(ctx.captured_queries)

    before = count()
    rows = Unit.objects.filter(parent=province).order_by("name")
    target = rows.last()
    for n, old in enumerate(rows[:2]):
        absorbed = commune_in(province, f"Xã cũ {n}")
        absorbed.merged_into = old
        absorbed.save()
        old.merged_into = target
        old.save()
    assert count() == before
    (row,) = dashboard.rows(province, YEAR, TODAY)
    assert row.values["tasks_total"] == 15


def _squeeze(html) -> str:
    return re.sub(r"\s+", " ", str(html))


def test_the_table_and_chart_show_figures_escaped_with_their_links(
    client, province, province_viewer, clerk
):
    """The figure cells and chart bars (made in Python, not by a template loop): escaped
    names, percentages rounded half up, a rating as text, a dash for a missing figure, every
    figure linked to what it counts."""
    commune_in(province, 'Xã <Một> & "Hai" có một cái tên rất dài, dài hơn 28 ký tự', tasks=3)
    scored = commune_in(province, "Xã Ba", tasks=8, finished=1)  # 12.5 %, rounded up
    run = inspections.start_inspection(
        template=ChecklistTemplate.objects.get(code="tu-kiem-tra-dvcq"),
        unit=scored,
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 12, 15),
        actor=clerk,
    )
    inspections.save_scores(inspection=run, actor=clerk, entries={})
    type(run).objects.filter(pk=run.pk).update(total=Decimal("87.50"), rating="Khá")
    client.force_login(province_viewer)
    page = client.get(reverse("reports:dashboard"), {"year": 2023, "sort": "-tasks_percent"})
    html = _squeeze(page.content.decode())
    rows = page.context["rows"]
    first, second = rows[0], next(r for r in rows if r.unit.name.startswith("Xã <Một>"))
    assert first.unit == scored
    percent_link = escape(first.links["tasks_percent"])
    assert f'<td data-column="tasks_percent"><a href="{percent_link}">13%</a></td>' in html
    inspection_link = escape(first.links["inspection_rating"])
    assert f'<td data-column="inspection_rating"><a href="{inspection_link}">Khá</a></td>' in html
    assert '<td data-column="inspection_total"><a href="' in html
    assert ">87,50</a></td>" in html
    assert second.values["inspection_total"] is None
    assert html.count('<td data-column="inspection_rating">—</td>') == len(rows) - 1
    assert "<Một>" not in html
    assert "Xã &lt;Một&gt; &amp; &quot;Hai&quot;" in html
    assert "Xã &lt;Một&gt; &amp; &quot;Hai&quot; có một cái…</text>" in html
    assert html.count("<rect") == 2 * len(rows)
    assert f'<a href="{percent_link}"> <text x="0" y="15" font-size="12">Xã Ba</text>' in html
