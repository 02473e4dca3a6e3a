"""An urging letter as a Công văn in the Decree 30/2020 format, as .docx and .pdf.

The letter is laid out by outgoing's writers, so header, body and closing follow the same
``layout`` rules as a program: ``urging_content`` fills a ``ProgramDocument`` and
``render_docx`` / ``render_html`` lay it out. A Công văn has no type name and no centred
title; its summary ("V/v …") stands under the number instead (legal-facts §2.3, 5b). The
two thin wrappers below give that to the writers' output: they drop the empty type and
title lines and put the summary in the number's cell.
"""

import io
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.text import slugify
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from dvcq.text import fold
from followup.urging import draft_number_symbol, letter_date, letter_groups
from outgoing import layout
from outgoing.content import (
    COMMITTEE_HEAD,
    BodyParagraph,
    ProgramDocument,
    issuer_lines,
    place_name,
    recipient_lines,
)
from outgoing.export_docx import DOCX_CONTENT_TYPE, render_docx
from outgoing.export_pdf import PDF_CONTENT_TYPE, render_html
from outgoing.layout import TextStyle
from outgoing.services import register_for
from outgoing.signature import with_authority
from programs.models import Program

__all__ = ["DOCX_CONTENT_TYPE", "PDF_CONTENT_TYPE", "letter_docx", "letter_pdf"]

# Công văn summary: regular case, 12–13 pt, upright, centred under the number, 6 pt below.
CV_SUMMARY = TextStyle(12)
CV_SUMMARY_SPACE_PT = 6


@dataclass
class _Paragraph(BodyParagraph):
    """A body paragraph whose marker may be empty (plain prose has none)."""

    @property
    def line(self) -> str:
        return f"{self.marker} {self.text}" if self.marker else self.text


@dataclass
class UrgingDocument:
    content: ProgramDocument
    summary: str


def _dmy(day) -> str:
    return day.strftime("%d/%m/%Y")


def _program_reference(program: Program) -> str:
    symbol = program.number_symbol.strip()
    text = f"{program.doc_type} {program.title}"
    if symbol[:1].isdigit():
        text = f"{program.doc_type} số {symbol}"
        if program.issued_on:
            text += f" ngày {_dmy(program.issued_on)}"
        text += f" về {program.title}"
    return text


def _body(letter, groups) -> list[BodyParagraph]:
    program = letter.program
    persons = [name for name, _items in groups]
    paragraphs: list[BodyParagraph] = [
        _Paragraph("item", "Kính gửi:", "; ".join(persons) + "."),
        _Paragraph(
            "item",
            "",
            f"Thực hiện {_program_reference(program)}, đến ngày {_dmy(letter_date(letter))}, "
            "các nhiệm vụ sau đây đã quá thời hạn hoàn thành nhưng chưa được thực hiện xong:",
        ),
    ]
    for n, (name, items) in enumerate(groups, start=1):
        paragraphs.append(_Paragraph("subheading", f"{n}.", name))
        paragraphs.extend(
            _Paragraph("bullet", "-", f"{item.task_text} (hạn hoàn thành: {_dmy(item.due_date)});")
            for item in items
        )
    closing = "Đề nghị các đồng chí khẩn trương chỉ đạo, tổ chức thực hiện các nhiệm vụ nêu trên"
    if letter.report_by:
        closing += f", báo cáo kết quả về Văn phòng trước ngày {_dmy(letter.report_by)}"
    paragraphs.append(_Paragraph("item", "", closing + "./."))
    return paragraphs


def urging_content(letter) -> UrgingDocument:
    program = letter.program
    register = register_for(letter.unit)
    parent, body = issuer_lines(program)
    derived_issuer = not any(line.strip() for line in program.issuer_lines)
    place = program.place or place_name(letter.unit)
    titles = with_authority(
        list(letter.signer_titles) or ([COMMITTEE_HEAD] if derived_issuer else [])
    )
    content = ProgramDocument(
        issuer_parent=parent,
        issuer_body=body,
        number_symbol=letter.number_symbol or draft_number_symbol(letter.unit),
        place_and_date=Program(
            place=place, issued_on=letter_date(letter), year=letter_date(letter).year
        ).place_and_date,
        doc_type="",  # a Công văn prints no type name
        title="",  # nor a centred title: its summary goes under the number
        body=_body(letter, letter_groups(letter)),
        recipients=recipient_lines(letter.recipients, register.drafting_code),
        signer_titles=titles,
        signer_name=letter.signer_name,
    )
    return UrgingDocument(content=content, summary=letter.summary)


def letter_docx(letter) -> bytes:
    doc = urging_content(letter)
    document = Document(io.BytesIO(render_docx(doc.content)))
    header = document.tables[0]
    # The writer's type name, title and rule: three empty paragraphs after the header.
    following = header._tbl.getnext()
    for _n in range(3):
        after = following.getnext()
        following.getparent().remove(following)
        following = after
    first = document.paragraphs[0]
    first.paragraph_format.space_before = Pt(layout.TITLE_SPACE_BEFORE_PT)
    cell = header.rows[1].cells[0]
    paragraph = cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(CV_SUMMARY_SPACE_PT)
    run = paragraph.add_run(doc.summary)
    run.font.size = Pt(CV_SUMMARY.size)
    document.core_properties.title = f"Công văn {letter.number_symbol} {doc.summary}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_EMPTY_TITLE = (
    '<div class="doc-type"></div>',
    '<div class="summary"><span class="summary-text"></span></div>',
)
_CV_CSS = (
    "<style>.cv-summary { font-size: %gpt; font-weight: normal; margin-top: %gpt; "
    "white-space: normal; } p.body.cv-body-start { margin-top: %gpt; }</style></head>"
)


def letter_html(letter) -> str:
    doc = urging_content(letter)
    html = render_html(doc.content)
    for empty in _EMPTY_TITLE:
        if empty not in html:
            raise RuntimeError(f"outgoing/program_document.html changed: {empty} not found")
        html = html.replace(empty, "", 1)
    number_cell = f'<td class="number">{escape(doc.content.number_line)}</td>'
    if number_cell not in html:
        raise RuntimeError("outgoing/program_document.html changed: number cell not found")
    html = html.replace(
        number_cell,
        number_cell[: -len("</td>")] + f'<div class="cv-summary">{escape(doc.summary)}</div></td>',
        1,
    )
    html = html.replace('<p class="body item">', '<p class="body item cv-body-start">', 1)
    css = _CV_CSS % (CV_SUMMARY.size, CV_SUMMARY_SPACE_PT, layout.TITLE_SPACE_BEFORE_PT)
    return html.replace("</head>", css, 1)


def letter_pdf(letter) -> bytes:
    from weasyprint import HTML  # imported when used: it loads Pango and fonts

    return HTML(string=letter_html(letter)).write_pdf()


def file_stem(letter) -> str:
    """``cong-van-don-doc-15-bcd-vp-2026``: ASCII, with the number (``du-thao`` for a draft)."""
    number = letter.number_symbol or "du thao"
    return slugify(fold(f"cong van don doc {number} {letter_date(letter).year}"))
