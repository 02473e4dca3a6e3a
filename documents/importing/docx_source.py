"""The text of a Word (.docx) file: paragraphs and table cells in document order, one line
each, with Word's automatic numbering written out ("1.", "-") as a typist would type it.

A table of three columns or more, or a narrower one with a header row or times down its first
column, holds data (a schedule, a table of tasks) and gives one line per row, "| cell | cell |
cell |", a cell merged down the rows repeated in each of them and a row that is one merged
cell written "| text |".  A table of the header or the signature (holding the motto, "Số:",
"Nơi nhận:" or "TM. …") is layout and gives one line per cell paragraph, column by column.
Text boxes are not part of the text flow and are left out, with a warning.  The archive is
opened through ``zip_guard``.
"""

import io
import re

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .errors import ImportFileError
from .periods import is_period_heading
from .table_rows import header_columns
from .textnorm import shorten, to_roman
from .zip_guard import read_members, stored_zip

_DATA_TABLE_COLUMNS = 3
_ROW_NUMBER_RE = re.compile(r"^\(?\d{1,3}[.)]?$")
_LAYOUT_RE = re.compile(
    r"^(?:cộng hòa xã hội|cộng hoà xã hội|độc lập\s*[-–]|nơi nhận|số\s*[:.]"
    r"|(?:TM|KT|TL|TUQ|Q)\s*\.\s)",
    re.IGNORECASE,
)
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def docx_text(filename: str, data: bytes) -> tuple[str, list[str]]:
    """The text of the document and the warnings about what was left out."""
    members = read_members(filename, data)
    if "[Content_Types].xml" not in members or not any(
        name.startswith("word/") for name in members
    ):
        raise ImportFileError(
            f"Tệp {filename} là tệp nén (zip) nhưng không phải văn bản Word (.docx)."
        )
    try:
        document = Document(io.BytesIO(stored_zip(members)))
        return _read(document)
    except ImportFileError:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds of errors on bad parts
        raise ImportFileError(
            f"Không đọc được tệp {filename}: không phải tệp Word (.docx) hợp lệ hoặc đã bị hỏng."
        ) from error


def _read(document) -> tuple[str, list[str]]:
    numbering = _Numbering(document)
    lines: list[str] = []
    body = document.element.body
    for block in _blocks(body):
        if block.tag == qn("w:p"):
            lines.append(numbering.label(Paragraph(block, document)))
        else:
            lines.extend(_table_lines(Table(block, document), numbering))
    return "\n".join(lines), _text_box_warnings(body)


def _blocks(container):
    """Paragraphs and tables in order, including those inside content controls."""
    for child in container.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content)


def _text_box_warnings(body) -> list[str]:
    boxes = [
        box
        for box in body.iter(qn("w:txbxContent"))
        if not any(ancestor.tag == _FALLBACK for ancestor in box.iterancestors())
    ]
    texts = [" ".join("".join(t.text or "" for t in box.iter(qn("w:t"))).split()) for box in boxes]
    texts = [text for text in texts if text]
    if not texts:
        return []
    return [
        f"Văn bản có {len(texts)} khung chữ (text box) nằm ngoài dòng văn bản nên không được "
        f"đọc (khung đầu tiên: “{shorten(texts[0])}”)."
    ]


def _table_lines(table: Table, numbering: "_Numbering") -> list[str]:
    grid = [list(row.cells) for row in table.rows]
    if not _holds_data(grid):
        return _layout_lines(grid, numbering)
    lines = []
    for cells in grid:
        values = []
        previous = None
        for cell in cells:
            # a cell spanning several columns comes once per column; its text goes in the first
            values.append("" if cell._tc is previous else _cell_text(cell, numbering))
            previous = cell._tc
        if not any(values):
            continue
        if all(cell._tc is cells[0]._tc for cell in cells):
            lines.append(f"| {values[0]} |")
        else:
            lines.append("| " + " | ".join(values) + " |")
    return lines


def _holds_data(grid: list[list]) -> bool:
    """A table holding the motto, "Số:", "Nơi nhận" or a signature is layout.  Otherwise a
    table of three columns or more holds data; so does a narrower one that starts with a
    header row or whose first column holds times ("Quý I") or row numbers."""
    width = max((len(cells) for cells in grid), default=0)
    texts = (
        paragraph.text.strip() for cells in grid for cell in cells for paragraph in cell.paragraphs
    )
    if width < 2 or any(_LAYOUT_RE.match(text) for text in texts):
        return False
    if width >= _DATA_TABLE_COLUMNS:
        return True
    if header_columns([cell.text.strip() for cell in grid[0]]):
        return True
    firsts = [cells[0].text.strip() for cells in grid if cells and cells[0].text.strip()]
    timed = [text for text in firsts if is_period_heading(text) or _ROW_NUMBER_RE.match(text)]
    return len(firsts) >= 2 and 2 * len(timed) >= len(firsts)


def _layout_lines(grid: list[list], numbering: "_Numbering") -> list[str]:
    """Layout cells column by column: the left column (issuer, recipients) before the right
    one (motto and date, signature), each top to bottom."""
    lines: list[str] = []
    seen: list = []  # merged cells repeat; the elements are kept so identities stay valid
    width = max((len(cells) for cells in grid), default=0)
    for column in range(width):
        for cells in grid:
            if column >= len(cells) or any(cells[column]._tc is element for element in seen):
                continue
            seen.append(cells[column]._tc)
            lines.extend(
                numbering.label(paragraph, restart=False) for paragraph in cells[column].paragraphs
            )
    return lines


def _cell_text(cell, numbering: "_Numbering") -> str:
    parts = [numbering.label(paragraph, restart=False) for paragraph in cell.paragraphs]
    for inner in cell.tables:
        parts.extend(
            _cell_text(inner_cell, numbering) for row in inner.rows for inner_cell in row.cells
        )
    return " ".join(" ".join(parts).split()).replace("|", "/")


class _Numbering:
    """Counts Word list paragraphs (``w:numPr`` on the paragraph or its style) and renders
    each number as text.  A paragraph without numbering restarts the counts, as a clerk who
    typed the numbers would have done after a heading."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        # the paragraph properties of each style's chain, by style id: resolving a style
        # (python-docx searches every style for the default one) is the costly part
        self.style_chains: dict[str | None, list] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {
            node.get(qn("w:abstractNumId")): _read_levels(node)
            for node in root.findall(qn("w:abstractNum"))
        }
        for num in root.findall(qn("w:num")):
            abstract_id = num.find(qn("w:abstractNumId"))
            if abstract_id is not None:
                self.levels[num.get(qn("w:numId"))] = abstract.get(abstract_id.get(qn("w:val")), {})

    def label(self, paragraph: Paragraph, restart: bool = True) -> str:
        text = paragraph.text
        found = _num_pr(paragraph, self.style_chains)
        if found is None:
            if text.strip() and restart:
                self.counters.clear()
            return text
        num_id, level = found
        formats = self.levels.get(num_id, {})
        if level not in formats:
            return text
        number_format, pattern, _start = formats[level]
        if number_format == "bullet":
            return f"- {text}"
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= level:
            counters.append(formats.get(len(counters), ("decimal", "", 1))[2] - 1)
        counters[level] += 1
        del counters[level + 1 :]
        rendered = pattern
        for index, value in enumerate(counters):
            level_format = formats.get(index, ("decimal", "", 1))[0]
            rendered = rendered.replace(f"%{index + 1}", _format_number(value, level_format))
        return f"{rendered} {text}".strip()


def _read_levels(abstract_num) -> dict[int, tuple[str, str, int]]:
    levels = {}
    for level in abstract_num.findall(qn("w:lvl")):
        number_format = _val(level, "w:numFmt") or "decimal"
        pattern = _val(level, "w:lvlText") or ""
        start = int(_val(level, "w:start") or 1)
        levels[int(level.get(qn("w:ilvl")))] = (number_format, pattern, start)
    return levels


def _val(element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


def _num_pr(paragraph: Paragraph, style_chains: dict[str | None, list]) -> tuple[str, int] | None:
    """(numId, level) from the paragraph's own properties or from its style chain."""
    own = paragraph._p.pPr
    style_id = own.pStyle.val if own is not None and own.pStyle is not None else None
    if style_id not in style_chains:
        chain = []
        style = paragraph.style
        while style is not None:
            chain.append(style.element.pPr)
            style = style.base_style
        style_chains[style_id] = chain
    for properties in [own, *style_chains[style_id]]:
        num_pr = properties.numPr if properties is not None else None
        if num_pr is None or num_pr.numId is None:
            continue
        num_id = str(num_pr.numId.val)
        if num_id == "0":
            return None
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        return num_id, int(level)
    return None


def _format_number(value: int, number_format: str) -> str:
    if number_format == "upperRoman":
        return to_roman(value)
    if number_format == "lowerRoman":
        return to_roman(value).lower()
    if number_format in {"upperLetter", "lowerLetter"}:
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if number_format == "upperLetter" else letter
    return str(value)
