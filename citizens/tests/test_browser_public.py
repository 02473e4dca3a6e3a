"""End to end in headless Chromium, without signing in: a citizen opens the commune's public
page (reception schedule, the issued program and its progress), looks up their petition by
its reception code and PIN and sees its status and nothing of anyone else; a wrong code gets a
clear Vietnamese message; the whole journey works with JavaScript turned off."""

import datetime

import pytest

from citizens.models import ReceptionSlot
from citizens.tests.conftest import StepKind, receive, step
from conftest import make_program
from programs.models import ProgramStatus, TaskStatus

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WRONG = "Mã tiếp nhận hoặc mã PIN không đúng."


@pytest.fixture
def published(commune, clerk):
    """An issued 2023 program (3 tasks: done, done late, still open past its due date), a
    draft for 2024 that must not be published, the chairman's weekly reception, and two
    petitions from two people: the first accepted for resolution."""
    program = make_program(commune, tasks=3)
    program.status = ProgramStatus.ISSUED
    program.save()
    for position, status in ((1, TaskStatus.DONE), (2, TaskStatus.DONE_LATE)):
        task = program.tasks.get(position=position)
        task.status = status
        task.save()
    draft = make_program(commune, year=2024, tasks=1)
    draft.status = ProgramStatus.DRAFT
    draft.save()
    ReceptionSlot.objects.create(
        unit=commune,
        kind="chair",
        weekday=3,
        receiver="Chủ tịch UBND xã Nguyễn Văn Chủ",
        place="Trụ sở UBND xã",
        start_time=datetime.time(7, 30),
        end_time=datetime.time(11, 0),
        valid_from=datetime.date(2026, 1, 1),
    )
    mine = receive(
        commune,
        clerk,
        day=datetime.date(2026, 9, 1),
        people=[{"name": "Đỗ Thị Hỏi", "address": "Xóm 3", "contact": "0988000111"}],
    )
    step(mine.petition, clerk, StepKind.ACCEPT, datetime.date(2026, 9, 8))
    other = receive(
        commune,
        clerk,
        day=datetime.date(2026, 9, 2),
        content="Kiến nghị sửa đường liên xóm bị sạt lở",
        people=[{"name": "Hoàng Văn Khác", "address": "Xóm 1"}],
    )
    return mine, other


def look_up(page, code, pin):
    page.fill("#id_code", code)
    page.fill("#id_pin", pin)
    page.click("button[type=submit].primary")
    page.wait_for_load_state()


def check_public_page(page, base_url):
    page.goto(base_url + "/cong-dan/cong-khai/xa-hung-chinh/")
    assert page.url.endswith("/cong-dan/cong-khai/xa-hung-chinh/")  # no login asked
    assert page.inner_text("h1") == "Xã Hưng Chính – Thông tin công khai"
    assert page.locator("text=Đăng xuất").count() == 0
    assert "Chủ tịch UBND xã Nguyễn Văn Chủ" in page.inner_text("[data-section=schedule]")
    program = page.inner_text("[data-section=program]")
    assert "Công tác DVCQ năm 2023" in program
    assert "Số nhiệm vụ: 3 · Đã hoàn thành: 2 (67%) · Quá hạn: 1" in program
    assert "năm 2024" not in program  # a draft is not published


def test_citizen_sees_the_program_and_the_status_of_their_own_petition(
    live_server, browser_page, published
):
    mine, other = published
    page = browser_page
    check_public_page(page, live_server.url)

    # The code as written on a receipt, in lower case.
    look_up(page, mine.petition.receipt_code.lower(), mine.pin)
    status = page.inner_text("#lookup-status").splitlines()
    assert status[0] == "Tình trạng: Đã thụ lý, đang giải quyết"
    mine.petition.refresh_from_db()
    assert f"Ngày tiếp nhận: {mine.petition.received_on:%d/%m/%Y}" in status
    assert f"Thời hạn xử lý bước tiếp theo: {mine.petition.next_due:%d/%m/%Y}" in status
    assert page.locator("#lookup-error").count() == 0
    text = page.inner_text("main")
    for private in (
        "Đỗ Thị Hỏi",
        "0988000111",
        "thu hồi đất",
        "Hoàng Văn Khác",
        "sạt lở",
        other.petition.receipt_code,
    ):
        assert private not in text, private
    assert page.locator("text=Đăng xuất").count() == 0

    # The other person's code with this PIN, and a code that does not exist, get the same
    # answer and no status.
    for code, pin in ((other.petition.receipt_code, mine.pin), ("DT-0000-0000", mine.pin)):
        look_up(page, code, pin)
        assert page.inner_text("#lookup-error") == WRONG
        assert page.locator("#lookup-status").count() == 0
        assert "Hoàng Văn Khác" not in page.inner_text("main")


def test_the_public_page_and_the_lookup_work_without_javascript(
    live_server, browser_page, published
):
    mine, _other = published
    context = browser_page.context.browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    try:
        page.goto("data:text/html,<title>off</title><script>document.title='on'</script>")
        assert page.title() == "off"  # scripts really do not run in this context
        check_public_page(page, live_server.url)
        look_up(page, "DT-0000-0000", "123456")
        assert page.inner_text("#lookup-error") == WRONG
        look_up(page, mine.petition.receipt_code, mine.pin)
        status = page.inner_text("#lookup-status").splitlines()
        assert status[0] == "Tình trạng: Đã thụ lý, đang giải quyết"
    finally:
        context.close()
