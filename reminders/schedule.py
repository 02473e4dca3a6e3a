"""When a rule fires for a task: pure date arithmetic on the working-day calendar.

Each rule gives, for a day ``today``, the *occurrence* it is due for (a date that names the
reminder: "7 working days before the 31/3 deadline" is the date it falls on), or None. The
occurrence is part of the reminder's unique key, so a pass run twice, or late, finds the same
occurrence and sends nothing twice. A pass that did not run for some days (a holiday, a
stopped server) still sends what fell due within ``LOOKBACK_DAYS``.
"""

import datetime

from reminders.models import RuleKind

LOOKBACK_DAYS = 14


def first_overdue_day(due: datetime.date) -> datetime.date:
    """The first working day after the due date: the day the task shows as overdue at work."""
    from followup.calendar import add_working_days

    return add_working_days(due, 1)


def personal_occurrence(rule, due: datetime.date, today: datetime.date):
    """The occurrence of a rule for the person in charge of a task due on ``due``."""
    from followup.calendar import add_working_days

    if rule.kind == RuleKind.BEFORE_DUE:
        if today > due:
            return None
        fire = add_working_days(due, -rule.days) if rule.days else due
        recent = (today - fire).days < LOOKBACK_DAYS
        return fire if fire <= today and recent else None
    if rule.kind == RuleKind.ON_OVERDUE:
        fire = first_overdue_day(due)
        recent = (today - fire).days < LOOKBACK_DAYS
        return fire if fire <= today and recent else None
    if rule.kind == RuleKind.OVERDUE_REPEAT:
        first = first_overdue_day(due)
        if today <= first or rule.days < 1:
            return None
        rounds = (today - first).days // rule.days
        if rounds < 1:
            return None
        return first + datetime.timedelta(days=rounds * rule.days)
    return None


def latest_personal(rules, due: datetime.date, today: datetime.date):
    """The one (rule, occurrence) to send for a task today: the most recent that fell due, so
    a task added late gets "due tomorrow", not also "due in 7 working days"."""
    best = None
    for rule in rules:
        occurrence = personal_occurrence(rule, due, today)
        if occurrence is not None and (best is None or occurrence > best[1]):
            best = (rule, occurrence)
    return best


def summary_occurrence(rule, today: datetime.date) -> datetime.date:
    """The most recent chosen weekday on or before ``today``."""
    return today - datetime.timedelta(days=(today.weekday() - rule.weekday) % 7)
