"""``dvcq load-demo``: the demo commune, its committee, one account per role, the seed
program imported by the importer, and labelled sample progress; a second run changes nothing."""

from io import StringIO

from django.core.management import call_command

from accounts.models import Role, User
from committee.models import CommitteeMember
from programs.models import Program, TaskStatus, TaskUpdate
from units.models import Unit


def test_load_demo_builds_the_demo_and_prints_the_logins(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    unit = Unit.objects.get(code="xa-hung-chinh")
    program = Program.objects.get(unit=unit, year=2023)
    assert program.tasks.count() == 29 and program.citations.count() == 15
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
    assert program.tasks.filter(period="Q1", status=TaskStatus.NOT_STARTED).exists()
    assert TaskUpdate.objects.filter(sample=True).count() == TaskUpdate.objects.count()
    assert all(u.note.startswith("[Dữ liệu mẫu]") for u in TaskUpdate.objects.all())


def test_a_second_run_changes_nothing(db):
    call_command("load_demo", stdout=StringIO())
    counts = (Program.objects.count(), User.objects.count(), TaskUpdate.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "đã có" in out.getvalue()
    assert (Program.objects.count(), User.objects.count(), TaskUpdate.objects.count()) == counts


def test_demo_clerk_can_log_in_and_see_the_program(client, db):
    call_command("load_demo", stdout=StringIO())
    assert client.login(username="vanphong", password="demo-dvcq-2023")
    body = client.get("/").content.decode()
    assert "Xã Hưng Chính" in body and "Chương trình năm 2023" in body
