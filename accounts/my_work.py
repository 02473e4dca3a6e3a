""" "Việc của tôi": what waits for one person, gathered from every app in a fixed number of
queries (one per kind of item, whatever their number).

- the tasks they are in charge of or cooperate on, open, by due date, the overdue marked;
- the open petitions they handle, by their next legal deadline;
- reports: for the office and chair of a unit above, those sent to it that wait for receipt
  or review; for the office and chair of the reporting unit, those returned to them;
- the meetings they are invited to from yesterday on;
- the urging letters naming them about tasks still open.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from accounts.models import Role

LISTED = 100  # items of each kind on the page


@dataclass
class MyWork:
    tasks: list = field(default_factory=list)
    overdue: int = 0
    petitions: list = field(default_factory=list)
    reports_to_review: list = field(default_factory=list)
    reports_returned: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    urging_items: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.tasks,
                self.petitions,
                self.reports_to_review,
                self.reports_returned,
                self.meetings,
                self.urging_items,
            )
        )


def my_work(user, today: datetime.date | None = None) -> MyWork:
    from citizens.models import Status
    from committee.models import CommitteeMember
    from followup.urging_models import UrgingItem
    from meetings.models import Meeting
    from programs.models import OPEN_STATUSES, Task
    from reports.models import Report, ReportStatus

    today = today or timezone.localdate()
    work = MyWork()
    seats = list(CommitteeMember.objects.filter(user=user).values_list("pk", flat=True))
    if seats:
        mine = Q(responsible__in=seats) | Q(cooperators__in=seats)
        work.tasks = list(
            Task.objects.filter(
                pk__in=Task.objects.filter(mine, status__in=OPEN_STATUSES).values("pk")
            )
            .select_related("program", "responsible")
            .order_by("due_date", "program_id", "position")[:LISTED]
        )
        for task in work.tasks:
            task.is_overdue = task.due_date < today
            task.in_charge = task.responsible_id in seats
        work.overdue = sum(t.is_overdue for t in work.tasks)
        since = timezone.now() - datetime.timedelta(days=1)
        work.meetings = list(
            Meeting.objects.filter(
                pk__in=Meeting.objects.filter(invitations__member__in=seats).values("pk"),
                starts_at__gte=since,
            ).order_by("starts_at")[:LISTED]
        )
        work.urging_items = list(
            UrgingItem.objects.filter(person__in=seats, task__status__in=OPEN_STATUSES)
            .select_related("letter", "task")
            .order_by("-letter__issued_on", "position")[:LISTED]
        )
    work.petitions = list(
        user.petitions_handled.exclude(status=Status.CLOSED)
        .select_related("unit")
        .order_by("next_due", "pk")[:LISTED]
    )
    for petition in work.petitions:
        petition.is_overdue = petition.next_due is not None and petition.next_due < today
    if user.unit_id is not None and user.role in (Role.OFFICE, Role.CHAIR):
        reports = Report.objects.select_related("unit").order_by("submitted_at", "pk")
        work.reports_to_review = list(
            reports.filter(
                recipient_unit=user.unit_id,
                status__in=(ReportStatus.SUBMITTED, ReportStatus.RECEIVED),
            )[:LISTED]
        )
        work.reports_returned = list(
            reports.filter(unit=user.unit_id, status=ReportStatus.RETURNED)[:LISTED]
        )
    return work


def lands_on_my_work(user) -> bool:
    """Members and petition handlers start from their own page after logging in. The office
    and the chair, who receive the petitions they take in, keep the unit's dashboard as
    their start (their own page is first in the menu)."""
    from citizens.models import Status

    if user.role == Role.MEMBER:
        return True
    if user.manages_program:
        return False
    return user.petitions_handled.exclude(status=Status.CLOSED).exists()
