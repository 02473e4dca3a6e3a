"""``dvcq load-demo``: the demo commune, its committee, one account per role, the seed
program imported by the importer, and labelled sample progress; a second run changes nothing.
The other pages of 2023 (reception, petitions, meetings, activities, bright spots,
self-inspection, reminders) have plainly labelled sample data, and the sample denouncer's
name is stored nowhere in plain text."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from accounts.models import Role, User
from activities.models import Activity
from audit.models import AuditEvent
from brightspots.models import BrightSpot, SpotStatus
from citizens import deadlines
from citizens.models import (
    CaseType,
    IdentityView,
    Petition,
    ReceptionSlot,
    Result,
    SlotKind,
    Status,
    StepKind,
    Visit,
)
from citizens.schedule import warnings as reception_warnings
from committee.models import CommitteeMember
from inspections.models import Inspection, InspectionStatus
from meetings.models import Attendance, Meeting, MeetingKind
from programs.management.commands.load_demo import DEMO_DENOUNCER
from programs.models import Program, TaskStatus, TaskUpdate
from reminders.models import ReminderRule
from units.models import Unit

SAMPLE = "[Dữ liệu mẫu]"


@pytest.fixture(scope="module")
def demo_unit(django_db_setup, django_db_blocker):
    """The demo loaded once for the module's tests that only read it, in a transaction
    rolled back at the end; each test runs in its own savepoint on top of it."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        ContentType.objects.clear_cache()
        call_command("load_demo", stdout=StringIO())
        yield Unit.objects.get(code="xa-hung-chinh")
        transaction.set_rollback(True)
    ContentType.objects.clear_cache()


@pytest.fixture
def demo(db, demo_unit):
    return demo_unit


def test_load_demo_builds_the_demo_and_prints_the_logins(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    unit = Unit.objects.get(code="xa-hung-chinh")
    program = Program.objects.get(unit=unit, year=2023)
    # 29 tasks from the seed, plus the June meeting's conclusion.
    assert program.tasks.count() == 30 and program.citations.count() == 15
    assert program.tasks.filter(meeting_conclusion__isnull=True).count() == 29
    assert program.source_name == "chuong-trinh-dvcq-2023.txt"
    roles = set(User.objects.filter(unit=unit).values_list("role", flat=True))
    assert roles == {Role.OFFICE, Role.CHAIR, Role.MEMBER, Role.VIEWER}
    assert all(u.email.endswith("@example.com") for u in User.objects.all())
    for username in ["vanphong", "chutich", "thanhvien", "xem", "tinh", "admin"]:
        assert username in text
    assert "demo-dvcq-2023" in text
    assert CommitteeMember.objects.filter(unit=unit).current().count() == 6
    assert CommitteeMember.objects.filter(unit=unit, end_date__isnull=False).exists()
    done = program.tasks.filter(status=TaskStatus.DONE)
    assert done.count() >= 2 and all(t.evidence.exists() for t in done)
    assert program.tasks.filter(status=TaskStatus.DONE_LATE).exists()
    assert program.tasks.filter(status=TaskStatus.IN_PROGRESS).exists()
    # The browser test marks an overdue Quý I task done: keep two of them not started.
    assert program.tasks.filter(period="Q1", status=TaskStatus.NOT_STARTED).count() >= 2
    assert TaskUpdate.objects.filter(sample=True).count() == TaskUpdate.objects.count()
    assert all(u.note.startswith("[Dữ liệu mẫu]") for u in TaskUpdate.objects.all())


def test_a_second_run_changes_nothing(db):
    call_command("load_demo", stdout=StringIO())
    models = (
        Program,
        User,
        TaskUpdate,
        ReceptionSlot,
        Visit,
        Petition,
        Meeting,
        Activity,
        BrightSpot,
        Inspection,
        ReminderRule,
        AuditEvent,
    )
    counts = [m.objects.count() for m in models]
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "đã có" in out.getvalue()
    assert [m.objects.count() for m in models] == counts


def test_demo_clerk_can_log_in_and_see_the_program(client, db):
    call_command("load_demo", stdout=StringIO())
    assert client.login(username="vanphong", password="demo-dvcq-2023")
    body = client.get("/").content.decode()
    assert "Xã Hưng Chính" in body and "Chương trình năm 2023" in body


def test_the_chairman_receives_weekly_and_the_register_has_visits(demo):
    chair = ReceptionSlot.objects.get(unit=demo, kind=SlotKind.CHAIR)
    assert chair.weekday is not None and chair.valid_from.year == 2023
    assert reception_warnings(demo, datetime.date(2023, 6, 1)) == []
    visits = Visit.objects.filter(unit=demo, date__year=2023)
    assert 2 <= visits.count() <= 3
    assert visits.filter(petition__isnull=False).count() == 1
    assert all(v.full_content().startswith(SAMPLE) for v in visits)
    assert all(v.identity["name"] and v.identity["name"] not in v.sealed for v in visits)


def test_petitions_of_each_kind(demo):
    petitions = Petition.objects.filter(unit=demo, received_on__year=2023)
    assert 4 <= petitions.count() <= 5
    assert all(p.full_content().startswith(SAMPLE) for p in petitions)
    complaint = petitions.get(case_type=CaseType.COMPLAINT)
    kinds = set(complaint.steps.values_list("kind", flat=True))
    assert {StepKind.ACCEPT, StepKind.DECIDE} <= kinds
    assert complaint.result == Result.PARTLY and complaint.visit.date == complaint.received_on
    assert petitions.filter(
        case_type=CaseType.PETITION, result=Result.FORWARDED, steps__kind=StepKind.FORWARD
    ).exists()
    denunciation = petitions.get(case_type=CaseType.DENUNCIATION)
    assert denunciation.status == Status.CLOSED and denunciation.result == Result.WRONG
    open_ = petitions.exclude(status=Status.CLOSED)
    assert open_.count() == 1
    pending = deadlines.next_open(deadlines.compute(open_.get()))
    assert pending is not None and pending.due < timezone.localdate()


def test_no_plaintext_denouncer_is_stored(demo):
    denunciation = Petition.objects.get(unit=demo, case_type=CaseType.DENUNCIATION)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sealed FROM citizens_petitioner WHERE petition_id = %s", [denunciation.pk]
        )
        rows = [raw for (raw,) in cursor.fetchall()]
    assert len(rows) == 1 and rows[0]
    assert DEMO_DENOUNCER not in rows[0]
    # Sealed through the app's own encryption: the clerk's reveal reads it back.
    assert denunciation.petitioners.get().identity["name"] == DEMO_DENOUNCER
    assert denunciation.names_fold == ""
    assert not IdentityView.objects.exists()
    folded = "doan thi thanh xuan"
    for petition in Petition.objects.all():
        assert DEMO_DENOUNCER not in petition.content and folded not in petition.names_fold
    for event in AuditEvent.objects.all():
        assert DEMO_DENOUNCER not in event.summary + str(event.changes)
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed FROM citizens_visit")
        assert all(DEMO_DENOUNCER not in raw for (raw,) in cursor.fetchall())


def test_the_two_half_year_meetings_with_attendance_and_a_conclusion_task(demo):
    meetings = Meeting.objects.filter(unit=demo, kind=MeetingKind.HALF_YEAR)
    assert sorted(m.day.month for m in meetings) == [6, 12]
    assert all(m.day.year == 2023 for m in meetings)
    for meeting in meetings:
        assert meeting.discussion.startswith(SAMPLE)
        assert meeting.source_task is not None
        assert not meeting.invitations.filter(attendance=Attendance.INVITED).exists()
        assert meeting.invitations.filter(attendance=Attendance.PRESENT).exists()
    june = meetings.get(starts_at__month=6)
    assert june.invitations.filter(attendance=Attendance.ABSENT).exclude(absence_reason="").exists()
    conclusion = june.conclusions.get()
    assert conclusion.task.program.unit == demo and conclusion.task.program.year == 2023
    assert conclusion.task.text.startswith(SAMPLE)


def test_three_activities_linked_to_their_tasks(demo):
    activities = Activity.objects.filter(unit=demo, held_on__year=2023)
    assert activities.count() == 3
    assert all(a.description.startswith(SAMPLE) and a.tasks.exists() for a in activities)
    law_day = activities.get(held_on=datetime.date(2023, 11, 9))
    assert law_day.participants > 0 and "09/11" in law_day.tasks.get().text
    study = activities.get(held_on=datetime.date(2023, 10, 15))
    assert all("Dân vận" in t.text for t in study.tasks.all())
    assert "Dân vận" in study.anniversary.name
    q2 = activities.get(held_on__month__in=[4, 5, 6])
    assert q2.tasks.get().period == "Q2" and "pháp luật" in q2.tasks.get().text


def test_a_recognised_bright_spot_under_the_first_quarter_task(demo):
    spot = BrightSpot.objects.get(unit=demo)
    assert spot.status == SpotStatus.RECOGNISED and spot.decision_number
    assert spot.task.period == "Q1"
    assert spot.task.text.startswith("Chỉ đạo đăng ký xây dựng và thực hiện điểm sáng")
    assert spot.goal.startswith(SAMPLE)
    assert spot.evaluations.filter(passed=True).exists()


def test_a_finished_dvcq_self_inspection_and_reminder_rules(demo):
    inspection = Inspection.objects.get(unit=demo)
    assert inspection.template.code == "tu-kiem-tra-dvcq"
    assert inspection.status == InspectionStatus.DONE and inspection.total and inspection.rating
    assert inspection.conclusion.startswith(SAMPLE)
    assert ReminderRule.objects.filter(unit=demo).exists()


def test_the_sample_data_went_through_the_audited_services(demo):
    """Every sample record the demo made, not only one of each kind, was written by the
    audited services: each has an audit event of its own."""
    from django.contrib.contenttypes.models import ContentType

    for model in (Visit, Petition, Meeting, Activity, BrightSpot, Inspection, ReceptionSlot):
        made = set(model.objects.values_list("pk", flat=True))
        assert made, f"the demo has no {model.__name__}"
        audited = set(
            AuditEvent.objects.filter(
                target_type=ContentType.objects.get_for_model(model), target_id__in=made
            ).values_list("target_id", flat=True)
        )
        assert audited == made, f"{model.__name__} written around the services: {made - audited}"


def test_the_demo_reports_to_the_city_until_june_2025_then_to_the_province(demo):
    from reminders.models import Notification
    from reports.models import Report, ReportStatus
    from units.tree import parent_on

    city = Unit.objects.get(code="tp-vinh")
    province = Unit.objects.get(code="tinh-nghe-an")
    assert parent_on(demo, datetime.date(2023, 12, 31)) == city
    assert parent_on(demo, datetime.date(2025, 6, 30)) == city
    assert parent_on(demo, datetime.date(2025, 7, 1)) == province
    assert parent_on(city, datetime.date(2026, 1, 1)) is None  # no district level any more
    assert demo.parent == province
    sent = {r.period_end.year: r for r in Report.objects.filter(unit=demo)}
    assert sent[2023].recipient_unit == city and sent[2026].recipient_unit == province
    assert {r.status for r in sent.values()} == {ReportStatus.SUBMITTED}
    vinh, tinh = User.objects.get(username="vinh"), User.objects.get(username="tinh")
    assert (vinh.unit, vinh.role, tinh.unit, tinh.role) == (
        city,
        Role.OFFICE,
        province,
        Role.OFFICE,
    )
    assert Notification.objects.get(user=vinh).url == f"/bao-cao/{sent[2023].pk}/"
    assert Notification.objects.get(user=tinh).url == f"/bao-cao/{sent[2026].pk}/"


def test_each_member_of_the_demo_was_told_of_the_tasks_in_their_charge(demo):
    from programs.models import Task
    from reminders.models import NoticeKind, Notification

    member = User.objects.get(username="thanhvien")
    in_charge = Task.objects.filter(responsible__user=member, withdrawn=False).count()
    told = Notification.objects.filter(
        user=member, kind=NoticeKind.TASK_ASSIGNED, key__endswith=":responsible"
    )
    assert in_charge > 0 and told.count() == in_charge
