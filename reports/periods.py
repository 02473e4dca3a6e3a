"""The period a report or comparison covers: a year, or a span of dates."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    def __post_init__(self):
        if self.end < self.start:
            raise ValidationError(_("Kỳ báo cáo không hợp lệ: ngày kết thúc trước ngày bắt đầu."))

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @property
    def is_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (
            1,
            1,
            12,
            31,
        ) and self.start.year == self.end.year

    @property
    def quarters(self) -> tuple[int, int] | None:
        """(first, last) quarter when the period is whole quarters of one year, else None."""
        start, end = self.start, self.end
        if start.year != end.year or start.day != 1 or (start.month - 1) % 3:
            return None
        if end.month % 3 or (end + datetime.timedelta(days=1)).month == end.month:
            return None
        return (start.month - 1) // 3 + 1, (end.month - 1) // 3 + 1

    @property
    def label(self) -> str:
        if self.is_year:
            return _("Năm %(year)s") % {"year": self.start.year}
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError(_("Ngày “%(v)s” không hợp lệ.") % {"v": value}) from exc


def period_from_query(query, today: datetime.date) -> Period:
    """``?start=YYYY-MM-DD&end=YYYY-MM-DD``, else ``?year=YYYY``, else this year."""
    start, end = query.get("start", "").strip(), query.get("end", "").strip()
    if start or end:
        if not (start and end):
            raise ValidationError(_("Vui lòng nhập cả ngày bắt đầu và ngày kết thúc."))
        return Period(_date(start), _date(end))
    year = query.get("year", "").strip()
    if year:
        if not year.isdigit() or not 1900 < int(year) < 2200:
            raise ValidationError(_("Năm “%(v)s” không hợp lệ.") % {"v": year})
        return Period.year(int(year))
    return Period.year(today.year)
