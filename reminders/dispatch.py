"""The reminder pass: find what falls due today, record each reminder once, notify.

Steps of ``run_reminder_pass(today)``:

1. On a working day, for each unit with open tasks of an issued program: its rules (defaults
   on first use), then
   - for each open task whose person in charge has an account: the most recent personal rule
     that fell due (``reminders.schedule``);
   - for each weekly summary rule: one summary of the unit's overdue tasks to the office, the
     chair and the committee head.
2. Record each (task, rule, occurrence, recipient) as a ``ReminderDelivery``. The unique
   constraint is the claim: of two passes inserting the same row, one wins and notifies, the
   other gets an IntegrityError and moves on. The in-app notification is written in the same
   transaction as the row.
3. Queue and send the e-mail digests (``reminders.digests``).
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Role, User
from committee.models import CommitteeMember, CommitteeRole
from programs.models import OPEN_STATUSES, ProgramStatus, Task
from reminders import digests, schedule
from reminders.models import (
    PERSONAL_KINDS,
    Notification,
    NotificationPreference,
    ReminderDelivery,
    RuleKind,
)
from reminders.services import rules_of
from units.models import Unit

SUMMARY_TASK_LINES = 20


@dataclass
class Candidate:
    rule: object
    task: Task | None
    occurrence: datetime.date
    recipient: User
    unit: Unit
    title: str
    body: str
    url: str

    @property
    def key(self):
        task_id = self.task.pk if self.task else None
        return (task_id, self.rule.pk, self.occurrence, self.recipient.pk)


def open_tasks():
    return Task.objects.trackable().filter(
        status__in=OPEN_STATUSES, program__status=ProgramStatus.ISSUED
    )


def _date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _personal_message(task: Task, rule, today: datetime.date) -> tuple[str, str]:
    from followup.calendar import working_days_between

    if rule.kind == RuleKind.BEFORE_DUE:
        left = working_days_between(today, task.due_date)
        title = _("Nhiệm vụ đến hạn ngày %(due)s") % {"due": _date(task.due_date)}
        if left <= 0:
            detail = _("Hôm nay là hạn hoàn thành.")
        else:
            detail = _("Còn %(n)s ngày làm việc đến hạn.") % {"n": left}
    else:
        late = (today - task.due_date).days
        title = _("Nhiệm vụ quá hạn từ ngày %(due)s") % {"due": _date(task.due_date)}
        detail = _("Đã quá hạn %(n)s ngày; đề nghị cập nhật tiến độ.") % {"n": late}
    return title, f"{task.short_text}\n{detail}"


def _personal_candidates(unit, rules, today) -> list[Candidate]:
    rules = [r for r in rules if r.kind in PERSONAL_KINDS]
    if not rules:
        return []
    before = [r.days for r in rules if r.kind == RuleKind.BEFORE_DUE]
    tasks = open_tasks().filter(unit=unit, responsible__user__is_active=True)
    tasks = tasks.select_related("responsible__user")
    if not any(r.kind != RuleKind.BEFORE_DUE for r in rules):
        tasks = tasks.filter(due_date__gte=today)
    # Working days never outnumber calendar days; twice as many plus a month of holidays
    # keeps every task a before-due rule can reach.
    horizon = max(before, default=0) * 2 + 31
    tasks = tasks.filter(due_date__lte=today + datetime.timedelta(days=horizon))
    candidates = []
    for task in tasks:
        picked = schedule.latest_personal(rules, task.due_date, today)
        if picked is None:
            continue
        rule, occurrence = picked
        title, body = _personal_message(task, rule, today)
        candidates.append(
            Candidate(
                rule=rule,
                task=task,
                occurrence=occurrence,
                recipient=task.responsible.user,
                unit=unit,
                title=title,
                body=body,
                url=reverse("programs:task", args=[task.pk]),
            )
        )
    return candidates


def summary_recipients(unit, today) -> list[User]:
    """The office and the chair of the unit, and the committee head (if they have an account)."""
    heads = CommitteeMember.objects.active_on(today).filter(
        unit=unit, committee_role=CommitteeRole.HEAD, user__isnull=False
    )
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(unit=unit, role__in=(Role.OFFICE, Role.CHAIR)) | Q(pk__in=heads.values("user")))
        .order_by("pk")
        .distinct()
    )


def _summary_candidates(unit, rules, today) -> list[Candidate]:
    rules = [r for r in rules if r.kind == RuleKind.OVERDUE_SUMMARY]
    if not rules:
        return []
    overdue = list(
        open_tasks()
        .filter(unit=unit, due_date__lt=today)
        .select_related("responsible")
        .order_by("due_date", "pk")
    )
    if not overdue:
        return []
    title = _("%(unit)s có %(n)s nhiệm vụ quá hạn") % {"unit": unit.name, "n": len(overdue)}
    lines = [
        _("– %(task)s (hạn %(due)s; chủ trì: %(who)s)")
        % {
            "task": t.short_text,
            "due": _date(t.due_date),
            "who": t.responsible.full_name if t.responsible else _("chưa phân công"),
        }
        for t in overdue[:SUMMARY_TASK_LINES]
    ]
    if len(overdue) > SUMMARY_TASK_LINES:
        lines.append(_("… và %(n)s nhiệm vụ khác.") % {"n": len(overdue) - SUMMARY_TASK_LINES})
    url = reverse("programs:task_list") + "?status=overdue"
    recipients = summary_recipients(unit, today)
    return [
        Candidate(
            rule=rule,
            task=None,
            occurrence=schedule.summary_occurrence(rule, today),
            recipient=user,
            unit=unit,
            title=title,
            body="\n".join(lines),
            url=url,
        )
        for rule in rules
        for user in recipients
    ]


def _record(candidate: Candidate, preference, stats: Counter) -> None:
    """Insert the delivery row and its notification, or nothing if someone else did."""
    wants_in_app = preference.in_app if preference else True
    wants_email = (preference.email if preference else True) and bool(candidate.recipient.email)
    try:
        with transaction.atomic():
            notification = None
            if wants_in_app:
                notification = Notification.objects.create(
                    user=candidate.recipient,
                    title=candidate.title[:200],
                    body=candidate.body,
                    url=candidate.url,
                )
            ReminderDelivery.objects.create(
                rule=candidate.rule,
                task=candidate.task,
                occurrence=candidate.occurrence,
                recipient=candidate.recipient,
                unit=candidate.unit,
                message=f"{candidate.title}\n{candidate.body}",
                url=candidate.url,
                notification=notification,
                wants_email=wants_email,
            )
    except IntegrityError:
        stats["already_recorded"] += 1
        return
    stats["reminders"] += 1
    stats["notifications"] += wants_in_app


def _existing_keys(candidates: list[Candidate]) -> set:
    if not candidates:
        return set()
    rows = ReminderDelivery.objects.filter(
        rule__in={c.rule.pk for c in candidates},
        occurrence__in={c.occurrence for c in candidates},
        recipient__in={c.recipient.pk for c in candidates},
    ).values_list("task", "rule", "occurrence", "recipient")
    return set(rows)


def remind_unit(unit, today: datetime.date, stats: Counter) -> None:
    rules = [r for r in rules_of(unit) if r.active]
    candidates = _personal_candidates(unit, rules, today) + _summary_candidates(unit, rules, today)
    known = _existing_keys(candidates)
    fresh = [c for c in candidates if c.key not in known]
    stats["already_recorded"] += len(candidates) - len(fresh)
    preferences = {
        p.user_id: p
        for p in NotificationPreference.objects.filter(user__in={c.recipient.pk for c in fresh})
    }
    for candidate in fresh:
        _record(candidate, preferences.get(candidate.recipient.pk), stats)


def run_reminder_pass(today=None, *, now=None, worker_id="", progress=None) -> dict:
    """One pass for ``today`` (the site's date by default); returns what it did."""
    from followup.calendar import is_working_day

    today = today or timezone.localdate()
    now = now or timezone.now()
    stats: Counter = Counter(reminders=0, notifications=0, already_recorded=0)
    with translation.override(settings.LANGUAGE_CODE):
        if is_working_day(today):
            units = list(Unit.objects.filter(pk__in=open_tasks().values("unit")).order_by("pk"))
            for i, unit in enumerate(units, start=1):
                remind_unit(unit, today, stats)
                if progress:
                    progress(90 * i // len(units), unit.name)
        else:
            stats["not_a_working_day"] = 1
        digests.queue_digests(today, now=now)
        stats["emails_sent"] = digests.send_due_digests(now=now, worker_id=worker_id)
    return dict(stats)
