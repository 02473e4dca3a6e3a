"""End to end in real headless Chromium: the clerk imports the program, adds a task from a
meeting's conclusion, reports 80% on an imported task, then re-imports the commune's corrected
version, which drops that task. The review screen shows both tasks, the clerk keeps them, and
afterwards the meeting's task and the progress are intact."""

import datetime
import os
from pathlib import Path

import pytest
from django.urls import reverse

from conftest import log_in
from meetings.models import MeetingKind
from meetings.services import schedule_meeting
from programs.models import Program, Task, TaskOrigin

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEED = Path(__file__).resolve().parents[2] / "dvcq" / "seed" / "chuong-trinh-dvcq-2023.txt"
DROPPED = "Triển khai, tuyên truyền thực hiện ngày pháp luật Việt Nam 09/11."
CONCLUSION = "Rà soát, lập danh sách hộ khó khăn về nhà ở tại các xóm"


def upload(page, base: str, path: Path) -> None:
    page.goto(base + reverse("documents:import_upload"))
    page.set_input_files("#id_file", str(path))
    page.click("button[type=submit].primary")
    page.wait_for_selector("text=Rà soát trước khi lưu")


def test_a_corrected_program_keeps_the_meetings_task_and_the_progress(
    live_server, browser_page, clerk, commune, tmp_path
):
    page, base = browser_page, live_server.url
    log_in(page, base, clerk.username)

    upload(page, base, SEED)
    page.click("text=Lưu chương trình")
    page.wait_for_selector(".messages")
    program = Program.objects.get(unit=commune, year=2023)

    meeting = schedule_meeting(
        unit=commune,
        actor=clerk,
        kind=MeetingKind.values[0],
        starts_at=datetime.datetime(2023, 4, 10, 1, tzinfo=datetime.UTC),
        place="Hội trường UBND xã",
        agenda="Sơ kết quý I",
    )
    page.goto(base + reverse("meetings:minutes", args=[meeting.pk]))
    page.fill("#id_c-0-text", CONCLUSION)
    page.fill("#id_c-0-due_date", "2023-06-20")
    page.click("text=Lưu biên bản")
    page.wait_for_selector(".messages")
    from_meeting = Task.objects.get(program=program, text=CONCLUSION)
    assert from_meeting.origin == TaskOrigin.MEETING

    dropped = program.tasks.get(text=DROPPED)
    page.goto(base + reverse("programs:task", args=[dropped.pk]))
    page.select_option("#id_status", "in_progress")
    page.fill("#id_progress", "80")
    page.click("text=Lưu cập nhật")
    page.wait_for_selector(".messages")

    corrected = tmp_path / "chuong-trinh-dvcq-2023-ban-sua.txt"
    corrected.write_text(SEED.read_text("utf-8").replace(f"- {DROPPED}\n", ""), "utf-8")
    upload(page, base, corrected)
    row = page.locator(f'tr[data-key="task-{dropped.pk}"]')
    assert DROPPED in row.inner_text() and "80%" in row.inner_text()
    keep = row.locator(f'input[name="keep-{dropped.pk}"]')
    assert keep.is_checked()
    outside = page.locator(f'tr[data-key="outside-{from_meeting.pk}"]')
    assert CONCLUSION in outside.inner_text()
    keep.check()
    os.makedirs("test-artifacts", exist_ok=True)
    page.screenshot(path="test-artifacts/reimport-review.png", full_page=True)
    page.click("text=Lưu chương trình")
    page.wait_for_selector(".messages")

    program_page = page.content()
    assert DROPPED in program_page and CONCLUSION in program_page
    dropped.refresh_from_db()
    from_meeting.refresh_from_db()
    assert not dropped.withdrawn and dropped.progress == 80 and dropped.updates.count() == 1
    assert not from_meeting.withdrawn
    assert from_meeting.due_date == datetime.date(2023, 6, 20)
