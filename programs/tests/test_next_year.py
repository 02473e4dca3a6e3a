"""Next year's program drafted from this year's."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from programs.models import Program, ProgramStatus, Task, TaskStatus
from programs.next_year import advance_text, draft_next_year
from programs.services import record_task_update

SEED = Path(__file__).resolve().parents[2] / "dvcq" / "seed" / "chuong-trinh-dvcq-2023.txt"


@pytest.fixture
def program_2023(commune):
    call_command("import_program", str(SEED), unit=commune.code, stdout=StringIO())
    return Program.objects.get(unit=commune, year=2023)


def test_the_draft_carries_the_year_and_advances_anniversaries(program_2023, clerk, seat):
    done = program_2023.tasks.get(position=11)
    done.responsible = seat
    done.save()
    record_task_update(task=done, actor=clerk, status="done", progress=100)
    draft = draft_next_year(program=program_2023, actor=clerk)

    assert draft.year == 2024 and draft.status == ProgramStatus.DRAFT
    assert draft.based_on == program_2023
    assert draft.title == "Công tác Dân vận chính quyền năm 2024"
    assert draft.number_symbol == "/CTr-BTH" and draft.issued_on is None
    tasks = list(draft.tasks.order_by("position"))
    assert len(tasks) == 29  # every item has a yearly rhythm; none is a one-off
    assert all(t.needs_review and t.status == TaskStatus.NOT_STARTED for t in tasks)
    q1 = [t for t in tasks if t.period == "Q1"]
    # 31/3/2024 is a Sunday: the deadline rolls to Monday 1/4, the quarter stays I
    assert {t.due_date for t in q1} == {datetime.date(2024, 4, 1)}
    assert {t.quarter for t in q1} == {1}
    texts = " ".join(t.text for t in tasks)
    assert "61 năm thành lập thành phố Vinh (10/1963-10/2024)" in texts
    assert "134 năm ngày sinh Chủ tịch Hồ Chí Minh" in texts
    assert "năm 2025" in texts  # "chương trình … năm 2024" became 2025
    carried = draft.tasks.get(carried_from=done)
    assert carried.responsible == seat and carried.progress == 0
    assert draft.citations.count() == program_2023.citations.count() == 15
    assert {a["ordinal"] for a in draft.anniversaries} == {61, 236, 16, 134, 79}


def test_finished_one_off_tasks_stay_behind_unless_chosen(program_2023, clerk):
    one_off = program_2023.tasks.get(position=11)
    Task.objects.filter(pk=one_off.pk).update(period="D:2023-02-20", due_date="2023-02-20")
    open_one_off = program_2023.tasks.get(position=12)
    Task.objects.filter(pk=open_one_off.pk).update(period="R:2023-01/2023-Q2")
    one_off.refresh_from_db()
    record_task_update(task=one_off, actor=clerk, status="done", progress=100)

    draft = draft_next_year(program=program_2023, actor=clerk)
    assert not draft.tasks.filter(carried_from=one_off).exists()
    moved = draft.tasks.get(carried_from=open_one_off)
    # 30/6/2024 is a Sunday: due Monday 1/7, still in quarter II
    assert moved.period == "R:2024-01/2024-Q2" and moved.due_date == datetime.date(2024, 7, 1)
    assert moved.quarter == 2

    draft.delete()
    again = draft_next_year(program=program_2023, actor=clerk, chosen_done_ids=[one_off.pk])
    assert again.tasks.get(carried_from=one_off).period == "D:2024-02-20"


def test_through_the_page(client, clerk, program_2023, viewer):
    client.force_login(viewer)
    assert (
        client.get(reverse("programs:program_next_year", args=[program_2023.pk])).status_code == 404
    )
    client.force_login(clerk)
    page = client.get(reverse("programs:program_next_year", args=[program_2023.pk]))
    assert "Xây dựng chương trình năm 2024" in page.content.decode()
    response = client.post(reverse("programs:program_next_year", args=[program_2023.pk]))
    draft = Program.objects.get(year=2024)
    assert response.url == reverse("programs:program", args=[draft.pk])
    body = client.get(response.url).content.decode()
    assert "Dự thảo" in body and "cần rà soát" in body
    # The dashboard keeps showing the issued 2023 program.
    assert "Chương trình năm 2023" in client.get(reverse("programs:dashboard")).content.decode()
    # A second draft for the same year is refused.
    client.post(reverse("programs:program_next_year", args=[program_2023.pk]))
    assert Program.objects.filter(year=2024).count() == 1


def test_numbering_and_dating_a_draft_issues_it(client, clerk, program_2023):
    draft = draft_next_year(program=program_2023, actor=clerk)
    client.force_login(clerk)
    client.post(
        reverse("programs:program_document", args=[draft.pk]),
        {"number_symbol": "03/CTr-BTH", "issued_on": "2024-01-08", "title": draft.title},
    )
    draft.refresh_from_db()
    assert draft.status == ProgramStatus.ISSUED


def test_advance_text_leaves_other_numbers_alone():
    text = "giai đoạn 2021-2025 và năm 2023, kỷ niệm 60 năm thành lập X, 60 người tham dự"
    result = advance_text(text, 2023, [{"what": "thành lập X", "ordinal": 60, "base_year": 1963}])
    assert result == "giai đoạn 2021-2025 và năm 2024, kỷ niệm 61 năm thành lập X, 60 người tham dự"
