"""End to end in headless Chromium, every level of the tree: a member is assigned a task,
finds it on "Việc của tôi" with its notification and reports progress; the commune's 2023
report reaches Thành phố Vinh and its 2026 report the province, each received, returned once
(the clerk is told) and accepted; the province's figures add up the communes below it."""

import datetime

import pytest

from accounts.models import Role
from conftest import log_in, make_program, make_user
from programs.models import TaskStatus
from reports import services as reports
from reports.models import Report, ReportKind, ReportStatus
from units import tree
from units.models import Unit, UnitKind

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

JULY_2025 = datetime.date(2025, 7, 1)


def test_a_member_is_assigned_a_task_sees_it_and_reports_progress(
    live_server, browser_page, program, seat, clerk
):
    task = program.tasks.get(position=2)
    page = browser_page
    log_in(page, live_server.url, "clerk", path=f"/nhiem-vu/{task.pk}/")
    page.select_option("#task-assign select[name=responsible]", str(seat.pk))
    page.click("#task-assign >> text=Lưu phân công")
    page.wait_for_selector(".messages")
    assert seat.full_name in page.inner_text("#task-responsible")

    log_in(page, live_server.url, "member")
    # The member lands on their own page: the task, overdue since 30/06/2023.
    page.wait_for_selector("#my-tasks")
    assert page.url.endswith("/tai-khoan/viec-cua-toi/")
    row = page.locator(f'tr[data-task="{task.pk}"]')
    assert "30/06/2023" in row.inner_text() and "Quá hạn" in row.inner_text()
    assert page.inner_text(".bell-count").strip() == "1"
    page.goto(live_server.url + "/thong-bao/")
    notes = page.inner_text("ul.notifications")
    assert notes.count("Anh/chị chủ trì nhiệm vụ, hạn 30/06/2023") == 1

    page.goto(live_server.url + "/tai-khoan/viec-cua-toi/")
    page.locator(f'tr[data-task="{task.pk}"] >> text=Báo cáo tiến độ').click()
    page.wait_for_selector("#task-update")
    page.select_option("#id_status", "in_progress")
    page.fill("#id_progress", "40")
    page.fill("#id_note", "Đã tổ chức 2 buổi tuyên truyền.")
    page.click("#task-update >> text=Lưu cập nhật")
    page.wait_for_selector(".messages")
    assert "Đã tổ chức 2 buổi tuyên truyền." in page.inner_text("#task-updates")
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS and task.progress == 40


@pytest.fixture
def the_tree(province, commune, clerk, chair, program):
    """Thành phố Vinh with Hưng Chính (3 tasks) and Xã B (4 tasks, 2 done) until 30 June
    2025; Xã C (3 tasks, all done) straight under the province; from 1 July 2025 Hưng Chính
    reports to the province. An office account at each level."""
    city = Unit.objects.create(
        code="tp-vinh", name="Thành phố Vinh", kind=UnitKind.DISTRICT, parent=province
    )
    Unit.objects.filter(pk=commune.pk).update(parent=city)
    commune.refresh_from_db()
    commune.save()
    other = Unit.objects.create(code="xa-b", name="Xã B", kind=UnitKind.COMMUNE, parent=city)
    for unit, tasks, done in ((other, 4, 2), (province, 3, 3)):
        if unit == province:
            unit = Unit.objects.create(
                code="xa-c", name="Xã C", kind=UnitKind.COMMUNE, parent=province
            )
        made = make_program(unit, tasks=tasks)
        made.tasks.filter(position__lte=done).update(status=TaskStatus.DONE)
    for unit in (city, other):
        tree.end_parent(unit=unit, last_day=JULY_2025 - datetime.timedelta(days=1))
    tree.change_parent(unit=commune, parent=province, on=JULY_2025)
    make_user("vinh", city, Role.OFFICE)
    make_user("tinh", province, Role.OFFICE)
    issued = {}
    for kind, year, day in (
        (ReportKind.YEAR, 2023, datetime.date(2023, 12, 20)),
        (ReportKind.HALF, 2026, datetime.date(2026, 6, 25)),
    ):
        report = reports.create_report(
            unit=commune, actor=clerk, kind=kind, period=reports.period_for(kind, year)
        )
        issued[year] = reports.issue_report(report=report, actor=clerk, day=day)
    return issued


def _review_round(page, base, report, officer, level):
    """The clerk submits, the officer receives and returns, the clerk is told and resubmits,
    the officer accepts."""
    log_in(page, base, "clerk", path=f"/bao-cao/{report.pk}/")
    assert level in page.inner_text("button[name=submit]")
    page.click("button[name=submit]")
    page.wait_for_selector('[data-status="submitted"]')

    log_in(page, base, officer, path="/bao-cao/hop-thu/")
    row = page.locator("table.inbox tr", has_text="Xã Hưng Chính")
    assert row.count() == 1 and report.number_symbol in row.inner_text()
    row.locator("a").click()
    page.click("button[value=receive]")
    page.wait_for_selector('[data-status="received"]')
    page.fill("textarea[name=comment]", f"Bổ sung số liệu ({officer}).")
    page.click("button[value=return]")
    page.wait_for_selector('[data-status="returned"]')

    log_in(page, base, "clerk", path="/tai-khoan/viec-cua-toi/")
    assert f"Bổ sung số liệu ({officer})." in page.inner_text("#my-reports-returned")
    page.goto(base + "/thong-bao/")
    assert page.inner_text("ul.notifications").count(f"Bổ sung số liệu ({officer}).") == 1
    page.goto(base + f"/bao-cao/{report.pk}/")
    page.click("button[name=submit]")
    page.wait_for_selector('[data-status="submitted"]')

    log_in(page, base, officer, path=f"/bao-cao/{report.pk}/")
    page.click("button[value=accept]")
    page.wait_for_selector('[data-status="accepted"]')
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED


def test_reports_reach_the_level_of_their_period_and_the_province_adds_up_the_communes(
    live_server, browser_page, the_tree
):
    page, base = browser_page, live_server.url
    _review_round(page, base, the_tree[2023], "vinh", "Thành phố Vinh")
    _review_round(page, base, the_tree[2026], "tinh", "Tỉnh A")
    assert set(Report.objects.values_list("recipient_unit__code", flat=True)) == {
        "tp-vinh",
        "tinh-a",
    }

    # The province's 2023 comparison: Thành phố Vinh adds up its two communes (3 + 4 tasks,
    # 0 + 2 done), and the total is every commune's (3 + 4 + 3 tasks).
    log_in(page, base, "tinh", path="/bao-cao/?year=2023")
    page.wait_for_selector("table.comparison")
    city = page.locator('tr[data-unit="tp-vinh"]')
    assert city.locator('td[data-column="tasks_total"]').inner_text().strip() == "7"
    assert city.locator('td[data-column="tasks_finished"]').inner_text().strip() == "2"
    assert page.locator('tr[data-unit="xa-hung-chinh"]').count() == 0
    headers = page.locator("table.comparison thead th").all_inner_texts()
    totals = page.locator("table.comparison tfoot th").all_inner_texts()
    total = dict(zip(headers, totals, strict=True))
    assert total["Tổng số nhiệm vụ"].strip() == "10" and total["Hoàn thành"].strip() == "5"
    # Drill down to the city: its communes, whose figures make up its row.
    city.locator("td a").first.click()
    page.wait_for_selector('tr[data-unit="xa-hung-chinh"]')
    assert (
        page.locator('tr[data-unit="xa-hung-chinh"] td[data-column="tasks_total"]')
        .inner_text()
        .strip()
        == "3"
    )
    assert (
        page.locator('tr[data-unit="xa-b"] td[data-column="tasks_total"]').inner_text().strip()
        == "4"
    )
