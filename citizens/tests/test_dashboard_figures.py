"""Petitions on the parent's dashboard: received, resolved and overdue per commune for the
period (a merged unit adds up its predecessors), each linking to the filtered petition list,
in a number of queries that does not grow with the number of communes."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from citizens.models import Petition, StepKind
from citizens.tests.conftest import receive, step
from conftest import make_user
from reports import dashboard
from reports.periods import Period
from units.models import Unit, UnitKind

D = datetime.date
NOW = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)
TODAY = D(2026, 11, 25)
YEAR = Period.year(2026)


def commune_in(province, name):
    return Unit.objects.create(
        code=f"c-{Unit.objects.count()}", name=name, kind=UnitKind.COMMUNE, parent=province
    )


@pytest.fixture
def cases(province, commune, other_commune, clerk):
    """Hưng Chính: 3 petitions of 2026 (one decided and sent, one accepted on time, one overdue) and
    one of 2025. Xã Khác: 1 forwarded. Xã Mới formed from Xã Cũ A (1 overdue) and Xã Cũ B
    (1 returned)."""
    old_a, old_b = commune_in(province, "Xã Cũ A"), commune_in(province, "Xã Cũ B")
    new = Unit.objects.create(code="xa-moi", name="Xã Mới", kind=UnitKind.COMMUNE, parent=province)
    other_clerk = make_user("khac", other_commune, Role.OFFICE)
    clerk_a, clerk_b = make_user("cua", old_a, Role.OFFICE), make_user("cub", old_b, Role.OFFICE)
    with time_machine.travel(NOW, tick=False):
        decided = receive(commune, clerk, day=D(2026, 7, 1), content="Khiếu nại việc cấp sổ đỏ")
        step(decided.petition, clerk, StepKind.ACCEPT, D(2026, 7, 3))
        step(decided.petition, clerk, StepKind.DECIDE, D(2026, 7, 20), result="right")
        step(decided.petition, clerk, StepKind.NOTIFY, D(2026, 7, 21))
        ok = receive(commune, clerk, day=D(2026, 11, 16), content="Khiếu nại về mốc giới đất")
        step(ok.petition, clerk, StepKind.ACCEPT, D(2026, 11, 18))
        receive(commune, clerk, day=D(2026, 10, 1), content="Khiếu nại tiền bồi thường")
        receive(commune, clerk, day=D(2025, 12, 1), content="Khiếu nại năm trước")
        forwarded = receive(other_commune, other_clerk, day=D(2026, 3, 2), content="Kiến nghị")
        step(forwarded.petition, other_clerk, StepKind.FORWARD, D(2026, 3, 5))
        receive(old_a, clerk_a, day=D(2026, 5, 4), content="Khiếu nại hộ nghèo")
        returned = receive(old_b, clerk_b, day=D(2026, 6, 1), content="Khiếu nại đường làng")
        step(returned.petition, clerk_b, StepKind.RETURN, D(2026, 6, 3))
    for old in (old_a, old_b):
        old.merged_into, old.valid_until = new, D(2026, 6, 30)
        old.save()
    return new


def by_name(rows):
    return {r.unit.name: r for r in rows}


@pytest.mark.django_db
def test_petition_figures_per_commune_add_up_merged_units(province, cases):
    rows = by_name(dashboard.rows(province, YEAR, TODAY))
    assert set(rows) == {"Xã Hưng Chính", "Xã Khác", "Xã Mới"}
    figures = {
        name: (
            row.values["petitions_received"],
            row.values["petitions_resolved"],
            row.values["petitions_overdue"],
        )
        for name, row in rows.items()
    }
    # Hưng Chính: 3 received in 2026; the decided one resolved; the one of 1/10 never
    # accepted (due 12/10) overdue; the one accepted on 18/11 is within its time limits.
    assert figures == {"Xã Hưng Chính": (3, 1, 1), "Xã Khác": (1, 1, 0), "Xã Mới": (2, 1, 1)}
    totals = dict(
        zip(
            [c.key for c in dashboard.columns()], dashboard.totals(list(rows.values())), strict=True
        )
    )
    assert (totals["petitions_received"], totals["petitions_resolved"]) == (6, 3)
    assert totals["petitions_overdue"] == 2
    # The period counts receipt dates within it.
    half = by_name(dashboard.rows(province, Period(D(2026, 1, 1), D(2026, 6, 30)), TODAY))
    assert half["Xã Hưng Chính"].values["petitions_received"] == 0
    assert half["Xã Mới"].values["petitions_received"] == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "start, end",
    [
        (D(2026, 1, 1), D(2026, 12, 31)),  # whole months: from the tally
        (D(2025, 12, 1), D(2026, 6, 30)),
        (D(2026, 7, 1), D(2026, 7, 31)),
        (D(2026, 7, 2), D(2026, 11, 30)),  # not whole months: from the petitions
        (D(2025, 12, 1), D(2026, 7, 1)),
        (D(2026, 3, 2), D(2026, 3, 2)),
    ],
)
def test_whole_months_and_other_periods_count_the_same_cases(province, cases, start, end):
    rows = by_name(dashboard.rows(province, Period(start, end), TODAY))
    for name, units in (
        ("Xã Hưng Chính", ["Xã Hưng Chính"]),
        ("Xã Khác", ["Xã Khác"]),
        ("Xã Mới", ["Xã Mới", "Xã Cũ A", "Xã Cũ B"]),
    ):
        petitions = Petition.objects.filter(
            unit__name__in=units, received_on__gte=start, received_on__lte=end
        )
        expected = (
            petitions.count(),
            petitions.filter(status__in=["decided", "closed"]).count(),
            petitions.exclude(status="closed").filter(next_due__lt=TODAY).count(),
        )
        values = rows[name].values
        got = tuple(
            values[k] for k in ("petitions_received", "petitions_resolved", "petitions_overdue")
        )
        assert got == expected, (name, start, end)


@pytest.mark.django_db
def test_each_figure_links_to_the_petition_list_filtered_the_same_way(
    client, province, province_viewer, cases
):
    client.force_login(province_viewer)
    with time_machine.travel(NOW, tick=False):
        page = client.get(reverse("reports:dashboard"), {"year": 2026})
        html = page.content.decode()
        assert "Đơn nhận" in html and "Đã giải quyết" in html
        row = by_name(page.context["rows"])["Xã Mới"]
        links = row.links
        for key, expected in (
            ("petitions_received", 2),
            ("petitions_resolved", 1),
            ("petitions_overdue", 1),
        ):
            assert links[key].replace("&", "&amp;") in html
            listed = client.get(links[key])
            assert listed.status_code == 200
            assert len(listed.context["rows"]) == expected, key
        overdue = client.get(
            by_name(page.context["rows"])["Xã Hưng Chính"].links["petitions_overdue"]
        )
    codes = [r["petition"].receipt_code for r in overdue.context["rows"]]
    assert codes == list(
        Petition.objects.filter(content="Khiếu nại tiền bồi thường").values_list(
            "receipt_code", flat=True
        )
    )


def _queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("reports:dashboard"), {"year": 2026}).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_dashboard_queries_do_not_grow_with_the_number_of_communes(
    client, province, province_viewer
):
    client.force_login(province_viewer)

    def add(n):
        unit = commune_in(province, f"Xã {Unit.objects.count()}")
        user = make_user(f"u{unit.pk}", unit, Role.OFFICE)
        with time_machine.travel(NOW, tick=False):
            for _ in range(n):
                receive(unit, user, day=D(2026, 9, 1), content=f"Khiếu nại số {unit.pk}")

    for _ in range(2):
        add(2)
    with time_machine.travel(NOW, tick=False):
        few = _queries(client)
    for _ in range(18):
        add(1)
    with time_machine.travel(NOW, tick=False):
        many = _queries(client)
        rows = client.get(reverse("reports:dashboard"), {"year": 2026}).context["rows"]
    assert len(rows) == 20
    assert sum(r.values["petitions_received"] for r in rows) == 22
    assert few == many
