"""Meetings as calendar events for ``followup.feeds``."""

import datetime

from django.urls import reverse

from accounts.access import scoped
from meetings.models import Meeting

DEFAULT_LENGTH = datetime.timedelta(hours=2)


def meeting_events(unit, user) -> list[dict]:
    """The meetings of ``unit`` and the units below it that ``user`` may see."""
    meetings = scoped(
        Meeting.objects.filter(unit__path__startswith=unit.path).select_related("unit"), user
    )
    events = []
    for m in meetings:
        start = m.local_start
        end = start + DEFAULT_LENGTH
        if m.ends_at and m.ends_at > start.time():
            end = start.replace(hour=m.ends_at.hour, minute=m.ends_at.minute)
        events.append(
            {
                "uid": f"meeting-{m.pk}",
                "start": start,
                "end": end,
                "summary": f"{m.get_kind_display()} Ban Chỉ đạo – {m.unit.name}",
                "description": m.agenda,
                "url": reverse("meetings:detail", args=[m.pk]),
            }
        )
    return events
