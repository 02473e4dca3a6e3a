"""End to end in headless Chromium (Debian's ``chromium`` via Playwright): the clerk receives a
complaint (the form's deadline block following the type chosen), accepts it and records the
decision; the case page shows each step's deadline."""

import os

import pytest
from django.utils import timezone

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_intake_acceptance_decision(live_server, browser_page, clerk):
    page = browser_page
    today = timezone.localdate().isoformat()
    page.goto(live_server.url + "/cong-dan/don/moi/")
    page.fill("#id_username", "clerk")
    page.fill("#id_password", "pw-for-tests-1")
    page.click("button[type=submit].primary")
    page.wait_for_selector("#id_received_on")

    page.fill("#id_received_on", today)
    page.select_option("#id_channel", "in_person")
    # The preview for the new date is swapped in before the type changes (a person takes
    # longer than the swap; a change made during it would find no listener yet).
    page.wait_for_load_state("networkidle")
    assert "30 ngày kể từ ngày thụ lý" not in page.inner_text("#deadline-preview")
    page.select_option("#id_case_type", "complaint")
    # htmx replaces the deadline block as the type changes: a complaint is resolved in 30
    # days from its acceptance (a recommendation in 10 working days).
    page.locator("#deadline-preview", has_text="30 ngày kể từ ngày thụ lý").wait_for()
    page.fill("#id_name_0", "Đỗ Văn Khiếu")
    page.fill("#id_address_0", "Xóm 4")
    page.fill("#id_content", "Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng")
    page.click("button[type=submit].primary")
    page.wait_for_selector(".messages")
    assert "Mã tiếp nhận" in page.inner_text(".messages")
    assert "Đỗ Văn Khiếu" in page.inner_text("#identity")
    assert "Xử lý đơn" in page.inner_text("#deadlines")

    page.select_option("#id_kind", "accept")
    page.fill("#id_document_number", "15/TB-UBND")
    page.click("#step-form button[type=submit]")
    page.wait_for_selector(".messages")
    assert "Đã ghi bước xử lý" in page.inner_text(".messages")
    assert "Đã thụ lý" in page.inner_text("#status")
    assert "Luật Khiếu nại 2011, Điều 28" in page.inner_text("#deadlines")

    page.select_option("#id_kind", "decide")
    page.select_option("#id_result", "partly")
    page.fill("#id_document_number", "20/QĐ-UBND")
    page.click("#step-form button[type=submit]")
    page.wait_for_selector(".messages")
    assert "Đã có quyết định" in page.inner_text("#status")
    assert "Đúng một phần" in page.inner_text("#status")
    assert "20/QĐ-UBND" in page.inner_text("#steps")
    os.makedirs("test-artifacts", exist_ok=True)
    page.screenshot(path="test-artifacts/citizens-decision.png", full_page=True)
