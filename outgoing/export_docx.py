"""A program as a Word file (.docx) laid out as Decree 30/2020 prescribes.

The header and the closing are two-column tables without borders, as clerks type them: the
issuing body beside the Quốc hiệu, "Số: …" beside the place and date; "Nơi nhận:" beside the
signer. Numbers and bullets are typed text ("1.", "-"), not Word lists, so the file reads the
same in every word processor and in the importer. Sizes and margins come from ``layout``.
"""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from outgoing import layout
from outgoing.content import ProgramDocument, program_document
from outgoing.layout import TextStyle
from outgoing.metrics import text_width_pt

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_CENTER = WD_ALIGN_PARAGRAPH.CENTER


def program_docx(program, register=None) -> bytes:
    return render_docx(program_document(program, register))


def render_docx(content: ProgramDocument) -> bytes:
    document = Document()
    _set_up_page(document)
    _set_up_styles(document)
    _header(document, content)
    _title(document, content)
    _body(document, content)
    _closing(document, content)
    properties = document.core_properties
    properties.title = f"{content.doc_type} {content.title}"
    properties.author = " ".join(content.issuer_body)
    properties.last_modified_by = properties.author
    properties.language = "vi-VN"
    properties.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_up_page(document) -> None:
    section = document.sections[0]
    section.page_width = Mm(layout.PAGE_WIDTH_MM)
    section.page_height = Mm(layout.PAGE_HEIGHT_MM)
    section.top_margin = Mm(layout.MARGIN_TOP_MM)
    section.bottom_margin = Mm(layout.MARGIN_BOTTOM_MM)
    section.left_margin = Mm(layout.MARGIN_LEFT_MM)
    section.right_margin = Mm(layout.MARGIN_RIGHT_MM)
    section.header_distance = Mm(layout.HEADER_DISTANCE_MM)
    # No page number on the first page; from page 2, centred in the top margin.
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = _CENTER
    _page_field(paragraph, layout.PAGE_NUMBER)


def _set_up_styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = layout.FONT_NAME
    normal.font.size = Pt(layout.BODY.size)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), layout.FONT_NAME)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(language)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _run(paragraph, text: str, style: TextStyle):
    run = paragraph.add_run(text.upper() if style.upper else text)
    run.font.size = Pt(style.size)
    run.font.bold = style.bold
    run.font.italic = style.italic
    return run


def _line(container, text: str, style: TextStyle, align=_CENTER):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    _run(paragraph, text, style)
    return paragraph


def _rule(container, width_pt: float, space_pt: float) -> None:
    """A solid line ``width_pt`` long, centred in ``space_pt``: an empty paragraph with a
    top border, narrowed by its indents."""
    paragraph = container.add_paragraph()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    top.set(qn("w:val"), "single")
    top.set(qn("w:sz"), str(round(layout.RULE_WEIGHT_PT * 8)))
    top.set(qn("w:space"), "1")
    top.set(qn("w:color"), "000000")
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)  # first child: keeps the schema order
    side = max((space_pt - width_pt) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = Pt(side)
    fmt.right_indent = Pt(side)
    fmt.space_before = Pt(1)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(2)


def _table(document, left_mm: float, right_mm: float):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # No cell padding, so a line centred in a cell is centred on the column.
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)  # the schema puts tblCellMar before tblLook
    else:
        table._tbl.tblPr.append(margins)
    for column, width in zip(table.columns, (left_mm, right_mm), strict=True):
        column.width = Mm(width)
    return table


def _fill_row(row, left_mm: float, right_mm: float):
    left, right = row.cells
    left.width, right.width = Mm(left_mm), Mm(right_mm)
    return left, right


def _cell_line(cell, text: str, style: TextStyle, align=_CENTER):
    """A line in a table cell; a new cell's own empty paragraph takes the first one."""
    first = cell.paragraphs[0]
    if len(cell.paragraphs) == 1 and not first.runs and first._p.pPr is None:
        paragraph = first
    else:
        paragraph = cell.add_paragraph()
    paragraph.alignment = align
    _run(paragraph, text, style)
    return paragraph


def _header(document, content: ProgramDocument) -> None:
    left_mm, right_mm = layout.HEADER_LEFT_MM, layout.HEADER_RIGHT_MM
    table = _table(document, left_mm, right_mm)
    left, right = _fill_row(table.rows[0], left_mm, right_mm)
    for line in content.issuer_parent:
        _cell_line(left, line, layout.ISSUER_PARENT)
    for line in content.issuer_body:
        _cell_line(left, line, layout.ISSUER_BODY)
    body_width = max(text_width_pt(line, layout.ISSUER_BODY) for line in content.issuer_body)
    _rule(left, body_width * layout.SHORT_RULE_FRACTION, layout.mm_to_pt(left_mm))
    _cell_line(right, layout.NATIONAL_TITLE_TEXT, layout.NATIONAL_TITLE)
    _cell_line(right, layout.MOTTO_TEXT, layout.MOTTO)
    _rule(right, text_width_pt(layout.MOTTO_TEXT, layout.MOTTO), layout.mm_to_pt(right_mm))

    left, right = _fill_row(table.add_row(), left_mm, right_mm)
    number = _cell_line(left, content.number_line, layout.NUMBER)
    number.paragraph_format.space_before = Pt(6)
    date = _cell_line(right, content.place_and_date, layout.PLACE_DATE)
    date.paragraph_format.space_before = Pt(6)


def _title(document, content: ProgramDocument) -> None:
    kind = _line(document, content.doc_type, layout.DOC_TYPE)
    kind.paragraph_format.space_before = Pt(layout.TITLE_SPACE_BEFORE_PT)
    kind.paragraph_format.keep_with_next = True
    summary = _line(document, content.title, layout.SUMMARY)
    summary.paragraph_format.keep_with_next = True
    text_width = layout.mm_to_pt(layout.TEXT_WIDTH_MM)
    width = min(text_width_pt(content.title, layout.SUMMARY), text_width)
    _rule(document, width * layout.SHORT_RULE_FRACTION, text_width)
    document.paragraphs[-1].paragraph_format.space_after = Pt(layout.TITLE_SPACE_AFTER_PT)


_BODY_STYLES = {
    "section": layout.SECTION_HEADING,
    "subheading": layout.SUBHEADING,
    "preamble": layout.BODY,
    "item": layout.BODY,
    "bullet": layout.BODY,
}


def _body(document, content: ProgramDocument) -> None:
    for part in content.body:
        style = _BODY_STYLES[part.role]
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Mm(layout.FIRST_LINE_INDENT_MM)
        fmt.space_after = Pt(layout.PARAGRAPH_SPACING_PT)
        fmt.line_spacing = layout.LINE_SPACING
        fmt.keep_with_next = part.role in ("section", "subheading")
        _run(paragraph, part.line, style)


def _closing(document, content: ProgramDocument) -> None:
    left_mm, right_mm = layout.CLOSING_LEFT_MM, layout.CLOSING_RIGHT_MM
    gap = document.add_paragraph().paragraph_format
    gap.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    gap.line_spacing = Pt(layout.CLOSING_SPACE_BEFORE_PT)
    table = _table(document, left_mm, right_mm)
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = _fill_row(row, left_mm, right_mm)
    align_left = WD_ALIGN_PARAGRAPH.LEFT
    _cell_line(left, "Nơi nhận:", layout.RECIPIENTS_LABEL, align_left)
    for line in content.recipients:
        _cell_line(left, line, layout.RECIPIENTS, align_left)
    for line in content.signer_titles:
        _cell_line(right, line, layout.SIGNER_TITLE)
    name = _cell_line(right, content.signer_name, layout.SIGNER_NAME)
    name.paragraph_format.space_before = Mm(layout.SIGNATURE_SPACE_MM)


def _page_field(paragraph, style: TextStyle) -> None:
    """A PAGE field: Word and LibreOffice print the page's number in its place."""
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "2")):
        run = _run(paragraph, "", style)
        if kind == "instr":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        elif kind == "text":
            run.text = text
        else:
            run._r.append(_field_char(kind))
    run = _run(paragraph, "", style)
    run._r.append(_field_char("end"))


def _field_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element
