"""The text of a Word (.docx) file: paragraphs and table cells in document order, one line
each, with Word's automatic numbering written out ("1.", "-") as a typist would type it."""

import io
import zipfile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .errors import ImportFileError
from .textnorm import to_roman

_DATA_TABLE_COLUMNS = 3


def docx_text(filename: str, data: bytes) -> str:
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ImportFileError(
            f"Không đọc được tệp {filename}: không phải tệp Word (.docx) hợp lệ."
        ) from error
    numbering = _Numbering(document)
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(numbering.label(Paragraph(child, document)))
        elif child.tag == qn("w:tbl"):
            lines.extend(_table_lines(Table(child, document), numbering))
    return "\n".join(lines)


def _table_lines(table: Table, numbering: "_Numbering") -> list[str]:
    """A layout table (header, signature: one or two columns) gives one line per cell
    paragraph; a data table (a schedule) gives one "cell | cell | cell" line per row."""
    data_table = len(table.columns) >= _DATA_TABLE_COLUMNS
    lines: list[str] = []
    seen: list = []  # merged cells repeat; the elements are kept so identities stay valid
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if any(cell._tc is element for element in seen):
                continue
            seen.append(cell._tc)
            cells.append([numbering.label(paragraph) for paragraph in cell.paragraphs])
        if data_table:
            lines.append(" | ".join(" ".join(filter(None, cell)) for cell in cells))
        else:
            lines.extend(line for cell in cells for line in cell)
    return lines


class _Numbering:
    """Counts Word list paragraphs (``w:numPr`` on the paragraph or its style) and renders
    each number as text.  A paragraph without numbering restarts the counts, as a clerk who
    typed the numbers would have done after a heading."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
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

    def label(self, paragraph: Paragraph) -> str:
        text = paragraph.text
        found = _num_pr(paragraph)
        if found is None:
            if text.strip():
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


def _num_pr(paragraph: Paragraph) -> tuple[str, int] | None:
    """(numId, level) from the paragraph's own properties or from its style chain."""
    candidates = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for properties in candidates:
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
