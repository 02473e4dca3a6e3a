"""Totals of activities for reports: sessions and participants per kind and quarter."""

from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.db.models.functions import ExtractQuarter

from activities.models import ActivityKind


@dataclass
class Row:
    kind: str
    label: str
    sessions: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    participants: list[int] = field(default_factory=lambda: [0, 0, 0, 0])

    @property
    def total_sessions(self) -> int:
        return sum(self.sessions)

    @property
    def total_participants(self) -> int:
        return sum(self.participants)

    @property
    def quarters(self) -> list[tuple[int, int]]:
        return list(zip(self.sessions, self.participants, strict=True))


def totals_by_kind_and_quarter(activities, year: int) -> tuple[list[Row], Row]:
    """One row per kind (in the kinds' order) and the total row, from one query over
    ``activities`` (already scoped to what the user may see)."""
    grouped = (
        activities.filter(held_on__year=year)
        .annotate(quarter=ExtractQuarter("held_on"))
        .values("kind", "quarter")
        .annotate(sessions=Count("id"), people=Sum("participants"))
        .order_by()
    )
    rows = {kind: Row(kind, label) for kind, label in ActivityKind.choices}
    total = Row("", "")
    for group in grouped:
        row = rows.get(group["kind"])
        if row is None:
            continue
        q = group["quarter"] - 1
        for target in (row, total):
            target.sessions[q] += group["sessions"]
            target.participants[q] += group["people"] or 0
    return list(rows.values()), total
