"""Statistics of petitions and reception for any period (the Biểu 01/TCD, 01/XLD, 01/KQGQ
figures): counts by type, field, competence, result, repeats, and on time or late.

Petitions are counted by receipt date within the period; no petitioner's identity is read.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from citizens.deadlines import compute, on_time
from citizens.models import CaseType, Competence, Result, TimeLimitRule


@dataclass
class PetitionStats:
    start: datetime.date
    end: datetime.date
    total: int = 0
    by_type: dict = field(default_factory=dict)
    by_field: dict = field(default_factory=dict)
    by_competence: dict = field(default_factory=dict)
    by_result: dict = field(default_factory=dict)
    first_time: int = 0
    repeated: int = 0
    on_time: int = 0
    late: int = 0
    pending: int = 0
    visits: int = 0
    visit_people: int = 0
    visit_groups: int = 0

    def sections(self) -> list[tuple[str, dict]]:
        return [
            (_("Theo loại đơn"), self.by_type),
            (_("Theo lĩnh vực"), self.by_field),
            (_("Theo thẩm quyền"), self.by_competence),
            (_("Theo kết quả"), self.by_result),
            (
                _("Đơn lần đầu / tái diễn"),
                {_("Lần đầu"): self.first_time, _("Trùng, tái diễn"): self.repeated},
            ),
            (
                _("Thời hạn"),
                {
                    _("Đúng hạn"): self.on_time,
                    _("Trễ hạn"): self.late,
                    _("Đang trong hạn"): self.pending,
                },
            ),
        ]


def _rules_for(rules, day):
    return [
        r
        for r in rules
        if r.effective_from <= day and (r.effective_to is None or day <= r.effective_to)
    ]


def petition_stats(
    petitions, start: datetime.date, end: datetime.date, visits=None
) -> PetitionStats:
    """Figures for ``petitions`` (already scoped) received from ``start`` to ``end``."""
    rows = list(
        petitions.filter(received_on__gte=start, received_on__lte=end)
        .select_related("field")
        .prefetch_related("steps", "extensions")
    )
    rules = list(TimeLimitRule.objects.all())
    stats = PetitionStats(start=start, end=end, total=len(rows))
    types = Counter(CaseType(p.case_type).label for p in rows)
    stats.by_type = {str(label): types.get(label, 0) for label in CaseType.labels}
    stats.by_field = dict(
        Counter(p.field.name if p.field else str(_("Chưa phân loại")) for p in rows)
    )
    competence = Counter(Competence(p.competence).label for p in rows)
    stats.by_competence = {str(label): competence.get(label, 0) for label in Competence.labels}
    results = Counter(
        str(Result(p.result).label) if p.result else str(_("Chưa có kết quả")) for p in rows
    )
    stats.by_result = dict(results)
    stats.repeated = sum(1 for p in rows if p.repeat_of_id)
    stats.first_time = stats.total - stats.repeated
    for p in rows:
        verdict = on_time(
            compute(p, p.steps.all(), p.extensions.all(), _rules_for(rules, p.received_on))
        )
        if verdict is True:
            stats.on_time += 1
        elif verdict is False:
            stats.late += 1
        else:
            stats.pending += 1
    if visits is not None:
        period = visits.filter(date__gte=start, date__lte=end)
        stats.visits = period.count()
        stats.visit_people = sum(v.people for v in period)
        stats.visit_groups = period.filter(Q(people__gte=5)).count()
    return stats
