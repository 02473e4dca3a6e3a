"""Anniversary ordinals, computed from the year of the first event.

"N năm" counts whole years since the event (2023 − 1890 = 133 năm ngày sinh Chủ tịch Hồ Chí
Minh); "lần thứ N" counts editions including the first (Ngày Pháp luật Việt Nam, first held
in 2013: 2023 is lần thứ 11).
"""

from dataclasses import dataclass

from django.db.models import Q

from activities.models import Anniversary, Counting


def ordinal(anniversary: Anniversary, year: int) -> int | None:
    """N for ``year``; None before the event (or in its own year, when counting years)."""
    if anniversary.counting == Counting.EDITIONS:
        n = year - anniversary.base_year + 1
    else:
        n = year - anniversary.base_year
    return n if n >= 1 else None


def label(anniversary: Anniversary, year: int) -> str:
    """ "133 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2023)" or
    "Ngày Pháp luật Việt Nam lần thứ 11 (09/11/2023)"."""
    n = ordinal(anniversary, year)
    if n is None:
        return ""
    if anniversary.counting == Counting.EDITIONS:
        when = f"{anniversary.day:02d}/{anniversary.month:02d}/{year}" if anniversary.day else ""
        return f"{anniversary.name} lần thứ {n}" + (f" ({when})" if when else "")
    start = anniversary.date_label
    end = (
        f"{anniversary.day}/{anniversary.month}/{year}"
        if anniversary.day
        else (f"{anniversary.month}/{year}")
    )
    return f"{n} năm {anniversary.name} ({start} - {end})"


def is_round(anniversary: Anniversary, year: int) -> bool:
    """A "năm chẵn" (every fifth year), usually celebrated more widely."""
    n = ordinal(anniversary, year)
    return n is not None and n % 5 == 0


@dataclass(frozen=True)
class Occurrence:
    anniversary: Anniversary
    year: int
    number: int
    label: str
    round: bool


def for_unit(unit):
    """National anniversaries and those of ``unit`` and the units above it."""
    above = [int(part) for part in unit.path.strip("/").split("/") if part] or [unit.pk]
    return Anniversary.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=above))


def occurrences(unit, year: int) -> list[Occurrence]:
    """The anniversaries a unit marks in ``year``, in calendar order, with their ordinals."""
    result = []
    for a in for_unit(unit):
        n = ordinal(a, year)
        if n is not None:
            result.append(Occurrence(a, year, n, label(a, year), is_round(a, year)))
    return result
