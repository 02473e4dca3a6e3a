"""The reception schedule: the dates each slot falls on, and what the law asks of it.

A weekly slot falls on its weekday each week; if that day is not a working day (a holiday)
the reception moves to the next working day (the Tây Sơn practice, legal-facts §1.4). The
chairman must receive at the commune office at least one day a week (Luật TCD Art 15(2)).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from citizens.models import ReceptionSlot, SlotKind
from followup.calendar import roll_forward


@dataclass
class Session:
    day: datetime.date
    slot: ReceptionSlot
    moved_from: datetime.date | None = None


def slots_of(unit, on: datetime.date | None = None):
    slots = ReceptionSlot.objects.filter(unit=unit)
    if on is not None:
        slots = slots.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
    return slots


def sessions(unit, start: datetime.date, end: datetime.date) -> list[Session]:
    """Every reception session of ``unit`` from ``start`` to ``end`` (inclusive)."""
    found = []
    for slot in slots_of(unit, start):
        if slot.kind == SlotKind.AD_HOC or slot.weekday is None:
            if slot.date and start <= slot.date <= end:
                found.append(Session(slot.date, slot))
            continue
        day = start + datetime.timedelta(days=(slot.weekday - start.weekday()) % 7)
        while day <= end:
            in_force = slot.valid_from <= day and (
                slot.valid_until is None or day <= slot.valid_until
            )
            if in_force:
                actual = roll_forward(day)
                if actual <= end:
                    found.append(Session(actual, slot, day if actual != day else None))
            day += datetime.timedelta(days=7)
    found.sort(key=lambda s: (s.day, s.slot.start_time))
    return found


def warnings(unit, today: datetime.date) -> list[str]:
    chair = slots_of(unit, today).filter(kind=SlotKind.CHAIR, weekday__isnull=False)
    if not chair.exists():
        return [
            _(
                "Chưa có lịch Chủ tịch UBND tiếp công dân định kỳ: Chủ tịch phải trực tiếp tiếp "
                "công dân tại trụ sở ít nhất 01 ngày trong tuần (Điều 15 Luật Tiếp công dân)."
            )
        ]
    return []


def feed_events(unit, user) -> list[dict]:
    """The chairman's and ad hoc reception sessions of the next 90 days, for the ICS feeds."""
    from django.urls import reverse
    from django.utils import timezone

    from accounts.access import scoped
    from units.models import Unit

    today = timezone.localdate()
    events = []
    units = scoped(Unit.objects.filter(path__startswith=unit.path), user, field="")
    for each in units:
        for session in sessions(each, today, today + datetime.timedelta(days=90)):
            if session.slot.kind == SlotKind.STAFF:
                continue
            tz = timezone.get_current_timezone()
            start = datetime.datetime.combine(session.day, session.slot.start_time, tzinfo=tz)
            end = datetime.datetime.combine(session.day, session.slot.end_time, tzinfo=tz)
            events.append(
                {
                    "uid": f"citizens-reception-{session.slot.pk}-{session.day.isoformat()}",
                    "start": start,
                    "end": end,
                    "summary": _("Tiếp công dân: %(who)s") % {"who": session.slot.receiver},
                    "description": session.slot.place,
                    "url": reverse("citizens:public", args=[each.code]),
                }
            )
    return events
