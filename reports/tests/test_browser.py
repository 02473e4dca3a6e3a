"""End to end in headless Chromium: the clerk generates the year's report, writes the
situation, issues and submits it; the province's office finds it in its inbox."""

import os
import shutil

import pytest

from accounts.models import Role
from conftest import make_user

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_page():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("Debian's chromium is required in CI (.ci/run installs it)")
        pytest.skip("SKIPPED: no Debian chromium on this machine; apt-get install chromium")
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
        )
        page = browser.new_page(locale="vi-VN")
        yield page
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(base + "/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-for-tests-1")
    page.click("button[type=submit].primary")


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
