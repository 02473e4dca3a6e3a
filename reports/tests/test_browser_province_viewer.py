"""End to end in headless Chromium: a province viewer (read-only role at the province)
compares its communes for a period, sorts them, drills down from a figure to the commune's
list and finds exactly the records counted, reads a report a commune sent up, and finds no
control that would change anything; a denouncer's identity stays hidden."""

import datetime

import pytest

from citizens.models import CaseType, Petition
from conftest import log_in, make_program
from programs.models import Task, TaskKind, TaskStatus
from reports import services
from reports.periods import Period
from reports.tests.conftest import receive

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HUNG_CHINH = "xa-hung-chinh"
KHAC = "xa-khac"


@pytest.fixture
def two_communes(year_data, other_commune, charlie):
    """Hưng Chính: ``year_data`` (6 scheduled tasks, 3 petitions) plus an implementation
    clause, which the figures do not count. Xã Khác: 4 tasks due Q1, Q2, Q3, Q1 – nos. 1–3
    done, no. 4 in progress (late) – and one complaint received in August 2023."""
    Task.objects.create(
        program=year_data,
        kind=TaskKind.ORGANIZATION,
        position=7,
        text="Văn phòng theo dõi, đôn đốc thực hiện chương trình",
        period="",
        due_date=datetime.date(2023, 12, 31),
    )
    other = make_program(other_commune, tasks=4)
    for task in other.tasks.all():
        task.status = TaskStatus.IN_PROGRESS if task.position == 4 else TaskStatus.DONE
        task.save()
    receive(other_commune, charlie, datetime.date(2023, 8, 15))
    return year_data, other


def rows_order(page):
    return page.locator("table.comparison tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.unit)"
    )


def figure(page, unit_code, column):
    return page.locator(f'tr[data-unit="{unit_code}"] td[data-column="{column}"]')


def figures_of(page, unit_code):
    keys = ("tasks_total", "tasks_finished", "tasks_percent", "tasks_overdue")
    return {k: figure(page, unit_code, k).inner_text().strip() for k in keys}


def show_period(page, start, end):
    page.fill("form.filters input[name=start]", start)
    page.fill("form.filters input[name=end]", end)
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()


def task_texts(page):
    return sorted(page.locator("table.tasks-table tbody tr td:first-child a").all_inner_texts())


def test_compare_communes_change_period_and_sort_and_drill_down_to_the_counted_tasks(
    live_server, browser_page, province_viewer, two_communes
):
    page = browser_page
    log_in(page, live_server.url, "province")
    page.click("details.more summary")
    page.click("a:text-is('Tổng hợp các đơn vị')")
    page.wait_for_selector("table.comparison")
    assert "Tổng hợp các đơn vị trực thuộc: Tỉnh A" in page.inner_text("h1")
    # This year: neither commune has a program, so nothing to count yet.
    assert figure(page, HUNG_CHINH, "tasks_total").inner_text().strip() == "0"

    show_period(page, "2023-01-01", "2023-12-31")
    assert "Kỳ: Năm 2023" in page.inner_text("main")
    assert rows_order(page) == [HUNG_CHINH, KHAC]
    assert figures_of(page, HUNG_CHINH) == {
        "tasks_total": "6",
        "tasks_finished": "2",
        "tasks_percent": "33%",
        "tasks_overdue": "3",
    }
    assert figures_of(page, KHAC) == {
        "tasks_total": "4",
        "tasks_finished": "3",
        "tasks_percent": "75%",
        "tasks_overdue": "1",
    }
    assert figure(page, HUNG_CHINH, "petitions_received").inner_text().strip() == "3"
    assert figure(page, KHAC, "petitions_received").inner_text().strip() == "1"

    # Sorting by the completion rate: ascending on the first click, descending on the next;
    # the period stays.
    page.click("table.comparison thead a:text-is('Tỷ lệ hoàn thành')")
    page.wait_for_load_state()
    assert rows_order(page) == [HUNG_CHINH, KHAC]
    page.click("table.comparison thead a:text-is('Tỷ lệ hoàn thành')")
    page.wait_for_load_state()
    assert rows_order(page) == [KHAC, HUNG_CHINH]
    assert "Kỳ: Năm 2023" in page.inner_text("main")

    # The first half year: only the tasks of quarters I and II count.
    show_period(page, "2023-01-01", "2023-06-30")
    assert "Kỳ: 01/01/2023 – 30/06/2023" in page.inner_text("main")
    assert figures_of(page, HUNG_CHINH) == {
        "tasks_total": "4",
        "tasks_finished": "2",
        "tasks_percent": "50%",
        "tasks_overdue": "1",
    }
    assert figures_of(page, KHAC)["tasks_total"] == "3"
    assert figures_of(page, KHAC)["tasks_percent"] == "67%"

    # Each figure opens the commune's task list holding exactly the tasks it counts.
    dashboard = page.url
    expected = {
        "tasks_total": ["Nhiệm vụ số 1", "Nhiệm vụ số 2", "Nhiệm vụ số 4", "Nhiệm vụ số 5"],
        "tasks_finished": ["Nhiệm vụ số 1", "Nhiệm vụ số 4"],
        "tasks_overdue": ["Nhiệm vụ số 2"],
    }
    for column, texts in expected.items():
        page.goto(dashboard)
        figure(page, HUNG_CHINH, column).locator("a").click()
        page.wait_for_selector("[data-result-count]")
        assert page.text_content(".page-head .eyebrow").strip() == "Xã Hưng Chính"
        assert page.get_attribute("[data-result-count]", "data-result-count") == str(len(texts))
        assert [t.removesuffix(" tuyên truyền") for t in task_texts(page)] == texts, column

    # The commune's name opens its program dashboard; a viewer gets no button there.
    page.goto(dashboard)
    page.click(f'tr[data-unit="{HUNG_CHINH}"] td:first-child a')
    page.wait_for_selector(".page-head h1")
    assert page.text_content(".page-head .eyebrow").strip() == "Xã Hưng Chính"
    assert "Chương trình năm 2023" in page.inner_text(".page-head h1")
    assert page.locator("main form[method=post]").count() == 0


def test_petition_figure_lists_the_counted_cases_and_keeps_the_denouncer_hidden(
    live_server, browser_page, province_viewer, two_communes
):
    page = browser_page
    log_in(page, live_server.url, "province", path="/bao-cao/?start=2023-01-01&end=2023-12-31")
    page.wait_for_selector("table.comparison")
    figure(page, HUNG_CHINH, "petitions_received").locator("a").click()
    page.wait_for_selector("tr[data-code]")
    shown = sorted(page.locator("tr[data-code]").evaluate_all("rs => rs.map(r => r.dataset.code)"))
    counted = sorted(
        Petition.objects.filter(unit__code=HUNG_CHINH).values_list("receipt_code", flat=True)
    )
    assert len(counted) == 3
    assert shown == counted
    assert page.locator("a:text-is('Tiếp nhận đơn')").count() == 0

    denunciation = Petition.objects.get(case_type=CaseType.DENUNCIATION)
    page.click(f'tr[data-code="{denunciation.receipt_code}"] a')
    page.wait_for_selector("#identity")
    identity = page.inner_text("#identity")
    assert "giữ bí mật" in identity
    assert "Nguyễn Văn An" not in page.content()
    # Neither revealing the identity nor handling the case is offered to a viewer.
    assert page.locator("#identity form").count() == 0
    assert page.locator("#step-form").count() == 0


def test_viewer_reads_a_report_sent_up_and_cannot_act_on_it(
    live_server, browser_page, province_viewer, clerk, commune, two_communes
):
    report = services.create_report(
        unit=commune, actor=clerk, kind="year", period=Period.year(2023)
    )
    services.update_texts(
        report=report,
        actor=clerk,
        data={"situation": "Tình hình chính trị ổn định, nhân dân đồng thuận."},
    )
    report = services.issue_report(report=report, actor=clerk, day=datetime.date(2024, 1, 5))
    services.submit_report(report=report, actor=clerk)

    page = browser_page
    log_in(page, live_server.url, "province", path="/bao-cao/?year=2023")
    page.wait_for_selector("table.comparison")
    assert figure(page, HUNG_CHINH, "reports_submitted").inner_text().strip() == "1"
    assert figure(page, KHAC, "reports_submitted").inner_text().strip() == "0"
    figure(page, HUNG_CHINH, "reports_submitted").locator("a").click()
    page.wait_for_selector("table.inbox")
    rows = page.locator("table.inbox tbody tr")
    assert rows.count() == 1
    assert "Xã Hưng Chính" in rows.inner_text()
    assert report.number_symbol in rows.inner_text()

    rows.locator("a").click()
    page.wait_for_selector("[data-status]")
    assert page.get_attribute("[data-status]", "data-status") == "submitted"
    assert "nhân dân đồng thuận" in page.inner_text("main")
    for control in (
        "button[value=receive]",
        "button[value=return]",
        "button[value=accept]",
        "button[name=save]",
        "button[name=issue]",
        "button[name=submit]",
        "select[name=fmt]",
        "textarea",
    ):
        assert page.locator(control).count() == 0, control

    # A half year holds no report sent up: the figure and its list agree.
    page.goto(live_server.url + "/bao-cao/?start=2023-01-01&end=2023-06-30")
    assert figure(page, HUNG_CHINH, "reports_submitted").inner_text().strip() == "0"
    figure(page, HUNG_CHINH, "reports_submitted").locator("a").click()
    page.wait_for_selector("h1")
    assert page.locator("table.inbox tbody tr").count() == 0
    assert "Chưa có báo cáo nào được gửi lên." in page.inner_text("main")
