"""Activities as calendar events for ``followup.feeds`` (whole-day events)."""

from django.urls import reverse

from accounts.access import scoped
from activities.models import Activity


def activity_events(unit, user) -> list[dict]:
    """The activities of ``unit`` and the units below it that ``user`` may see."""
    activities = scoped(
        Activity.objects.filter(unit__path__startswith=unit.path).select_related(
            "unit", "anniversary"
        ),
        user,
    )
    return [
        {
            "uid": f"activity-{a.pk}",
            "start": a.held_on,
            "summary": f"{a.get_kind_display()}: {a.title}",
            "description": "\n".join(
                filter(None, [a.anniversary_label, f"{a.place} – {a.organiser}", a.description])
            ),
            "url": reverse("activities:detail", args=[a.pk]),
        }
        for a in activities
    ]
