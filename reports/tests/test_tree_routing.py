"""Reports and figures follow the unit tree of the report's period: a 2023 report of a
commune reaches its district, a 2026 report the province; the province's dashboard adds up
whole subtrees at every level; the inbox names the unit it is filtered on; each hand-off
tells the right people once."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from conftest import make_program, make_user
from programs.models import TaskStatus
from reminders.models import NoticeKind, Notification
from reports import dashboard, services
from reports.models import ReportKind, ReportStatus
from reports.periods import Period
from units import tree
from units.models import Unit, UnitKind

D = datetime.date
JULY_2025 = D(2025, 7, 1)


@pytest.fixture
def district(province):
    return Unit.objects.create(
        code="tp-vinh", name="Thành phố Vinh", kind=UnitKind.DISTRICT, parent=province
    )


@pytest.fixture
def moved(commune, district, province):
    """The fixtures' commune: under the district until 30 June 2025, then the province."""
    Unit.objects.filter(pk=commune.pk).update(parent=district)
    commune.refresh_from_db()
    commune.save()  # its path under the district
    tree.end_parent(unit=district, last_day=JULY_2025 - datetime.timedelta(days=1))
    return tree.change_parent(unit=commune, parent=province, on=JULY_2025)


@pytest.fixture
def district_office(district):
    return make_user("vinh", district, Role.OFFICE)


@pytest.fixture
def province_office(province):
    return make_user("tinh", province, Role.OFFICE)


@pytest.fixture
def province_chair(province):
    return make_user("tinh-ct", province, Role.CHAIR)


def _sent(unit, clerk, kind, year, issued_on):
    report = services.create_report(
        unit=unit, actor=clerk, kind=kind, period=services.period_for(kind, year)
    )
    report = services.issue_report(report=report, actor=clerk, day=issued_on)
    return services.submit_report(report=report, actor=clerk)


def test_each_report_goes_to_the_parent_of_its_period(
    client, moved, clerk, chair, district, district_office, province_office, province_chair
):
    old = _sent(moved, clerk, ReportKind.YEAR, 2023, D(2023, 12, 20))
    new = _sent(moved, clerk, ReportKind.HALF, 2026, D(2026, 6, 25))
    assert old.recipient_unit == district and new.recipient_unit.kind == UnitKind.PROVINCE
    assert old.recipients[0] == "Ban Chỉ đạo DVCQ Thành phố Vinh"
    assert new.recipients[0] == "Ban Chỉ đạo DVCQ Tỉnh A"
    # Each receiving office (and chair) is told of its own report only, once.
    told = Notification.objects.filter(kind=NoticeKind.REPORT_SUBMITTED)
    assert sorted(told.values_list("user__username", "url")) == [
        ("tinh", f"/bao-cao/{new.pk}/"),
        ("tinh-ct", f"/bao-cao/{new.pk}/"),
        ("vinh", f"/bao-cao/{old.pk}/"),
    ]

    client.force_login(district_office)
    inbox = client.get(reverse("reports:inbox")).content.decode()
    assert old.title in inbox and new.title not in inbox
    detail = client.get(reverse("reports:detail", args=[old.pk])).content.decode()
    assert "<dd data-recipient>Thành phố Vinh</dd>" in detail
    assert client.get(reverse("reports:detail", args=[new.pk])).status_code == 404
    assert (
        client.post(reverse("reports:review", args=[new.pk]), {"action": "receive"}).status_code
        == 404
    )
    client.force_login(province_office)
    inbox = client.get(reverse("reports:inbox")).content.decode()
    assert new.title in inbox and old.title not in inbox
    # The province reads the 2023 report (sent to a unit below it) but does not review it.
    assert client.get(reverse("reports:detail", args=[old.pk])).status_code == 200
    assert (
        client.post(reverse("reports:review", args=[old.pk]), {"action": "receive"}).status_code
        == 404
    )


def test_a_return_and_an_acceptance_tell_the_clerk_and_chair_once_each(
    client, moved, clerk, chair, district_office
):
    report = _sent(moved, clerk, ReportKind.YEAR, 2023, D(2023, 12, 20))
    client.force_login(district_office)
    url = reverse("reports:review", args=[report.pk])
    client.post(url, {"action": "receive"})
    client.post(url, {"action": "return", "comment": "Bổ sung số liệu quý IV."})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    returned = Notification.objects.filter(kind=NoticeKind.REPORT_RETURNED)
    assert sorted(returned.values_list("user__username", "body")) == [
        ("chair", "Bổ sung số liệu quý IV."),
        ("clerk", "Bổ sung số liệu quý IV."),
    ]
    client.force_login(clerk)
    client.post(reverse("reports:submit", args=[report.pk]))
    # The resubmission tells the district again: a new step of the report's way.
    assert Notification.objects.filter(user=district_office).count() == 2
    client.force_login(district_office)
    client.post(url, {"action": "accept", "comment": "Đạt yêu cầu."})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    accepted = Notification.objects.filter(kind=NoticeKind.REPORT_ACCEPTED)
    assert sorted(accepted.values_list("user__username", flat=True)) == ["chair", "clerk"]
    assert returned.count() == 2  # nobody told twice of the one return


def test_the_inbox_names_the_unit_it_is_filtered_on(client, moved, clerk, district_office):
    report = _sent(moved, clerk, ReportKind.YEAR, 2023, D(2023, 12, 20))
    client.force_login(district_office)
    page = client.get(reverse("reports:inbox"), {"unit": moved.pk}).content.decode()
    assert report.title in page
    assert f"Đang lọc theo: {moved.name}" in page


def _commune_under(parent, name, tasks, finished):
    unit = Unit.objects.create(
        code=f"c-{Unit.objects.count()}", name=name, kind=UnitKind.COMMUNE, parent=parent
    )
    program = make_program(unit, tasks=tasks)
    for task in program.tasks.order_by("position")[:finished]:
        task.status = TaskStatus.DONE
        task.save()
    return unit


def test_the_province_adds_up_whole_subtrees_as_the_tree_stood(province, district, moved, clerk):
    make_program(moved, tasks=6)
    _commune_under(district, "Xã B", tasks=4, finished=2)
    _commune_under(province, "Xã C", tasks=3, finished=3)
    year = Period.year(2023)
    _sent(moved, clerk, ReportKind.YEAR, 2023, D(2023, 12, 20))
    built = dashboard.rows(province, year, D(2023, 8, 1))
    rows = {r.unit.name: r.values for r in built}
    # The city's row counts its commune's report; its link drills down to the city.
    city = next(r for r in built if r.unit == district)
    assert city.values["reports_submitted"] == 1
    assert city.links["reports_submitted"].startswith(f"/bao-cao/?unit={district.pk}&")
    # 2023: the district is a row adding up its communes (6 + 4 tasks).
    assert rows["Thành phố Vinh"]["tasks_total"] == 10
    assert rows["Thành phố Vinh"]["tasks_finished"] == 2
    assert rows["Xã C"]["tasks_total"] == 3
    assert "Xã Hưng Chính" not in rows
    below = {r.unit.name: r.values for r in dashboard.rows(district, year, D(2023, 8, 1))}
    assert below["Xã Hưng Chính"]["tasks_total"] == 6 and below["Xã B"]["tasks_total"] == 4
    # 2026: no district level; the commune that moved is the province's own row.
    make_program(moved, year=2026, tasks=2)
    rows = {
        r.unit.name: r.values for r in dashboard.rows(province, Period.year(2026), D(2026, 8, 1))
    }
    assert "Thành phố Vinh" not in rows and rows["Xã Hưng Chính"]["tasks_total"] == 2


def test_a_deeper_tree_takes_no_more_queries(
    client, province, district, moved, province_office, django_assert_max_num_queries
):
    client.force_login(province_office)
    url = reverse("reports:dashboard") + "?year=2023"
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(5):
        _commune_under(district, f"Xã D{n}", tasks=2, finished=1)
        _commune_under(province, f"Xã E{n}", tasks=2, finished=1)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url)
    assert page.status_code == 200
