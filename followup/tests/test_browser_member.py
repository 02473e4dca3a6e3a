"""End to end in headless Chromium: a committee member signs in, finds the tasks they are in
charge of from the dashboard, reports progress on one with a PDF as evidence, and can change
neither a colleague's task nor the program, through the page or by a crafted POST."""

import pytest
from django.urls import reverse

from conftest import log_in
from programs.models import TaskUpdate
from programs.tests.helpers import pdf_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def post_from_page(page, url: str, data: dict):
    """A POST sent with the signed-in page's session and a valid CSRF token, as a user who
    crafts the request by hand would; answers the response, redirects not followed."""
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    return page.request.post(url, form={"csrfmiddlewaretoken": token, **data}, max_redirects=0)


def test_member_reports_progress_on_own_task_only(
    live_server, browser_page, tmp_path, program, seat, other_seat, task
):
    colleagues_task = program.tasks.get(position=2)
    colleagues_task.responsible = other_seat
    colleagues_task.save()
    evidence = tmp_path / "bien-ban-tuyen-truyen.pdf"
    evidence.write_bytes(pdf_bytes())
    page = browser_page

    log_in(page, live_server.url, "member")
    # A member lands on "Việc của tôi"; the dashboard is one click away.
    assert page.url.endswith("/tai-khoan/viec-cua-toi/")
    page.click("nav.mainnav >> text=Tổng quan")
    page.wait_for_load_state()
    # The dashboard lists the member's own row in the workload table: one task in charge.
    my_row = page.locator(f'tr[data-member="{seat.pk}"]')
    assert "Phạm Văn Nam" in my_row.inner_text()
    # The urging letter is for the office and the chair only.
    assert page.locator("text=Lập công văn đôn đốc").count() == 0
    my_row.locator("td").nth(1).locator("a").click()
    page.wait_for_selector("[data-result-count]")
    assert page.locator("[data-result-count]").get_attribute("data-result-count") == "1"
    results = page.inner_text("#task-results")
    assert task.short_text in results
    assert colleagues_task.short_text not in results

    page.click(f"#task-results >> text={task.short_text}")
    page.wait_for_selector("#task-update")
    assert task.text in page.inner_text("h1.task-title")
    assert "Chưa có cập nhật nào" in page.inner_text("#task-updates")
    # A member reports progress but does not assign the task, not even their own.
    assert page.locator("#task-assign").count() == 0

    page.select_option("#id_status", "in_progress")
    page.fill("#id_progress", "40")
    page.fill("#id_note", "Đã tổ chức 2 buổi tuyên truyền tại xóm 1.")
    page.set_input_files("#id_evidence", str(evidence))
    page.click("#task-update >> text=Lưu cập nhật")
    page.wait_for_selector(".messages")
    assert "Đã cập nhật tiến độ nhiệm vụ" in page.inner_text(".messages")
    updates = page.inner_text("#task-updates")
    assert "member" in updates  # the author, who has no full name
    assert "Đang thực hiện, 40%" in updates
    assert "Đã tổ chức 2 buổi tuyên truyền tại xóm 1." in updates
    assert "bien-ban-tuyen-truyen.pdf" in updates
    link = page.locator("#task-updates a", has_text="bien-ban-tuyen-truyen.pdf")
    download = page.request.get(live_server.url + link.get_attribute("href"))
    assert download.ok
    assert download.body().startswith(b"%PDF")

    # A colleague's task: readable, with neither the progress form nor the assignment form.
    page.goto(live_server.url + reverse("programs:task", args=[colleagues_task.pk]))
    assert colleagues_task.text in page.inner_text("h1.task-title")
    assert "Trần Văn Hùng" in page.inner_text("#task-responsible")
    assert page.locator("#task-update").count() == 0
    assert page.locator("#task-assign").count() == 0
    assert page.locator("text=Lưu cập nhật").count() == 0

    refused = post_from_page(
        page,
        live_server.url + reverse("programs:task", args=[colleagues_task.pk]),
        {"status": "done", "progress": "100", "note": "Không phải việc của tôi"},
    )
    assert refused.status == 404
    assert not TaskUpdate.objects.filter(task=colleagues_task).exists()
    reassign = post_from_page(
        page,
        live_server.url + reverse("programs:task_assign", args=[task.pk]),
        {"responsible": str(other_seat.pk), "period": "Q1"},
    )
    assert reassign.status == 404

    # The program: no document form, no next year's draft, no issuing; a crafted POST fails.
    page.click("nav.mainnav >> text=Chương trình")
    page.click(f"table >> text={program.title}")
    page.wait_for_selector("h1.doc-title")
    assert page.locator("text=Sửa thông tin văn bản").count() == 0
    assert page.locator("text=Cấp số và ban hành").count() == 0
    next_year = reverse("programs:program_next_year", args=[program.pk])
    assert page.locator(f'a[href="{next_year}"]').count() == 0
    refused = post_from_page(
        page,
        live_server.url + reverse("programs:program_document", args=[program.pk]),
        {"title": "Chương trình đã bị sửa"},
    )
    assert refused.status == 404
    program.refresh_from_db()
    assert program.title == "Công tác DVCQ năm 2023"
    task.refresh_from_db()
    assert task.responsible_id == seat.pk
