"""End to end in real headless Chromium (Debian's ``chromium``, driven by Playwright): the
demo clerk logs in, opens the program, marks a Quý I task done with a PDF as evidence, and
sees the dashboard's counts change."""

import os
from io import StringIO

import pytest
from django.core.management import call_command

from programs.tests.helpers import pdf_bytes

# serialized_rollback: the flush after this test would also wipe the rows data migrations
# seeded (templates, legal time limits, anniversaries) for the tests that follow.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def count(page, name: str) -> int:
    return int(page.locator(f'[data-count="{name}"]').inner_text())


def test_clerk_marks_a_first_quarter_task_done_with_a_pdf(live_server, browser_page, tmp_path):
    call_command("load_demo", stdout=StringIO())
    evidence = tmp_path / "bien-ban-kien-toan.pdf"
    evidence.write_bytes(pdf_bytes())
    page = browser_page

    page.goto(live_server.url + "/")
    page.fill("#id_username", "vanphong")
    page.fill("#id_password", "demo-dvcq-2023")
    page.click("button[type=submit].primary")
    page.wait_for_selector('[data-count="done_late"]')
    done_late_before = count(page, "done_late")
    overdue_before = count(page, "overdue")

    page.click("nav.mainnav >> text=Chương trình")
    page.click("table >> text=Công tác Dân vận chính quyền năm 2023")
    quarter_one = page.locator("h3", has_text="Quý I").first.locator(
        "xpath=following-sibling::ul[1]"
    )
    target = quarter_one.locator("li", has=page.locator(".chip-overdue")).first
    task_text = target.locator("a").inner_text()
    target.locator("a").click()

    page.select_option("#id_status", "done")
    page.fill("#id_progress", "100")
    page.fill("#id_note", "Đã hoàn thành, có biên bản kèm theo.")
    page.set_input_files("#id_evidence", str(evidence))
    page.click("text=Lưu cập nhật")
    page.wait_for_selector(".messages")
    assert "Đã cập nhật tiến độ nhiệm vụ" in page.inner_text(".messages")
    assert "bien-ban-kien-toan.pdf" in page.content()
    assert task_text[:40] in page.inner_text("h1")

    page.click("nav.mainnav >> text=Tổng quan")
    page.wait_for_selector('[data-count="done_late"]')
    assert count(page, "done_late") == done_late_before + 1
    assert count(page, "overdue") == overdue_before - 1
    os.makedirs("test-artifacts", exist_ok=True)
    page.screenshot(path="test-artifacts/dashboard-after-update.png", full_page=True)
