"""A small writer for the committee's one-page papers (Giấy mời, Biên bản) as .docx.

It follows Decree 30/2020 with the page and type rules of ``outgoing.layout``: A4, Times New
Roman, the two-column header (issuing body | Quốc hiệu and Tiêu ngữ; "Số: …" | place and
date), the type name and summary, a justified body, then "Nơi nhận:" beside the signer.
"""

import datetime
import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from outgoing import layout
from outgoing.layout import TextStyle
from outgoing.metrics import text_width_pt

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COMMITTEE_NAME_LINES = ["BAN CHỈ ĐẠO THỰC HIỆN", "CÔNG TÁC DÂN VẬN CHÍNH QUYỀN"]
_PLACE_PREFIXES = ("Xã ", "Phường ", "Đặc khu ", "Thị trấn ", "Tỉnh ", "Thành phố ")
_CENTER = WD_ALIGN_PARAGRAPH.CENTER
_LEFT = WD_ALIGN_PARAGRAPH.LEFT
_JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def place_name(unit) -> str:
    """ "Hưng Chính" for "Xã Hưng Chính"."""
    for prefix in _PLACE_PREFIXES:
        if unit.name.startswith(prefix) and len(unit.name) > len(prefix):
            return unit.name[len(prefix) :]
    return unit.name


def decree_date(day: datetime.date) -> str:
    """ "ngày 05 tháng 01 năm 2024", "ngày 28 tháng 6 năm 2023": a leading zero for days
    below 10 and for months 1 and 2 (Decree 30/2020)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def spoken_time(moment: datetime.datetime | datetime.time) -> str:
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút"


def number_line(number_symbol: str, doc_type_code: str, issuer_code: str) -> str:
    """ "Số: 03/GM-BCĐ", or with room to write the number in: "Số:      /GM-BCĐ"."""
    if number_symbol.strip():
        return f"Số: {number_symbol.strip()}"
    return f"Số:{' ' * 6}/{doc_type_code}-{issuer_code}"


class Letter:
    """One document being written; call the parts in order, then ``bytes()``."""

    def __init__(self, title: str):
        self.document = Document()
        self._page()
        self._styles()
        properties = self.document.core_properties
        properties.title = title
        properties.language = "vi-VN"
        properties.comments = ""

    def _page(self) -> None:
        section = self.document.sections[0]
        section.page_width = Mm(layout.PAGE_WIDTH_MM)
        section.page_height = Mm(layout.PAGE_HEIGHT_MM)
        section.top_margin = Mm(layout.MARGIN_TOP_MM)
        section.bottom_margin = Mm(layout.MARGIN_BOTTOM_MM)
        section.left_margin = Mm(layout.MARGIN_LEFT_MM)
        section.right_margin = Mm(layout.MARGIN_RIGHT_MM)

    def _styles(self) -> None:
        normal = self.document.styles["Normal"]
        normal.font.name = layout.FONT_NAME
        normal.font.size = Pt(layout.BODY.size)
        normal.font.color.rgb = RGBColor(0, 0, 0)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), layout.FONT_NAME)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.space_after = Pt(0)

    @staticmethod
    def _run(paragraph, text: str, style: TextStyle):
        run = paragraph.add_run(text.upper() if style.upper else text)
        run.font.size = Pt(style.size)
        run.font.bold = style.bold
        run.font.italic = style.italic
        return run

    def _cell_line(self, cell, text: str, style: TextStyle, align=_CENTER):
        first = cell.paragraphs[0]
        paragraph = first if not first.runs and len(cell.paragraphs) == 1 else cell.add_paragraph()
        paragraph.alignment = align
        self._run(paragraph, text, style)
        return paragraph

    def _rule(self, container, width_pt: float, space_pt: float) -> None:
        paragraph = container.add_paragraph()
        borders = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1")):
            top.set(qn(key), value)
        top.set(qn("w:color"), "000000")
        borders.append(top)
        paragraph._p.get_or_add_pPr().append(borders)
        side = max((space_pt - width_pt) / 2, 0)
        fmt = paragraph.paragraph_format
        fmt.left_indent = Pt(side)
        fmt.right_indent = Pt(side)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(2)

    def _table(self, left_mm: float, right_mm: float):
        table = self.document.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, (left_mm, right_mm), strict=True):
            column.width = Mm(width)
            for cell in column.cells:
                cell.width = Mm(width)
        return table

    def header(self, *, parent: str, body: list[str], number: str, place_and_date: str):
        left_mm, right_mm = layout.HEADER_LEFT_MM, layout.HEADER_RIGHT_MM
        table = self._table(left_mm, right_mm)
        left, right = table.rows[0].cells
        self._cell_line(left, parent, layout.ISSUER_PARENT)
        for line in body:
            self._cell_line(left, line, layout.ISSUER_BODY)
        width = max(text_width_pt(line, layout.ISSUER_BODY) for line in body)
        self._rule(left, width * layout.SHORT_RULE_FRACTION, layout.mm_to_pt(left_mm))
        self._cell_line(right, layout.NATIONAL_TITLE_TEXT, layout.NATIONAL_TITLE)
        self._cell_line(right, layout.MOTTO_TEXT, layout.MOTTO)
        motto = text_width_pt(layout.MOTTO_TEXT, layout.MOTTO)
        self._rule(right, motto, layout.mm_to_pt(right_mm))
        row = table.add_row()
        left, right = row.cells
        left.width, right.width = Mm(left_mm), Mm(right_mm)
        self._cell_line(left, number, layout.NUMBER).paragraph_format.space_before = Pt(6)
        dated = self._cell_line(right, place_and_date, layout.PLACE_DATE)
        dated.paragraph_format.space_before = Pt(6)

    def title(self, doc_type: str, summary: str) -> None:
        kind = self.document.add_paragraph()
        kind.alignment = _CENTER
        kind.paragraph_format.space_before = Pt(layout.TITLE_SPACE_BEFORE_PT)
        self._run(kind, doc_type, layout.DOC_TYPE)
        line = self.document.add_paragraph()
        line.alignment = _CENTER
        self._run(line, summary, layout.SUMMARY)
        text_width = layout.mm_to_pt(layout.TEXT_WIDTH_MM)
        width = min(text_width_pt(summary, layout.SUMMARY), text_width)
        self._rule(self.document, width * layout.SHORT_RULE_FRACTION, text_width)
        self.document.paragraphs[-1].paragraph_format.space_after = Pt(layout.TITLE_SPACE_AFTER_PT)

    def paragraph(self, text: str, *, label: str = "", style: TextStyle = layout.BODY, indent=True):
        """A body paragraph; ``label`` ("Thời gian:") is printed bold before the text."""
        paragraph = self.document.add_paragraph()
        paragraph.alignment = _JUSTIFY
        fmt = paragraph.paragraph_format
        if indent:
            fmt.first_line_indent = Mm(layout.FIRST_LINE_INDENT_MM)
        fmt.space_after = Pt(layout.PARAGRAPH_SPACING_PT)
        fmt.line_spacing = layout.LINE_SPACING
        if label:
            self._run(paragraph, label + (" " if text else ""), layout.SUBHEADING)
        if text:
            self._run(paragraph, text, style)
        return paragraph

    def heading(self, text: str) -> None:
        self.paragraph(text, style=layout.SECTION_HEADING).paragraph_format.keep_with_next = True

    def closing(self, *, recipients: list[str], signers: list[tuple[list[str], str]]) -> None:
        """ "Nơi nhận:" and the signers. With two signers (a Biên bản: secretary and chair)
        they stand side by side and the recipients follow below."""
        self.document.add_paragraph()
        if len(signers) == 1:
            left_mm, right_mm = layout.CLOSING_LEFT_MM, layout.CLOSING_RIGHT_MM
        else:
            left_mm = right_mm = layout.TEXT_WIDTH_MM / 2
        table = self._table(left_mm, right_mm)
        left, right = table.rows[0].cells
        cells = [right] if len(signers) == 1 else [left, right]
        for cell, (titles, name) in zip(cells, signers, strict=False):
            for line in titles:
                self._cell_line(cell, line, layout.SIGNER_TITLE)
            signed = self._cell_line(cell, name or " ", layout.SIGNER_NAME)
            signed.paragraph_format.space_before = Mm(layout.SIGNATURE_SPACE_MM)
        target = left if len(signers) == 1 else self.document
        if recipients:
            if target is left:
                self._cell_line(left, "Nơi nhận:", layout.RECIPIENTS_LABEL, _LEFT)
                for line in recipients:
                    self._cell_line(left, line, layout.RECIPIENTS, _LEFT)
            else:
                paragraph = self.document.add_paragraph()
                paragraph.paragraph_format.space_before = Pt(12)
                self._run(paragraph, "Nơi nhận:", layout.RECIPIENTS_LABEL)
                for line in recipients:
                    self._run(self.document.add_paragraph(), line, layout.RECIPIENTS)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
