"""The parent's comparison of its children over a period: one row per child, every figure
from the registered providers, computed in one SQL query whatever the number of children.

Children absorbed by a merger (``merged_into`` set) are not rows of their own: their records
count in the unit they were merged into, which lists them as predecessors.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils.http import urlencode

from reports.providers import Column, providers
from units.models import Unit

CHART_WIDTH = 300  # pixels of a 100% bar
CHART_ROW = 22


@dataclass
class Row:
    unit: Unit
    values: dict
    links: dict
    predecessors: list
    link: str | None

    @property
    def cells(self):
        """(column, value, link) in column order, for the template."""
        return [(c, self.values.get(c.key), self.links.get(c.key)) for c in columns()]


def columns() -> list[Column]:
    return [c for p in providers() for c in p.columns]


def sort_keys() -> list[str]:
    return ["name", *(c.key for c in columns())]


def children_figures(parent: Unit, period, today: datetime.date, sort: str = "name"):
    """The children of ``parent`` annotated with every figure, sorted by ``sort`` (a column
    key or "name", "-" for descending). Two queries: the rows and their predecessors."""
    queryset = Unit.objects.filter(parent=parent, merged_into__isnull=True)
    for provider in providers():
        for stage in provider.stages(period, today):
            queryset = queryset.annotate(**stage)
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in sort_keys():
        key, descending = "name", False
    order = F(key).desc(nulls_last=True) if descending else F(key).asc(nulls_last=True)
    queryset = queryset.order_by(order, "name").prefetch_related(
        Prefetch("merged_from", queryset=Unit.objects.order_by("name"))
    )
    return list(queryset)


def rows(parent: Unit, period, today: datetime.date, sort: str = "name") -> list[Row]:
    cols = columns()
    result = []
    for unit in children_figures(parent, period, today, sort):
        values = {name: value for name, value in unit.__dict__.items() if not name.startswith("_")}
        values["pk"] = unit.pk
        links = {c.key: c.link(values, period) if c.link else None for c in cols}
        result.append(
            Row(
                unit=unit,
                values={c.key: values.get(c.key) for c in cols},
                links=links,
                predecessors=list(unit.merged_from.all()),
                link=_unit_link(unit, values, period),
            )
        )
    return result


def _unit_link(unit, values, period) -> str | None:
    """A commune drills down to its program dashboard; a unit with children to its own
    comparison."""
    if unit.kind in ("province", "city", "district"):
        query = {"unit": unit.pk, "start": period.start.isoformat(), "end": period.end.isoformat()}
        return f"{reverse('reports:dashboard')}?{urlencode(query)}"
    if values.get("program_id"):
        return f"{reverse('programs:dashboard')}?{urlencode({'program': values['program_id']})}"
    return None


def totals(rows: list[Row]) -> list:
    """The totals row: sums of the summable columns, ``None`` for the others."""
    return [sum(r.values.get(c.key) or 0 for r in rows) if c.summable else None for c in columns()]


def chart(rows: list[Row]) -> dict:
    """Bars for the charted columns (0–100) of each row, for a server-rendered SVG."""
    charted = [c for c in columns() if c.chart]
    bars = []
    for i, row in enumerate(rows):
        for column in charted:
            value = row.values.get(column.key) or 0
            bars.append(
                {
                    "label": row.unit.name,
                    "value": value,
                    "width": round(CHART_WIDTH * min(max(value, 0), 100) / 100),
                    "y": i * CHART_ROW,
                    "text_y": i * CHART_ROW + 15,
                    "link": row.links.get(column.key) or row.link,
                }
            )
    return {
        "bars": bars,
        "height": max(len(rows), 1) * CHART_ROW,
        "width": CHART_WIDTH,
        "title": ", ".join(str(c.label) for c in charted),
    }
