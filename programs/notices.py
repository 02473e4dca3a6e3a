"""Telling members of their tasks (``reminders.notify``): the responsible member and the
cooperators of a task of an issued program, when it is assigned or reassigned or its due
date changes, and everyone with a task when a draft program is issued. A person is told once
per task, role and due date."""

from django.urls import reverse
from django.utils.translation import gettext as _

from committee.models import CommitteeMember
from programs.models import ProgramStatus
from reminders.models import NoticeKind
from reminders.notify import notify


def tell_assignees(tasks) -> int:
    """Notify the people of ``tasks`` (of issued programs); how many notices were new."""
    told = 0
    for task in tasks:
        if task.program.status != ProgramStatus.ISSUED or task.withdrawn:
            continue
        due = task.due_date.strftime("%d/%m/%Y")
        url = reverse("programs:task", args=[task.pk])
        # The seats as stored (a caller's seat object may predate its account being linked).
        seats = CommitteeMember.objects.filter(user__isnull=False).select_related("user")
        people = [
            ("responsible", list(seats.filter(pk=task.responsible_id))),
            ("cooperator", list(seats.filter(pk__in=task.cooperators.values("pk")))),
        ]
        for role, seats in people:
            users = [s.user for s in seats if s.user_id is not None]
            title = (
                _("Anh/chị chủ trì nhiệm vụ, hạn %(due)s")
                if role == "responsible"
                else _("Anh/chị phối hợp thực hiện nhiệm vụ, hạn %(due)s")
            ) % {"due": due}
            told += notify(
                users,
                kind=NoticeKind.TASK_ASSIGNED,
                key=f"{task.pk}:{task.due_date.isoformat()}:{role}",
                title=title,
                body=task.short_text,
                url=url,
            )
    return told
