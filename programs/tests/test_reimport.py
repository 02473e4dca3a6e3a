"""Re-importing an updated version of the same document updates the program in place,
without losing anyone's work, as one revision that can be undone."""

import datetime
from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command

from audit.models import AuditEvent
from documents.importing import parse_program_file
from documents.models import TaskCitation
from programs.models import Program, ProgramRevision, Task, TaskOrigin, TaskStatus
from programs.revisions import Choices, apply_reading, plan_reading, restore_revision
from programs.services import add_task, assign_task, record_task_update
from reminders.models import Notification

SEED = Path(__file__).resolve().parents[2] / "dvcq" / "seed" / "chuong-trinh-dvcq-2023.txt"
MOVED = "- Chỉ đạo đăng ký xây dựng và thực hiện điểm sáng công tác Dân vận chính quyền 2023."
DROPPED = "- Triển khai, tuyên truyền thực hiện ngày pháp luật Việt Nam 09/11."
Q2_ANCHOR = "- Báo cáo sơ kết công tác Dân vận chính quyền 6 tháng đầu năm"


def seed_text() -> str:
    return SEED.read_text("utf-8")


def reading_of(text: str):
    return parse_program_file("ban-cap-nhat.txt", text.encode("utf-8"))


def corrected() -> str:
    """The commune's corrected version: one task moved from quarter I to II, one dropped."""
    text = seed_text().replace(MOVED + "\n", "").replace(DROPPED + "\n", "")
    return text.replace(Q2_ANCHOR, MOVED + "\n\n" + Q2_ANCHOR)


def task_of(program, line: str) -> Task:
    return Task.all_objects.get(program=program, text=line[2:])


@pytest.fixture
def imported(commune, clerk):
    call_command("import_program", str(SEED), unit=commune.code, stdout=StringIO())
    return Program.objects.get(unit=commune, year=2023)


def test_an_updated_version_keeps_progress_and_reports_what_changed(imported, commune, clerk):
    first_q1 = imported.tasks.get(period="Q1", position=11)
    record_task_update(
        task=first_q1, actor=clerk, status="in_progress", progress=40, note="Đang soạn"
    )
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

    report = apply_reading(unit=commune, reading=reading_of(text), actor=clerk)

    assert not report.created
    assert any("Tổ chức đối thoại với Nhân dân" in line for line in report.added)
    assert any("ban hành Chương trình" in line for line in report.changed)
    first_q1.refresh_from_db()
    assert first_q1.text.startswith("Xây dựng và ban hành")
    assert (first_q1.status, first_q1.progress) == (TaskStatus.IN_PROGRESS, 40)
    assert first_q1.updates.count() == 1
    new = imported.tasks.get(text__startswith="Tổ chức đối thoại")
    # 31/12/2023 is a Sunday and 1/1/2024 a holiday: due 2/1/2024, still quarter IV of 2023
    assert new.period == "Q4" and new.due_date == datetime.date(2024, 1, 2)
    assert new.quarter == 4 and new.origin == TaskOrigin.DOCUMENT
    positions = list(imported.tasks.order_by("position").values_list("position", flat=True))
    assert positions == list(range(1, len(positions) + 1))


def test_tasks_from_meetings_and_by_hand_are_never_touched(imported, commune, clerk):
    meeting_task = add_task(
        program=imported,
        actor=clerk,
        text="Rà soát hộ nghèo tại các xóm",
        period="Q3",
        source="Kết luận cuộc họp",
        origin=TaskOrigin.MEETING,
    )
    # Worded exactly like an item the corrected version drops: still not the document's.
    by_hand = add_task(program=imported, actor=clerk, text=DROPPED[2:], period="Q4")

    report = apply_reading(unit=commune, reading=reading_of(corrected()), actor=clerk)

    for task in (meeting_task, by_hand):
        fresh = Task.all_objects.get(pk=task.pk)
        assert not fresh.withdrawn
        assert (fresh.text, fresh.period, fresh.due_date) == (task.text, task.period, task.due_date)
    from_document = Task.all_objects.get(text=DROPPED[2:], origin=TaskOrigin.DOCUMENT)
    assert from_document.withdrawn
    assert not any("Rà soát hộ nghèo" in line for line in report.removed + report.changed)


def test_nothing_is_deleted_and_work_is_kept_unless_the_clerk_lets_it_go(imported, commune, clerk):
    worked_on = task_of(imported, DROPPED)
    record_task_update(task=worked_on, actor=clerk, status="in_progress", progress=80)
    count = Task.all_objects.filter(program=imported).count()

    plan = plan_reading(unit=commune, reading=reading_of(corrected()))
    [dropped] = plan.withdrawn
    assert dropped.task == worked_on and dropped.has_work and dropped.updates == 1

    apply_reading(unit=commune, reading=reading_of(corrected()), actor=clerk)
    worked_on.refresh_from_db()
    assert not worked_on.withdrawn and worked_on.progress == 80  # kept by default

    apply_reading(unit=commune, reading=reading_of(corrected()), actor=clerk, choices=Choices())
    kept = Task.all_objects.get(pk=worked_on.pk)
    assert kept.withdrawn and kept.progress == 80 and kept.updates.count() == 1
    assert Task.all_objects.filter(program=imported).count() == count  # no row deleted
    assert not imported.tasks.filter(pk=kept.pk).exists()


def test_a_due_date_set_by_hand_wins_unless_the_document_is_chosen(
    imported, commune, clerk, seat, hamlets
):
    moved = task_of(imported, MOVED)
    assert moved.period == "Q1"
    assign_task(
        task=moved,
        actor=clerk,
        responsible=seat,
        hamlets=hamlets[:1],
        due_date=datetime.date(2023, 5, 15),
    )
    moved.refresh_from_db()
    assert set(moved.manual_fields) == {"due_date", "responsible", "hamlets"}

    plan = plan_reading(unit=commune, reading=reading_of(corrected()))
    [change] = [c for c in plan.changed if c.task == moved]
    assert change.conflicts == ["due_date"]
    apply_reading(unit=commune, reading=reading_of(corrected()), actor=clerk)
    moved.refresh_from_db()
    assert moved.due_date == datetime.date(2023, 5, 15) and moved.responsible == seat
    assert list(moved.hamlets.all()) == hamlets[:1]

    apply_reading(
        unit=commune,
        reading=reading_of(corrected()),
        actor=clerk,
        choices=Choices(use_document={moved.pk}),
    )
    moved.refresh_from_db()
    assert (moved.period, moved.due_date) == ("Q2", datetime.date(2023, 6, 30))
    assert "due_date" not in moved.manual_fields and moved.responsible == seat


def test_the_reimport_is_one_revision_that_can_be_restored(imported, commune, clerk):
    moved, dropped = task_of(imported, MOVED), task_of(imported, DROPPED)
    report = apply_reading(unit=commune, reading=reading_of(corrected()), actor=clerk)
    revision = ProgramRevision.objects.get(program=imported)
    assert report.revision == revision
    event = AuditEvent.objects.get(target_id=imported.pk, verb="reimport")
    assert event.changes["revision"] == [None, revision.pk]
    assert task_of(imported, MOVED).period == "Q2" and task_of(imported, DROPPED).withdrawn
    since = add_task(program=imported, actor=clerk, text="Việc thêm sau lần nhập lại")

    notes = restore_revision(revision=revision, actor=clerk)

    assert notes == []
    assert (task_of(imported, MOVED).period, task_of(imported, MOVED).due_date) == (
        moved.period,
        moved.due_date,
    )
    assert not task_of(imported, DROPPED).withdrawn and dropped.withdrawn is False
    assert imported.tasks.filter(pk=since.pk).exists()
    assert AuditEvent.objects.filter(target_id=imported.pk, verb="restore_revision").exists()
    with pytest.raises(ValidationError, match="Chỉ khôi phục được"):
        restore_revision(revision=revision, actor=clerk)


def test_owners_of_changed_and_withdrawn_tasks_are_told(imported, commune, clerk, seat):
    for line in (MOVED, DROPPED):
        assign_task(task=task_of(imported, line), actor=clerk, responsible=seat)

    apply_reading(unit=commune, reading=reading_of(corrected()), actor=clerk, choices=Choices())

    titles = sorted(
        Notification.objects.filter(user=seat.user, key__contains=":revision:").values_list(
            "title", flat=True
        )
    )
    assert titles == [
        "Nhiệm vụ bạn chủ trì đã bị bỏ khỏi văn bản chương trình",
        "Nhiệm vụ bạn chủ trì được sửa theo văn bản chương trình mới",
    ]


def test_existing_tasks_get_their_origin_and_manual_edits_inferred(imported, commune, clerk, seat):
    by_hand = add_task(program=imported, actor=clerk, text="Việc thêm trực tiếp")
    edited = task_of(imported, MOVED)
    assign_task(task=edited, actor=clerk, responsible=seat, due_date=datetime.date(2023, 5, 15))
    Task.all_objects.update(origin=TaskOrigin.MANUAL, manual_fields=[])  # as before the field

    migration = import_module("programs.migrations.0006_task_origin_and_program_revisions")
    migration.infer_origin(apps, None)

    assert Task.all_objects.get(pk=by_hand.pk).origin == TaskOrigin.MANUAL
    edited = Task.all_objects.get(pk=edited.pk)
    assert edited.origin == TaskOrigin.DOCUMENT
    assert edited.manual_fields == ["due_date", "responsible"]
    assert imported.tasks.filter(origin=TaskOrigin.DOCUMENT).count() == 29


def test_a_document_with_another_number_is_not_an_update(imported, commune):
    imported.number_symbol = "05/CTr-BTH"
    imported.save()
    text = seed_text().replace("Số: /CTr-BTH", "Số: 09/CTr-BTH")
    with pytest.raises(ValidationError, match="không phải bản cập nhật"):
        apply_reading(unit=commune, reading=reading_of(text))
    assert imported.tasks.count() == 29
    assert not ProgramRevision.objects.exists()


def test_tasks_are_linked_to_the_documents_their_text_cites(imported):
    first = imported.tasks.get(position=1)
    cited = {str(tc.document.number) for tc in TaskCitation.objects.filter(task=first)}
    assert {"25", "23", "114", "16", "33"} <= cited


def test_a_restore_keeps_what_people_did_after_the_reimport(imported, commune, clerk):
    text = corrected().replace(
        "- Xây dựng chương trình công tác DVCQ năm 2024.",
        "- Xây dựng chương trình công tác DVCQ năm 2024.\n\n"
        "- Tổ chức đối thoại với Nhân dân tại các xóm.",
    )
    apply_reading(unit=commune, reading=reading_of(text), actor=clerk)
    moved = imported.tasks.get(text=MOVED[2:])
    assign_task(task=moved, actor=clerk, due_date=datetime.date(2023, 6, 15))
    added = imported.tasks.get(text__startswith="Tổ chức đối thoại")
    record_task_update(task=added, actor=clerk, status="in_progress", progress=20)

    notes = restore_revision(revision=ProgramRevision.objects.get(), actor=clerk)

    moved.refresh_from_db()
    assert moved.due_date == datetime.date(2023, 6, 15)  # edited since: kept
    assert imported.tasks.filter(pk=added.pk).exists()  # reported on since: kept
    assert len(notes) == 2 and any("Tổ chức đối thoại" in n for n in notes)
