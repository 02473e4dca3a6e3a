"""End to end in headless Chromium: a commune viewer reads the dashboard, the program and a
task, is offered no control that changes anything, and is refused when typing the address of
an edit or create page or sending a crafted POST."""

import pytest
from django.urls import reverse

from conftest import log_in
from programs.models import TaskUpdate

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def post_from_page(page, url: str, data: dict):
    """A POST sent with the signed-in page's session and a valid CSRF token, as a user who
    crafts the request by hand would; answers the response, redirects not followed."""
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    return page.request.post(url, form={"csrfmiddlewaretoken": token, **data}, max_redirects=0)


def test_viewer_reads_program_and_task_and_can_change_nothing(
    live_server, browser_page, viewer, program, seat, task
):
    page = browser_page
    log_in(page, live_server.url, "viewer")
    page.wait_for_selector('[data-count="overdue"]')
    assert int(page.inner_text('[data-count="total"]')) == 3
    assert int(page.inner_text('[data-count="overdue"]')) == 3
    # Overdue tasks, yet no urging letter for a viewer, nor the managers' menu entries.
    assert page.locator("text=Lập công văn đôn đốc").count() == 0
    page.click("nav.mainnav summary")
    more = page.inner_text("nav.mainnav .more-links")
    assert "Báo cáo" in more
    for managers_only in ("Đôn đốc", "Nhập văn bản", "Nhật ký thay đổi"):
        assert managers_only not in more

    page.click("nav.mainnav >> text=Chương trình")
    page.click(f"table >> text={program.title}")
    page.wait_for_selector("h1.doc-title")
    assert program.title in page.inner_text("h1.doc-title")
    assert page.locator("ul.tasks li.task-item").count() == 3
    assert page.locator("text=Sửa thông tin văn bản").count() == 0
    assert page.locator("text=Cấp số và ban hành").count() == 0
    assert page.locator("text=Xây dựng chương trình năm").count() == 0
    assert page.locator("main form[method=post]").count() == 0
    # Reading and downloading the program stay open to the viewer.
    assert page.locator("text=Tải bản Word (.docx)").count() == 1

    page.click(f"ul.tasks >> text={task.text}")
    page.wait_for_selector("h1.task-title")
    assert task.text in page.inner_text("h1.task-title")
    assert "Phạm Văn Nam" in page.inner_text("#task-responsible")
    assert "Chưa có cập nhật nào" in page.inner_text("#task-updates")
    assert page.locator("#task-update").count() == 0
    assert page.locator("#task-assign").count() == 0
    assert page.locator("main form[method=post]").count() == 0

    page.click("nav.mainnav >> text=Ban Chỉ đạo")
    page.wait_for_selector("text=Thành viên hiện tại")
    assert "Phạm Văn Nam" in page.inner_text("main")
    assert page.locator("text=Bổ sung thành viên").count() == 0
    assert page.locator("main form[method=post]").count() == 0

    # Typing the address of a page that changes things: the "not found" page.
    for name, args in (
        ("programs:program_next_year", [program.pk]),
        ("followup:urging", []),
        ("citizens:create", []),
        ("meetings:create", []),
        ("activities:create", []),
    ):
        response = page.goto(live_server.url + reverse(name, args=args))
        assert response.status == 404, name
        assert "Không tìm thấy trang" in page.inner_text("body"), name

    page.goto(live_server.url + reverse("programs:task", args=[task.pk]))
    for url, data in (
        (reverse("programs:task", args=[task.pk]), {"status": "done", "progress": "100"}),
        (reverse("programs:task_assign", args=[task.pk]), {"period": "Q2"}),
        (reverse("programs:program_document", args=[program.pk]), {"title": "Đã bị sửa"}),
        (reverse("committee:member_add"), {"full_name": "Người lạ", "committee_role": "member"}),
    ):
        assert post_from_page(page, live_server.url + url, data).status == 404, url
    assert not TaskUpdate.objects.exists()
    task.refresh_from_db()
    assert (task.status, task.period) == ("not_started", "Q1")
    program.refresh_from_db()
    assert program.title == "Công tác DVCQ năm 2023"
    assert seat.unit.committee_members.count() == 1
