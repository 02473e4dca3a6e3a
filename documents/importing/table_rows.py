"""Tasks from the rows of a table: "| 1 | Xây dựng kế hoạch | Quý I | Văn phòng | Công an xã |"
under "| TT | Nội dung | Thời gian | Đơn vị chủ trì | Đơn vị phối hợp |".

The header row names what each column holds.  A row gives one task: its text is the content
column (the whole row when no column is the content), its period comes from the time column,
the unit in charge from the "chủ trì" column; co-operating units and other columns (results,
notes) are added to the text as "Đơn vị phối hợp: …" lines.  A row that is only a heading
("| II | CÔNG TÁC TUYÊN TRUYỀN |", "| Quý I |") groups the rows under it.
"""

import re
from dataclasses import dataclass, field

from .periods import is_period_heading
from .textnorm import fold, roman_value

NUMBER, CONTENT, TIME, LEAD, COOPERATE, ROLE, OTHER = (
    "number",
    "content",
    "time",
    "lead",
    "cooperate",
    "role",
    "other",
)
_NUMBER_NAMES = {"tt", "stt", "số tt", "số thứ tự", "thứ tự"}
# Checked in this order: "Đơn vị phối hợp" is not the unit in charge, and "Thời gian thực
# hiện" or "Kết quả thực hiện" are not units although "Đơn vị thực hiện" is one.
_ROLE_WORDS = [
    (COOPERATE, ("phối hợp",)),
    (OTHER, ("kết quả", "sản phẩm", "ghi chú", "kinh phí", "dự toán")),
    (TIME, ("thời gian", "thời hạn", "tiến độ", "hoàn thành", "lịch")),
    (CONTENT, ("nội dung", "nhiệm vụ", "công việc", "hoạt động", "tên ")),
    (LEAD, ("chủ trì", "phụ trách", "thực hiện", "người", "đơn vị", "cán bộ", "cơ quan")),
    (ROLE, ("chức vụ", "chức danh")),
]
_TIME_STARTS = ("tháng", "quý", "ngày", "tuần", "năm")
_MAX_HEADER_WORDS = 8
_ROW_NUMBER_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[A-Z]|[IVXL]{1,6})[.)]?$")


@dataclass(frozen=True)
class Column:
    role: str
    name: str


@dataclass
class Row:
    """What a task row says: its text, the wording of its time, the unit in charge."""

    text: str
    times: list[str] = field(default_factory=list)
    lead: str | None = None


def split_cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.split("|")]


def header_columns(cells: list[str]) -> list[Column] | None:
    """The columns a header row names, or None when the row is not a header."""
    filled = [cell for cell in cells if cell]
    if len(filled) < 2:
        return None
    if any(re.search(r"\d", cell) or len(cell.split()) > _MAX_HEADER_WORDS for cell in filled):
        return None
    columns = [Column(column_role(cell), cell) for cell in cells]
    known = [column for column in columns if column.role not in {NUMBER, OTHER}]
    numbered = any(column.role == NUMBER for column in columns)
    return columns if len(known) >= 2 or (known and numbered) else None


def column_role(name: str) -> str:
    folded = fold(name).strip(" :.")
    if folded in _NUMBER_NAMES:
        return NUMBER
    for role, words in _ROLE_WORDS:
        if any(word in folded + " " for word in words):
            return role
    return TIME if folded.startswith(_TIME_STARTS) else OTHER


def group_heading(cells: list[str], columns: list[Column]) -> str | None:
    """The heading a row stands for when it only groups the rows under it: a row of one
    merged cell, a time ("Quý I"), or a title numbered "II" or "B"."""
    if len(cells) == 1:
        return cells[0] or None
    number_at = _number_index(cells, columns)
    number = cells[number_at] if number_at is not None else ""
    filled = [cell for index, cell in enumerate(cells) if cell and index != number_at]
    if len(filled) != 1:
        return None
    text = filled[0]
    if is_period_heading(text) or _is_group_number(number):
        return text
    return None


def read_row(row: str, cells: list[str], columns: list[Column]) -> Row:
    by_role: dict[str, list[tuple[str, str]]] = {}
    for column, cell in zip(columns, cells, strict=False):
        if cell:
            by_role.setdefault(column.role, []).append((column.name, cell))
    reading = Row(text=row, times=[cell for _name, cell in by_role.get(TIME, [])])
    if not columns:
        # no header: a short cell that only names a time ("Quý I") is the time
        reading.times = [cell for cell in cells if is_period_heading(cell)]
    if contents := by_role.get(CONTENT):
        notes = [*contents[1:], *by_role.get(COOPERATE, []), *by_role.get(OTHER, [])]
        lines = [contents[0][1], *(f"{name.rstrip(' :')}: {value}" for name, value in notes)]
        reading.text = "\n".join(lines)
    if leads := by_role.get(LEAD):
        reading.lead = leads[0][1]
        if roles := by_role.get(ROLE):
            reading.lead = f"{reading.lead} ({roles[0][1]})"
    return reading


def _number_index(cells: list[str], columns: list[Column]) -> int | None:
    if columns:
        return next((i for i, column in enumerate(columns) if column.role == NUMBER), None)
    if len(cells) > 1 and _ROW_NUMBER_RE.match(cells[0]):
        return 0
    return None


def _is_group_number(cell: str) -> bool:
    """ "II", "B." number a group of rows; "1", "2.3" number a task."""
    bare = cell.strip().rstrip(".)")
    return bool(bare) and (roman_value(bare) is not None or (len(bare) == 1 and bare.isupper()))
