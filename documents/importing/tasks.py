"""Tasks (items) from the outline of a document's body.

An entry is a task unless it only groups others: a time heading ("Quý I") gives its period
to the tasks under it (in a schedule section, so does a numbered entry that is only a
period's label: "1. Cả năm", "2. Hằng tháng", "3. Ngày 19/05/2023"), and a numbered entry
with numbered sub-entries ("1." over "1.1.", "1.2.") is a group heading, unless the
sub-entries share one time/unit block, which makes the group one task.  Bullets under a
task are its details, except the attribute lines "Thời gian thực hiện: …" and "Đơn vị chủ
trì: …", which give the period and the unit in charge.  The rows of a table are tasks as
``table_rows`` reads them, and the articles of a decision ("Điều 3. … chịu trách nhiệm thi
hành") are clauses of its implementation.
"""

import re
from dataclasses import dataclass, replace

from .outline import BULLET_KINDS, NUMBERED_KINDS, Node, Section, attribute
from .periods import find_period, is_period_heading, label_period, parse_period, period_line
from .reading import ReadingItem
from .table_rows import Column, group_heading, header_columns, read_row, split_cells
from .textnorm import fold, is_upper_line, shorten

_INLINE_END = r"\s*(?=[;\n)]|\.(?:\s|$)|$)"
_INLINE_TIME_RE = re.compile(
    r"(?i:thời gian(?: thực hiện| hoàn thành)?|thời hạn)\s*:\s*(?P<value>[^;\n)]+?)" + _INLINE_END
)
_INLINE_LEAD_RE = re.compile(
    r"(?i:(?:đơn vị|cơ quan|bộ phận|người)\s+(?:chủ trì|thực hiện|phụ trách)|chủ trì)\s*:\s*"
    r"(?P<value>[^;\n)]+?)" + _INLINE_END
)
_UNIT_PREFIX_RE = re.compile(r"^(?P<who>[^:;.,]{3,100}?)\s*:\s*\S")
_MAX_UNIT_WORDS = 15
_ASIDE_RE = re.compile(r"^\([^()]*\)\.?$")
# "Đợt 1: …", "Giai đoạn 2 (từ …)", "Bước 3": a phase of the work is one task, its a) b)
# sub-blocks are the task's content
_PHASE_RE = re.compile(
    r"^(?:đợt|giai\s+đoạn|bước|phase)\s+(?:\d{1,2}|[ivx]{1,4}|một|hai|ba|bốn)(?!\w)"
)
_EXECUTORS_RE = re.compile(
    r"(?:^|[.;:]\s+)(?P<who>[^\s.;:][^.;:\n]{2,300}?)\s+(?:chịu|có)\s+trách\s+nhiệm\s+"
    r"(?:thi hành|tổ chức thực hiện|triển khai thực hiện)"
)


@dataclass
class _Context:
    year: int | None
    kind: str
    warnings: list[str]
    period: str | None = None
    # a task with its own time in a section that is not expressly "trọng tâm" is scheduled
    promote: bool = True
    # in a notice, the bullets under a numbered point are points of their own
    notice: bool = False


def section_items(
    section: Section,
    year: int | None,
    warnings: list[str],
    notice: bool = False,
    chosen: bool = False,
) -> list[ReadingItem]:
    """The tasks of one section; ``chosen`` when the clerk picked it as the task list, so
    that it is read for tasks whatever its title."""
    kind = section.kind or ("focus" if chosen else None)
    dated = period_line(section.dated, year) if section.dated else None
    if dated and kind is None:
        kind = "scheduled"
    if kind is None:
        if section.entries or section.intro:
            warnings.append(
                f"Phần “{section.title}” không chứa nhiệm vụ nên không được tách thành nhiệm vụ."
            )
        return []
    promote = "trọng tâm" not in fold(section.title or "")
    context = _Context(
        year=year, kind=kind, warnings=warnings, promote=promote, period=dated, notice=notice
    )
    items: list[ReadingItem] = []
    if dated and not section.entries:
        # "I. Thời gian và địa điểm: Từ ngày 01/12/2025 - ngày 02/12/2025." is itself the task
        text = "\n".join([f"{section.title}: {_clean(section.dated)}", *map(_clean, section.intro)])
        return [replace(_item(context, text, [], None), line=section.line)]
    if section.title is not None and not section.entries:
        for text, line in zip(section.intro, section.intro_lines, strict=True):
            if _ASIDE_RE.match(text):
                continue  # "(Có Phụ lục kèm theo)": a note on where the tasks are
            items.append(replace(_item(context, _clean(text), [], None), line=line))
        return items
    if section.title is not None:
        for text in section.intro:
            if not text.endswith(":"):
                warnings.append(
                    f"Đoạn “{shorten(text)}” ở đầu phần “{section.title}” không được tách "
                    "thành nhiệm vụ."
                )
    _walk(section.entries, context, items)
    return items


def _walk(nodes: list[Node], context: _Context, items: list[ReadingItem]) -> None:
    shared = _shared_attributes(nodes)
    table = _Table()
    for node in nodes:
        paragraph = node.paragraph
        if paragraph.kind == "row":
            if item := table.read(paragraph.text, context):
                item.line = paragraph.line
                items.append(item)
            continue
        table = _Table()
        if paragraph.kind == "article" and context.kind != "organization":
            # "Điều 3. Văn phòng … chịu trách nhiệm thi hành": articles are clauses
            _walk([node], replace(context, kind="organization", promote=False), items)
            continue
        attributes, others = _split(node)
        if is_period_heading(paragraph.text) and (sessions := _sessions(node, context)):
            # "Tháng 01/2021:" over "07 giờ 30 ngày 07/01/2021 Chủ tịch UBND tỉnh;"
            items.extend(sessions)
            for child in others:
                context.warnings.append(
                    f"Dòng “{shorten(child.paragraph.text)}” dưới lịch “{paragraph.text}” được "
                    "hiểu là ghi chú, không phải nhiệm vụ."
                )
            continue
        if is_period_heading(paragraph.text) and (others or not attributes):
            if not others:
                context.warnings.append(f"Mục “{paragraph.text}” không có nhiệm vụ nào.")
                continue
            period = parse_period(paragraph.text, context.year)
            _walk(others, replace(context, period=period), items)
            continue
        if others and (period := _label_heading(node, context)):
            # "1. Cả năm", "2. Hằng tháng", "3. Ngày 19/05/2023" over "- " tasks
            _walk(others, replace(context, period=period), items)
            continue
        numbered = [child for child in others if child.paragraph.kind not in BULLET_KINDS]
        if context.notice and not numbered and len(others) > 1 and not attributes:
            # a notice's numbered point over its bullets: each bullet is a point
            _walk(others, context, items)
            continue
        if numbered and (_is_phase(node) or _times_the_whole(node, numbered, context)):
            # the level that carries the time is the task: "Đợt 1" over a) b), or "1." whose
            # a) b) have no time of their own and end with the time of them all
            items.append(_task(node, attributes or _deep_time(numbered, context), others, context))
            continue
        if attributes or shared.get(id(node)) or not numbered:
            items.append(_task(node, attributes or shared.get(id(node), []), others, context))
            continue
        if _shared_attributes(others):
            # "3." over "3.1.", "3.2." that share one time/unit block: the group is the task
            last_attributes, last_others = _split(others[-1])
            children = [*others[:-1], replace(others[-1], children=last_others)]
            items.append(_task(node, last_attributes, children, context))
            continue
        for note in node.notes:
            context.warnings.append(
                f"Đoạn “{shorten(note)}” dưới mục “{shorten(paragraph.text, 40)}” không gắn "
                "được với nhiệm vụ nào."
            )
        _walk(others, context, items)


_SESSION_DAY_RE = re.compile(r"(?<![\d/])\d{1,2}\s*[/.-]\s*\d{1,2}(?!\d)|ngày\s+\d{1,2}(?!\d)")


def _sessions(node: Node, context: _Context) -> list[ReadingItem]:
    """The dated lines under a time heading of a schedule, each a session: "07 giờ 30 ngày
    07/01/2021 Chủ tịch UBND tỉnh tiếp công dân;"."""
    lines = list(zip(node.notes, node.note_lines, strict=True))
    for child in node.children:
        # a remark line ("* Ngày 11/02 nghỉ Tết;") between sessions takes the sessions
        # after it as its own unmarked lines
        if child.paragraph.kind in BULLET_KINDS and not child.children:
            lines.extend(zip(child.notes, child.note_lines, strict=True))
    if not lines or not all(_SESSION_DAY_RE.search(fold(note)) for note, _line in lines):
        return []
    lines.sort(key=lambda pair: pair[1] or 0)
    heading = parse_period(node.paragraph.text, context.year)
    sessions = []
    for note, line in lines:
        text = _clean(note).rstrip(";").strip()
        period = parse_period(text, context.year) or heading
        item = _item(replace(context, period=heading), text, [], None)
        sessions.append(replace(item, period=period, line=line))
    return sessions


def _is_phase(node: Node) -> bool:
    return node.paragraph.kind in NUMBERED_KINDS and bool(
        _PHASE_RE.match(fold(node.paragraph.text))
    )


def _deep_time(nodes: list[Node], context: _Context) -> list[tuple[str, str]]:
    """A time stated anywhere under ``nodes``: an attribute line or a line that only gives a
    period, such as "Từ ngày 04/02/2026" after the last sub-block."""
    for node in nodes:
        for note in _time_lines(node):
            if (found := attribute(note)) and found[0] == "time":
                return [found]
            if period_line(note, context.year):
                return [("time", note)]
        for child in node.children:
            found = None if child.children else attribute(child.paragraph.text)
            if found and found[0] == "time":
                return [found]
        if deeper := _deep_time(node.children, context):
            return deeper
    return []


def _own_time(node: Node, context: _Context) -> bool:
    """True when an entry states its own time, in its words or in an attribute line."""
    if find_period(node.paragraph.text, context.year):
        return True
    return any(
        (found := attribute(child.paragraph.text)) and found[0] == "time" for child in node.children
    )


def _times_the_whole(node: Node, numbered: list[Node], context: _Context) -> bool:
    """True when the sub-entries have no time of their own but one time closes them all."""
    if context.kind == "organization" or len(numbered) < 2:
        return False
    if any(_own_time(child, context) for child in numbered[:-1]):
        return False
    last = numbered[-1]
    if find_period(last.paragraph.text, context.year):
        return False
    lines = _time_lines(last)
    return bool(lines and period_line(lines[-1], context.year))


def _time_lines(node: Node) -> list[str]:
    """An entry's unmarked lines, and the bare time lines ("Trong tháng 6/2025") under it."""
    bare = [
        child.paragraph.text
        for child in node.children
        if child.paragraph.kind == "period" and not child.children
    ]
    return [*node.notes, *bare]


def _label_heading(node: Node, context: _Context) -> str | None:
    """The period of a numbered entry of a schedule section that is only a period's label,
    such as the exporter's "1. Cả năm" or "2. Hằng tuần", or "3. Thường xuyên"."""
    if context.kind != "scheduled" or node.paragraph.kind not in NUMBERED_KINDS:
        return None
    if node.notes:
        return None
    return label_period(node.paragraph.text, context.year)


def _split(node: Node) -> tuple[list[tuple[str, str]], list[Node]]:
    """The attribute lines (category, value) of an entry, and its other children."""
    attributes: list[tuple[str, str]] = []
    others: list[Node] = []
    for child in node.children:
        found = attribute(child.paragraph.text) if not child.children else None
        if found:
            attributes.append(found)
        if not found or found[0] == "other":
            others.append(child)
    return attributes, others


def _shared_attributes(nodes: list[Node]) -> dict[int, list[tuple[str, str]]]:
    """Sub-tasks "3.1.", "3.2.", "3.3." followed by one "Thời gian …/Đơn vị chủ trì …" block
    under the last of them: the block is for all of them."""
    if len(nodes) < 2:
        return {}
    last_attributes, _ = _split(nodes[-1])
    earlier = nodes[:-1]
    if not last_attributes or any(node.children or node.notes for node in earlier):
        return {}
    if any(node.paragraph.kind in BULLET_KINDS | {"row"} for node in nodes):
        return {}
    return {id(node): last_attributes for node in earlier}


def _task(
    node: Node, attributes: list[tuple[str, str]], others: list[Node], context: _Context
) -> ReadingItem:
    lines = [_clean(node.paragraph.text)]
    for note in node.notes:
        found = attribute(note)
        if not found and not attributes and period_line(note, context.year):
            found = ("time", note)  # "Từ ngày 04/02/2026" on its own line under the task
        if found and found[0] != "other":
            attributes = [*attributes, found]
        else:
            lines.append(_clean(note))
    own_text = "\n".join(lines)  # the entry and its unmarked paragraphs, not its details
    for child in others:
        lines.extend(_render(child))
    item = _item(context, "\n".join(lines), attributes, own_text)
    item.line = node.paragraph.line
    return item


def _item(
    context: _Context, text: str, attributes: list[tuple[str, str]], own_text: str | None
) -> ReadingItem:
    own_text = own_text or text
    period, from_schedule = None, False
    for category, value in attributes:
        if category == "time":
            period = parse_period(value, context.year) or period_line(value, context.year)
            if period is None:
                context.warnings.append(
                    f"Không hiểu thời gian “{shorten(value)}” của nhiệm vụ “{shorten(own_text)}”."
                )
            from_schedule = True
            break
    if period is None and context.period:
        period, from_schedule = context.period, True
    if period is None and (inline := _INLINE_TIME_RE.search(own_text)):
        period = parse_period(inline.group("value"), context.year)
        from_schedule = period is not None
    if period is None:
        period = find_period(own_text, context.year)
    responsible = next((value for category, value in attributes if category == "lead"), None)
    if responsible is None and (inline := _INLINE_LEAD_RE.search(own_text)):
        responsible = inline.group("value")
    if responsible is None and context.kind == "organization":
        responsible = _named_unit(text)
    promoted = context.promote and from_schedule
    kind = "scheduled" if context.kind == "focus" and promoted else context.kind
    if kind == "scheduled" and period is None:
        context.warnings.append(f"Nhiệm vụ “{shorten(own_text)}” không có thời gian thực hiện.")
    return ReadingItem(
        kind=kind,
        text=text,
        period=period,
        responsible=_clean_value(responsible) if responsible else None,
    )


def _named_unit(text: str) -> str | None:
    """The unit an implementation clause is about: "Văn phòng: tham mưu …", a clause that is
    only a unit's name with its duties listed under it, or the units that "chịu trách nhiệm
    thi hành" a decision."""
    if match := _EXECUTORS_RE.search(text):
        return match.group("who")
    first, _, details = text.partition("\n")
    if match := _UNIT_PREFIX_RE.match(first):
        who = match.group("who")
        if who[0].isupper() and len(who.split()) <= _MAX_UNIT_WORDS:
            return who
    short = len(first.split()) <= _MAX_UNIT_WORDS
    if details and short and not first.endswith((".", ";", ":", "!", "?")):
        return first
    return None


def _render(node: Node) -> list[str]:
    paragraph = node.paragraph
    first = f"{paragraph.marker} {paragraph.text}".strip()
    lines = [first, *node.notes]
    for child in node.children:
        lines.extend(_render(child))
    return lines


class _Table:
    """The rows of one table, read in order: a header row names the columns, a heading row
    groups (and may time) the rows under it, any other row is a task."""

    def __init__(self) -> None:
        self.columns: list[Column] = []
        self.period: str | None = None

    def read(self, text: str, context: _Context) -> ReadingItem | None:
        cells = split_cells(text)
        if columns := header_columns(cells):
            self.columns, self.period = columns, None
            return None
        heading = group_heading(cells, self.columns)
        if heading is not None:
            self.period = (
                parse_period(heading, context.year) if is_period_heading(heading) else None
            )
            if self.period is None and len(cells) == 1 and not is_upper_line(heading):
                context.warnings.append(
                    f"Dòng “{shorten(heading)}” của bảng được hiểu là tiêu đề nhóm, không phải "
                    "nhiệm vụ."
                )
            return None
        return _row_item(
            replace(context, period=self.period or context.period), text, cells, self.columns
        )


def _row_item(context: _Context, text: str, cells: list[str], columns: list[Column]) -> ReadingItem:
    """A row of a schedule table: "Tháng 7 | Nguyễn Văn A | Chủ tịch | Ngày 03; 10", or
    "1 | Xây dựng chương trình | Quý I | Văn phòng" under "TT | Nội dung | Thời gian | Chủ trì"."""
    row = read_row(text, cells, columns)
    period = next(
        filter(
            None,
            (
                parse_period(wording, context.year) or period_line(wording, context.year)
                for wording in row.times
            ),
        ),
        None,
    )
    if period is None and row.times:
        context.warnings.append(
            f"Không hiểu thời gian “{shorten(row.times[0])}” của nhiệm vụ “{shorten(row.text)}”."
        )
    if period is None and not row.times:
        period = context.period or find_period(row.text, context.year)
    kind = "scheduled" if context.kind == "focus" and period and context.promote else context.kind
    return ReadingItem(
        kind=kind,
        text=row.text,
        period=period,
        responsible=_clean_value(row.lead) if row.lead else None,
    )


def _clean(text: str) -> str:
    text = text.strip()
    if text.endswith("./."):
        text = text[:-2]
    return text


def _clean_value(text: str) -> str:
    return text.strip().rstrip(";,.").strip()
