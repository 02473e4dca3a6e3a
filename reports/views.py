"""The level above: a parent's dashboard comparing its children over a period."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from accounts.access import get_visible_or_404
from reports import dashboard as figures
from reports.periods import Period, period_from_query
from units.models import Unit


@login_required
def dashboard(request):
    """``?unit=`` (a unit the user may see, default their own), ``?year=`` or
    ``?start=&end=``, ``?sort=`` (a column key, "-" for descending)."""
    wanted = request.GET.get("unit", "")
    if wanted and not wanted.isdigit():
        raise Http404
    if request.user.unit_id is None:
        raise Http404
    unit = get_visible_or_404(
        Unit.objects.all(),
        request.user,
        field="",
        pk=int(wanted) if wanted else request.user.unit_id,
    )
    today = timezone.localdate()
    sort = request.GET.get("sort", "name")
    context = {
        "unit": unit,
        "predecessors": list(unit.merged_from.order_by("name")),
        "columns": figures.columns(),
        "sort": sort,
        "query": request.GET,
    }
    try:
        period = period_from_query(request.GET, today)
    except ValidationError as exc:
        context.update(error=" ".join(exc.messages), period=Period.year(today.year))
        return render(request, "reports/dashboard.html", context, status=400)
    rows = figures.rows(unit, period, today, sort)
    context.update(
        period=period,
        rows=rows,
        totals=figures.totals(rows),
        chart=figures.chart(rows),
        sort_links=_sort_links(request, sort),
    )
    return render(request, "reports/dashboard.html", context)


def _sort_links(request, current: str) -> dict:
    """For each sortable key, the query string that sorts by it (toggling the direction)."""
    links = {}
    for key in figures.sort_keys():
        query = request.GET.copy()
        query["sort"] = f"-{key}" if current == key else key
        links[key] = query.urlencode()
    return links
