"""``{% reports_citing document %}``: the reports a user may see that cite a document (for
the cited-document page of the documents app)."""

from django import template
from django.db.models import Q

from reports.models import SENT_STATUSES, Report

register = template.Library()


def visible_reports(user):
    """The user's own unit's reports, and those units below it have sent up."""
    if not user.is_authenticated or user.unit_id is None:
        return Report.objects.none()
    return Report.objects.filter(
        Q(unit_id=user.unit_id) | Q(unit__path__startswith=user.unit.path, status__in=SENT_STATUSES)
    )


@register.inclusion_tag("reports/_citing_reports.html", takes_context=True)
def reports_citing(context, document):
    reports = (
        visible_reports(context["request"].user)
        .filter(citations__document=document)
        .select_related("unit")
        .order_by("-period_end", "unit__name")
        .distinct()
    )
    return {"reports": list(reports)}
