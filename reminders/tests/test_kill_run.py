"""SIGKILL the worker in the middle of a reminder run, three times: while it records the
reminders, just before it hands an e-mail to the mail server, and just after the mail server
accepted one. After the leases run out a new worker finishes the run: every due reminder is
recorded and shown in the app once, every person gets their one e-mail listing each of their
reminders once; the one mail whose sending could not be recorded is sent again as the same
message (same Message-ID), never as a second, different one."""

from collections import defaultdict

import pytest

from backups.tests.helpers import Installation
from jobs.testing import (
    EXPIRE_JOB_LEASES,
    kill_worker_at,
    postgresql_installation,
    shell_json,
    sqlite_installation,
)

PG_DB = "dvcq_reliab_kill_reminders"
MEMBERS = {"nam@xa.example": "Nam", "lan@xa.example": "Lan"}
SUMMARY_TO = ("vanphong@xa.example", "chutich@xa.example")
TASKS_EACH = 3

# Monday 3 April 2023, the first working day after the tasks' deadline (Friday 31 March):
# each task's person in charge gets an "overdue" reminder, and the office and the chair
# (the committee head) get the weekly summary of overdue tasks.
SEED = f"""
import datetime
from accounts.models import Role, User
from committee.models import CommitteeMember
from jobs.queue import enqueue
from programs.models import Program, Task
from units.models import Unit
unit = Unit.objects.create(code="xa-a", name="Xã A", kind="commune")
User.objects.create_user(
    username="vanphong", email="vanphong@xa.example", unit=unit, role=Role.OFFICE
)
chair = User.objects.create_user(
    username="chutich", email="chutich@xa.example", unit=unit, role=Role.CHAIR
)
CommitteeMember.objects.create(
    unit=unit, full_name="Nguyễn Văn Trưởng", committee_role="head",
    office_title="Bí thư Đảng ủy", user=chair, start_date=datetime.date(2023, 1, 1),
)
program = Program.objects.create(unit=unit, year=2023, title="Công tác DVCQ năm 2023")
position = 0
for address, name in {MEMBERS!r}.items():
    user = User.objects.create_user(
        username=name.lower(), email=address, unit=unit, role=Role.MEMBER
    )
    seat = CommitteeMember.objects.create(
        unit=unit, full_name=f"Trần Văn {{name}}", committee_role="member",
        office_title="Công chức", user=user, start_date=datetime.date(2023, 1, 1),
    )
    for n in range(1, {TASKS_EACH} + 1):
        position += 1
        Task.objects.create(
            program=program, kind="scheduled", position=position, period="Q1",
            text=f"Nhiệm vụ {{n}} giao đồng chí {{name}}", due_date=datetime.date(2023, 3, 31),
            responsible=seat,
        )
enqueue("reminders.daily_pass", {{"day": "2023-04-03"}})
"""

STATE = """
import json
from jobs.models import Job
from reminders.models import EmailDigest, Notification, ReminderDelivery
from programs.models import Task
job = Job.objects.get(kind="reminders.daily_pass")
deliveries = ReminderDelivery.objects.all()
print(json.dumps({
    "job": [job.status, job.attempts],
    "deliveries": sorted(
        [d.recipient.email, d.task.text if d.task else "summary"] for d in deliveries
    ),
    "notifications": sorted(
        [n.user.email, n.title, n.pk in set(deliveries.values_list("notification", flat=True))]
        for n in Notification.objects.all()
    ),
    "digests": sorted(
        [d.recipient.email, d.status, d.locked_by != ""] for d in EmailDigest.objects.all()
    ),
    "tasks": {t.text: t.responsible.user.email for t in Task.objects.all()},
}))
"""

# With the job's lease, that of the e-mail the dead worker was sending runs out.
EXPIRE_DIGEST_LEASES = """
import datetime
from django.utils import timezone
from reminders.models import EmailDigest
EmailDigest.objects.exclude(locked_by="").update(
    locked_until=timezone.now() - datetime.timedelta(seconds=1)
)
"""


def _state(inst: Installation, expire: bool = False) -> dict:
    return shell_json(inst, STATE + (EXPIRE_JOB_LEASES + EXPIRE_DIGEST_LEASES if expire else ""))


def _kill_at(inst: Installation, tmp_path, point: str) -> None:
    """Run a worker that stops at ``point`` (see held_worker.py) and SIGKILL it there."""
    kill_worker_at(inst, tmp_path, "reminders.tests.held_worker", hold=point)


def _mails(inbox) -> dict[str, list]:
    by_address = defaultdict(list)
    for recipients, message in inbox.messages:
        for address in recipients:
            by_address[address].append(message)
    return by_address


def _kill_three_times_and_finish(inst: Installation, tmp_path, inbox) -> None:
    inst.env.update(
        {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(inbox.port),
            "EMAIL_TIMEOUT": "10",
            "DVCQ_REMINDER_HOUR": "24",  # no pass of the real today: only the queued one
        }
    )
    inst.migrate()
    inst.shell(SEED)
    personal = TASKS_EACH * len(MEMBERS)
    everyone = [*MEMBERS, *SUMMARY_TO]

    # 1. Killed while recording the 4th reminder: the 3 before it are kept, each with its
    # in-app notification; the 4th left nothing, not even its notification.
    _kill_at(inst, tmp_path, "delivery:4")
    state = _state(inst, expire=True)
    assert state["job"] == ["running", 1]
    assert len(state["deliveries"]) == len(state["notifications"]) == 3
    assert all(has_delivery for _to, _title, has_delivery in state["notifications"])
    assert state["digests"] == [] and inbox.messages == []

    # 2. Taken over, killed with the 2nd e-mail built but not yet handed to the mail server.
    _kill_at(inst, tmp_path, "mail:2")
    state = _state(inst, expire=True)
    assert state["job"] == ["running", 2]
    assert len(state["deliveries"]) == len(state["notifications"]) == personal + 2
    assert len(inbox.messages) == 1
    assert sorted(status for _to, status, _locked in state["digests"]) == [
        "pending",
        "pending",
        "pending",
        "sent",
    ]

    # 3. The next worker (which sends due e-mail before it takes the job back) is killed
    # just after the mail server accepted an e-mail, before that was recorded.
    _kill_at(inst, tmp_path, "sent:1")
    assert len(inbox.messages) == 2
    state = _state(inst, expire=True)
    assert state["job"][0] != "done"
    assert [status for _to, status, _locked in state["digests"]].count("sent") == 1

    # 4. A worker that is not stopped finishes the run.
    inst.run("worker", "--once")
    final = _state(inst)
    assert final["job"][0] == "done"
    # Every due reminder recorded once, with one notification in the app each.
    expected = sorted(
        [[final["tasks"][text], text] for text in final["tasks"]]
        + [[address, "summary"] for address in SUMMARY_TO]
    )
    assert final["deliveries"] == expected
    assert sorted(to for to, _title, _has in final["notifications"]) == sorted(
        to for to, _text in expected
    )
    assert all(has_delivery for _to, _title, has_delivery in final["notifications"])
    assert final["digests"] == sorted([address, "sent", False] for address in everyone)
    # Every person's e-mail: one message (the one sent again carries the Message-ID of its
    # first copy), listing each of their tasks once.
    mails = _mails(inbox)
    assert sorted(mails) == sorted(everyone)
    for address, received in mails.items():
        assert len({m["Message-ID"] for m in received}) == 1, address
        body = received[-1].get_body(("plain",)).get_content()
        for text, owner in final["tasks"].items():
            assert body.count(text) == (1 if owner == address or address in SUMMARY_TO else 0)
    assert len(inbox.messages) == len(everyone) + 1  # the one sent again


def test_sigkilled_reminder_run_on_sqlite_sends_each_reminder_once(tmp_path, smtp_server):
    _kill_three_times_and_finish(sqlite_installation(tmp_path), tmp_path, smtp_server)


@pytest.mark.postgresql
def test_sigkilled_reminder_run_on_postgresql_sends_each_reminder_once(tmp_path, smtp_server):
    with postgresql_installation(tmp_path, PG_DB) as inst:
        _kill_three_times_and_finish(inst, tmp_path, smtp_server)
