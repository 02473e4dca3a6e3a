"""End to end in headless Chromium: the chairman reads the commune dashboard, drills from the
overdue count to the tasks it counts, assigns an unassigned task to a committee member, and
drafts an urging letter (công văn đôn đốc) about the overdue tasks, submits and issues it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import log_in
from programs import services

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def count(page, name: str) -> int:
    return int(page.locator(f'[data-count="{name}"]').inner_text())


@pytest.fixture
def finished_task(program, chair):
    """Task 2 (due 30/06/2023) reported done on 01/06/2023, on time."""
    task = program.tasks.get(position=2)
    services.record_task_update(
        task=task, actor=chair, status="done", progress=100, on_day=datetime.date(2023, 6, 1)
    )
    return task


def test_chair_drills_from_the_overdue_count_and_assigns_a_task(
    live_server, browser_page, chair, program, seat, other_seat, task, finished_task
):
    unassigned_task = program.tasks.get(position=3)
    page = browser_page
    log_in(page, live_server.url, "chair")
    page.wait_for_selector('[data-count="overdue"]')
    assert count(page, "total") == 3
    assert count(page, "done") == 1
    assert count(page, "overdue") == 2
    assert count(page, "unassigned") == 2

    page.locator("a.tile", has=page.locator('[data-count="overdue"]')).click()
    page.wait_for_selector("[data-result-count]")
    assert page.locator("[data-result-count]").get_attribute("data-result-count") == "2"
    assert page.locator("#id_status").input_value() == "overdue"
    rows = page.locator("#task-results tbody tr")
    assert rows.count() == 2
    listed = page.inner_text("#task-results")
    assert task.short_text in listed
    assert unassigned_task.short_text in listed
    assert finished_task.short_text not in listed
    for i in range(2):
        assert "Quá hạn" in rows.nth(i).locator("td").nth(4).inner_text()

    page.click(f"#task-results >> text={unassigned_task.short_text}")
    page.wait_for_selector("#task-assign")
    assert unassigned_task.text in page.inner_text("h1.task-title")
    assert "Chưa phân công" in page.inner_text("#task-responsible")
    assert page.locator("#task-update").count() == 1  # the chair may also report progress

    page.select_option("#id_responsible", str(other_seat.pk))
    page.check(f'#task-assign input[name=cooperators][value="{seat.pk}"]')
    page.fill("#id_due_date", "2023-11-30")
    page.click("#task-assign >> text=Lưu phân công")
    page.wait_for_selector(".messages")
    assert "Đã lưu phân công." in page.inner_text(".messages")
    assert "Trần Văn Hùng" in page.inner_text("#task-responsible")
    assert "Phạm Văn Nam" in page.inner_text("dl.facts")
    assert "30/11/2023" in page.inner_text("dl.facts")
    assert "chair" in page.inner_text("section.history")

    page.click("nav.mainnav >> text=Tổng quan")
    page.wait_for_selector('[data-count="unassigned"]')
    assert count(page, "unassigned") == 1
    assert count(page, "overdue") == 2
    hung = page.locator(f'tr[data-member="{other_seat.pk}"] td').nth(1)
    assert hung.inner_text() == "1"


def test_chair_sends_an_urging_letter_about_the_overdue_tasks(
    live_server, browser_page, chair, program, seat, task, finished_task
):
    page = browser_page
    log_in(page, live_server.url, "chair")
    page.wait_for_selector('[data-count="overdue"]')
    assert count(page, "overdue") == 2

    page.click("text=Lập công văn đôn đốc")
    page.wait_for_selector("button:has-text('Lập dự thảo công văn đôn đốc')")
    # Both overdue tasks are listed and ticked; the finished one is not.
    boxes = page.locator("input[name=tasks]")
    assert boxes.count() == 2
    assert all(boxes.nth(i).is_checked() for i in range(2))
    assert page.locator(f'input[name=tasks][value="{finished_task.pk}"]').count() == 0
    assert "Phạm Văn Nam" in page.inner_text("main")
    page.fill("#id_signer_name", "Nguyễn Văn Chủ")
    page.click("button:has-text('Lập dự thảo công văn đôn đốc')")
    page.wait_for_selector(".messages")
    message = page.inner_text(".messages")
    assert "Đã lập dự thảo công văn đôn đốc về 2 nhiệm vụ" in message
    assert "Chưa có số" in page.inner_text("main")  # a draft takes no number

    page.click("button:has-text('Trình ký')")
    page.wait_for_selector("button:has-text('Ký, ban hành và cấp số')")
    # The issue date is filled in with today (the browser drops a dd/mm/yyyy value).
    assert page.input_value("#id_issued_on") == timezone.localdate().isoformat()
    page.click("button:has-text('Ký, ban hành và cấp số')")
    page.wait_for_selector("text=Đã ban hành công văn đôn đốc số")
    message = page.inner_text(".messages")
    page.goto(live_server.url + reverse("followup:urging_letters"))
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1
    assert "chair" in rows.first.inner_text()
    symbol = rows.first.locator("td").first.inner_text().strip()
    assert f"số {symbol}" in message

    # The urging is recorded in the history of the task the chair urged.
    page.goto(live_server.url + reverse("programs:task", args=[task.pk]))
    assert f"Đã đôn đốc bằng công văn số {symbol}" in page.inner_text("section.history")
