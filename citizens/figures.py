"""Petitions on the parent's dashboard (``reports.providers``): for each child unit, the
petitions received in the period, how many of them are resolved, and how many are overdue
today (open with a deadline past, ``Petition.next_due``). Correlated subqueries; a merged
unit adds up the units it was formed from. Each figure links to the petition list filtered
the same way (``citizens.views.petition_list``)."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from citizens.models import Petition, Status
from reports.providers import Column, FigureProvider, count_of, register, unit_or_predecessor

RESOLVED = (Status.DECIDED, Status.CLOSED)


def _link(state=None):
    def link(row, period):
        query = {
            "unit": row["pk"],
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        }
        if state:
            query["state"] = state
        return f"{reverse('citizens:list')}?{urlencode(query)}"

    return link


def _stages(period, today):
    received = Petition.objects.filter(
        unit_or_predecessor(), received_on__gte=period.start, received_on__lte=period.end
    )
    return [
        {
            "petitions_received": count_of(received),
            "petitions_resolved": count_of(received.filter(status__in=RESOLVED)),
            "petitions_overdue": count_of(
                received.exclude(status=Status.CLOSED).filter(next_due__lt=today)
            ),
        }
    ]


def register_provider():
    return register(
        FigureProvider(
            key="petitions",
            label=_("Đơn thư"),
            columns=(
                Column("petitions_received", _("Đơn nhận"), _link()),
                Column("petitions_resolved", _("Đã giải quyết"), _link("resolved")),
                Column("petitions_overdue", _("Quá hạn"), _link("overdue")),
            ),
            stages=_stages,
        )
    )
