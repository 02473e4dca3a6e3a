"""Anniversaries a text celebrates: "chào mừng kỷ niệm 60 năm thành lập thành phố Vinh
(10/1963-10/2023), 235 năm Phụng Hoàng Trung Đô - Vinh"."""

import re

from .reading import Anniversary
from .textnorm import fold

_TRIGGER_RE = re.compile(r"(?<!\w)(?i:kỷ niệm|chào mừng|nhân dịp)\s+(?:(?i:kỷ niệm)\s+)?")
_ENTRY_RE = re.compile(r"(?:lần thứ\s+)?(?P<ordinal>\d{1,4})\s+(?i:năm)\s+(?=\w)")
# "what" runs to a comma, a full stop, a bracket, or an "and" that opens the next anniversary.
_WHAT_END_RE = re.compile(r"[,;!?\n(]|\.(?:\s|$)|\s+và\s+(?=\d{1,4}\s+năm\s)|$")
_SEPARATOR_RE = re.compile(r"\s*(?:,|;|và)?\s*")
_YEAR_RE = re.compile(r"(?<!\d)(1\d{3}|20\d{2})(?!\d)")


def extract_anniversaries(text: str, year: int | None) -> list[Anniversary]:
    """Each anniversary once, in order of first mention.  Without a bracketed span such as
    "(10/1963-10/2023)" the event's year is ``year`` minus the ordinal."""
    found: dict[tuple[str, int], Anniversary] = {}
    for trigger in _TRIGGER_RE.finditer(text):
        for anniversary in _read_list(text, trigger.end(), year):
            found.setdefault((fold(anniversary.what), anniversary.ordinal), anniversary)
    return list(found.values())


def _read_list(text: str, position: int, year: int | None) -> list[Anniversary]:
    entries = []
    while entry := _ENTRY_RE.match(text, position):
        end = _WHAT_END_RE.search(text, entry.end())
        what = text[entry.end() : end.start()].strip(" -–")
        position = end.start()
        base_year = None
        if text.startswith("(", position):
            closing = text.find(")", position)
            if closing != -1:
                years = _YEAR_RE.findall(text[position:closing])
                base_year = int(years[0]) if years else None
                position = closing + 1
        ordinal = int(entry.group("ordinal"))
        if base_year is None and year is not None:
            base_year = year - ordinal
        if not what:
            break
        entries.append(Anniversary(what=what, ordinal=ordinal, base_year=base_year))
        position = _SEPARATOR_RE.match(text, position).end()
    return entries
