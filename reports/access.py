"""Which reports a user may read: their own unit's, and those the units below it have sent up.
A draft or an issued report not yet submitted stays inside its unit."""

from django.db.models import Q

from reports.models import SENT_STATUSES, Report


def visible_reports(user):
    if not user.is_authenticated or user.unit_id is None:
        return Report.objects.none()
    return Report.objects.filter(
        Q(unit_id=user.unit_id) | Q(unit__path__startswith=user.unit.path, status__in=SENT_STATUSES)
    )
