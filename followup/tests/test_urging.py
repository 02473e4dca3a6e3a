"""Urging letters: overdue tasks by person, the Công văn number, the files, who may do it."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from audit.models import AuditEvent
from followup import urging
from followup.urging_document import letter_docx, letter_pdf
from followup.urging_models import LetterStatus, UrgingLetter
from outgoing.models import IssuedDocument, Register
from programs.models import ProgramStatus, Task, TaskKind, TaskStatus

TODAY = datetime.date(2023, 10, 15)
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def assigned(program, seat, other_seat):
    """Task 1 (due 31/03) to Nam, tasks 2 (30/06) and 3 (30/09) to Hùng; one task done, one
    not yet due, one withdrawn, one organization clause: none of those four is overdue."""
    tasks = {t.position: t for t in program.tasks.all()}
    tasks[1].responsible = seat
    tasks[2].responsible = other_seat
    tasks[3].responsible = other_seat
    for t in tasks.values():
        t.save()
    common = {"program": program, "kind": TaskKind.SCHEDULED, "responsible": seat}
    Task.objects.create(
        **common,
        position=4,
        text="Việc đã xong",
        due_date=datetime.date(2023, 3, 31),
        status=TaskStatus.DONE,
    )
    Task.objects.create(
        **common, position=5, text="Việc chưa đến hạn", due_date=datetime.date(2023, 12, 31)
    )
    Task.objects.create(
        **common, position=6, text="Việc đã bỏ", due_date=datetime.date(2023, 3, 31), withdrawn=True
    )
    Task.objects.create(
        program=program,
        kind=TaskKind.ORGANIZATION,
        position=7,
        text="Điều khoản tổ chức",
        due_date=datetime.date(2023, 3, 31),
        responsible=seat,
    )
    return tasks


def _draft(clerk, program, tasks, day=TODAY, **kwargs):
    return urging.draft_letter(
        unit=program.unit,
        program=program,
        task_ids=[t.pk for t in tasks],
        actor=clerk,
        day=day,
        **kwargs,
    )


def _issue(actor, letter, day=TODAY):
    with time_machine.travel(datetime.datetime(2023, 10, 20, 9, 0, tzinfo=HCM)):
        return urging.issue_urging_letter(letter=letter, actor=actor, day=day)


def _generate(clerk, program, tasks, day=TODAY, **kwargs):
    """A letter drafted, submitted for review and issued on ``day``."""
    with time_machine.travel(datetime.datetime(2023, 10, 15, 8, 0, tzinfo=HCM)):
        letter = _draft(clerk, program, tasks, day=day, **kwargs)
        urging.move_letter(letter=letter, actor=clerk, step="submit")
    return _issue(clerk, letter, day)


def test_overdue_grouped_by_person_only_overdue(assigned, program, seat, other_seat):
    groups = urging.group_by_person(urging.overdue_tasks(program.unit, TODAY))
    assert [(g.member_id, [t.position for t in g.tasks]) for g in groups] == [
        (seat.pk, [1]),
        (other_seat.pk, [2, 3]),
    ]


def test_draft_program_tasks_are_not_listed(assigned, program):
    program.status = ProgramStatus.DRAFT
    program.save()
    assert not urging.overdue_tasks(program.unit, TODAY).exists()


def test_number_is_cong_van_without_type_abbreviation_and_increases(assigned, program, clerk):
    Register.objects.create(unit=program.unit, issuer_code="BCĐ", drafting_code="VP")
    first = _generate(clerk, program, [assigned[1]])
    second = _generate(clerk, program, [assigned[2]])
    assert first.number_symbol == "01/BCĐ-VP"
    assert second.number_symbol == "02/BCĐ-VP"
    assert second.document.number == first.document.number + 1
    assert first.document.doc_type == "Công văn"
    assert "CV" not in first.number_symbol


def test_letter_lists_exactly_the_chosen_overdue_tasks_per_person(
    assigned, program, clerk, seat, other_seat
):
    letter = _generate(clerk, program, assigned.values())
    items = list(letter.items.order_by("position"))
    assert [(i.person_id, i.task_id, i.due_date) for i in items] == [
        (seat.pk, assigned[1].pk, datetime.date(2023, 3, 31)),
        (other_seat.pk, assigned[2].pk, datetime.date(2023, 6, 30)),
        (other_seat.pk, assigned[3].pk, datetime.date(2023, 9, 30)),
    ]
    assert letter.created_by == clerk and letter.sent_at is not None
    assert letter.recipients[-1] == "Lưu: VT, VP"
    assert "Đồng chí Phạm Văn Nam, Công chức Tư pháp - Hộ tịch" in letter.recipients
    event = AuditEvent.objects.get(target_id=assigned[1].pk, verb="urge")
    assert event.summary.startswith(f"Đã đôn đốc bằng công văn số {letter.number_symbol}")


def test_done_or_not_due_tasks_are_refused_and_nothing_saved(assigned, program, clerk):
    not_due = Task.objects.get(program=program, position=5)
    done = Task.all_objects.get(program=program, position=4)
    for task in (not_due, done):
        with pytest.raises(Exception, match="không còn quá hạn"):
            _generate(clerk, program, [assigned[1], task])
    assert not UrgingLetter.objects.exists()
    assert not IssuedDocument.objects.exists()


def test_docx_opens_and_contains_the_lines(assigned, program, clerk):
    letter = _generate(
        clerk, program, assigned.values(), titles=["TRƯỞNG BAN"], signer_name="Nguyễn Văn A"
    )
    document = Document(io.BytesIO(letter_docx(letter)))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(p.text for t in document.tables for c in t._cells for p in c.paragraphs)
    assert f"Số: {letter.number_symbol}" in cells
    assert "V/v đôn đốc thực hiện nhiệm vụ quá hạn" in cells
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert "1. Đồng chí Phạm Văn Nam, Công chức Tư pháp - Hộ tịch" in text
    assert "- Nhiệm vụ số 1 tuyên truyền (hạn hoàn thành: 31/03/2023);" in text
    assert "- Nhiệm vụ số 3 tuyên truyền (hạn hoàn thành: 30/09/2023);" in text
    assert "Việc chưa đến hạn" not in text and "Việc đã xong" not in text
    assert "- Lưu: VT, VP." in cells and "Nguyễn Văn A" in cells
    assert "CÔNG VĂN" not in text  # a Công văn prints no type name


def test_pdf_contains_header_and_a_task(assigned, program, clerk):
    letter = _generate(clerk, program, [assigned[2]])
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(letter_pdf(letter))).pages
    )
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert f"Số: {letter.number_symbol}" in text
    assert "V/v đôn đốc" in text
    assert "Nhiệm vụ số 2 tuyên truyền (hạn hoàn thành: 30/06/2023)" in text


@pytest.fixture
def letter(assigned, program, clerk):
    return _generate(clerk, program, [assigned[1]])


def test_page_lists_groups_and_generates(assigned, program, client, clerk, seat, monkeypatch):
    monkeypatch.setattr(urging.timezone, "localdate", lambda: TODAY)
    client.force_login(clerk)
    response = client.get(reverse("followup:urging"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Phạm Văn Nam" in body and "Nhiệm vụ số 2" in body and "Việc chưa đến hạn" not in body
    assert response.context["form"].initial["signer_name"] == program.signer_name
    response = client.post(
        reverse("followup:urging"),
        {
            "program": program.pk,
            "issued_on": "2023-10-15",
            "summary": "V/v đôn đốc",
            "tasks": [assigned[1].pk, assigned[3].pk],
            "recipients": "Đồng chí Nam\nLưu: VT, VP",
        },
    )
    letter = UrgingLetter.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("followup:urging_letter", args=[letter.pk])
    assert set(letter.items.values_list("task_id", flat=True)) == {assigned[1].pk, assigned[3].pk}
    assert letter.status == LetterStatus.DRAFT and letter.number_symbol == ""
    assert not IssuedDocument.objects.exists()
    assert letter.summary in client.get(reverse("followup:urging_letters")).content.decode()


def test_nothing_saved_when_no_task_selected(assigned, program, client, clerk, monkeypatch):
    monkeypatch.setattr(urging.timezone, "localdate", lambda: TODAY)
    client.force_login(clerk)
    response = client.post(
        reverse("followup:urging"),
        {"program": program.pk, "issued_on": "2023-10-15", "summary": "V/v đôn đốc"},
    )
    assert response.status_code == 400
    assert "Chưa chọn nhiệm vụ quá hạn nào" in response.content.decode()
    assert not UrgingLetter.objects.exists() and not IssuedDocument.objects.exists()
    assert not AuditEvent.objects.filter(verb="urge").exists()


def test_viewer_cannot_generate(assigned, program, client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("followup:urging")).status_code == 404
    response = client.post(
        reverse("followup:urging"),
        {
            "program": program.pk,
            "issued_on": "2023-10-15",
            "summary": "x",
            "tasks": [assigned[1].pk],
        },
    )
    assert response.status_code == 404
    assert not UrgingLetter.objects.exists()


def test_other_commune_gets_404(letter, client, charlie, other_program):
    client.force_login(charlie)
    for fmt in ("docx", "pdf"):
        assert (
            client.get(reverse("followup:urging_download", args=[letter.pk, fmt])).status_code
            == 404
        )
    assert client.get(reverse("followup:urging_letter", args=[letter.pk])).status_code == 404
    assert (
        letter.number_symbol not in client.get(reverse("followup:urging_letters")).content.decode()
    )
    # Charlie's own page may not choose Hưng Chính's program either.
    assert client.get(reverse("followup:urging"), {"program": letter.program_id}).status_code == 404


def test_downloads_for_the_unit(letter, client, viewer):
    client.force_login(viewer)
    response = client.get(reverse("followup:urging_download", args=[letter.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        client.get(reverse("followup:urging_download", args=[letter.pk, "xls"])).status_code == 404
    )


# Drafts: numbered only at issue.

AT_DRAFTING = datetime.datetime(2023, 10, 15, 8, 0, tzinfo=HCM)


def test_two_drafts_one_discarded_the_other_issued_get_consecutive_numbers(
    assigned, program, clerk, chair
):
    Register.objects.create(unit=program.unit, issuer_code="BCĐ", drafting_code="VP")
    first = _generate(clerk, program, [assigned[1]])
    with time_machine.travel(AT_DRAFTING):
        discarded = _draft(clerk, program, [assigned[2]])
        kept = _draft(clerk, program, [assigned[3]])
    assert discarded.number_symbol == kept.number_symbol == ""
    assert discarded.document is None and kept.document is None
    assert IssuedDocument.objects.count() == 1  # drafting takes no number

    urging.move_letter(letter=discarded, actor=clerk, step="discard")
    urging.move_letter(letter=kept, actor=clerk, step="submit")
    issued = _issue(chair, kept)

    assert (first.number_symbol, issued.number_symbol) == ("01/BCĐ-VP", "02/BCĐ-VP")
    assert list(IssuedDocument.objects.order_by("number").values_list("number", flat=True)) == [
        1,
        2,
    ]
    discarded.refresh_from_db()
    assert discarded.status == LetterStatus.DISCARDED and discarded.document is None
    assert issued.issued_by == chair and issued.sent_at is not None
    # Only the issued letter's task is urged in its history.
    assert AuditEvent.objects.filter(target_id=assigned[3].pk, verb="urge").exists()
    assert not AuditEvent.objects.filter(target_id=assigned[2].pk, verb="urge").exists()


def test_only_a_submitted_letter_is_issued_and_only_once(assigned, program, clerk):
    with time_machine.travel(AT_DRAFTING):
        letter = _draft(clerk, program, [assigned[1]])
    with pytest.raises(Exception, match="Chỉ ban hành công văn đã trình ký"):
        _issue(clerk, letter)
    urging.move_letter(letter=letter, actor=clerk, step="submit")
    with pytest.raises(Exception, match="trước ngày lập dự thảo"):
        _issue(clerk, letter, day=datetime.date(2023, 10, 14))
    assert not IssuedDocument.objects.exists()
    _issue(clerk, letter)
    with pytest.raises(Exception, match="không cấp số lại"):
        _issue(clerk, letter)
    with pytest.raises(Exception, match="không thể thực hiện"):
        urging.move_letter(letter=letter, actor=clerk, step="discard")
    assert IssuedDocument.objects.count() == 1


def test_the_office_drafts_the_chair_issues_on_the_letter_page(
    assigned, program, client, clerk, chair, viewer
):
    with time_machine.travel(AT_DRAFTING):
        letter = _draft(clerk, program, [assigned[1]])
    page = reverse("followup:urging_letter", args=[letter.pk])
    client.force_login(clerk)
    body = client.get(page).content.decode()
    assert "Dự thảo công văn đôn đốc" in body and "/BCĐ-VP" in body and "Trình ký" in body
    step = reverse("followup:urging_letter_step", args=[letter.pk, "submit"])
    assert client.post(step).status_code == 302
    assert (
        client.post(reverse("followup:urging_letter_step", args=[letter.pk, "x"])).status_code
        == 404
    )

    # A viewer sees neither the draft nor its files, and cannot issue it.
    client.force_login(viewer)
    assert client.get(page).status_code == 404
    download = reverse("followup:urging_download", args=[letter.pk, "docx"])
    assert client.get(download).status_code == 404
    issue = reverse("followup:urging_letter_issue", args=[letter.pk])
    assert client.post(issue, {"issued_on": "2023-10-15"}).status_code == 404
    assert not IssuedDocument.objects.exists()

    client.force_login(chair)
    with time_machine.travel(datetime.datetime(2023, 10, 16, 9, 0, tzinfo=HCM)):
        response = client.post(issue, {"issued_on": "2023-10-16"}, follow=True)
    letter.refresh_from_db()
    assert letter.number_symbol == "01/BCĐ-VP" and letter.issued_on == datetime.date(2023, 10, 16)
    assert "Đã ban hành công văn đôn đốc số 01/BCĐ-VP" in response.content.decode()
    client.force_login(viewer)
    assert client.get(page).status_code == 200
    assert "01/BCĐ-VP" in client.get(reverse("followup:urging_letters")).content.decode()


def test_a_draft_prints_without_a_number(assigned, program, clerk):
    with time_machine.travel(AT_DRAFTING):
        letter = _draft(clerk, program, [assigned[1]])
    document = Document(io.BytesIO(letter_docx(letter)))
    cells = "\n".join(p.text for t in document.tables for c in t._cells for p in c.paragraphs)
    assert "Số:      /BCĐ-VP" in cells  # room for the number to be written in
