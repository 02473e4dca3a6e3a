"""The parent's comparison of its children over a period: one row per child, every figure
from the registered providers. The number of queries does not depend on the number of
children: the rows, their predecessors, then one or two ``GROUP BY`` queries per provider
(``reports.providers``), put together and sorted here.

The page shows ``ROWS_PER_PAGE`` children at a time (``comparison_page``): every child's
figures are counted, since the sort and the totals need them, but only the rows shown get
their links, cells and chart bars, which were most of the page's cost at 130 communes.

Children absorbed by a merger (``merged_into`` set) are not rows of their own: their records
count in the unit they were merged into, which lists them as predecessors. The children and
what lies below them are those of the period's last day (``units.tree``): a province's 2023
rows are its districts, each adding up its communes; its 2026 rows are the communes.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property
from html import escape

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import F, Q
from django.template.defaultfilters import floatformat, truncatechars
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe

from reports.lookups import Ids
from reports.providers import MERGE_DEPTH, Column, Scope, link_to, providers
from units.models import Unit
from units.tree import children_on, descendants_on

CHART_WIDTH = 300  # pixels of a 100% bar
ROWS_PER_PAGE = 25
CHART_ROW = 22


@dataclass
class Row:
    unit: Unit
    values: dict
    links: dict
    predecessors: list
    link: str | None
    cells: list  # (column, value, link) in column order, for the template

    @cached_property
    def cells_html(self) -> SafeString:
        """The row's figure cells, made in Python: with 130 rows and a dozen columns a
        template loop was most of the page's time. A missing figure is a dash."""
        parts = []
        for column, value, link in self.cells:
            if value is None:
                inner = "—"
            else:
                inner = _figure_text(column, value)
                if link:
                    inner = f'<a href="{escape(link)}">{inner}</a>'
            parts.append(f'<td data-column="{escape(column.key)}">{inner}</td>')
        return mark_safe("\n    ".join(parts))  # noqa: S308 (every part escaped above)


def _figure_text(column: Column, value) -> str:
    """A percentage as ``13%``, a text (a rating) as it is, a number localized with at most
    two decimals; escaped."""
    if isinstance(value, str):
        return escape(value)
    if column.percent:
        return f"{_number(value)}%"
    return _number(value) if _plain(value) else escape(floatformat(value, "-2"))


def _plain(value) -> bool:
    return type(value) is int and not settings.USE_THOUSAND_SEPARATOR


def _number(value) -> str:
    """``{{ value }}``: localized, escaped (an int is just its digits)."""
    return str(value) if _plain(value) else escape(localize(value))


class _LazyHtml:
    """HTML made only if a template writes it."""

    def __init__(self, make):
        self._make = make

    def __html__(self) -> str:
        return self._make()

    __str__ = __html__


def columns() -> list[Column]:
    return [c for p in providers() for c in p.columns]


def sort_keys() -> list[str]:
    return ["name", *(c.key for c in columns())]


def _scope(units: list[Unit], day: datetime.date) -> tuple[Scope, dict[int, list[Unit]]]:
    """The scope of the rows ``units`` on ``day`` and each row's direct predecessors, by
    name. Every unit below a row on that day (``units.tree.descendants_on``: the whole
    subtree, whatever the depth) counts in the row; so does every unit merged into one of
    them, or into a unit merged into one, … (up to ``MERGE_DEPTH`` mergers). Three queries
    whatever the number of rows."""
    rows = [u.pk for u in units]
    direct = {pk: [] for pk in rows}
    if not rows:
        return Scope(rows=(), owner={}), direct
    owner = descendants_on(rows, day)
    links = ["merged_into"]
    while len(links) < MERGE_DEPTH:
        links.append(f"{links[-1]}__merged_into")
    absorbed = Q()
    ids = Ids(sorted(owner))
    for link in links:
        absorbed |= Q(**{f"{link}__in_ids": ids})
    merged = (
        Unit.objects.filter(absorbed)
        .annotate(**{f"_up{i}": F(link) for i, link in enumerate(links)})
        .order_by("name", "pk")
    )
    for unit in merged:
        for i in range(len(links)):
            up = getattr(unit, f"_up{i}")
            if up in owner:
                owner[unit.pk] = owner[up]
                if i == 0 and up in direct:
                    direct[up].append(unit)
                break
    return Scope(rows=tuple(rows), owner=owner), direct


def tree_day(period) -> datetime.date:
    """The day whose unit tree a period's figures follow: its last."""
    return period.end


def children_figures(parent: Unit, period, today: datetime.date, sort: str = "name"):
    """The children of ``parent`` as the tree stood at the period's end, each with every
    figure of its whole subtree, sorted by ``sort`` (a column key or "name", "-" for
    descending; figures missing last, then by name): a list of
    ``(unit, values, predecessors)``."""
    day = tree_day(period)
    queryset = children_on(parent, day).filter(merged_into__isnull=True).order_by("name", "pk")
    units = list(queryset)
    scope, predecessors = _scope(units, day)
    # Links read the row's own fields (pk, kind, ...) next to its figures, by name.
    # A figure a provider leaves out is None.
    blank = dict.fromkeys(c.key for c in columns())
    values = {
        u.pk: {**blank, **{k: v for k, v in u.__dict__.items() if not k.startswith("_")}}
        for u in units
    }
    for provider in providers():
        for pk, computed in provider.figures(scope, period, today).items():
            if pk in values:
                values[pk].update(computed)
    key = sort.lstrip("-")
    descending = sort.startswith("-") and key in sort_keys()
    if key not in sort_keys():
        key = "name"
    if key != "name":
        # ``units`` is in name order and sorting is stable: ties stay by name.
        known = [u for u in units if values[u.pk].get(key) is not None]
        missing = [u for u in units if values[u.pk].get(key) is None]
        known.sort(key=lambda u: values[u.pk][key], reverse=descending)
        units = known + missing
    elif descending:
        units.reverse()
    return [(u, values[u.pk], predecessors[u.pk]) for u in units]


def rows(parent: Unit, period, today: datetime.date, sort: str = "name") -> list[Row]:
    """Every child's row, sorted."""
    return _rows(children_figures(parent, period, today, sort), period)


@dataclass
class ComparisonPage:
    page: Page  # of ``children_figures`` entries
    rows: list[Row]  # the page's
    totals: list  # over every child, not just the page's


def comparison_page(
    parent: Unit, period, today: datetime.date, sort: str = "name", number=None
) -> ComparisonPage:
    """Page ``number`` (``Paginator.get_page``: anything invalid is the first or last page) of
    the sorted children, and the totals of them all."""
    everything = children_figures(parent, period, today, sort)
    page = Paginator(everything, ROWS_PER_PAGE).get_page(number)
    return ComparisonPage(
        page=page,
        rows=_rows(page.object_list, period),
        totals=totals_of([values for _, values, _ in everything]),
    )


def _rows(entries, period) -> list[Row]:
    cols = columns()
    result = []
    for unit, figures, predecessors in entries:
        values = {**figures, "pk": unit.pk}
        made = {None: None}  # columns sharing a link function share the link
        for c in cols:
            if c.link not in made:
                made[c.link] = c.link(values, period)
        links = {c.key: made[c.link] for c in cols}
        shown = {c.key: values.get(c.key) for c in cols}
        result.append(
            Row(
                unit=unit,
                values=shown,
                links=links,
                predecessors=predecessors,
                link=_unit_link(unit, values, period),
                cells=[(c, shown[c.key], links[c.key]) for c in cols],
            )
        )
    return result


def _unit_link(unit, values, period) -> str | None:
    """A commune drills down to its program dashboard; a unit with children to its own
    comparison."""
    if unit.kind in ("province", "city", "district"):
        query = {"unit": unit.pk, "start": period.start.isoformat(), "end": period.end.isoformat()}
        return link_to("reports:dashboard", query)
    if values.get("program_id"):
        return link_to("programs:dashboard", {"program": values["program_id"]})
    return None


def totals(rows: list[Row]) -> list:
    """The totals row of ``rows``: sums of the summable columns, ``None`` for the others."""
    return totals_of([r.values for r in rows])


def totals_of(values: list[dict]) -> list:
    """The totals row of rows' figures (dicts by column key)."""
    return [sum(v.get(c.key) or 0 for v in values) if c.summable else None for c in columns()]


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
        "bars_html": _LazyHtml(lambda: _bars_html(bars)),
        "height": max(len(rows), 1) * CHART_ROW,
        "width": CHART_WIDTH,
        "title": ", ".join(str(c.label) for c in charted),
    }


def _bars_html(bars: list[dict]) -> SafeString:
    """The chart's bars as SVG (made in Python for the same reason as ``Row.cells_html``)."""
    parts = []
    for bar in bars:
        y, text_y, value = _number(bar["y"] + 4), _number(bar["text_y"]), _number(bar["value"])
        label = escape(bar["label"])
        parts.append(
            f'<a href="{escape(bar["link"] or "#")}">\n'
            f'      <text x="0" y="{text_y}" font-size="12">'
            f"{escape(truncatechars(bar['label'], 28))}</text>\n"
            f'      <rect x="200" y="{y}" width="{_number(CHART_WIDTH)}" height="14" fill="#eee">'
            "</rect>\n"
            f'      <rect x="200" y="{y}" width="{_number(bar["width"])}" height="14" '
            'fill="#2e7d32">'
            f"<title>{label}: {value}%</title></rect>\n"
            f'      <text x="{_number(CHART_WIDTH + 205)}" y="{text_y}" font-size="12">'
            f"{value}%</text>\n"
            "    </a>"
        )
    return mark_safe("\n    ".join(parts))  # noqa: S308 (every part escaped above)
