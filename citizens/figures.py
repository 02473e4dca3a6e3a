"""Petitions on the parent's dashboard (``reports.providers``): for each child unit, the
petitions received in the period, how many of them are resolved, and how many are overdue
today (open with a deadline past, ``Petition.next_due``). A merged unit adds up the units it
was formed from. Each figure links to the petition list filtered the same way
(``citizens.views.petition_list``).

For a period of whole months (a year, a half, a quarter: what the dashboard shows) received
and resolved come from the monthly tally (``PetitionTally``, a few rows a unit a month)
and overdue from the index of unclosed cases; any other period counts the petitions
themselves. Two ``GROUP BY`` queries either way.
"""

import datetime

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from citizens.models import Petition, PetitionTally, Status
from reports.providers import Column, FigureProvider, link_to, per_row, register

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
        return link_to("citizens:list", query)

    return link


def whole_months(period) -> tuple[datetime.date, datetime.date] | None:
    """The first days of the period's first and last months, when it is whole months."""
    start, end = period.start, period.end
    if start.day != 1 or (end + datetime.timedelta(days=1)).day != 1:
        return None
    return start, end.replace(day=1)


def _figures(scope, period, today):
    received = Petition.objects.filter(received_on__gte=period.start, received_on__lte=period.end)
    # Counted on ``unit`` (never null) rather than the id: every column the queries read is
    # then in an index (``citizens_petition_unclosed``, ``citizens_petition_figures``),
    # which PostgreSQL can answer from alone; SQLite's indexes hold the id anyway.
    overdue = per_row(
        scope,
        received.exclude(status=Status.CLOSED).filter(next_due__lt=today),
        petitions_overdue=Count("unit"),
    )
    months = whole_months(period)
    if months is None:
        counted = per_row(
            scope,
            received,
            petitions_received=Count("unit"),
            petitions_resolved=Count("unit", filter=Q(status__in=RESOLVED)),
        )
    else:
        counted = per_row(
            scope,
            PetitionTally.objects.filter(month__gte=months[0], month__lte=months[1]),
            petitions_received=Sum("petitions"),
            petitions_resolved=Sum("petitions", filter=Q(status__in=RESOLVED)),
        )
    return {pk: {**counted[pk], **overdue[pk]} for pk in counted}


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
            figures=_figures,
        )
    )
