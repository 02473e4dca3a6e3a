"""A case's deadlines, computed from the time-limit rules in force on its receipt date.

Each deadline has a start (the receipt date, the acceptance or the decision), a rule (days,
calendar or working days, legal basis) and the step that meets it. Counting is the working-day
calendar's (``followup.calendar``): the start day is not counted; "N ngày" ending on a day off
ends on the next working day; "N ngày làm việc" counts working days only.

The resolution time limit is lengthened by each recorded extension and by the days the case
was suspended (from the suspension to the resumption).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citizens.models import CaseType, Competence, DayKind, DeadlineStep, StepKind
from citizens.rules import applicable_rule, rules_in_force
from followup.calendar import (
    add_calendar_days,
    add_working_days,
    roll_forward,
    working_days_between,
)

SOON_WORKING_DAYS = 3
HANDLING_PATHS = {
    StepKind.ACCEPT,
    StepKind.GUIDE,
    StepKind.FORWARD,
    StepKind.RETURN,
    StepKind.FILE,
    StepKind.SEPARATE,
}
CLOSED_WITHOUT_ACCEPTANCE = HANDLING_PATHS - {StepKind.ACCEPT}


@dataclass
class Deadline:
    step: str
    label: str
    start: datetime.date
    due: datetime.date
    rule: object
    done_on: datetime.date | None
    extra_days: int = 0

    @property
    def legal_basis(self) -> str:
        return self.rule.legal_basis

    @property
    def met(self) -> bool:
        return self.done_on is not None

    @property
    def late(self) -> bool:
        return self.done_on is not None and self.done_on > self.due

    def state(self, today: datetime.date) -> str:
        """``done``, ``done_late``, ``ok``, ``soon`` (≤ 3 working days left) or ``overdue``."""
        if self.done_on is not None:
            return "done_late" if self.late else "done"
        if today > self.due:
            return "overdue"
        if working_days_between(today, self.due) <= SOON_WORKING_DAYS:
            return "soon"
        return "ok"


def count_days(start: datetime.date, days: int, day_kind: str) -> datetime.date:
    if day_kind == DayKind.WORKING:
        return add_working_days(start, days)
    return add_calendar_days(start, days)


def _first(steps, kinds) -> datetime.date | None:
    dates = [s.date for s in steps if s.kind in kinds]
    return min(dates) if dates else None


def _suspended_days(steps) -> int:
    total, since = 0, None
    for step in sorted(steps, key=lambda s: (s.date, s.pk or 0)):
        if step.kind == StepKind.SUSPEND and since is None:
            since = step.date
        elif step.kind == StepKind.RESUME and since is not None:
            total += (step.date - since).days
            since = None
    return total


def compute(petition, steps=None, extensions=None, rules=None) -> list[Deadline]:
    """The deadlines that apply to ``petition`` so far, in the order of the procedure."""
    steps = list(petition.steps.all()) if steps is None else list(steps)
    extensions = list(petition.extensions.all()) if extensions is None else list(extensions)
    rules = list(rules_in_force(petition.received_on)) if rules is None else rules
    case = {
        "case_type": petition.case_type,
        "instance": petition.instance,
        "complexity": petition.complexity,
        "remote": petition.remote_area,
    }

    def rule(step):
        return applicable_rule(rules, step=step, **case)

    accepted_on = _first(steps, {StepKind.ACCEPT})
    decided_on = _first(steps, {StepKind.DECIDE})
    other_path = _first(steps, CLOSED_WITHOUT_ACCEPTANCE)
    plan = [(DeadlineStep.HANDLE, petition.received_on, _first(steps, HANDLING_PATHS))]
    if petition.case_type == CaseType.COMPLAINT and not (other_path and not accepted_on):
        plan.append((DeadlineStep.ACCEPT, petition.received_on, accepted_on))
    if petition.competence == Competence.OUTSIDE:
        plan.append(
            (
                DeadlineStep.FORWARD,
                petition.received_on,
                _first(steps, {StepKind.FORWARD, StepKind.GUIDE}),
            )
        )
    if accepted_on:
        plan.append(
            (DeadlineStep.NOTIFY_ACCEPT, accepted_on, _first(steps, {StepKind.NOTIFY_ACCEPT}))
        )
        plan.append((DeadlineStep.RESOLVE, accepted_on, decided_on))
    if decided_on:
        plan.append((DeadlineStep.SEND_DECISION, decided_on, _first(steps, {StepKind.NOTIFY})))
        plan.append((DeadlineStep.PUBLISH, decided_on, _first(steps, {StepKind.PUBLISH})))

    deadlines = []
    for step, start, done_on in plan:
        found = rule(step)
        if found is None:
            continue
        due = count_days(start, found.days, found.day_kind)
        extra = 0
        if step == DeadlineStep.RESOLVE:
            extra = sum(e.days for e in extensions) + _suspended_days(steps)
            if extra:
                due = roll_forward(due + datetime.timedelta(days=extra))
        deadlines.append(
            Deadline(
                step=step,
                label=str(DeadlineStep(step).label),
                start=start,
                due=due,
                rule=found,
                done_on=done_on,
                extra_days=extra,
            )
        )
    return deadlines


@dataclass
class Preview:
    """The deadlines of a case not yet saved, as the intake form shows them: those running
    from the receipt date, and the resolution time limit that will run from the acceptance."""

    deadlines: list[Deadline]
    resolution_rule: object | None


def preview(
    *, received_on, case_type, instance=1, complexity="normal", remote=False, competence="within"
) -> Preview:
    """What ``compute`` gives a case with these classifications received on ``received_on``
    (no step taken yet), with the rules in force that day."""
    from citizens.models import Petition

    case = Petition(
        received_on=received_on,
        case_type=case_type,
        instance=instance,
        complexity=complexity,
        remote_area=remote,
        competence=competence,
    )
    rules = list(rules_in_force(received_on))
    resolution_rule = applicable_rule(
        rules,
        step=DeadlineStep.RESOLVE,
        case_type=case_type,
        instance=instance,
        complexity=complexity,
        remote=remote,
    )
    return Preview(compute(case, steps=[], extensions=[], rules=rules), resolution_rule)


def next_open(deadlines: list[Deadline]) -> Deadline | None:
    """The earliest deadline not yet met."""
    open_ = [d for d in deadlines if not d.met]
    return min(open_, key=lambda d: d.due) if open_ else None


def resolution(deadlines: list[Deadline]) -> Deadline | None:
    for d in deadlines:
        if d.step == DeadlineStep.RESOLVE:
            return d
    return None


def on_time(deadlines: list[Deadline]) -> bool | None:
    """Was the case handled on time: every deadline met by its due date (``None`` while a
    deadline is still open and not yet past)."""
    today = timezone.localdate()
    if any(d.late for d in deadlines):
        return False
    if any(not d.met and today > d.due for d in deadlines):
        return False
    if any(not d.met for d in deadlines):
        return None
    return True


STATE_LABELS = {
    "done": _("Đúng hạn"),
    "done_late": _("Trễ hạn"),
    "ok": _("Còn hạn"),
    "soon": _("Sắp đến hạn (≤ 3 ngày làm việc)"),
    "overdue": _("Quá hạn"),
}
