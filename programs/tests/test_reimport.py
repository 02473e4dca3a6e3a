"""Re-importing an updated version of the same document updates the program in place."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from audit.models import AuditEvent
from documents.importing import parse_program_file
from documents.models import TaskCitation
from programs.models import Program, Task, TaskStatus
from programs.revisions import apply_reading
from programs.services import record_task_update

SEED = Path(__file__).resolve().parents[2] / "dvcq" / "seed" / "chuong-trinh-dvcq-2023.txt"


def seed_text() -> str:
    return SEED.read_text("utf-8")


def reading_of(text: str):
    return parse_program_file("ban-cap-nhat.txt", text.encode("utf-8"))


@pytest.fixture
def imported(commune, clerk):
    call_command("import_program", str(SEED), unit=commune.code, stdout=StringIO())
    return Program.objects.get(unit=commune, year=2023)


def test_an_updated_version_keeps_progress_and_reports_what_changed(imported, commune, clerk):
    first_q1 = imported.tasks.get(period="Q1", position=11)
    record_task_update(
        task=first_q1, actor=clerk, status="in_progress", progress=40, note="Đang soạn"
    )
    dropped = imported.tasks.get(position=29)  # a clause nobody reported on
    reported_and_dropped = imported.tasks.get(position=28)
    record_task_update(task=reported_and_dropped, actor=clerk, status="in_progress", progress=10)

    text = seed_text()
    text = text.replace(
        "- Xây dựng Chương trình công tác Dân vận chính quyền năm 2023.",
        "- Xây dựng và ban hành Chương trình công tác Dân vận chính quyền năm 2023.",
    )
    text = text.replace(
        "- Xây dựng chương trình công tác DVCQ năm 2024.",
        "- Xây dựng chương trình công tác DVCQ năm 2024.\n\n"
        "- Tổ chức đối thoại với Nhân dân tại các xóm.",
    )
    clauses_start = text.index("1. Bộ phận Văn phòng")
    clauses_end = text.index("Nơi nhận:")
    new_clause = "1. Giao Văn phòng UBND xã làm đầu mối tổng hợp, báo cáo định kỳ hằng quý.\n\n"
    text = text[:clauses_start] + new_clause + text[clauses_end:]

    report = apply_reading(unit=commune, reading=reading_of(text), actor=clerk)

    assert not report.created
    assert any("Tổ chức đối thoại với Nhân dân" in line for line in report.added)
    assert any("ban hành Chương trình" in line for line in report.changed)
    assert len(report.removed) >= 2
    first_q1.refresh_from_db()
    assert first_q1.text.startswith("Xây dựng và ban hành")
    assert (first_q1.status, first_q1.progress) == (TaskStatus.IN_PROGRESS, 40)
    assert first_q1.updates.count() == 1
    assert not Task.all_objects.filter(pk=dropped.pk).exists()
    kept = Task.all_objects.get(pk=reported_and_dropped.pk)
    assert kept.withdrawn and kept.updates.count() == 1
    assert not imported.tasks.filter(pk=kept.pk).exists()
    new = imported.tasks.get(text__startswith="Tổ chức đối thoại")
    # 31/12/2023 is a Sunday and 1/1/2024 a holiday: due 2/1/2024, still quarter IV of 2023
    assert new.period == "Q4" and new.due_date == datetime.date(2024, 1, 2)
    assert new.quarter == 4
    positions = list(imported.tasks.order_by("position").values_list("position", flat=True))
    assert positions == list(range(1, len(positions) + 1))
    assert AuditEvent.objects.filter(target_id=imported.pk, verb="reimport").exists()


def test_a_document_with_another_number_is_not_an_update(imported, commune):
    imported.number_symbol = "05/CTr-BTH"
    imported.save()
    text = seed_text().replace("Số: /CTr-BTH", "Số: 09/CTr-BTH")
    with pytest.raises(ValidationError, match="không phải bản cập nhật"):
        apply_reading(unit=commune, reading=reading_of(text))
    assert imported.tasks.count() == 29


def test_tasks_are_linked_to_the_documents_their_text_cites(imported):
    first = imported.tasks.get(position=1)
    cited = {str(tc.document.number) for tc in TaskCitation.objects.filter(task=first)}
    assert {"25", "23", "114", "16", "33"} <= cited
