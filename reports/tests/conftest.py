"""A commune's year of data with hand-countable figures, for the report tests."""

import datetime

import pytest

from activities.models import Activity, ActivityKind
from citizens import services as citizens
from citizens.models import CaseType, Channel, Petition, Visit
from conftest import make_program
from programs.models import Evidence, TaskStatus

TODAY = datetime.date(2023, 8, 1)


def receive(unit, actor, day, case_type=CaseType.COMPLAINT):
    data = {
        "received_on": day,
        "channel": Channel.POST,
        "case_type": case_type,
        "content": "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất",
    }
    people = [{"name": "Nguyễn Văn An", "address": "Xóm 1"}]
    return citizens.intake(unit=unit, actor=actor, data=data, people=people).petition


@pytest.fixture
def year_data(commune, clerk):
    """6 tasks due Q1, Q2, Q3, Q1, Q2, Q3: no. 1 done, no. 4 done late, no. 2 in progress
    (due 30/6, so late on 1/8), no. 3 in progress (due 30/9), no. 5 paused, no. 6 not started.
    Activities: 2 propaganda (30 + 20 people), 1 legal (15). Petitions: 2 complaints
    (February, March), 1 denunciation (March); one has a result. Visits: 2 (3 and 6 people)."""
    program = make_program(commune, tasks=6)
    statuses = {
        1: TaskStatus.DONE,
        2: TaskStatus.IN_PROGRESS,
        3: TaskStatus.IN_PROGRESS,
        4: TaskStatus.DONE_LATE,
        5: TaskStatus.PAUSED,
    }
    for position, status in statuses.items():
        task = program.tasks.get(position=position)
        task.status = status
        task.save()
    Evidence.objects.create(
        task=program.tasks.get(position=1),
        file="x/bien-ban.pdf",
        original_name="bien-ban-hoi-nghi.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    for kind, people, day in (
        (ActivityKind.PROPAGANDA, 30, datetime.date(2023, 3, 1)),
        (ActivityKind.PROPAGANDA, 20, datetime.date(2023, 5, 1)),
        (ActivityKind.LEGAL, 15, datetime.date(2023, 6, 1)),
        (ActivityKind.LEGAL, 99, datetime.date(2022, 6, 1)),  # outside the year
    ):
        Activity.objects.create(
            unit=commune,
            kind=kind,
            title="Tuyên truyền",
            held_on=day,
            place="Hội trường",
            organiser="UBND xã",
            participants=people,
        )
    first = receive(commune, clerk, datetime.date(2023, 2, 10))
    receive(commune, clerk, datetime.date(2023, 3, 10))
    receive(commune, clerk, datetime.date(2023, 3, 20), CaseType.DENUNCIATION)
    Petition.objects.filter(pk=first.pk).update(result="answered")
    for number, people in ((1, 3), (2, 6)):
        Visit.objects.create(
            unit=commune,
            number=number,
            date=datetime.date(2023, 4, number),
            sealed="",
            content="Hỏi về đất đai",
            case_type=CaseType.PETITION,
            people=people,
        )
    return program
