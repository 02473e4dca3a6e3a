"""The outline of a report, as a registry of sections (like ``providers`` for the dashboard).

A section either holds a free text the clerk writes (``text_field``) or is built from one
domain's data by ``build(unit, period, today)``, or both. ``build`` returns a JSON-safe dict::

    {"figures": [{"label": ..., "value": 3, "link": "/nhiem-vu/?..."}],
     "tables": [{"title": ..., "columns": [...], "rows": [{"cells": [...], "link": ...}],
                 "total": [...] or None}],
     "chart": {...} or None, "empty": "" or the sentence saying there is no data}

so the page, the Word/PDF file and the spreadsheet read the same thing, and an issued report
keeps it in its snapshot. The built-in sections are in ``reports.outline``; another app may
``register`` its own from its ``AppConfig.ready``.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    order: int
    build: Callable[[object, object, datetime.date], dict] | None = None
    text_field: str = ""


_REGISTRY: dict[str, Section] = {}


def register(section: Section) -> Section:
    _REGISTRY[section.key] = section
    return section


def unregister(key: str) -> None:
    _REGISTRY.pop(key, None)


def sections() -> list[Section]:
    return sorted(_REGISTRY.values(), key=lambda s: (s.order, s.key))


def figure(label, value, link: str = "") -> dict:
    return {"label": str(label), "value": value, "link": link or ""}


def table(title, columns, rows, total=None, link_col: int = 0) -> dict:
    """``link_col``: the column whose cell links to the row's object."""
    return {
        "title": str(title),
        "columns": [str(c) for c in columns],
        "rows": rows,
        "total": total,
        "link_col": link_col,
    }


def empty(message) -> dict:
    return {"figures": [], "tables": [], "chart": None, "empty": str(message)}


def compute(unit, period, today: datetime.date) -> list[dict]:
    """Every section's figures for ``unit`` over ``period`` (what the snapshot freezes)."""
    result = []
    for section in sections():
        data = section.build(unit, period, today) if section.build else {}
        result.append(
            {
                "key": section.key,
                "title": str(section.title),
                "text_field": section.text_field,
                "figures": data.get("figures", []),
                "tables": data.get("tables", []),
                "chart": data.get("chart"),
                "empty": data.get("empty", ""),
            }
        )
    return result
