"""Which reports a user may read: their own unit's, and those sent up by the units below it or
to a unit at or below the user's (a district's 2023 inbox holds a commune that is no longer
below it). A draft or an issued report not yet submitted stays inside its unit."""

from django.db.models import Q

from reports.models import SENT_STATUSES, Report


def visible_reports(user):
    if not user.is_authenticated or user.unit_id is None:
        return Report.objects.none()
    path = user.unit.path
    return Report.objects.filter(
        Q(unit_id=user.unit_id)
        | Q(unit__path__startswith=path, status__in=SENT_STATUSES)
        | Q(recipient_unit__path__startswith=path, status__in=SENT_STATUSES)
    )
