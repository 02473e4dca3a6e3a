"""Shared set-up for the reminder tests."""

import datetime

from committee.models import CommitteeMember, CommitteeRole
from programs.models import Task, TaskKind

DUE = datetime.date(2023, 3, 31)  # a Friday
SEVEN_BEFORE = datetime.date(2023, 3, 22)  # 7 working days before
DAY_BEFORE = datetime.date(2023, 3, 30)
FIRST_OVERDUE = datetime.date(2023, 4, 3)  # the Monday after
WEEK_LATER = datetime.date(2023, 4, 10)


def with_email(user, address):
    user.email = address
    user.save(update_fields=["email"])
    return user


def add_task(program, seat, text, due=DUE, position=None):
    return Task.objects.create(
        program=program,
        kind=TaskKind.SCHEDULED,
        position=position or program.tasks.count() + 10,
        text=text,
        period="Q1",
        due_date=due,
        responsible=seat,
    )


def head_seat(unit, user):
    return CommitteeMember.objects.create(
        unit=unit,
        full_name="Nguyễn Văn Trưởng",
        committee_role=CommitteeRole.HEAD,
        office_title="Bí thư Đảng ủy",
        user=user,
        start_date=datetime.date(2023, 1, 1),
    )
