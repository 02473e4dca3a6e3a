"""Task periods: the codes of docs/import-format.md, their due dates and Vietnamese labels.

Codes: ``Q1``..``Q4``, ``H1``/``H2``, ``Y``, ``M1``..``M12``, ``D:YYYY-MM-DD``,
``R:START/END`` (each end ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY-Qn``) and ``every:6M`` /
``every:1M`` / ``every:1W``.  The readers turn Vietnamese wording ("Quý II",
"chậm nhất ngày 15/12", "từ tháng 12/2025 đến quý I/2026", "hằng tuần") into these codes.

Extended codes (docs/decisions/0012-extended-period-codes.md): ``R:Q4/Q1`` / ``R:M11/M2``
(a span of quarters or months of the program's year, the end in the next year when it
precedes the start), ``after:YYYY-MM-DD`` (an open start, "sau ngày 15/3/2026") and
``every:<text>`` (a recurring rhythm that is no fixed interval, kept in the document's words).
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .textnorm import fold, to_roman

_QUARTER_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_SIMPLE = re.compile(r"Q[1-4]|H[12]|Y|M(?:[1-9]|1[0-2])")
_DAY = re.compile(r"D:(\d{4})-(\d{2})-(\d{2})")
_RANGE = re.compile(r"R:([0-9Q-]+)/([0-9Q-]+)")
_EVERY = re.compile(r"every:([1-9]\d*)([DWMY])")
_EVERY_TEXT = re.compile(r"every:(?=.*[^\W\d_])[^\s\d][^\n]{0,199}")
_RELATIVE_POINT = r"Q[1-4]|M(?:1[0-2]|[1-9])"
_RELATIVE_RANGE = re.compile(rf"R:({_RELATIVE_POINT})/({_RELATIVE_POINT})")
_AFTER = re.compile(r"after:(\d{4})-(\d{2})-(\d{2})")
_POINT_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_POINT_MONTH = re.compile(r"(\d{4})-(\d{2})")
_POINT_QUARTER = re.compile(r"(\d{4})-Q([1-4])")

_YEAR_SUFFIX = r"(?:\s*(?:/|năm)\s*(?P<{name}>\d{{4}}))?"
_QUARTER_RX = r"quý\s+(?P<q>iv|iii|ii|i|[1-4])(?![\w])" + _YEAR_SUFFIX.format(name="qy")
_MONTH_RX = r"tháng\s+(?P<m>\d{1,2})(?!\d)" + _YEAR_SUFFIX.format(name="my")
_DATE_RX = (
    r"(?<![\d/])(?P<d>\d{1,2})\s*[/.-]\s*(?P<dm>\d{1,2})(?![\d])"
    r"(?:\s*[/.-]\s*(?P<dy>\d{4}))?"
)
_POINT_RE = re.compile(rf"{_QUARTER_RX}|{_MONTH_RX}|(?:ngày\s+)?{_DATE_RX}")
_DATE_WORDS_RE = re.compile(
    r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<dm>\d{1,2})(?:\s+năm\s+(?P<dy>\d{4}))?"
)

_RECURRENCE = [
    (re.compile(r"(\d{1,2})\s*tháng\s*/\s*(?:1\s*)?lần"), "M"),
    (re.compile(r"(\d{1,2})\s*tháng\s+(?:một|1)\s+lần"), "M"),
    (re.compile(r"(\d{1,2})\s*tuần\s*/\s*(?:1\s*)?lần"), "W"),
    # "2 ngày/lần", "2 năm/lần": the other labels ``period_label`` writes for ``every:``
    (re.compile(r"(\d{1,2})\s*ngày\s*/\s*(?:1\s*)?lần"), "D"),
    (re.compile(r"(\d{1,2})\s*năm\s*/\s*(?:1\s*)?lần"), "Y"),
]
_RECURRENCE_WORDS = [
    (re.compile(r"(?:hằng|hàng|mỗi)\s+tuần"), "every:1W"),
    (re.compile(r"(?:hằng|hàng|mỗi)\s+tháng"), "every:1M"),
    (re.compile(r"(?:hằng|hàng|mỗi)\s+quý"), "every:3M"),
    (re.compile(r"(?:hằng|hàng|mỗi)\s+năm"), "every:1Y"),
    (re.compile(r"(?:hằng|hàng|mỗi)\s+ngày"), "every:1D"),
]
_HALF_RE = re.compile(r"(?:6|sáu)\s+tháng\s+(?P<half>đầu|cuối)\s+năm")
_WHOLE_YEAR_RE = re.compile(r"cả\s+năm|quanh\s+năm|trong\s+năm|thường\s+xuyên|năm\s+\d{4}")
_DEADLINE_RE = re.compile(
    r"(?:chậm\s+nhất|hạn\s+chót|trước|hoàn\s+thành\s+trước)\s+(?:là\s+)?(?:vào\s+)?"
    r"(?:ngày\s+)?(?P<d>\d{1,2})\s*[/.-]\s*(?P<dm>\d{1,2})(?![\d])"
    r"(?:\s*[/.-]\s*(?P<dy>\d{4}))?"
)
_AFTER_RE = re.compile(r"\s*sau\s+(?:ngày|khi)(?!\w)")
# "Sau ngày bầu cử 15/3/2026", "từ sau ngày 01/7", "kể từ ngày 15/3/2026 trở đi"
_AFTER_DATE_RES = (
    re.compile(r"(?:(?:kể\s+)?từ\s+)?sau\s+ngày\s+(?:[^\d\s]+\s+){0,4}" + _DATE_RX),
    re.compile(
        r"(?:kể\s+)?từ\s+ngày\s+(?:[^\d\s]+\s+){0,4}"
        + _DATE_RX
        + r"\s*(?:trở\s+đi|trở\s+về\s+sau|về\s+sau)"
    ),
    re.compile(r"(?:(?:kể\s+)?từ\s+)?sau\s+" + _DATE_WORDS_RE.pattern),
)
# "thường xuyên trong giờ hành chính vào tất cả các ngày làm việc trong năm": a rhythm in
# words that no ``every:<N><unit>`` code states; kept as ``every:<text>``
_RHYTHM_RE = re.compile(
    r"(?:thường\s+xuyên|định\s+kỳ|liên\s+tục)\s*,?\s+(?:trong|vào|suốt)\s"
    r"[^.;:\n()]*?(?:giờ|buổi|ngày\s+làm\s+việc|các\s+ngày|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|\d))"
    r"[^.;:\n()]*"
)
_IN_PERIOD_RE = re.compile(rf"(?:trong|vào)\s+(?:{_QUARTER_RX}|{_MONTH_RX})")
_SPAN_RE = re.compile(
    r"(?:từ\s+)?(?P<start>(?:quý|tháng|ngày)\s+[^\s]+(?:\s*(?:/|năm)\s*\d{4})?)\s+"
    r"(?:đến|tới)\s+(?:hết\s+)?(?P<end>(?:quý|tháng|ngày)\s+(?:[^\d\s]+\s+){0,3}[\d/ivx.-]+"
    r"(?:\s*(?:/|năm)\s*\d{4})?)"
)
_POINT_HEADING = r"(?:quý\s+(?:iv|iii|ii|i|[1-4])|tháng\s+\d{1,2})(?:\s*(?:/|năm)\s*\d{4})?"
_HEADING_RE = re.compile(
    rf"(?:(?:trong|vào)\s+)?(?:{_POINT_HEADING}"
    rf"|(?:6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+\d{{4}})?"
    rf"|(?:từ\s+)?{_POINT_HEADING}\s+(?:đến|tới)\s+(?:hết\s+)?{_POINT_HEADING})"
)

# A line that is only a period's label, as ``period_label`` writes it ("Cả năm",
# "Ngày 19/05/2023", "Hằng tháng", "6 tháng/lần", "Từ ngày 01/03/2026 đến tháng 4/2026") or
# as documents commonly word it ("Thường xuyên", "Trước ngày 15/12", "Định kỳ hằng quý").
_DAY_HEADING = (
    r"ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?"
    r"|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?"
)
_LABEL_POINT = rf"(?:{_POINT_HEADING}|{_DAY_HEADING})"
_LABEL_RE = re.compile(
    rf"(?:{_HEADING_RE.pattern})"
    rf"|(?:(?:trong|vào)\s+)?(?:{_DAY_HEADING})"
    rf"|(?:chậm\s+nhất|hạn\s+chót|hoàn\s+thành\s+trước|trước)\s+(?:là\s+)?(?:vào\s+)?"
    rf"(?:{_DAY_HEADING}|\d{{1,2}}\s*[/.-]\s*\d{{1,2}}(?:\s*[/.-]\s*\d{{4}})?)"
    rf"|(?:từ\s+)?{_LABEL_POINT}\s+(?:đến|tới)\s+(?:hết\s+)?{_LABEL_POINT}"
    r"|(?:cả|trong|quanh)\s+năm(?:\s+\d{4})?"
    r"|thường\s+xuyên(?:\s*,?\s*liên\s+tục)?"
    rf"|(?:(?:kể\s+)?từ\s+)?sau\s+(?:{_DAY_HEADING})"
    rf"|(?:từ\s+)?(?:quý\s+(?:iv|iii|ii|i|[1-4])|tháng\s+\d{{1,2}})\s+(?:đến|tới)\s+(?:hết\s+)?"
    r"(?:quý\s+(?:iv|iii|ii|i|[1-4])|tháng\s+\d{1,2})\s+năm\s+sau"
    rf"|{_RHYTHM_RE.pattern}"
    r"|(?:định\s+kỳ\s+)?(?:hằng|hàng|mỗi)\s+(?:ngày|tuần|tháng|quý|năm)"
    r"|(?:định\s+kỳ\s+)?\d{1,2}\s*(?:ngày|tuần|tháng|năm)\s*(?:/\s*(?:1\s*)?|\s+(?:một|1)\s+)lần"
)


# "Quý I: Xây dựng chương trình …": a task that starts with its time
_LEADING_RE = re.compile(
    rf"(?P<time>{_POINT_HEADING}|(?:6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm)\s*[:–-]\s*\S"
)


@dataclass(frozen=True)
class _Point:
    """One end of a span: a month, a quarter or a day, with its year when the text gives it."""

    unit: str
    year: int | None
    month: int = 0
    quarter: int = 0
    day: int = 0

    def start_month(self) -> int:
        return 3 * self.quarter - 2 if self.unit == "Q" else self.month

    def end_month(self) -> int:
        return 3 * self.quarter if self.unit == "Q" else self.month

    def number(self) -> int:
        return self.quarter if self.unit == "Q" else self.month

    def code(self, year: int) -> str:
        if self.unit == "Q":
            return f"{year:04d}-Q{self.quarter}"
        if self.unit == "M":
            return f"{year:04d}-{self.month:02d}"
        return f"{year:04d}-{self.month:02d}-{self.day:02d}"


def is_valid_period(period: str) -> bool:
    """True when ``period`` is one of the codes of docs/import-format.md."""
    if not isinstance(period, str):
        return False
    if _SIMPLE.fullmatch(period) or _EVERY.fullmatch(period):
        return True
    if _RELATIVE_RANGE.fullmatch(period) or _EVERY_TEXT.fullmatch(period):
        return True
    if match := _AFTER.fullmatch(period):
        return _valid_date(*map(int, match.groups()))
    if match := _DAY.fullmatch(period):
        return _valid_date(*map(int, match.groups()))
    if match := _RANGE.fullmatch(period):
        start, end = match.groups()
        if not (_point_valid(start) and _point_valid(end)):
            return False
        return _point_first_day(start) <= _point_last_day(end)
    return False


def period_end(period: str | None, year: int) -> date:
    """The due date a period implies in the program's ``year``."""
    if period is None or period == "Y" or (period.startswith("every:") and is_valid_period(period)):
        return date(year, 12, 31)
    if not is_valid_period(period):
        raise ValueError(f"Not a period code: {period!r}")
    head = period[0]
    if period.startswith("D:"):
        return date.fromisoformat(period[2:])
    if match := _RELATIVE_RANGE.fullmatch(period):
        start, end = (_relative_point(code) for code in match.groups())
        end_year = year + 1 if end.end_month() < start.start_month() else year
        return _month_end(end_year, end.end_month())
    if period.startswith("R:"):
        return _point_last_day(period[2:].split("/")[1])
    if period.startswith("after:"):
        return date(max(year, int(period[6:10])), 12, 31)
    if head == "Q":
        return _month_end(year, 3 * int(period[1]))
    if head == "H":
        return _month_end(year, 6 * int(period[1]))
    return _month_end(year, int(period[1:]))


def period_quarter(period: str | None, year: int) -> int:
    """The quarter of the program's ``year`` a period belongs to: the one its last day falls
    in; Q4 for a period that runs past the year's end, Q1 for one over before it began."""
    end = period_end(period, year)
    if end.year > year:
        return 4
    if end.year < year:
        return 1
    return (end.month - 1) // 3 + 1


def period_label(period: str | None) -> str:
    """The Vietnamese words for a period, e.g. ``Quý II`` or ``6 tháng/lần``."""
    if period is None or period == "Y":
        return "Cả năm"
    if not is_valid_period(period):
        raise ValueError(f"Not a period code: {period!r}")
    if period[0] == "Q":
        return f"Quý {to_roman(int(period[1]))}"
    if period == "H1":
        return "6 tháng đầu năm"
    if period == "H2":
        return "6 tháng cuối năm"
    if period[0] == "M":
        return f"Tháng {int(period[1:])}"
    if period.startswith("D:"):
        return "Ngày " + date.fromisoformat(period[2:]).strftime("%d/%m/%Y")
    if match := _RELATIVE_RANGE.fullmatch(period):
        start, end = (_relative_point(code) for code in match.groups())
        wraps = end.end_month() < start.start_month()
        return f"Từ {_relative_label(start)} đến {_relative_label(end)}" + (
            " năm sau" if wraps else ""
        )
    if period.startswith("R:"):
        start, end = period[2:].split("/")
        return f"Từ {_point_label(start)} đến {_point_label(end)}"
    if period.startswith("after:"):
        return "Sau ngày " + date.fromisoformat(period[6:]).strftime("%d/%m/%Y")
    if _EVERY.fullmatch(period):
        return _every_label(period)
    text = period[len("every:") :]
    return text[:1].upper() + text[1:]


def parse_period(phrase: str, year: int | None) -> str | None:
    """The period a time phrase names, such as an item's "Thời gian thực hiện: …" value."""
    text = fold(phrase)
    without_notes = re.sub(r"\([^)]*\)", " ", text).strip()
    text = without_notes or text
    for finder in (_find_recurrence, _find_rhythm, _find_span, _find_after, _find_half):
        if found := finder(text, year):
            return found
    if _AFTER_RE.match(text):
        return None
    if found := _find_day(text, year, require_word=True):
        return found
    if match := re.search(_MONTH_RX, text):
        return f"M{int(match.group('m'))}" if 1 <= int(match.group("m")) <= 12 else None
    if match := re.search(_QUARTER_RX, text):
        return f"Q{_QUARTER_NUMBERS[match.group('q')]}"
    if found := _find_day(text, year, require_word=False):
        return found
    if _WHOLE_YEAR_RE.search(text):
        return "Y"
    return None


def is_period_heading(text: str) -> bool:
    """True when a whole line only names a time, like ``Quý I`` or ``6 tháng cuối năm:``."""
    folded = fold(text).strip().rstrip(":.;").strip()
    return bool(_HEADING_RE.fullmatch(folded))


def label_period(text: str, year: int | None) -> str | None:
    """The period of a line that only names one, in any wording ``period_label`` writes
    ("Cả năm", "Ngày 19/05/2023", "Hằng tuần", "6 tháng/lần", …) or a common variant
    ("Thường xuyên", "Trong năm", "Trước ngày 15/12"); None for any other line, or when the
    wording gives no period (a day without its year in a program of no one year).
    Wider than ``is_period_heading``: the readers use it only where a heading is expected."""
    folded = re.sub(r"\s+", " ", fold(text)).strip().rstrip(":.;").strip()
    if not _LABEL_RE.fullmatch(folded):
        return None
    return parse_period(folded, year)


# A line under a task that only says when it is done: "Từ ngày 04/02/2026", "Trong khoảng
# thời gian từ ngày 01/12/2025 đến ngày 14/12/2025", "Hoàn thành trước 30/6", "Quý I/2026".
_PERIOD_LINE_RE = re.compile(
    r"(?:trong\s+khoảng\s+thời\s+gian|thời\s+gian|thời\s+hạn|trong|từ|kể\s+từ|trước"
    r"|chậm\s+nhất|hoàn\s+thành|hạn\s+chót|đến|ngày|tháng|quý|năm|vào|dự\s+kiến)(?!\w)"
)
_PERIOD_LINE_WORDS = 16
_OPEN_START_RE = re.compile(r"(?:kể\s+)?từ\s+(?:ngày\s+)?" + _DATE_RX + r"\s*$")


def period_line(text: str, year: int | None) -> str | None:
    """The period of a short line that only says when its task is done (see above); None
    for any other line.  An open start ("Từ ngày 04/02/2026") is read as that day."""
    folded = re.sub(r"\s+", " ", fold(text)).strip().lstrip("*•-+ ").rstrip(":.;").strip()
    if found := label_period(folded, year):
        return found  # "Cả năm", "Thường xuyên", "Hằng tháng", "Quý I/2026", …
    if len(folded.split()) > _PERIOD_LINE_WORDS or not _PERIOD_LINE_RE.match(folded):
        return None
    if match := _OPEN_START_RE.match(folded):
        return _day_code(match, year)
    return parse_period(folded, year) or find_period(folded, year)


def find_period(text: str, year: int | None) -> str | None:
    """A period that a task's own wording states: a leading "Quý I:", a recurrence, a
    deadline, a span, or "trong quý/tháng …".  Dates of cited documents and other passing
    dates are ignored."""
    folded = fold(text)
    if match := _LEADING_RE.match(folded):
        return parse_period(match.group("time"), year)
    if found := _find_recurrence(folded, year):
        return found
    if found := _find_rhythm(folded, year):
        return found
    if match := _DEADLINE_RE.search(folded):
        return _day_code(match, year)
    spans = [m for m in _SPAN_RE.finditer(folded) if m.group(0).startswith("từ")]
    for match in spans:
        if found := _find_span(match.group(0), year):
            return found
    if found := _find_after(folded, year):
        return found
    if match := _IN_PERIOD_RE.search(folded):
        return parse_period(match.group(0), year)
    return None


def _find_recurrence(text: str, year: int | None) -> str | None:
    for pattern, unit in _RECURRENCE:
        for match in pattern.finditer(text):
            if int(match.group(1)) > 0:
                return f"every:{int(match.group(1))}{unit}"
    for pattern, code in _RECURRENCE_WORDS:
        if pattern.search(text):
            return code
    return None


def _find_rhythm(text: str, year: int | None) -> str | None:
    """``every:<text>`` for a rhythm in words ("thường xuyên trong giờ hành chính …")."""
    if match := _RHYTHM_RE.search(text):
        words = re.sub(r"\s+", " ", match.group(0)).strip(" ,")
        code = f"every:{words}"
        return code if is_valid_period(code) else None
    return None


def _find_after(text: str, year: int | None) -> str | None:
    """``after:YYYY-MM-DD`` for an open start ("sau ngày bầu cử 15/3/2026")."""
    for pattern in _AFTER_DATE_RES:
        if (match := pattern.search(text)) and (found := _day_code(match, year)):
            return "after:" + found[2:]
    return None


def _find_half(text: str, year: int | None) -> str | None:
    if match := _HALF_RE.search(text):
        return "H1" if match.group("half") == "đầu" else "H2"
    return None


def _find_day(text: str, year: int | None, require_word: bool) -> str | None:
    match = _DATE_WORDS_RE.search(text)
    if not match:
        pattern = r"ngày\s+(?:[^\d\s]+\s+){0,3}" + _DATE_RX if require_word else _DATE_RX
        match = re.search(pattern, text)
    if not match or (not require_word and not match.group("dy")):
        return None
    return _day_code(match, year)


def _day_code(match: re.Match, year: int | None) -> str | None:
    day, month = int(match.group("d")), int(match.group("dm"))
    day_year = int(match.group("dy")) if match.group("dy") else year
    if day_year is None or not _valid_date(day_year, month, day):
        return None
    return f"D:{day_year:04d}-{month:02d}-{day:02d}"


def _find_span(text: str, year: int | None) -> str | None:
    """``từ A đến B`` or ``A đến B``; also ``Quý IV/2025 và Quý I/2026``."""
    # "từ ngày 01/12/2025 đến ngày 14/12/2025", "từ ngày 01/12/2025 - ngày 02/12/2025"
    # "từ ngày 01/3 - 15/3/2026"
    parts = re.split(
        r"\s(?:đến|tới)\s+(?:hết\s+)?|\s*[-–]\s*(?=(?:ngày|tháng|quý)\s)"
        r"|\s+[-–]\s+(?=\d{1,2}\s*[/.]\s*\d{1,2}(?!\d))",
        text,
        maxsplit=1,
    )
    paired = len(parts) != 2
    if paired:
        parts = re.split(r"\s+và\s+", text, maxsplit=1)
        if len(parts) != 2 or not all(_is_only_point(part) for part in parts):
            return None
    starts = list(_POINT_RE.finditer(parts[0]))
    end_match = _POINT_RE.search(parts[1])
    if not starts or not end_match:
        return None
    start_match = starts[-1]
    if len(parts[0]) - start_match.end() > 3 or end_match.start() > 30:
        return None
    start, end = _point(start_match), _point(end_match)
    if start.unit != "D" and end.unit != "D":
        relative = f"R:{start.unit}{start.number()}/{end.unit}{end.number()}"
        if start.year is None and end.year is None:
            return relative if is_valid_period(relative) else None
        if paired and _pair_in_year(start, end, year) and is_valid_period(relative):
            # "Quý IV/2025 và Quý I/2026": two periods of the program, each coded as it
            # would be alone ("Quý I/2026" gives Q1)
            return relative
    return _span_code(start, end, year)


def _pair_in_year(start: _Point, end: _Point, year: int | None) -> bool:
    """True when a pair's years are those a year-less code implies in the program's year."""
    start_year = start.year if start.year is not None else year
    if year is not None and start_year != year:
        return False
    wraps = end.end_month() < start.start_month()
    if start_year is None or end.year is None:
        return True
    return end.year == start_year + (1 if wraps else 0)


def _is_only_point(text: str) -> bool:
    text = text.strip().rstrip(".;:")
    match = _POINT_RE.search(text)
    return bool(match) and match.group(0) == text


def _point(match: re.Match) -> _Point:
    if match.group("q"):
        year = match.group("qy")
        return _Point("Q", int(year) if year else None, quarter=_QUARTER_NUMBERS[match.group("q")])
    if match.group("m"):
        year = match.group("my")
        return _Point("M", int(year) if year else None, month=int(match.group("m")))
    year = match.group("dy")
    return _Point(
        "D", int(year) if year else None, month=int(match.group("dm")), day=int(match.group("d"))
    )


def _span_code(start: _Point, end: _Point, year: int | None) -> str | None:
    start_year, end_year = start.year, end.year
    if start_year is None and end_year is not None:
        start_year = end_year if start.start_month() <= end.end_month() else end_year - 1
    elif start_year is None:
        start_year = year
    if start_year is None:
        return None
    if end_year is None:
        end_year = start_year if start.start_month() <= end.end_month() else start_year + 1
    code = f"R:{start.code(start_year)}/{end.code(end_year)}"
    return code if is_valid_period(code) else None


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _point_valid(point: str) -> bool:
    if match := _POINT_DAY.fullmatch(point):
        return _valid_date(*map(int, match.groups()))
    if match := _POINT_MONTH.fullmatch(point):
        return 1 <= int(match.group(2)) <= 12
    return bool(_POINT_QUARTER.fullmatch(point))


def _point_first_day(point: str) -> date:
    if match := _POINT_DAY.fullmatch(point):
        return date(*map(int, match.groups()))
    if match := _POINT_MONTH.fullmatch(point):
        return date(int(match.group(1)), int(match.group(2)), 1)
    match = _POINT_QUARTER.fullmatch(point)
    return date(int(match.group(1)), 3 * int(match.group(2)) - 2, 1)


def _point_last_day(point: str) -> date:
    if match := _POINT_DAY.fullmatch(point):
        return date(*map(int, match.groups()))
    if match := _POINT_MONTH.fullmatch(point):
        return _month_end(int(match.group(1)), int(match.group(2)))
    match = _POINT_QUARTER.fullmatch(point)
    return _month_end(int(match.group(1)), 3 * int(match.group(2)))


def _point_label(point: str) -> str:
    if match := _POINT_DAY.fullmatch(point):
        return "ngày " + date(*map(int, match.groups())).strftime("%d/%m/%Y")
    if match := _POINT_MONTH.fullmatch(point):
        return f"tháng {int(match.group(2))}/{match.group(1)}"
    match = _POINT_QUARTER.fullmatch(point)
    return f"quý {to_roman(int(match.group(2)))}/{match.group(1)}"


def _relative_point(code: str) -> _Point:
    if code[0] == "Q":
        return _Point("Q", None, quarter=int(code[1]))
    return _Point("M", None, month=int(code[1:]))


def _relative_label(point: _Point) -> str:
    if point.unit == "Q":
        return f"quý {to_roman(point.quarter)}"
    return f"tháng {point.month}"


def _every_label(period: str) -> str:
    match = _EVERY.fullmatch(period)
    count, unit = int(match.group(1)), match.group(2)
    named = {
        (1, "D"): "Hằng ngày",
        (1, "W"): "Hằng tuần",
        (1, "M"): "Hằng tháng",
        (3, "M"): "Hằng quý",
        (12, "M"): "Hằng năm",
        (1, "Y"): "Hằng năm",
    }
    if (count, unit) in named:
        return named[(count, unit)]
    word = {"D": "ngày", "W": "tuần", "M": "tháng", "Y": "năm"}[unit]
    return f"{count} {word}/lần"
