"""Overdue petitions feed the reminders: a daily pass (run by ``dvcq worker``) puts a bell
notification, once, in the handlers' lists (and the chair's) for every open case whose next
step is overdue.

The pass also refreshes each open case's ``next_due`` (what the lists and the parent's
dashboard count as "quá hạn") in case a rule or the calendar changed. Only handlers
assigned to the case are told, and the notice names the case by its receipt
code and step, never the petitioner.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citizens.deadlines import compute, next_open
from citizens.models import OverdueNotice, Petition, Status
from jobs import registry


def notify_overdue(today=None) -> int:
    """One pass; returns how many notices were sent."""
    from accounts.models import Role, User
    from reminders.models import NoticeKind
    from reminders.notify import notify

    today = today or timezone.localdate()
    sent = 0
    petitions = (
        Petition.objects.exclude(status=Status.CLOSED)
        .prefetch_related("steps", "extensions", "handlers")
        .order_by("pk")
    )
    for petition in petitions:
        step = next_open(compute(petition, petition.steps.all(), petition.extensions.all()))
        due = step.due if step else None
        if petition.next_due != due:  # a rule or the calendar changed since the last write
            Petition.objects.filter(pk=petition.pk).update(next_due=due)
        if step is None or step.state(today) != "overdue":
            continue
        for user in petition.handlers.all():
            try:
                with transaction.atomic():
                    OverdueNotice.objects.create(
                        petition=petition, user=user, step=step.step, due=step.due
                    )
                    notify(
                        [user],
                        kind=NoticeKind.PETITION_OVERDUE,
                        key=f"{petition.pk}:{step.step}:{step.due.isoformat()}",
                        title=_("Đơn %(code)s quá hạn: %(step)s")
                        % {"code": petition.receipt_code, "step": step.label},
                        body=_("Hạn %(due)s") % {"due": step.due.strftime("%d/%m/%Y")},
                        url=reverse("citizens:detail", args=[petition.pk]),
                    )
            except IntegrityError:
                continue  # already told about this step and due date
            sent += 1
        chairs = User.objects.filter(unit=petition.unit_id, role=Role.CHAIR, is_active=True)
        sent += notify(
            chairs,
            kind=NoticeKind.PETITION_OVERDUE,
            key=f"{petition.pk}:{step.step}:{step.due.isoformat()}",
            title=_("Đơn %(code)s quá hạn: %(step)s")
            % {"code": petition.receipt_code, "step": step.label},
            body=_("Hạn %(due)s") % {"due": step.due.strftime("%d/%m/%Y")},
            url=reverse("citizens:detail", args=[petition.pk]),
        )
    return sent


@registry.job("citizens.overdue_notices", label=gettext_lazy("Nhắc hạn đơn thư quá hạn"))
def overdue_notices(ctx) -> dict:
    return {"sent": notify_overdue()}


registry.daily("citizens.overdue_notices", hour=lambda: 7)
