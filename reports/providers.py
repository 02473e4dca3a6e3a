"""The registry of figure providers: each app that has something to compare between units
contributes columns to the parent's dashboard without the reports app importing it.

A provider gives SQL expressions (subqueries correlated on the unit row, ``OuterRef("pk")``)
so that the whole comparison table is one query whatever the number of units. Another app
(e.g. ``citizens`` for petitions received / resolved / late) registers its own provider from
its ``AppConfig.ready``::

    from reports.providers import Column, FigureProvider, register
    register(FigureProvider(key="petitions", label=..., columns=(...), stages=...))

``unit_or_predecessor`` gives the filter that makes figures of a merged unit add up the
units it was formed from.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # (row values dict, period) -> the URL the figure drills down to, or None
    link: Callable[[dict, object], str | None] | None = None
    percent: bool = False
    chart: bool = False  # drawn in the dashboard's bar chart (a 0–100 value)
    summable: bool = True  # added up in the totals row


@dataclass(frozen=True)
class FigureProvider:
    key: str
    label: str
    columns: tuple[Column, ...]
    # (period, today) -> list of {name: expression} applied in order (later ones may use
    # earlier names); names not in ``columns`` are helpers (e.g. ids for links).
    stages: Callable[[object, datetime.date], list[dict]] = field(default=lambda p, t: [])


_REGISTRY: dict[str, FigureProvider] = {}


def register(provider: FigureProvider) -> FigureProvider:
    _REGISTRY[provider.key] = provider
    return provider


def unregister(key: str) -> None:
    _REGISTRY.pop(key, None)


def providers() -> list[FigureProvider]:
    return list(_REGISTRY.values())


MERGE_DEPTH = 3  # a unit formed from units that were themselves formed by a merger, ...


def unit_or_predecessor(path: str = "unit") -> Q:
    """Rows whose unit is the outer unit or one it absorbed (up to ``MERGE_DEPTH`` mergers).

    An ``IN`` over the (few) units concerned, so the row table's index on its unit is used;
    ORs over joined units made the database scan every row once per unit and figure."""
    from units.models import Unit

    outer = OuterRef(OuterRef("pk"))
    units = Q(pk=outer)
    link = ""
    for _ in range(MERGE_DEPTH):
        link += "__merged_into" if link else "merged_into"
        units |= Q(**{f"{link}_id": outer})
    return Q(**{f"{path}__in": Unit.objects.filter(units).values("pk")})


def count_of(queryset):
    """``COUNT(*)`` of a correlated queryset as an expression (0 when nothing matches)."""
    counted = queryset.order_by().annotate(_n=Func(F("pk"), function="COUNT")).values("_n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
