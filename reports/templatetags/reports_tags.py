"""``{% reports_citing document %}``: the reports a user may see that cite a document (for
the cited-document page of the documents app)."""

from django import template

from reports.access import visible_reports

register = template.Library()


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
