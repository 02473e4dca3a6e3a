"""Petitions on the parent's dashboard (``reports.providers``): for each child unit, the
petitions received in the period, how many of them are resolved, and how many are overdue
today (open with a deadline past, ``Petition.next_due``). One ``GROUP BY`` query; a merged
unit adds up the units it was formed from. Each figure links to the petition list filtered
the same way (``citizens.views.petition_list``)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from citizens.models import Petition, Status
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


def _figures(scope, period, today):
    received = Petition.objects.filter(received_on__gte=period.start, received_on__lte=period.end)
    # Counted on ``unit`` (never null) rather than the id: every column the query reads is
    # then in the index ``citizens_petition_figures`` (migration 0006), which PostgreSQL can
    # answer from alone; SQLite's indexes hold the id anyway.
    return per_row(
        scope,
        received,
        petitions_received=Count("unit"),
        petitions_resolved=Count("unit", filter=Q(status__in=RESOLVED)),
        petitions_overdue=Count("unit", filter=~Q(status=Status.CLOSED) & Q(next_due__lt=today)),
    )


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
