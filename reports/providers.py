"""The registry of figure providers: each app that has something to compare between units
contributes columns to the parent's dashboard without the reports app importing it.

A provider computes its figures for all the rows at once: ``figures(scope, period, today)``
returns ``{row unit pk: {name: value}}``, usually from one ``GROUP BY unit`` query over the
rows' units and the units merged into them (``per_row``), so the number of queries does not
depend on the number of rows. Another app (e.g. ``citizens`` for petitions received /
resolved / late) registers its own provider from its ``AppConfig.ready``::

    from reports.providers import Column, FigureProvider, per_row, register
    register(FigureProvider(key="petitions", label=..., columns=(...), figures=...))

A merged unit's figures add up the units it was formed from: ``Scope.owner`` maps every
predecessor (up to ``MERGE_DEPTH`` mergers) to the row it counts in. (Correlated subqueries
per row and figure, the earlier form, took about a second at 130 communes: decision 0019.)
"""

import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote_plus

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

from reports.lookups import Ids


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
class Scope:
    """The units a dashboard compares: ``rows`` (pks of the rows, in display order before
    sorting) and ``owner``, every unit whose records count (the rows and their
    predecessors) mapped to the row it counts in."""

    rows: tuple[int, ...]
    owner: dict[int, int]

    @functools.cached_property
    def unit_ids(self) -> Ids:
        """For ``__in_ids`` filters (``reports.lookups``)."""
        return Ids(sorted(self.owner))

    @functools.cached_property
    def row_ids(self) -> Ids:
        return Ids(self.rows)


@dataclass(frozen=True)
class FigureProvider:
    key: str
    label: str
    columns: tuple[Column, ...]
    # (scope, period, today) -> {row pk: {name: value}}; names not in ``columns`` are
    # helpers (e.g. ids for links). A row missing from the result gets ``None``.
    figures: Callable[[Scope, object, datetime.date], dict[int, dict]]


_REGISTRY: dict[str, FigureProvider] = {}


def register(provider: FigureProvider) -> FigureProvider:
    _REGISTRY[provider.key] = provider
    return provider


def unregister(key: str) -> None:
    _REGISTRY.pop(key, None)


def providers() -> list[FigureProvider]:
    return list(_REGISTRY.values())


MERGE_DEPTH = 3  # a unit formed from units that were themselves formed by a merger, ...


_PLAIN = re.compile(r"[A-Za-z0-9_.~-]*\Z")  # what ``quote_plus`` leaves as it is


def link_to(viewname: str, query: dict) -> str:
    """``reverse(viewname)?urlencode(query)`` for a figure's drill-down link, the same string,
    cheaper: the dashboard builds over a thousand per page at 130 communes."""
    encoded = []
    for key, value in query.items():
        key, value = str(key), str(value)
        encoded.append(
            f"{key if _PLAIN.match(key) else quote_plus(key)}="
            f"{value if _PLAIN.match(value) else quote_plus(value)}"
        )
    return f"{url_of(viewname)}?{'&'.join(encoded)}"


def url_of(viewname: str) -> str:
    """``reverse(viewname)`` (no arguments), remembered."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reverse(viewname, get_script_prefix(), urlconf, translation.get_language())


@functools.lru_cache(maxsize=64)
def _reverse(viewname: str, prefix: str, urlconf: str, language: str | None) -> str:
    return reverse(viewname, urlconf=urlconf)


def per_row(scope: Scope, queryset, path: str = "unit", **aggregates) -> dict[int, dict]:
    """``aggregates`` (``Count``/``Sum`` expressions, summable) of the rows of ``queryset``
    whose ``path`` is one of the scope's units, added up per dashboard row: one
    ``GROUP BY`` query. Rows with nothing get 0 for every aggregate."""
    result = {row: dict.fromkeys(aggregates, 0) for row in scope.rows}
    if not scope.owner:
        return result
    grouped = (
        queryset.filter(**{f"{path}__in_ids": scope.unit_ids})
        .order_by()
        .values(path)
        .annotate(**aggregates)
        .values_list(path, *aggregates)
    )
    for unit, *values in grouped:
        figures = result[scope.owner[unit]]
        for name, value in zip(aggregates, values, strict=True):
            figures[name] += value or 0
    return result
