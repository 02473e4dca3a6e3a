"""Vietnam's working-day calendar for counting deadlines.

Rules (see the legal-facts sheet, §1.6 and §3):

- A working day is Monday to Friday, except public holidays.
- Public holidays come from ``holidays.country_holidays("VN", years=...)``: 1/1, lunar Tết,
  Giỗ Tổ Hùng Vương (10/3 lunar), 30/4, 1/5, 2/9 with its adjacent day, compensatory days
  (nghỉ bù) and the swaps the package knows, including its Saturday make-up days
  (``weekend_workdays``, which count as working days).
- Each year's announcements (Thông báo of the Ministry, VPCP dispatches) add what the package
  does not know: ``followup.models.CalendarOverride`` rows, edited by an administrator, each
  making one date a day off or a working day and citing the announcing document. An override
  wins over the package.

Counting (Bộ luật Dân sự 2015 Arts 147-148): the day of the event is not counted. "N ngày"
(calendar days, :func:`add_calendar_days`) ends on the N-th day after the event, or, if that
is a day off, on the next working day. "N ngày làm việc" (:func:`add_working_days`) counts
only working days after the event; a negative N counts back ("N working days before").

The overrides are read once and kept in the process; the cache is dropped when an override
is saved or deleted, at the start of every request, and after ``CACHE_SECONDS`` in long-running
processes (commands, jobs). Code that changes overrides without the model's signals (raw SQL,
a rolled-back test transaction) calls :func:`clear_cache`.

API: ``is_working_day``, ``roll_forward``, ``add_calendar_days``, ``add_working_days``,
``end_of_period``, ``next_occurrence``, ``working_days_between``.
"""

import calendar as std_calendar
import datetime
import functools
import re
import threading
import time

import holidays

CACHE_SECONDS = 300
# A year has at most a few dozen days off in a row; a longer search means bad data.
_MAX_STEPS = 400

_lock = threading.Lock()
_cache: dict = {"overrides": None, "loaded_at": 0.0}


def _as_date(day) -> datetime.date:
    if isinstance(day, datetime.datetime):
        if day.tzinfo is not None:
            from django.utils import timezone

            return timezone.localdate(day)
        return day.date()
    return day


@functools.lru_cache(maxsize=64)
def _holidays(year: int):
    return holidays.country_holidays("VN", years=year)


@functools.lru_cache(maxsize=64)
def _baseline(year: int) -> tuple[frozenset, frozenset]:
    """(public holidays, Saturday/Sunday make-up working days) of one year."""
    calendar = _holidays(year)
    days_off = frozenset(d for d in calendar if d.year == year)
    workdays = frozenset(d for d in getattr(calendar, "weekend_workdays", ()) if d.year == year)
    return days_off, workdays


def baseline_is_working_day(day) -> bool:
    """Monday to Friday except public holidays, plus the package's make-up Saturdays; no
    overrides."""
    day = _as_date(day)
    days_off, workdays = _baseline(day.year)
    if day in workdays:
        return True
    return day.weekday() < 5 and day not in days_off


def clear_cache() -> None:
    with _lock:
        _cache["overrides"] = None
        _cache["loaded_at"] = 0.0


def _overrides() -> dict:
    """``{date: kind}`` of every override, from the process cache."""
    overrides = _cache["overrides"]
    if overrides is not None and time.monotonic() - _cache["loaded_at"] < CACHE_SECONDS:
        return overrides
    from followup.models import CalendarOverride

    overrides = dict(CalendarOverride.objects.values_list("date", "kind"))
    with _lock:
        _cache["overrides"] = overrides
        _cache["loaded_at"] = time.monotonic()
    return overrides


def is_working_day(day) -> bool:
    from followup.models import OverrideKind

    day = _as_date(day)
    kind = _overrides().get(day)
    if kind is not None:
        return kind == OverrideKind.WORKING_DAY
    return baseline_is_working_day(day)


def _step_to_working_day(day: datetime.date, step: int) -> datetime.date:
    for _ in range(_MAX_STEPS):
        if is_working_day(day):
            return day
        day += datetime.timedelta(days=step)
    raise ValueError(f"no working day within {_MAX_STEPS} days of {day}")


def roll_forward(day) -> datetime.date:
    """The day itself if it is a working day, else the next working day."""
    return _step_to_working_day(_as_date(day), 1)


def roll_back(day) -> datetime.date:
    """The day itself if it is a working day, else the previous working day."""
    return _step_to_working_day(_as_date(day), -1)


def add_calendar_days(day, n: int) -> datetime.date:
    """ "N ngày" after ``day``: the day itself not counted; a period ending on a day off ends
    on the next working day. A negative N ("N ngày trước") lands on the working day at or
    before the N-th day before, so that what must happen earlier never happens later."""
    target = _as_date(day) + datetime.timedelta(days=n)
    return roll_forward(target) if n >= 0 else roll_back(target)


def add_working_days(day, n: int) -> datetime.date:
    """ "N ngày làm việc" after ``day`` (the day itself not counted); a negative N counts back
    N working days before ``day``. N = 0 gives ``roll_forward(day)``."""
    day = _as_date(day)
    if n == 0:
        return roll_forward(day)
    step = 1 if n > 0 else -1
    remaining = abs(n)
    for _ in range(remaining * 7 + _MAX_STEPS):
        day += datetime.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
            if remaining == 0:
                return day
    raise ValueError("too few working days found")  # pragma: no cover - bad override data


def working_days_between(a, b) -> int:
    """The number of working days after ``a`` up to and including ``b`` (the way a deadline
    counts them); negative when ``b`` is before ``a``."""
    a, b = _as_date(a), _as_date(b)
    if b < a:
        return -working_days_between(b, a)
    count = 0
    day = a + datetime.timedelta(days=1)
    while day <= b:
        count += is_working_day(day)
        day += datetime.timedelta(days=1)
    return count


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, std_calendar.monthrange(year, month)[1])


PERIOD_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}


def end_of_period(kind: str, day, roll: bool = False) -> datetime.date:
    """The last calendar day of the month, quarter, half-year or year containing ``day``;
    with ``roll=True`` rolled forward to a working day."""
    if kind not in PERIOD_MONTHS:
        raise ValueError(f"unknown period {kind!r}; expected one of {sorted(PERIOD_MONTHS)}")
    day = _as_date(day)
    months = PERIOD_MONTHS[kind]
    end = _month_end(day.year, -(-day.month // months) * months)
    return roll_forward(end) if roll else end


_RULE = re.compile(r"^every:(\d+)([MWY])$")


def next_occurrence(rule: str, after, roll: bool = False) -> datetime.date:
    """The first period end strictly after ``after`` for a rule ``every:<N><unit>``:
    ``every:1M``, ``every:3M``, ``every:6M`` (N dividing 12; periods aligned on the calendar
    year), ``every:1Y``, ``every:1W`` (weeks end on Sunday). With ``roll=True`` the result is
    rolled forward to a working day."""
    match = _RULE.match(rule or "")
    if not match:
        raise ValueError(f"unknown rule {rule!r}")
    n, unit = int(match[1]), match[2]
    after = _as_date(after)
    if unit == "W":
        if n != 1:
            raise ValueError(f"only weekly rules are supported, not {rule!r}")
        end = after + datetime.timedelta(days=6 - after.weekday())
        if end <= after:
            end += datetime.timedelta(days=7)
    else:
        months = 12 * n if unit == "Y" else n
        if (unit == "Y" and n != 1) or months not in (1, 2, 3, 4, 6, 12):
            raise ValueError(f"unsupported period in {rule!r}")
        month = -(-after.month // months) * months
        end = _month_end(after.year, month)
        if end <= after:
            month += months
            year = after.year + (month - 1) // 12
            end = _month_end(year, (month - 1) % 12 + 1)
    return roll_forward(end) if roll else end
