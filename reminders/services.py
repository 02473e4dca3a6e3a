"""Writes of the reminders app: a unit's rules, a user's channels, reading notifications."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import services as audit
from reminders.models import (
    NoticeKind,
    NoticePreference,
    Notification,
    NotificationPreference,
    ReminderRule,
    ReminderSetup,
    RuleKind,
    Weekday,
)

DEFAULT_RULES = (
    {"kind": RuleKind.BEFORE_DUE, "days": 7},
    {"kind": RuleKind.BEFORE_DUE, "days": 1},
    {"kind": RuleKind.ON_OVERDUE, "days": 0},
    {"kind": RuleKind.OVERDUE_REPEAT, "days": 7},
    {"kind": RuleKind.OVERDUE_SUMMARY, "days": 0, "weekday": Weekday.MONDAY},
)


def ensure_rules(unit) -> None:
    """Give a unit the default rules the first time reminders are used for it (once, even
    when two workers get there together: ``ReminderSetup`` is unique per unit)."""
    if ReminderSetup.objects.filter(unit=unit).exists():
        return
    with transaction.atomic():
        _setup, created = ReminderSetup.objects.get_or_create(unit=unit)
        if created:
            ReminderRule.objects.bulk_create(
                ReminderRule(unit=unit, **fields) for fields in DEFAULT_RULES
            )


def rules_of(unit) -> list[ReminderRule]:
    ensure_rules(unit)
    return list(ReminderRule.objects.filter(unit=unit))


def save_rules(*, unit, actor, formset) -> None:
    """Save a valid rules formset in one transaction, with one audit event."""
    before = [r.describe() for r in ReminderRule.objects.filter(unit=unit)]
    with transaction.atomic():
        setup, _created = ReminderSetup.objects.get_or_create(unit=unit)
        for form in formset.forms:
            form.instance.unit = unit
        formset.save()
        after = [r.describe() for r in ReminderRule.objects.filter(unit=unit)]
        if before != after:
            audit.record(
                actor=actor,
                unit=unit,
                target=setup,
                verb="update",
                summary=_("Cập nhật quy tắc nhắc việc"),
                changes={"quy tắc": [before, after]},
            )


def preferences_of(user) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    return preference


def set_preferences(user, *, in_app: bool, email: bool) -> NotificationPreference:
    preference = preferences_of(user)
    preference.in_app = in_app
    preference.email = email
    preference.save(update_fields=["in_app", "email"])
    return preference


def email_kinds_of(user) -> set[str]:
    """The kinds of notice the user also wants by e-mail (every kind unless refused)."""
    refused = set(
        NoticePreference.objects.filter(user=user, email=False).values_list("kind", flat=True)
    )
    return set(NoticeKind.values) - refused


@transaction.atomic
def set_email_kinds(user, kinds) -> None:
    """Per kind of notice: in the app only, or also by e-mail (``kinds``)."""
    wanted = set(kinds)
    for kind in NoticeKind.values:
        NoticePreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email": kind in wanted}
        )


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at=None).count()


def mark_read(user, pk: int) -> bool:
    """Mark one of the user's notifications read; False if it is not theirs."""
    notification = Notification.objects.filter(pk=pk, user=user).first()
    if notification is None:
        return False
    Notification.objects.filter(pk=pk, read_at=None).update(read_at=timezone.now())
    return True


def mark_all_read(user) -> int:
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())
