"""The top of a document: issuing body, "Số: …", place and date, type name and summary.

Works on cleaned lines (see ``textnorm.split_lines``).  The header table of a Word file
arrives as one line per cell paragraph; a web copy may split a cell over several lines.
"""

import datetime
import re
from dataclasses import dataclass, field

from .textnorm import fold, is_upper_line, starts_lower

DOC_TYPES = [
    "Chương trình",
    "Kế hoạch",
    "Báo cáo",
    "Thông báo",
    "Quyết định",
    "Nghị quyết",
    "Quy chế",
    "Quy định",
    "Hướng dẫn",
    "Công văn",
    "Tờ trình",
    "Chỉ thị",
    "Đề án",
    "Thông tri",
    "Công điện",
    "Biên bản",
    "Điều lệ",
]
_TYPE_BY_UPPER = {kind.upper(): kind for kind in DOC_TYPES}
_TYPE_LINE_RE = re.compile(
    r"^(?P<type>"
    + "|".join(re.escape(kind) for kind in sorted(_TYPE_BY_UPPER, key=len, reverse=True))
    + r")(?:\s*[:.]?\s*$|\s+(?P<rest>\S.*)$)"
)
# "Số: 12/KH-UBND", and the Party's "Số 12-KH/ĐU" or blank "Số      -KH/BCĐ" without a colon
_TYPE_BY_FOLD = {fold(kind): kind for kind in DOC_TYPES}
_WEB_TITLE_RE = re.compile(
    r"^(?P<type>"
    + "|".join(re.escape(kind) for kind in sorted(DOC_TYPES, key=len, reverse=True))
    + r")\s+(?P<rest>(?!(?i:số)(?!\w))[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+\S+){2,})$"
)
_NUMBER_RE = re.compile(
    r"^Số\s*[:.]\s*(?P<value>.*)$|^Số\s+(?P<bare>\d{0,5}\s*[-/]\s*[^\W\d_].*)$", re.IGNORECASE
)
# "An Phú, ngày 05 tháng 3 năm 2025", abbreviated "An Phú, 05/3/2025"
_PLACE_DATE_RE = re.compile(
    r",\s*(?:ngày(?!\w)|(?=\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}))", re.IGNORECASE
)
_FILL = r"[\s.…_]*"
_DATE_WORDS_RE = re.compile(
    rf"^{_FILL}(?P<d>\d{{1,2}})?{_FILL}tháng{_FILL}(?P<m>\d{{1,2}})?{_FILL}năm{_FILL}(?P<y>\d{{4}})",
    re.IGNORECASE,
)
_DATE_DIGITS_RE = re.compile(r"^\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})")
_MOTTOS = (
    "cộng hòa xã hội chủ nghĩa việt nam",
    "độc lập - tự do - hạnh phúc",
    # the Party's documents head their right column with the Party's name
    "đảng cộng sản việt nam",
)
# the motto inside a line of a header table flattened to text, in either column order
_MOTTO_IN_LINE_RE = re.compile(
    r"C[ỘO]NG\s+H[ÒOÓ]A\s+XÃ\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM"
    r"|Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc"
    r"|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM",
    re.IGNORECASE,
)
_BODY_START_RE = re.compile(
    r"^(?:căn cứ|thực hiện|theo|xét|nhằm|để|trên cơ sở|tiếp tục|triển khai)(?!\w)"
    r"|^(?:[IVX]+|\d{1,2}(?:\.\d{1,2})*)[.)]\s|^[-–—+•*]\s"
    # a fragment that begins mid-list: "b) Kiểm tra …", "(2) …"
    r"|^\(?[a-zđ]\)\s|^\(\d{1,2}\)\s",
    re.IGNORECASE,
)
_MARKER_RE = re.compile(r"^(?:[IVX]+|\d{1,2}(?:\.\d{1,2})*)[.)]\s|^[-–—+•]\s")
_MAX_TITLE_WORDS = 60
_AUTHORITY_RE = re.compile(
    r"^(?:chủ tịch|ủy ban nhân dân|hội đồng nhân dân|ban thường vụ|ban chấp hành|ban chỉ đạo"
    r"|ban thường trực)(?!\w)"
)
_CONNECTOR_END_RE = re.compile(r"(?:[,\-–]|\s(?:và|của|về|các|trong|tại|cho|giữa|với|năm))$")
_HEADER_SCAN_LIMIT = 60


@dataclass
class Header:
    """What the top of the document says, and where its body starts."""

    doc_type: str | None = None
    number_symbol: str | None = None
    issuer_lines: list[str] = field(default_factory=list)
    place: str | None = None
    date: datetime.date | None = None
    date_year: int | None = None
    title: str | None = None
    # the type and title shared one line in sentence case, as in a copy from a web page
    web_copy: bool = False
    body_start: int = 0
    warnings: list[str] = field(default_factory=list)


def read_header(lines: list[str]) -> Header:
    header = Header()
    type_index = _find_type_line(lines)
    if type_index is None:
        top_end = _header_block_end(lines)
        header.title, header.body_start = _read_untyped_title(lines, top_end)
    else:
        header.doc_type, rest = _type_match(lines[type_index], True)
        header.web_copy = not _TYPE_LINE_RE.match(lines[type_index])
        top_end = type_index
        header.title, header.body_start = _read_title(lines, type_index + 1, rest)
    top = lines[:top_end]
    _read_number(top, header)
    date_lines = _read_place_date(top, header)
    # a header table flattened onto one line keeps its cells apart with "|"
    cells = [
        [cell.strip() for cell in _MOTTO_IN_LINE_RE.sub("|", line).split("|")]
        if index not in date_lines
        else []
        for index, line in enumerate(top)
    ]
    top_cells = [cell for row in cells for cell in row]
    issuer_cells = [
        cell
        for index, cell in enumerate(top_cells)
        if cell
        and is_upper_line(cell)
        and not is_motto(cell)
        and not _ends_motto(top_cells, index)
        and not _NUMBER_RE.match(cell)
    ]
    # a flattened table may repeat a cell (the issuer beside the place and date as well)
    header.issuer_lines = list(dict.fromkeys(issuer_cells))
    if not header.issuer_lines:
        header.warnings.append("Không thấy tên cơ quan ban hành ở đầu văn bản.")
    if header.title is None:
        header.warnings.append("Không tìm thấy trích yếu (tên) của văn bản.")
    return header


def is_motto(line: str) -> bool:
    """A piece of the national motto "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - …"."""
    folded = re.sub(r"\s*[-–—]\s*", " - ", fold(line)).strip()
    return len(folded) >= 4 and any(folded in motto for motto in _MOTTOS)


def _ends_motto(top: list[str], index: int) -> bool:
    """ "NAM" under "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT": the motto wrapped over two lines."""
    before = next((line for line in reversed(top[:index]) if line), None)
    return before is not None and is_motto(before) and is_motto(f"{before} {top[index]}")


def is_type_line(line: str) -> bool:
    """True for the line naming the document type in capitals ("KẾ HOẠCH", "QUYẾT ĐỊNH …")."""
    return bool(_TYPE_LINE_RE.match(line))


def is_body_start(line: str) -> bool:
    return bool(_BODY_START_RE.match(line))


def _find_type_line(lines: list[str]) -> int | None:
    for index, line in enumerate(lines[:_HEADER_SCAN_LIMIT]):
        if not line:
            continue
        if _type_match(line, first=index == _first_filled(lines)):
            return index
        if not is_upper_line(line) and is_body_start(line):
            return None
    return None


def _first_filled(lines: list[str]) -> int | None:
    return next((index for index, line in enumerate(lines) if line), None)


def _type_match(line: str, first: bool) -> tuple[str, str | None] | None:
    """The type named by a line and the rest of the line: "KẾ HOẠCH", "QUYẾT ĐỊNH Về việc …",
    or, opening a copy from a web page, "Thông báo Lịch tiếp công dân …" (type and title in
    sentence case on one line)."""
    if match := _TYPE_LINE_RE.match(line):
        return _TYPE_BY_UPPER[match.group("type")], match.group("rest")
    if first and (match := _WEB_TITLE_RE.match(line)):
        return _TYPE_BY_FOLD[fold(match.group("type"))], match.group("rest")
    return None


def _header_block_end(lines: list[str]) -> int:
    """Without a type name: the header is the run of capitals, motto, number and date lines."""
    for index, line in enumerate(lines[:_HEADER_SCAN_LIMIT]):
        if not line or is_upper_line(line) or is_motto(line) or _NUMBER_RE.match(line):
            continue
        # a row of the flattened header table: "TỈNH AN PHÚ | Độc lập - Tự do - Hạnh phúc |"
        cells = _MOTTO_IN_LINE_RE.sub(" ", line).replace("|", " ").strip()
        if "|" in line and (not cells or is_upper_line(cells)):
            continue
        if _PLACE_DATE_RE.search(line) or _DATE_WORDS_RE.match(line):
            continue
        return index
    return 0


def _read_untyped_title(lines: list[str], start: int) -> tuple[str | None, int]:
    if start < len(lines) and lines[start] and not is_body_start(lines[start]):
        return lines[start], start + 1
    return None, start


def _read_title(lines: list[str], start: int, first: str | None) -> tuple[str | None, int]:
    """The summary under the type name: the rest of the type line and/or the next lines."""
    parts: list[str] = []
    index = start
    if first:
        parts.append(first.lstrip(":. "))
    else:
        while index < len(lines) and not lines[index]:
            index += 1
        if index >= len(lines) or not _can_open_title(lines[index]):
            return None, start
        parts.append(lines[index])
        index += 1
    while index < len(lines):
        line = lines[index]
        if not line:
            following = _next_filled(lines, index)
            if following is not None and starts_lower(lines[following]):
                index = following
                continue
            break
        if not _continues_title(parts, line):
            break
        parts.append(line)
        index += 1
    return " ".join(parts), index


def _can_open_title(line: str) -> bool:
    """The line under the type name is its summary unless it plainly starts the body."""
    if re.match(r"(?i:căn cứ)(?!\w)", line) or _MARKER_RE.match(line):
        return False
    return not line.endswith((":", ";")) and len(line.split()) <= _MAX_TITLE_WORDS


def _continues_title(parts: list[str], line: str) -> bool:
    if is_body_start(line) and not is_upper_line(line):
        return False
    if starts_lower(line) or _CONNECTOR_END_RE.search(fold(parts[-1])):
        return True
    all_upper = all(is_upper_line(part) for part in parts)
    no_letters = not any(char.isalpha() for char in line)
    if all_upper and (is_upper_line(line) or no_letters):
        return not _AUTHORITY_RE.match(fold(line))
    return False


def _next_filled(lines: list[str], index: int) -> int | None:
    for following in range(index, len(lines)):
        if lines[following]:
            return following
    return None


def _read_number(top: list[str], header: Header) -> None:
    for line in top:
        match = _NUMBER_RE.match(line)
        if not match:
            continue
        value = (match.group("value") or match.group("bare") or "").strip()
        if _PLACE_DATE_RE.search(value):
            value = value.split()[0] if value.split() else ""
        value = re.sub(r"\s*/\s*", "/", value).strip()
        if not value:
            header.warnings.append("Dòng “Số:” không ghi số, ký hiệu văn bản.")
            return
        header.number_symbol = value
        if not value[0].isdigit():
            header.warnings.append(f"Số văn bản để trống (chỉ có ký hiệu “{value}”).")
        return
    header.warnings.append("Không tìm thấy số, ký hiệu văn bản (dòng “Số: …”).")


def _read_place_date(top: list[str], header: Header) -> set[int]:
    """Fill place, date and date_year; return the indexes of the lines used."""
    for index, line in enumerate(top):
        match = _PLACE_DATE_RE.search(line)
        if not match:
            continue
        place = line[: match.start()]
        if number := _NUMBER_RE.match(place):
            value = number.group("value") or number.group("bare") or ""
            place = " ".join(value.split()[1:])
        place, leaked = _split_leaked_issuer(place)
        if place.strip() and (before := _place_start(top, index)) is not None:
            # "Bà Rịa - Vũng" / "Tàu, ngày …": a place name broken over two lines
            place = f"{top[before]} {place.strip()}"
            top[before] = ""
        tail = line[match.end() :]
        used = {index}
        if not re.search(r"\d{4}", tail) and index + 1 < len(top):
            tail += " " + top[index + 1]
            used.add(index + 1)
        header.place = place.strip(" |") or None
        _read_date(tail, header)
        if leaked:
            # "BAN CHỈ ĐẠO … Tân Phong, ngày …": the issuer's cell flattened onto the line
            top[index] = leaked
            used.discard(index)
        return used
    header.warnings.append("Không tìm thấy dòng địa danh, ngày tháng năm ban hành.")
    return set()


def _split_leaked_issuer(place: str) -> tuple[str, str | None]:
    """A place preceded by words in capitals ("BAN CHỈ ĐẠO XÃ Tân Phong"): the capitals are
    the issuer's cell of a flattened header table, the rest the place."""
    words = place.split()
    leading = 0
    while leading < len(words) and is_upper_line(words[leading]) and len(words[leading]) > 1:
        leading += 1
    if leading == 0 or leading == len(words) or leading < 2:
        return place, None
    return " ".join(words[leading:]), " ".join(words[:leading])


def _place_start(top: list[str], index: int) -> int | None:
    """The line before a place-and-date line when it holds the start of the place's name
    ("Bà Rịa - Vũng"): a few capitalised words, not capitals, motto or number."""
    before = index - 1
    while before >= 0 and not top[before]:
        before -= 1
    if before < 0:
        return None
    line = top[before]
    words = line.split()
    if not 1 <= len(words) <= 5 or is_upper_line(line) or is_motto(line):
        return None
    if _NUMBER_RE.match(line) or any(char.isdigit() for char in line):
        return None
    if not line.rstrip().endswith(("-", "–")) and not re.search(r"[-–]\s*\S+$", line):
        return None
    return before if all(word[:1].isupper() or word in "-–" for word in words) else None


def _read_date(tail: str, header: Header) -> None:
    match = _DATE_WORDS_RE.match(tail) or _DATE_DIGITS_RE.match(tail)
    if not match:
        header.warnings.append(f"Không đọc được ngày ban hành: “{tail.strip()}”.")
        return
    header.date_year = int(match.group("y"))
    if not (match.group("d") and match.group("m")):
        header.warnings.append("Không tìm thấy ngày ban hành (ngày, tháng để trống).")
        return
    try:
        header.date = datetime.date(header.date_year, int(match.group("m")), int(match.group("d")))
    except ValueError:
        header.warnings.append(f"Ngày ban hành không hợp lệ: “{match.group(0).strip()}”.")
