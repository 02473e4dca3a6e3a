"""Dashboard, program page and task list: what they show, and a query count that does not
grow with the number of tasks."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committee.models import CommitteeMember, CommitteeRole
from conftest import make_program
from programs.models import Task, TaskKind, TaskStatus
from search import indexing


def count_queries(client, url) -> int:
    ContentType.objects.clear_cache()  # measure both sizes from the same cold cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def grow_program(program, seat, hamlet, total):
    existing = program.tasks.count()
    rows = []
    for i in range(existing, total):
        rows.append(
            Task(
                program=program,
                unit=program.unit,
                kind=TaskKind.SCHEDULED if i % 5 else TaskKind.FOCUS,
                position=i + 1,
                text=f"Nhiệm vụ {i} về tuyên truyền",
                search_text=f"nhiem vu {i} ve tuyen truyen",
                period=f"Q{i % 4 + 1}",
                due_date=datetime.date(program.year, 3 * (i % 4) + 3, 28),
                quarter=i % 4 + 1,
                responsible=seat if i % 2 else None,
                status=[TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, TaskStatus.DONE][i % 3],
                progress=[0, 50, 100][i % 3],
            )
        )
    Task.objects.bulk_create(rows)
    # The program services' audit event re-indexes the program's tasks (search.signals).
    indexing.reindex_program(program.pk)
    for task in program.tasks.all()[:total:7]:
        task.hamlets.add(hamlet)
        task.cooperators.add(seat)


@pytest.mark.parametrize(
    "url_name", ["programs:dashboard", "programs:program", "programs:task_list"]
)
def test_query_count_is_the_same_for_10_and_500_tasks(
    client, clerk, program, seat, hamlets, url_name
):
    CommitteeMember.objects.create(
        unit=program.unit, full_name="B", committee_role=CommitteeRole.HEAD, office_title="Chủ tịch"
    )
    client.force_login(clerk)
    url = (
        reverse(url_name, args=[program.pk])
        if url_name == "programs:program"
        else reverse(url_name) + f"?program={program.pk}"
    )
    grow_program(program, seat, hamlets[0], 10)
    small = count_queries(client, url)
    grow_program(program, seat, hamlets[0], 500)
    large = count_queries(client, url)
    assert small == large
    assert large <= 15


def test_task_list_with_every_filter_keeps_its_query_count(client, clerk, program, seat, hamlets):
    client.force_login(clerk)
    url = (
        reverse("programs:task_list")
        + f"?program={program.pk}&q=tuyên&status=overdue&quarter=4"
        + f"&responsible={seat.pk}&hamlet={hamlets[0].pk}"
    )
    grow_program(program, seat, hamlets[0], 10)
    small = count_queries(client, url)
    assert client.get(url).context["page"].paginator.count > 0
    grow_program(program, seat, hamlets[0], 500)
    assert count_queries(client, url) == small


def test_dashboard_counts_and_links(client, clerk, program, task, time_machine):
    time_machine.move_to("2023-05-01 09:00 +0700")
    client.force_login(clerk)
    body = client.get(reverse("programs:dashboard")).content.decode()
    # Task 1 (Quý I) is past due on 01/05/2023; tasks 2 and 3 are not.
    assert 'data-count="overdue">1<' in body
    assert 'data-count="not_started">2<' in body
    assert 'data-count="total">3<' in body
    assert f"?program={program.pk}&amp;status=overdue" in body
    assert "Quý I" in body and "<svg" in body
    assert task.short_text in body  # listed under overdue


def test_dashboard_lists_tasks_due_in_the_next_14_days(client, clerk, program, time_machine):
    time_machine.move_to("2023-06-20 09:00 +0700")
    client.force_login(clerk)
    body = client.get(reverse("programs:dashboard")).content.decode()
    due_soon = program.tasks.get(position=2)  # due 30/06/2023
    assert due_soon.short_text in body
    assert "30/06/2023" in body


def test_dashboard_workload_per_member(client, clerk, task, seat):
    client.force_login(clerk)
    body = client.get(reverse("programs:dashboard")).content.decode()
    assert seat.full_name in body
    assert f"responsible={seat.pk}" in body


def test_dashboard_defaults_to_the_latest_program_and_without_one_says_so(client, clerk, commune):
    client.force_login(clerk)
    assert (
        "Chưa có chương trình công tác nào"
        in client.get(reverse("programs:dashboard")).content.decode()
    )
    make_program(commune, year=2023)
    make_program(commune, year=2024)
    body = client.get(reverse("programs:dashboard")).content.decode()
    assert "Chương trình năm 2024" in body


@pytest.mark.parametrize(
    ("query", "expected_positions"),
    [
        ("status=overdue", [1, 2, 3]),
        ("quarter=2", [2]),
        ("q=số 3", [3]),
        ("q=SỐ+3", [3]),
        ("q=so 3", [3]),
        ("q=TUYEN  truyền", [1, 2, 3]),
        ("responsible=none", [2, 3]),
        ("status=finished", []),
    ],
)
def test_task_list_filters(client, clerk, program, task, query, expected_positions):
    client.force_login(clerk)
    response = client.get(reverse("programs:task_list") + f"?program={program.pk}&{query}")
    shown = [t.position for t in response.context["page"].object_list]
    assert sorted(shown) == expected_positions


def test_task_list_filters_by_person_and_hamlet(client, clerk, program, task, seat, hamlets):
    second = program.tasks.get(position=2)
    second.cooperators.add(seat)
    third = program.tasks.get(position=3)
    third.hamlets.add(hamlets[1])
    client.force_login(clerk)
    url = reverse("programs:task_list") + f"?program={program.pk}"
    # The person in charge, as the dashboard's workload counts it; co-operation is not charge.
    by_person = client.get(url + f"&responsible={seat.pk}").context["page"].object_list
    assert [t.position for t in by_person] == [1]
    by_hamlet = client.get(url + f"&hamlet={hamlets[1].pk}").context["page"].object_list
    assert [t.position for t in by_hamlet] == [3]


def test_task_list_answers_htmx_with_the_table_only(client, clerk, program, task):
    client.force_login(clerk)
    response = client.get(
        reverse("programs:task_list") + f"?program={program.pk}", headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "<html" not in body and "tasks-table" in body


def test_program_page_mirrors_the_document(client, clerk, program, task):
    program.number_symbol = "05/CTr-BCĐ"
    program.recipients = ["Ban Dân vận Thành ủy", "Lưu: VT"]
    program.signer_title = "TRƯỞNG BAN"
    program.signer_name = "Nguyễn Hồng Quang"
    program.save()
    client.force_login(clerk)
    body = client.get(reverse("programs:program", args=[program.pk])).content.decode()
    for text in [
        "05/CTr-BCĐ",
        "Nơi nhận",
        "Ban Dân vận Thành ủy",
        "TRƯỞNG BAN",
        "Nguyễn Hồng Quang",
        "Quý I",
        "Quý II",
        "chip-overdue",
        "Độc lập - Tự do - Hạnh phúc",
    ]:
        assert text in body, text


def test_dates_are_shown_dd_mm_yyyy(client, clerk, task):
    client.force_login(clerk)
    body = client.get(reverse("programs:task", args=[task.pk])).content.decode()
    assert "31/03/2023" in body


def test_office_completes_the_number_and_date_once_signed(client, clerk, program):
    client.force_login(clerk)
    response = client.post(
        reverse("programs:program_document", args=[program.pk]),
        {
            "number_symbol": "05/CTr-BTH",
            "issued_on": "06/01/2023",
            "title": program.title,
            "place": "Hưng Chính",
            "signer_title": "TRƯỞNG BAN",
            "signer_name": "Nguyễn Hồng Quang",
        },
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.number_symbol == "05/CTr-BTH" and program.issued_on.isoformat() == "2023-01-06"
    body = client.get(reverse("programs:program", args=[program.pk])).content.decode()
    assert "Hưng Chính, ngày 06 tháng 01 năm 2023" in body
    assert "Sửa thông tin văn bản" in body and "05/CTr-BTH" in body


def test_a_program_date_years_away_is_refused(client, clerk, program, viewer):
    client.force_login(clerk)
    response = client.post(
        reverse("programs:program_document", args=[program.pk]),
        {"number_symbol": "05/CTr-BTH", "issued_on": "2019-01-06", "title": program.title},
    )
    assert response.status_code == 400
    assert "Ngày ban hành phải trong năm 2023" in response.content.decode()
    program.refresh_from_db()
    assert program.number_symbol == "" and program.issued_on is None
    client.force_login(viewer)
    response = client.post(reverse("programs:program_document", args=[program.pk]), {"title": "x"})
    assert response.status_code == 404


def test_the_place_and_date_line_follows_decree_30():
    import datetime

    from programs.models import Program

    program = Program(place="Hưng Chính", year=2024, issued_on=datetime.date(2024, 3, 5))
    assert program.place_and_date == "Hưng Chính, ngày 05 tháng 3 năm 2024"
    program.issued_on = datetime.date(2024, 2, 15)
    assert program.place_and_date == "Hưng Chính, ngày 15 tháng 02 năm 2024"
    program.issued_on = None
    assert program.place_and_date.startswith("Hưng Chính, ngày")
