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


def rules_by_day():
    """``rules_on(day)``: the rules in force on ``day``, from one query for all days (the
    lists and the board compute many cases' deadlines)."""
    rules, cache = list(TimeLimitRule.objects.all()), {}

    def rules_on(day):
        if day not in cache:
            cache[day] = _rules_for(rules, day)
        return cache[day]

    return rules_on


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


# The three statistical forms (TT 01/2024/TT-TTCP as implemented in public KNTC software:
# legal-facts §1.7): Biểu 01/TCD, 01/XLD, 01/KQGQ. Each is a table with numbered columns
# under group headings and one row per line of the form; ``checks`` are the column sums the
# form states (e.g. "1 = 5 + 9"), verified by the tests.


@dataclass
class FormColumn:
    number: int
    group: str
    label: str


@dataclass
class StatForm:
    slug: str
    code: str
    title: str
    start: datetime.date
    end: datetime.date
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # (label, [value per column])
    checks: list = field(default_factory=list)  # human-readable column equations

    def add(self, group: str, label: str) -> int:
        """A new column; returns its index (its number minus one)."""
        self.columns.append(FormColumn(len(self.columns) + 1, str(group), str(label)))
        return len(self.columns) - 1

    def groups(self) -> list[tuple[str, int]]:
        """(group heading, number of columns) for the header's first row."""
        spans: list[list] = []
        for column in self.columns:
            if spans and spans[-1][0] == column.group:
                spans[-1][1] += 1
            else:
                spans.append([column.group, 1])
        return [(g, n) for g, n in spans]

    def value(self, row: str, group: str, label: str) -> int:
        values = dict(self.rows)[row]
        for i, column in enumerate(self.columns):
            if column.group == str(group) and column.label == str(label):
                return values[i]
        raise KeyError((group, label))


def _fields() -> list[tuple[int | None, str]]:
    from citizens.models import PetitionField

    return [(f.pk, f.name) for f in PetitionField.objects.all()] + [(None, _("Chưa phân loại"))]


def _first(steps, kinds, end=None):
    dates = [s.date for s in steps if s.kind in kinds and (end is None or s.date <= end)]
    return min(dates) if dates else None


def reception_form(visits, start: datetime.date, end: datetime.date) -> StatForm:
    """Biểu 01/TCD from the reception register: visits, people, groups of five or more, by
    regular reception and the chairman's periodic / ad hoc sessions, by content type and
    field, first-time or repeated (a visit whose petition repeats an earlier one), result."""
    from citizens.models import SlotKind

    form = StatForm("tcd", "01/TCD", _("Tổng hợp kết quả tiếp công dân"), start, end)
    rows = list(visits.filter(date__gte=start, date__lte=end).select_related("slot", "petition"))
    total = _("Tổng số")
    regular = _("Tiếp thường xuyên")
    leader = _("Lãnh đạo tiếp định kỳ, đột xuất")
    content = _("Phân loại theo nội dung")
    by_field = _("Phân loại theo lĩnh vực")
    outcome = _("Kết quả tiếp")
    c = {
        "visits": form.add(total, _("Lượt tiếp")),
        "people": form.add(total, _("Số người")),
        "first": form.add(total, _("Vụ việc lần đầu")),
        "repeat": form.add(total, _("Vụ việc tái diễn (đơn trùng)")),
        "r_visits": form.add(regular, _("Lượt tiếp")),
        "r_people": form.add(regular, _("Số người")),
        "r_groups": form.add(regular, _("Đoàn đông người")),
        "r_group_people": form.add(regular, _("Số người trong đoàn")),
        "l_visits": form.add(leader, _("Lượt tiếp")),
        "l_people": form.add(leader, _("Số người")),
        "l_groups": form.add(leader, _("Đoàn đông người")),
        "l_group_people": form.add(leader, _("Số người trong đoàn")),
    }
    types = {t: form.add(content, CaseType(t).label) for t in CaseType.values}
    fields = {pk: form.add(by_field, name) for pk, name in _fields()}
    c["within"] = form.add(outcome, _("Thuộc thẩm quyền"))
    c["received"] = form.add(outcome, _("Tiếp nhận đơn"))
    c["guided"] = form.add(outcome, _("Hướng dẫn"))
    c["forwarded"] = form.add(outcome, _("Chuyển đơn"))
    values = [0] * len(form.columns)
    for v in rows:
        leader_session = v.slot is not None and v.slot.kind in (SlotKind.CHAIR, SlotKind.AD_HOC)
        prefix = "l_" if leader_session else "r_"
        values[c["visits"]] += 1
        values[c["people"]] += v.people
        repeated = v.petition is not None and v.petition.repeat_of_id is not None
        values[c["repeat" if repeated else "first"]] += 1
        values[c[prefix + "visits"]] += 1
        values[c[prefix + "people"]] += v.people
        if v.people >= 5:
            values[c[prefix + "groups"]] += 1
            values[c[prefix + "group_people"]] += v.people
        values[types[v.case_type]] += 1
        values[fields[v.petition.field_id if v.petition else None]] += 1
        values[c["within"]] += 1 if v.within_competence else 0
        values[c["received"]] += 1 if v.petition_id else 0
        values[c["guided"]] += 1 if v.guided_to.strip() else 0
        values[c["forwarded"]] += 1 if v.forwarded_to.strip() else 0
    form.rows = [(str(_("Tổng cộng")), values)]
    n = {k: i + 1 for k, i in c.items()}
    form.checks = [
        f"{n['visits']} = {n['r_visits']} + {n['l_visits']}",
        f"{n['people']} = {n['r_people']} + {n['l_people']}",
        f"{n['visits']} = {n['first']} + {n['repeat']}",
        f"{n['visits']} = " + " + ".join(str(i + 1) for i in types.values()),
        f"{n['visits']} = " + " + ".join(str(i + 1) for i in fields.values()),
    ]
    return form


def handling_form(petitions, start: datetime.date, end: datetime.date) -> StatForm:
    """Biểu 01/XLD: petitions to handle (carried over: received before the period and not
    handled by its start; received in the period), duplicates counted once as petitions and
    shown in their own column (the cases exclude them), eligibility, type, field,
    competence, and the handling path taken by the end of the period."""
    from citizens.deadlines import HANDLING_PATHS
    from citizens.models import StepKind

    form = StatForm("xld", "01/XLD", _("Tổng hợp kết quả xử lý đơn"), start, end)
    candidates = petitions.filter(received_on__lte=end).prefetch_related("steps")
    rows = []
    for p in candidates:
        steps = list(p.steps.all())
        handled_on = _first(steps, HANDLING_PATHS)
        if p.received_on < start and handled_on is not None and handled_on < start:
            continue  # handled in an earlier period
        rows.append((p, steps, handled_on))
    total = _("Tổng số đơn")
    eligibility = _("Điều kiện xử lý")
    content = _("Phân loại theo nội dung")
    by_field = _("Phân loại theo lĩnh vực")
    competence = _("Thẩm quyền")
    result = _("Kết quả xử lý")
    c = {
        "all": form.add(total, _("Tổng số đơn phải xử lý")),
        "carried": form.add(total, _("Kỳ trước chuyển sang")),
        "new": form.add(total, _("Tiếp nhận trong kỳ")),
        "duplicate": form.add(total, _("Đơn trùng")),
        "cases": form.add(total, _("Số vụ việc")),
        "eligible": form.add(eligibility, _("Đủ điều kiện xử lý")),
        "ineligible": form.add(eligibility, _("Không đủ điều kiện xử lý")),
    }
    types = {t: form.add(content, CaseType(t).label) for t in CaseType.values}
    fields = {pk: form.add(by_field, name) for pk, name in _fields()}
    c["within"] = form.add(competence, _("Thuộc thẩm quyền"))
    c["outside"] = form.add(competence, _("Không thuộc thẩm quyền"))
    paths = {
        StepKind.ACCEPT: form.add(result, _("Thụ lý")),
        StepKind.GUIDE: form.add(result, _("Hướng dẫn")),
        StepKind.FORWARD: form.add(result, _("Chuyển đơn")),
        StepKind.RETURN: form.add(result, _("Trả lại đơn")),
        StepKind.FILE: form.add(result, _("Xếp lưu đơn")),
    }
    c["handled"] = form.add(result, _("Tổng số đã xử lý"))
    c["pending"] = form.add(result, _("Chưa xử lý (chuyển kỳ sau)"))
    values = [0] * len(form.columns)
    for p, steps, handled_on in rows:
        values[c["all"]] += 1
        values[c["carried" if p.received_on < start else "new"]] += 1
        if p.repeat_of_id:
            values[c["duplicate"]] += 1
        else:
            values[c["cases"]] += 1
        values[c["eligible" if p.eligible else "ineligible"]] += 1
        values[types[p.case_type]] += 1
        values[fields[p.field_id]] += 1
        values[c["within" if p.competence == Competence.WITHIN else "outside"]] += 1
        if handled_on is not None and handled_on <= end:
            first = min(
                (s for s in steps if s.kind in HANDLING_PATHS and s.date <= end),
                key=lambda s: (s.date, s.pk),
            )
            kind = StepKind.GUIDE if first.kind == StepKind.SEPARATE else first.kind
            values[paths[kind]] += 1
            values[c["handled"]] += 1
        else:
            values[c["pending"]] += 1
    form.rows = [(str(_("Tổng cộng")), values)]
    n = {k: i + 1 for k, i in c.items()}
    form.checks = [
        f"{n['all']} = {n['carried']} + {n['new']}",
        f"{n['all']} = {n['duplicate']} + {n['cases']}",
        f"{n['all']} = {n['eligible']} + {n['ineligible']}",
        f"{n['all']} = " + " + ".join(str(i + 1) for i in types.values()),
        f"{n['all']} = " + " + ".join(str(i + 1) for i in fields.values()),
        f"{n['all']} = {n['within']} + {n['outside']}",
        f"{n['handled']} = " + " + ".join(str(i + 1) for i in paths.values()),
        f"{n['all']} = {n['handled']} + {n['pending']}",
    ]
    return form


def resolution_form(petitions, start: datetime.date, end: datetime.date) -> StatForm:
    """Biểu 01/KQGQ: complaints and denunciations accepted for resolution (carried over:
    accepted before the period and not resolved by its start; accepted in the period), the
    ones resolved in the period (decision / conclusion, or withdrawal) by result and on time
    or late against the resolution deadline, the ones not yet resolved and those suspended at
    the end of the period. One row per type and their total."""
    from citizens.deadlines import resolution
    from citizens.models import StepKind

    form = StatForm(
        "kqgq",
        "01/KQGQ",
        _("Tổng hợp kết quả giải quyết khiếu nại, tố cáo thuộc thẩm quyền"),
        start,
        end,
    )
    total = _("Vụ việc phải giải quyết")
    done = _("Kết quả giải quyết")
    timing = _("Thời hạn giải quyết")
    c = {
        "all": form.add(total, _("Tổng số")),
        "carried": form.add(total, _("Kỳ trước chuyển sang")),
        "new": form.add(total, _("Thụ lý trong kỳ")),
        "resolved": form.add(done, _("Đã giải quyết")),
        "right": form.add(done, _("Đúng")),
        "partly": form.add(done, _("Đúng một phần")),
        "wrong": form.add(done, _("Sai")),
        "withdrawn": form.add(done, _("Rút đơn")),
        "other": form.add(done, _("Kết quả khác")),
        "open": form.add(done, _("Chưa giải quyết")),
        "suspended": form.add(done, _("Đang tạm đình chỉ")),
        "on_time": form.add(timing, _("Giải quyết đúng hạn")),
        "late": form.add(timing, _("Giải quyết quá hạn")),
    }
    rules = list(TimeLimitRule.objects.all())
    by_type = {t: [0] * len(form.columns) for t in (CaseType.COMPLAINT, CaseType.DENUNCIATION)}
    candidates = (
        petitions.filter(
            case_type__in=list(by_type), steps__kind=StepKind.ACCEPT, steps__date__lte=end
        )
        .distinct()
        .prefetch_related("steps", "extensions")
    )
    for p in candidates:
        steps = list(p.steps.all())
        accepted_on = _first(steps, {StepKind.ACCEPT})
        resolved_on = _first(steps, {StepKind.DECIDE, StepKind.WITHDRAW})
        if resolved_on is not None and resolved_on < start:
            continue  # resolved in an earlier period
        values = by_type[p.case_type]
        values[c["all"]] += 1
        values[c["carried" if accepted_on < start else "new"]] += 1
        if resolved_on is not None and resolved_on <= end:
            values[c["resolved"]] += 1
            decision = next(
                s
                for s in sorted(steps, key=lambda s: (s.date, s.pk))
                if s.kind in (StepKind.DECIDE, StepKind.WITHDRAW)
            )
            key = "withdrawn" if decision.kind == StepKind.WITHDRAW else decision.result
            values[c[key if key in ("right", "partly", "wrong", "withdrawn") else "other"]] += 1
            deadline = resolution(
                compute(p, steps, p.extensions.all(), _rules_for(rules, p.received_on))
            )
            late = deadline is not None and resolved_on > deadline.due
            values[c["late" if late else "on_time"]] += 1
        else:
            values[c["open"]] += 1
            suspended = False
            for s in sorted(steps, key=lambda s: (s.date, s.pk)):
                if s.date <= end and s.kind == StepKind.SUSPEND:
                    suspended = True
                elif s.date <= end and s.kind == StepKind.RESUME:
                    suspended = False
            values[c["suspended"]] += 1 if suspended else 0
    totals = [sum(column) for column in zip(*by_type.values(), strict=True)]
    form.rows = [(str(CaseType(t).label), v) for t, v in by_type.items()]
    form.rows.append((str(_("Tổng cộng")), totals))
    n = {k: i + 1 for k, i in c.items()}
    form.checks = [
        f"{n['all']} = {n['carried']} + {n['new']}",
        f"{n['all']} = {n['resolved']} + {n['open']}",
        f"{n['resolved']} = {n['right']} + {n['partly']} + {n['wrong']} + {n['withdrawn']}"
        f" + {n['other']}",
        f"{n['resolved']} = {n['on_time']} + {n['late']}",
    ]
    return form


def statistical_forms(petitions, visits, start, end) -> list[StatForm]:
    return [
        reception_form(visits, start, end),
        handling_form(petitions, start, end),
        resolution_form(petitions, start, end),
    ]
