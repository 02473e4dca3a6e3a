"""The half-year meetings the program calls for ("sinh hoạt … 6 tháng/lần").

When a unit's program for a year has a recurring task with the period ``every:6M``, two
meetings are proposed: one near the end of June (half-year review) and one near the end of
December (year-end review). A proposal disappears once a half-year meeting exists in that
half; the office turns a proposal into a meeting with one click and then edits it.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from committee.models import CommitteeMember, CommitteeRole
from meetings.models import Meeting, MeetingKind
from meetings.services import schedule_meeting
from programs.models import Program, Task

HALF_YEAR_PERIOD = "every:6M"
MEETING_HOUR = 8


@dataclass(frozen=True)
class Proposal:
    year: int
    half: int
    day: datetime.date
    agenda: str
    task: Task

    @property
    def label(self) -> str:
        return "6 tháng đầu năm" if self.half == 1 else "6 tháng cuối năm"


def _last_weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


def _half_bounds(year: int, half: int) -> tuple[datetime.date, datetime.date]:
    if half == 1:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    return datetime.date(year, 7, 1), datetime.date(year, 12, 31)


def _agenda(year: int, half: int) -> str:
    if half == 1:
        return (
            f"Sơ kết công tác Dân vận chính quyền 6 tháng đầu năm {year}; "
            f"triển khai nhiệm vụ 6 tháng cuối năm {year}."
        )
    return (
        f"Tổng kết công tác Dân vận chính quyền năm {year}; phương hướng, nhiệm vụ năm {year + 1}."
    )


def recurring_task(unit, year: int) -> Task | None:
    return (
        Task.objects.filter(program__unit=unit, program__year=year, period=HALF_YEAR_PERIOD)
        .order_by("position")
        .first()
    )


def proposals_for(unit, year: int) -> list[Proposal]:
    """The half-year meetings still to schedule in ``year`` (two queries)."""
    task = recurring_task(unit, year)
    if task is None:
        return []
    tz = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=tz)
    held = [
        timezone.localtime(value).month
        for value in Meeting.objects.filter(
            unit=unit,
            kind=MeetingKind.HALF_YEAR,
            starts_at__gte=start,
            starts_at__lt=start.replace(year=year + 1),
        ).values_list("starts_at", flat=True)
    ]
    proposals = []
    for half in (1, 2):
        first, last = _half_bounds(year, half)
        if any(first.month <= month <= last.month for month in held):
            continue
        proposals.append(Proposal(year, half, _last_weekday(last), _agenda(year, half), task))
    return proposals


def default_place(unit) -> str:
    return f"Hội trường UBND {unit.name}"


@transaction.atomic
def confirm_proposal(*, unit, actor, year: int, half: int) -> Meeting | None:
    """Schedule the proposed meeting for ``half`` of ``year``; None if it is not proposed."""
    if not Program.objects.filter(unit=unit, year=year).exists():
        return None
    proposal = next((p for p in proposals_for(unit, year) if p.half == half), None)
    if proposal is None:
        return None
    head = (
        CommitteeMember.objects.filter(unit=unit, committee_role=CommitteeRole.HEAD)
        .current()
        .order_by("position")
        .first()
    )
    starts_at = datetime.datetime.combine(
        proposal.day, datetime.time(MEETING_HOUR), tzinfo=timezone.get_current_timezone()
    )
    return schedule_meeting(
        unit=unit,
        actor=actor,
        kind=MeetingKind.HALF_YEAR,
        starts_at=starts_at,
        place=default_place(unit),
        agenda=proposal.agenda,
        chair=head,
        source_task=proposal.task,
    )
