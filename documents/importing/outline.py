"""The body of a document as sections holding trees of numbered and bulleted entries.

Lines are first joined into paragraphs: a line that starts in lower case continues the
paragraph before it (even across the blank line of a page break), and so does a line that
follows an unfinished one in a text whose lines were wrapped.  Each paragraph is then read by
its marker ("I.", "Điều 1.", "1.", "1.1.", "(1)", "a)", "-", "+", "•", a table row) and hung
in a tree.  A numbered line whose words are a known section name ("10. Nhiệm vụ cụ thể, thời
gian thực hiện") opens a section even when the numbering was flattened.
"""

import re
from dataclasses import dataclass, field

from .periods import is_period_heading, period_line
from .textnorm import fold, is_upper_line, roman_value, sentence_case, shorten, starts_lower

BULLET_KINDS = {"dash", "plus", "dot"}
NUMBERED_KINDS = {"article", "phase", "num1", "num2", "num3", "num4", "nparen", "alpha"}

_MARKERS = [
    # "Điều 1. Ban hành kèm theo Quyết định này …": an article of a decision or regulation
    ("article", re.compile(r"^(?P<number>(?i:điều)\s+\d{1,3})\s*[.:]\s*(?P<text>\S.*)$")),
    (
        "roman",
        re.compile(r"^(?:(?i:phần)\s+)?(?P<number>[IVXL]{1,6})\s*[.)/:–-]\s*(?P<text>\S.*)$"),
    ),
    ("multi", re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2}){1,3})\.?\)?\s+(?P<text>\S.*)$")),
    # "1.", and "1/." or "1/" as some notices number their points
    (
        "num1",
        re.compile(r"^(?P<number>\d{1,2})\s*(?:\.(?=\s|[^\d\s])|/\.|/(?=\s))\s*(?P<text>\S.*)$"),
    ),
    ("nparen", re.compile(r"^\(?(?P<number>\d{1,2})\)\s*(?P<text>\S.*)$")),
    ("alpha", re.compile(r"^\(?(?P<number>[a-zđ])\)\s*(?P<text>\S.*)$")),
    ("dash", re.compile(r"^(?P<number>[-–—])\s*(?P<text>\S.*)$")),
    # "Đợt 1: Từ ngày …", "Giai đoạn 2 (…)": an unnumbered phase line heads its own entry;
    # its name stays in its text
    (
        "phase",
        re.compile(
            r"^(?P<text>(?i:đợt|giai\s+đoạn)\s+(?P<number>\d{1,2}|[IVX]{1,4})(?!\w)\s*[:.)–-].*)$"
        ),
    ),
    ("plus", re.compile(r"^(?P<number>\+)\s*(?P<text>\S.*)$")),
    ("dot", re.compile(r"^(?P<number>[•●·∙▪■◦○*])\s*(?P<text>\S.*)$")),
]
_KNOWN_HEADINGS = {
    "nhiệm vụ trọng tâm",
    "những nhiệm vụ trọng tâm",
    "các nhiệm vụ trọng tâm",
    "nhiệm vụ, giải pháp trọng tâm",
    "nhiệm vụ cụ thể",
    "nhiệm vụ cụ thể, thời gian thực hiện",
    "nhiệm vụ cụ thể, thời gian thực hiện, phân công",
    "nhiệm vụ, thời gian thực hiện",
    "thời gian thực hiện",
    "tiến độ thực hiện",
    "lộ trình thực hiện",
    "lịch thực hiện",
    "tổ chức thực hiện",
    "phân công nhiệm vụ",
    "phân công thực hiện",
    "phân công trách nhiệm",
    "mục đích, yêu cầu",
    "mục đích yêu cầu",
    "mục đích",
    "yêu cầu",
    "đối tượng",
    "phạm vi",
    "đối tượng, phạm vi",
    "nội dung và thời gian thực hiện",
    "nội dung, thời gian thực hiện",
    "nội dung kiểm tra",
    "nội dung kiểm tra, giám sát",
    "nội dung giám sát",
    "mục tiêu",
    "mục tiêu, yêu cầu",
    "nội dung",
    "nội dung thực hiện",
    "nội dung, tiến độ thực hiện",
    "nội dung, nhiệm vụ",
    "nhiệm vụ",
    "nhiệm vụ chung",
    "nhiệm vụ, giải pháp",
    "nhiệm vụ và giải pháp",
    "giải pháp",
    "giải pháp thực hiện",
    "kinh phí",
    "kinh phí thực hiện",
    "chế độ báo cáo",
    "chế độ thông tin, báo cáo",
}
_NON_TASK_WORDS = (
    "mục đích",
    "yêu cầu",
    "mục tiêu",
    "kinh phí",
    "khẩu hiệu",
    "hình thức",
    "tình hình",
    "kết quả",
    "đánh giá",
    "quan điểm",
    "căn cứ",
    "đặc điểm",
    "tồn tại",
    "hạn chế",
    "khó khăn",
    "thuận lợi",
    "nguyên nhân",
    "bài học",
    "nhận xét",
    "đề xuất",
    "kiến nghị",
    # who or what the work is about, and how: the scope of a plan, not its work
    "đối tượng",
    "phạm vi",
    "thành phần",
    "phương pháp",
    "phương thức",
    "nguyên tắc",
    "ý nghĩa",
    "sự cần thiết",
    "thực trạng",
    "bối cảnh",
    "cơ sở",
)
_SCHEDULED_WORDS = ("thời gian", "tiến độ", "lộ trình", "lịch", "cụ thể", "theo quý", "theo tháng")
_ORGANIZATION_WORDS = ("tổ chức thực hiện", "phân công", "trách nhiệm", "chế độ báo cáo")
_ATTRIBUTE_RE = re.compile(r"^(?P<label>[^:]{2,40}?)\s*:\s*(?P<value>.+)$")
_TIME_LABEL_RE = re.compile(r"(?:thời gian|thời hạn|tiến độ)(?: hoàn thành| thực hiện)?")
_LEAD_LABEL_RE = re.compile(
    r"(?:(?:đơn vị|cơ quan|bộ phận|người|cán bộ|công chức)\s+)?"
    r"(?:chủ trì|thực hiện|phụ trách)(?: thực hiện)?|trách nhiệm(?: thực hiện)?"
)
_OTHER_LABEL_RE = re.compile(
    r"(?:(?:đơn vị|cơ quan|bộ phận)\s+)?phối hợp(?: thực hiện)?|kết quả|sản phẩm|kinh phí"
)
_ROW_BORDER_RE = re.compile(r"^\s*\|\s*|\s*\|\s*$")
# "Trên đây là Kế hoạch …", "Nay Ủy ban nhân dân xã thông báo để …/.": the closing sentence
_CLOSING_RE = re.compile(r"^(?:trên đây(?!\w)|nay\s[^.;]{0,120}thông báo(?!\w))", re.IGNORECASE)
_TERMINAL = (".", ";", ":", "!", "?", ")", "…")
_CONNECTOR_END_RE = re.compile(r"(?:[,\-–]|\s(?:và|của|về|các|theo|trong|tại|cho|với|số))$")


@dataclass
class Paragraph:
    """A body paragraph: ``kind`` is its marker kind, ``heading`` for an unnumbered section
    name, ``period`` for an unnumbered time heading, ``row`` for a table row, or None."""

    kind: str | None
    marker: str
    number: str | None
    text: str
    # the number (from 1) of the source line the paragraph starts on, for the review screen
    line: int | None = None


@dataclass
class Node:
    paragraph: Paragraph
    children: list["Node"] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    note_lines: list[int | None] = field(default_factory=list)


@dataclass
class Section:
    """A top-level section; ``title`` is None for the text before the first one."""

    title: str | None
    opened_by: str | None = None
    # the time a heading states after its name: "Thời gian và địa điểm: Từ ngày 01/12/2025 …"
    dated: str | None = None
    entries: list[Node] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    intro_lines: list[int | None] = field(default_factory=list)
    line: int | None = None
    stack: list[Node] = field(default_factory=list)

    @property
    def kind(self) -> str | None:
        return section_kind(self.title)


@dataclass
class Outline:
    sections: list[Section]
    paragraphs: list[Paragraph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The body with each paragraph on one line, markers kept."""
        return "\n".join(
            f"{paragraph.marker} {paragraph.text}".strip() for paragraph in self.paragraphs
        )


def classify(line: str) -> Paragraph:
    if line.count("|") >= 2:
        return Paragraph("row", "", None, _ROW_BORDER_RE.sub("", line))
    for kind, pattern in _MARKERS:
        match = pattern.match(line)
        if not match:
            continue
        number = match.group("number")
        if kind == "roman" and roman_value(number) is None:
            continue
        if kind == "multi":
            kind = f"num{min(number.count('.') + 1, 4)}"
        marker = line[: match.start("text")].strip()
        return Paragraph(kind, marker, number, match.group("text").strip())
    if is_known_heading(line):
        return Paragraph("heading", "", None, line)
    if is_period_heading(line):
        return Paragraph("period", "", None, line)
    return Paragraph(None, "", None, line)


def attribute(text: str) -> tuple[str, str] | None:
    """``("time" | "lead" | "other", value)`` for a line like "Đơn vị chủ trì: Văn phòng"."""
    match = _ATTRIBUTE_RE.match(text)
    if not match:
        return None
    label = re.sub(r"\s+", " ", fold(match.group("label"))).strip()
    value = match.group("value").strip()
    if _TIME_LABEL_RE.fullmatch(label):
        return "time", value
    if _LEAD_LABEL_RE.fullmatch(label):
        return "lead", value
    if _OTHER_LABEL_RE.fullmatch(label):
        return "other", value
    return None


def heading_key(text: str) -> str:
    key = fold(text).strip().rstrip(":.;").strip()
    key = re.sub(r"\s*(?:[-–—]|\bvà\b)\s*", ", ", key)
    key = re.sub(r"\s*,\s*(?:,\s*)*", ", ", key)
    return re.sub(r"\s+", " ", key).strip(" ,")


_KNOWN_KEYS = {heading_key(heading) for heading in _KNOWN_HEADINGS}


def is_known_heading(text: str) -> bool:
    return heading_key(text) in _KNOWN_KEYS


def section_kind(title: str | None) -> str | None:
    """``focus``, ``scheduled`` or ``organization`` for a task section; None for a section
    that holds no tasks, one whose title starts with "Mục đích", "Kinh phí", "Khẩu hiệu"…
    No title: ``focus``."""
    if title is None:
        return "focus"
    folded = fold(title)
    if folded.startswith(_NON_TASK_WORDS):
        return None
    if any(word in folded for word in _SCHEDULED_WORDS):
        return "scheduled"
    if any(word in folded for word in _ORGANIZATION_WORDS):
        return "organization"
    return "focus"


def build_outline(lines: list[str], first_line: int = 1) -> Outline:
    """The outline of ``lines``, the first of which is line ``first_line`` of the source."""
    outline = Outline(sections=[Section(title=None)])
    closed = False
    for paragraph in _join(lines, outline.warnings, first_line):
        if paragraph.kind is None and _CLOSING_RE.match(paragraph.text):
            closed = True  # "Trên đây là Kế hoạch …": the closing sentence, not a task
            continue
        if closed and paragraph.kind is None:
            outline.warnings.append(
                f"Đoạn “{shorten(paragraph.text)}” sau câu kết không được đọc thành nhiệm vụ."
            )
            continue
        outline.paragraphs.append(paragraph)
        _place(paragraph, outline)
    return outline


def _join(lines: list[str], warnings: list[str], first_line: int) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    after_blank = False
    for number, line in enumerate(lines, start=first_line):
        if not line:
            after_blank = True
            continue
        paragraph = classify(line)
        paragraph.line = number
        previous = paragraphs[-1] if paragraphs else None
        if previous and _continues(previous, paragraph, line, after_blank):
            if after_blank:
                warnings.append(
                    f"Đã nối đoạn bị ngắt ở “…{previous.text[-30:]}” với dòng sau "
                    f"“{shorten(line, 30)}”."
                )
            previous.text = f"{previous.text} {line}"
        else:
            paragraphs.append(paragraph)
        after_blank = False
    return paragraphs


def _continues(previous: Paragraph, paragraph: Paragraph, line: str, after_blank: bool) -> bool:
    if paragraph.kind == "dash" and not after_blank:
        # "giai đoạn 2017" / "- 2021;": a span of years wrapped before its dash
        return bool(re.search(r"\d$", previous.text) and paragraph.text[:1].isdigit())
    if paragraph.kind is not None or attribute(line):
        return False
    if starts_lower(line):
        return previous.kind != "row"
    if after_blank or previous.kind in {"row", "heading", "period"}:
        return False
    text = previous.text
    if text.endswith(_TERMINAL):
        return False
    if _CONNECTOR_END_RE.search(text):
        return True
    return previous.kind is None and not is_upper_line(text)


def _place(paragraph: Paragraph, outline: Outline) -> None:
    current = outline.sections[-1]
    if paragraph.kind in {"roman", "heading"}:
        name, _colon, rest = paragraph.text.partition(":")
        if rest.strip() and period_line(rest, None):
            section = Section(_title(name), opened_by=paragraph.kind, dated=rest.strip())
        else:
            section = Section(_title(paragraph.text), opened_by=paragraph.kind)
        section.line = paragraph.line
        outline.sections.append(section)
        return
    if paragraph.kind == "num1" and current.opened_by != "roman" and _is_capital_heading(paragraph):
        # "1. MỤC ĐÍCH, YÊU CẦU", "2. ĐỐI TƯỢNG KIỂM TRA": a plan without Roman numerals
        # numbers its sections 1., 2., 3. and writes their names in capitals
        outline.sections.append(Section(_title(paragraph.text), opened_by="number"))
        return
    if (
        paragraph.kind in NUMBERED_KINDS
        and current.opened_by != "roman"
        and is_known_heading(paragraph.text)
    ):
        if current.title is not None:
            outline.warnings.append(
                f"Dòng “{paragraph.marker} {paragraph.text}” được đánh số như một nhiệm vụ "
                "nhưng là tên một phần; đã hiểu là phần mới."
            )
        outline.sections.append(Section(_title(paragraph.text), opened_by="number"))
        return
    _add(current, paragraph, outline.warnings)


_MAX_HEADING_WORDS = 12


def _is_capital_heading(paragraph: Paragraph) -> bool:
    text = paragraph.text.rstrip(":. ")
    return (
        is_upper_line(text)
        and len(text.split()) <= _MAX_HEADING_WORDS
        and not re.search(r"\d", text)
    )


def _title(text: str) -> str:
    """A section title without its trailing colon; one written in capitals in sentence case,
    so that "III. TỔ CHỨC THỰC HIỆN" and "III. Tổ chức thực hiện" read the same."""
    title = text.strip().rstrip(":.;").strip()
    return sentence_case(title) if is_upper_line(title) else title


def _add(section: Section, paragraph: Paragraph, warnings: list[str]) -> None:
    stack = section.stack
    if paragraph.kind is None:
        owners = [node for node in stack if node.paragraph.kind != "row"]
        if owners:
            owners[-1].notes.append(paragraph.text)
            owners[-1].note_lines.append(paragraph.line)
        else:
            section.intro.append(paragraph.text)
            section.intro_lines.append(paragraph.line)
        return
    kinds = [node.paragraph.kind for node in stack]
    if paragraph.kind in kinds:
        del stack[len(kinds) - 1 - kinds[::-1].index(paragraph.kind) :]
    siblings = stack[-1].children if stack else section.entries
    if siblings and paragraph.kind in NUMBERED_KINDS:
        before = siblings[-1].paragraph
        if before.kind == paragraph.kind and before.number == paragraph.number:
            where = f" trong phần “{section.title}”" if section.title else ""
            warnings.append(
                f"Số thứ tự “{paragraph.marker}” bị lặp{where}; đã giữ cả hai mục "
                f"(“{shorten(before.text, 40)}” và “{shorten(paragraph.text, 40)}”)."
            )
    node = Node(paragraph)
    siblings.append(node)
    stack.append(node)
