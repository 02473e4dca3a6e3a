"""Which job kinds exist, and what runs on a schedule.

An app registers its long jobs in a ``background.py`` module (found at start-up by
``jobs.apps.JobsConfig.ready``)::

    from jobs import registry

    @registry.job("documents.import_many", label=_("Nhập nhiều văn bản"))
    def import_many(ctx):
        for i, name in enumerate(ctx.payload["files"]):
            ...
            ctx.progress(100 * (i + 1) // len(ctx.payload["files"]), name)
        return {"imported": n}

A handler receives a :class:`jobs.worker.JobContext` and returns a JSON-able result.
"""

from collections.abc import Callable
from dataclasses import dataclass

_kinds: dict[str, "JobKind"] = {}
_daily: list["DailySchedule"] = []
_ticks: list[Callable] = []


@dataclass(frozen=True)
class JobKind:
    name: str
    handler: Callable
    label: str


@dataclass(frozen=True)
class DailySchedule:
    """Queue ``kind`` once a day, from ``hour()`` o'clock in the site's time zone."""

    kind: str
    hour: Callable[[], int]


def job(name: str, *, label: str = ""):
    def decorate(handler):
        _kinds[name] = JobKind(name=name, handler=handler, label=label or name)
        return handler

    return decorate


def daily(kind: str, *, hour: Callable[[], int]) -> None:
    if not any(s.kind == kind for s in _daily):
        _daily.append(DailySchedule(kind=kind, hour=hour))


def tick(func: Callable) -> Callable:
    """Call ``func(now=..., worker_id=...)`` on every round of the worker (cheap checks only,
    such as retrying e-mail that is due again)."""
    if func not in _ticks:
        _ticks.append(func)
    return func


def get(name: str) -> JobKind | None:
    return _kinds.get(name)


def label_of(name: str) -> str:
    kind = _kinds.get(name)
    return str(kind.label) if kind else name


def daily_schedules() -> list[DailySchedule]:
    return list(_daily)


def ticks() -> list[Callable]:
    return list(_ticks)
