"""End to end in headless Chromium: the clerk generates the year's report, writes the
situation, issues and submits it; the province's office finds it in its inbox."""

import pytest

from accounts.models import Role
from conftest import log_in, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_generate_edit_issue_submit_and_the_province_sees_it(
    live_server, browser_page, province, commune, clerk, program
):
    make_user("tinh-vp", province, Role.OFFICE)
    page = browser_page
    log_in(page, live_server.url, "clerk")
    page.goto(live_server.url + "/bao-cao/danh-sach/")
    page.select_option("#id_kind", "year")
    page.fill("#id_year", "2023")
    page.click("text=Tạo dự thảo báo cáo")
    page.wait_for_selector("#section-tasks")
    page.fill("#id_situation", "Tình hình chính trị ổn định, nhân dân đồng thuận.")
    page.click("button[name=save]")
    page.wait_for_selector("text=Đã lưu nội dung báo cáo.")
    page.fill("#id_issued_on", "2024-01-05")
    page.click("button[name=issue]")
    page.wait_for_selector("text=01/BC-BCĐ")
    assert "nhân dân đồng thuận" in page.content()
    page.click("button[name=submit]")
    page.wait_for_selector('[data-status="submitted"]')

    log_in(page, live_server.url, "tinh-vp")
    page.goto(live_server.url + "/bao-cao/hop-thu/")
    row = page.locator("table.inbox tr", has_text="Xã Hưng Chính")
    assert "01/BC-BCĐ" in row.inner_text()
    row.locator("a").click()
    page.wait_for_selector("text=nhân dân đồng thuận")
    page.click("button[value=receive]")
    page.wait_for_selector('[data-status="received"]')
