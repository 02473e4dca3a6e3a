"""A report as .docx and .pdf in the Decree 30/2020 format, and its tables as .xlsx.

The header, title and closing are the outgoing app's (``outgoing.content.ProgramDocument``
laid out by ``outgoing.export_docx`` and ``outgoing.export_pdf``); this module only adds the
report's body: numbered sections, texts, figures, tables and the PNG charts. An issued report
is written from its snapshot.
"""

import base64
import datetime
import io

from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from dvcq.text import fold
from outgoing import doctypes, export_docx, export_pdf, layout
from outgoing.content import (
    COMMITTEE_HEAD,
    ProgramDocument,
    issuer_lines,
    place_name,
    recipient_lines,
)
from outgoing.services import register_for
from programs.models import Program
from reports import charts
from reports.services import DOC_TYPE, content_of

CONTENT_TYPES = {
    "docx": export_docx.DOCX_CONTENT_TYPE,
    "pdf": export_pdf.PDF_CONTENT_TYPE,
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CHART_WIDTH_MM = 150
# Where ``_document_body.html`` marks the start of the last paragraph.
ENDING_MARK = "<!--ending-->"


def frame(report) -> ProgramDocument:
    """The Decree 30 frame of the report: header, type and title, recipients and signer."""
    register = register_for(report.unit)
    parent, body = issuer_lines(Program(unit=report.unit, issuer_lines=[]))
    symbol = report.number_symbol or doctypes.number_symbol(
        None, doctypes.code_for(DOC_TYPE, register.issuer_code, register.drafting_code)
    )
    dated = Program(
        place=place_name(report.unit), issued_on=report.issued_on, year=report.period_end.year
    )
    titles = [v.strip() for v in (report.signer_capacity, report.signer_title) if v.strip()]
    return ProgramDocument(
        issuer_parent=parent,
        issuer_body=body,
        number_symbol=symbol,
        place_and_date=dated.place_and_date,
        doc_type=DOC_TYPE,
        title=report.title,
        recipients=recipient_lines(report.recipients, register.drafting_code),
        signer_titles=titles or [COMMITTEE_HEAD],
        signer_name=report.signer_name,
    )


def file_name(report, fmt: str) -> str:
    stem = slugify(fold(f"bao-cao {report.number_symbol or 'du-thao'} {report.unit.name}"))
    return f"{stem}-{report.period_start:%Y%m%d}-{report.period_end:%Y%m%d}.{fmt}"


def cutoff_statement(content: dict) -> str:
    """“Số liệu tính đến ngày …” (a snapshot from before cut-offs: its computing day)."""
    day = datetime.date.fromisoformat(content.get("cutoff") or content["computed_on"])
    return _("Số liệu tính đến ngày %(day)s.") % {"day": day.strftime("%d/%m/%Y")}


def outline(content: dict) -> list[dict]:
    """The sections numbered for the document, each with its text paragraphs and remark.
    A task listed again in a later table (the tasks carried to the next period) is named by
    its number in the first one instead of printing its text twice."""
    texts = content["texts"]
    numbered = []
    printed: dict[str, str] = {}  # a task's link (or text) → "Nhiệm vụ số 3, mục 2"
    for n, section in enumerate(content["sections"], start=1):
        text = texts.get(section["text_field"], "") if section["text_field"] else ""
        numbered.append(
            {
                **section,
                "number": n,
                "paragraphs": [line.strip() for line in text.splitlines() if line.strip()],
                "remark": texts.get("remarks", {}).get(section["key"], ""),
                "tables": [_once(data, n, printed) for data in section.get("tables", [])],
            }
        )
    return numbered


def _once(data: dict, section_number: int, printed: dict) -> dict:
    """``data`` with the text of each task row already printed replaced by a reference."""
    column = data.get("link_col", 0)
    if data.get("columns", [None])[0] != "STT" or not column:
        return data
    rows = []
    for row in data["rows"]:
        cells = list(row["cells"])
        key = row.get("link") or str(cells[column])
        if key in printed:
            cells[column] = printed[key]
        else:
            printed[key] = gettext("Nhiệm vụ số %(n)s, mục %(section)s") % {
                "n": cells[0],
                "section": section_number,
            }
        rows.append({**row, "cells": cells})
    return {**data, "rows": rows}


# A table's column is given the width of its content up to this many characters (its words
# kept whole: "Hoàn thành", "31/12/2023"); a column with longer cells takes the rest.
SHORT_COLUMN_CHARS = 12
LONG_COLUMN_CHARS = 40
MM_PER_CHAR = 1.6  # at the tables' 10 pt (Times-like fonts)
CELL_PADDING_MM = 3


def column_widths(data: dict) -> list[float | None]:
    """The width in mm of each column of a table (``None``: shares what is left), from the
    lengths of its header and cells."""
    cells = [data["columns"], *(r["cells"] for r in data["rows"]), data.get("total") or []]
    widths = []
    for i, _column in enumerate(data["columns"]):
        texts = [_value(row[i]) for row in cells if i < len(row)]
        longest = max(len(t) for t in texts)
        if longest > LONG_COLUMN_CHARS:
            widths.append(None)
            continue
        word = max(len(w) for t in texts for w in (t.split() or [""]))
        chars = min(longest, max(SHORT_COLUMN_CHARS, min(word, SHORT_COLUMN_CHARS + 4)))
        widths.append(round((chars + 1) * MM_PER_CHAR + CELL_PADDING_MM, 1))
    if None not in widths:
        widths[max(range(len(widths)), key=lambda i: widths[i])] = None
    return widths


def _value(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _paragraph(document, text: str, *, bold=False, italic=False, indent=True):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt = paragraph.paragraph_format
    if indent:
        fmt.first_line_indent = Mm(layout.FIRST_LINE_INDENT_MM)
    fmt.space_after = Pt(layout.PARAGRAPH_SPACING_PT)
    fmt.line_spacing = layout.LINE_SPACING
    run = paragraph.add_run(text)
    run.font.size = Pt(layout.BODY.size)
    run.bold, run.italic = bold, italic
    return paragraph


def _docx_table(document, data: dict) -> None:
    rows = [data["columns"], *(r["cells"] for r in data["rows"])]
    if data.get("total"):
        rows.append(data["total"])
    table = document.add_table(rows=len(rows), cols=len(data["columns"]))
    table.style = "Table Grid"
    # Row by row: ``table.cell(r, c)`` re-reads the whole grid on every call.
    for r, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
        for cell, value in zip(row.cells, values, strict=False):
            cell.text = _value(value)
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(11)
                run.bold = r == 0 or (bool(data.get("total")) and r == len(rows) - 1)
    document.add_paragraph()


def report_docx(report, progress=None) -> bytes:
    content = content_of(report)
    head = frame(report)
    document = Document()
    export_docx._set_up_page(document)
    export_docx._set_up_styles(document)
    export_docx._header(document, head)
    export_docx._title(document, head)
    pictures = charts.charts_of(content)
    if progress:
        progress(40, "biểu đồ")
    _paragraph(document, cutoff_statement(content), italic=True)
    for section in outline(content):
        heading = _paragraph(
            document, f"{section['number']}. {section['title'].upper()}", bold=True
        )
        heading.paragraph_format.keep_with_next = True
        for line in section["paragraphs"]:
            _paragraph(document, line)
        if section["empty"]:
            _paragraph(document, section["empty"], italic=True)
        for item in section["figures"]:
            _paragraph(document, f"- {item['label']}: {_value(item['value'])}.")
        for data in section["tables"]:
            _paragraph(document, data["title"], bold=True, indent=False)
            _docx_table(document, data)
        for key, caption, png in pictures:
            if key == section["key"]:
                document.add_picture(io.BytesIO(png), width=Mm(CHART_WIDTH_MM))
                document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
                _paragraph(
                    document, caption, italic=True, indent=False
                ).alignment = WD_ALIGN_PARAGRAPH.CENTER
        if section["remark"]:
            _paragraph(document, section["remark"])
    _paragraph(document, layout.BODY_END, indent=False).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    export_docx._closing(document, head)
    properties = document.core_properties
    properties.title = f"{DOC_TYPE} {report.title}"
    properties.author = " ".join(head.issuer_body)
    properties.language = "vi-VN"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_PDF_CSS = """
  table.figures { width: 100%; table-layout: fixed; border-collapse: collapse;
    margin: 4pt 0 8pt; font-size: 10pt; line-height: 1.2; }
  table.figures thead { display: table-header-group; }
  table.figures tr { break-inside: avoid; }
  table.figures th, table.figures td { border: 0.5pt solid #000; padding: 2pt 4pt;
    vertical-align: top; text-align: left; overflow-wrap: break-word; hyphens: none; }
  table.figures th { font-weight: bold; }
  p.subheading { break-after: avoid; }
  p.caption { text-align: center; font-style: italic; break-before: avoid; }
  p.chart { text-align: center; margin: 4pt 0; break-inside: avoid; }
  p.chart img { width: 150mm; }
  div.ending { break-inside: avoid; break-before: avoid; }
"""


def report_html(report) -> str:
    content = content_of(report)
    head = frame(report)
    pictures = [
        {
            "key": key,
            "caption": caption,
            "src": "data:image/png;base64," + base64.b64encode(png).decode(),
        }
        for key, caption, png in charts.charts_of(content)
    ]
    sections = outline(content)
    for section in sections:
        section["tables"] = [{**t, "widths": column_widths(t)} for t in section["tables"]]
    body, last = render_to_string(
        "reports/_document_body.html",
        {
            "sections": sections,
            "pictures": pictures,
            "cutoff_statement": cutoff_statement(content),
        },
    ).rsplit(ENDING_MARK, 1)
    page = export_pdf.render_html(head)
    page = page.replace("</style>", _PDF_CSS + "</style>", 1)
    # The last paragraph, the end mark and the signature are one block that never breaks
    # (a page holding only the signature cannot happen).
    start = page.index('<table class="frame closing">')
    end = page.index("</table>", start) + len("</table>")
    ending = f'<div class="ending">{last}{page[start:end]}</div>'
    return page[:start] + body + ending + page[end:]


def report_pdf(report, progress=None) -> bytes:
    from weasyprint import HTML

    html = report_html(report)
    if progress:
        progress(50, "PDF")
    return HTML(string=html).write_pdf()


def report_xlsx(report, progress=None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from dvcq.spreadsheet import xlsx_bytes

    content = content_of(report)
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Tong hop"
    summary.append([report.unit.name, report.title])
    summary.append([cutoff_statement(content)])
    summary.append(["Phần", "Chỉ tiêu", "Số liệu"])
    for section in outline(content):
        for item in section["figures"]:
            summary.append(
                [f"{section['number']}. {section['title']}", item["label"], item["value"]]
            )
    for cell in summary[2]:
        cell.font = Font(bold=True)
    summary.column_dimensions["A"].width = 45
    summary.column_dimensions["B"].width = 45
    for section in outline(content):
        for i, data in enumerate(section["tables"], start=1):
            sheet = workbook.create_sheet(f"{section['number']}.{i}")
            sheet.append([data["title"]])
            sheet.append(data["columns"])
            for cell in sheet[2]:
                cell.font = Font(bold=True)
            for row in data["rows"]:
                sheet.append([c if isinstance(c, int | float) else _value(c) for c in row["cells"]])
            if data.get("total"):
                sheet.append(data["total"])
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True)
    return xlsx_bytes(workbook)


WRITERS = {"docx": report_docx, "pdf": report_pdf, "xlsx": report_xlsx}


def render(report, fmt: str, progress=None) -> tuple[bytes, str]:
    if fmt not in WRITERS:
        raise ValueError(fmt)
    data = WRITERS[fmt](report, progress=progress)
    return data, file_name(report, fmt)
