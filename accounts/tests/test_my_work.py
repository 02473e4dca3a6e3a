""" "Việc của tôi": what waits for a person, in a fixed number of queries; members and
handlers land on it after logging in; the task list names each responsible person once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from citizens.tests.conftest import receive
from committee.models import CommitteeMember, CommitteeRole
from conftest import TEST_PASSWORD, make_program, make_user
from followup import urging
from meetings import services as meetings
from meetings.models import MeetingKind
from programs import services as programs
from reports import services as reports
from reports.models import ReportKind

D = datetime.date
URL = reverse("accounts:my_work")


def issued_letter(**draft):
    """An urging letter drafted, submitted and issued today (numbered at issue)."""
    from django.utils import timezone

    letter = urging.draft_letter(**draft)
    urging.move_letter(letter=letter, actor=draft["actor"], step="submit")
    return urging.issue_urging_letter(letter=letter, actor=draft["actor"], day=timezone.localdate())


def _work_for(member_seat, clerk, tasks):
    """``tasks`` tasks of a 2023 program for the seat, the first overdue on 1/8/2023 and
    urged; a meeting the seat is invited to."""
    program = make_program(member_seat.unit, tasks=tasks)
    for task in program.tasks.all():
        programs.assign_task(task=task, actor=clerk, responsible=member_seat)
    first = program.tasks.get(position=1)
    issued_letter(
        unit=program.unit, program=program, task_ids=[first.pk], actor=clerk, day=D(2023, 8, 1)
    )
    meeting = meetings.schedule_meeting(
        unit=member_seat.unit,
        actor=clerk,
        kind=MeetingKind.AD_HOC,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        place="Hội trường UBND xã",
        agenda="Sơ kết",
    )
    return program, first, meeting


def test_a_member_sees_tasks_urging_letters_and_meetings(client, seat, clerk, time_machine):
    time_machine.move_to("2023-08-01 09:00 +0700")
    _program, first, meeting = _work_for(seat, clerk, tasks=3)
    client.force_login(seat.user)
    page = client.get(URL).content.decode()
    assert page.count('data-task="') == 3
    assert 'data-overdue="2"' in page  # due 31/03 and 30/06, open on 1/8
    assert f'href="/nhiem-vu/{first.pk}/#task-update"' in page  # one click to report progress
    assert "Công văn đôn đốc gửi đến tôi" in page
    assert reverse("meetings:detail", args=[meeting.pk]) in page


def test_the_page_takes_the_same_queries_whatever_the_amount_of_work(
    client, seat, clerk, commune, time_machine, django_assert_max_num_queries
):
    time_machine.move_to("2023-08-01 09:00 +0700")
    _work_for(seat, clerk, tasks=2)
    client.force_login(seat.user)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    program = make_program(commune, year=2024, tasks=12)
    for task in program.tasks.all():
        programs.assign_task(task=task, actor=clerk, responsible=seat)
    for n in range(4):
        petition = receive(commune, clerk, day=D(2023, 7, 20 + n)).petition
        petition.handlers.add(seat.user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(URL).content.decode()
    assert page.count('data-task="') == 14 and page.count('data-petition="') == 4


def test_the_level_above_sees_reports_to_receive_and_the_clerk_returned_ones(
    client, commune, clerk, province
):
    office = make_user("tinh", province, Role.OFFICE)
    report = reports.create_report(
        unit=commune, actor=clerk, kind=ReportKind.YEAR, period=reports.period_for("year", 2023)
    )
    report = reports.issue_report(report=report, actor=clerk, day=D(2023, 12, 20))
    reports.submit_report(report=report, actor=clerk)
    client.force_login(office)
    assert f'data-report="{report.pk}"' in client.get(URL).content.decode()
    reports.return_report(report=report, actor=office, comment="Bổ sung số liệu.")
    assert f'data-report="{report.pk}"' not in client.get(URL).content.decode()
    client.force_login(clerk)
    page = client.get(URL).content.decode()
    assert f'data-report="{report.pk}"' in page and "Bổ sung số liệu." in page


@pytest.mark.parametrize(
    ("username", "lands"),
    [
        ("member", "/tai-khoan/viec-cua-toi/"),
        ("handler", "/tai-khoan/viec-cua-toi/"),
        ("clerk", "/"),
    ],
)
def test_members_and_handlers_land_on_their_own_page_after_login(
    client, seat, clerk, commune, username, lands
):
    handler = make_user("handler", commune, Role.VIEWER)
    receive(commune, clerk, day=D(2026, 11, 2)).petition.handlers.add(handler)
    response = client.post(
        reverse("accounts:login") + "?next=/",
        {"username": username, "password": TEST_PASSWORD},
    )
    assert response.status_code == 302 and response.url == lands


def test_a_former_and_current_seat_of_one_person_is_one_choice(client, seat, clerk, program):
    former = CommitteeMember.objects.create(
        unit=seat.unit,
        full_name=seat.full_name,
        committee_role=CommitteeRole.MEMBER,
        start_date=D(2021, 8, 16),
        end_date=D(2022, 12, 31),
    )
    old_task = program.tasks.get(position=2)
    old_task.responsible = former
    old_task.save()
    new_task = program.tasks.get(position=3)
    new_task.responsible = seat
    new_task.save()
    gone = CommitteeMember.objects.create(
        unit=seat.unit, full_name="Võ Thị Mai", start_date=D(2021, 8, 16), end_date=D(2022, 1, 1)
    )
    client.force_login(clerk)
    url = reverse("programs:task_list")
    page = client.get(url, {"program": program.pk}).content.decode()
    options = page[page.index('name="responsible"') :].split("</select>")[0]
    assert options.count(seat.full_name) == 1
    assert options.index(seat.full_name) < options.index(gone.full_name)  # current first
    for either in (seat, former):
        listed = client.get(url, {"program": program.pk, "responsible": either.pk})
        listed = listed.content.decode()
        assert old_task.short_text in listed and new_task.short_text in listed
        assert program.tasks.get(position=1).short_text not in listed
