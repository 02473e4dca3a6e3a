"""The Word file follows Decree 30/2020: A4 and its margins, Times New Roman at the size of
each component, the two-column header with its rules, page numbers from page 2."""

import datetime
import re

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from outgoing import layout
from outgoing.export_docx import program_docx
from outgoing.metrics import text_width_pt
from outgoing.tests.readers import has_top_border, lines_of, open_docx


@pytest.fixture
def document(issued_program):
    return open_docx(program_docx(issued_program))


def test_the_page_is_a4_with_the_margins_of_the_decree(document):
    section = document.sections[0]
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]


def test_the_text_is_times_new_roman(document):
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    fonts = normal.element.rPr.rFonts
    assert fonts.get(qn("w:hAnsi")) == fonts.get(qn("w:cs")) == "Times New Roman"


def test_the_header_has_the_issuing_body_beside_the_national_title(document):
    header = document.tables[0]
    left = lines_of(header.cell(0, 0).paragraphs)
    right = lines_of(header.cell(0, 1).paragraphs)
    # The seed lost its header; the unit's steering committee under its UBND stands in.
    assert left[0].text == "UBND XÃ HƯNG CHÍNH"
    assert (left[0].size, left[0].bold) == (12, False)
    assert " ".join(line.text for line in left[1:]) == (
        "BAN CHỈ ĐẠO THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN"
    )
    assert all(line.bold and line.size == 12 for line in left[1:])
    assert [(line.text, line.size, line.bold) for line in right] == [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True),
        ("Độc lập - Tự do - Hạnh phúc", 13, True),
    ]
    assert all(line.paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER for line in left + right)


def rule_length_pt(paragraph, column_mm) -> float:
    fmt = paragraph.paragraph_format
    return layout.mm_to_pt(column_mm) - fmt.left_indent.pt - fmt.right_indent.pt


def test_rules_run_under_the_motto_and_a_shorter_one_under_the_body(document):
    header = document.tables[0]
    motto_rule = header.cell(0, 1).paragraphs[-1]
    assert has_top_border(motto_rule)
    motto_width = text_width_pt(layout.MOTTO_TEXT, layout.MOTTO)
    assert rule_length_pt(motto_rule, layout.HEADER_RIGHT_MM) == pytest.approx(motto_width, abs=1)
    body_rule = header.cell(0, 0).paragraphs[-1]
    assert has_top_border(body_rule)
    body_width = max(
        text_width_pt(line.text, layout.ISSUER_BODY)
        for line in lines_of(header.cell(0, 0).paragraphs)[1:]
    )
    length = rule_length_pt(body_rule, layout.HEADER_LEFT_MM)
    assert body_width / 3 <= length <= body_width / 2


def test_number_and_dated_place_sit_under_the_two_header_columns(document):
    header = document.tables[0]
    (number,) = lines_of(header.cell(1, 0).paragraphs)
    (place,) = lines_of(header.cell(1, 1).paragraphs)
    assert (number.text, number.size) == ("Số: 01/CTr-BCĐ", 13)
    assert (place.text, place.size, place.italic) == (
        "Hưng Chính, ngày 05 tháng 01 năm 2023",
        14,
        True,
    )


def test_type_name_and_summary_are_bold_and_centred(document):
    body = lines_of(document.paragraphs)
    kind, summary = body[0], body[1]
    assert (kind.text, kind.size, kind.bold) == ("CHƯƠNG TRÌNH", 14, True)
    assert (summary.text, summary.size, summary.bold) == (
        "Công tác Dân vận chính quyền năm 2023",
        14,
        True,
    )
    assert kind.paragraph.alignment == summary.paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert has_top_border(document.paragraphs[2])


def test_the_body_is_justified_indented_and_numbered(document):
    body = lines_of(document.paragraphs)[2:]
    texts = [line.text for line in body]
    # The opening paragraph ("Thực hiện …") comes before section I.
    assert texts[0].startswith("Thực hiện Chương trình công tác Dân vận chính quyền năm 2023")
    assert texts[0].endswith("như sau:")
    body, texts = body[1:], texts[1:]
    assert texts[0] == "I. NHIỆM VỤ TRỌNG TÂM"
    assert texts[1].startswith("1. Tiếp tục quán triệt")
    assert texts.index("II. NHIỆM VỤ CỤ THỂ, THỜI GIAN THỰC HIỆN") == 11
    assert texts[12] == "1. Quý I"
    assert texts[13] == "- Xây dựng Chương trình công tác Dân vận chính quyền năm 2023."
    assert "4. Quý IV" in texts
    assert texts[-3] == "III. TỔ CHỨC THỰC HIỆN"
    assert texts[-1].endswith("chương trình công tác Dân vận chính quyền./.")
    for line in body:
        fmt = line.paragraph.paragraph_format
        assert line.size == 14
        assert line.paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert round(fmt.first_line_indent.mm) == 10
        assert fmt.space_after.pt >= 6
        assert 1 <= fmt.line_spacing <= 1.5
        heading = line.text.isupper() or re.fullmatch(r"\d\. Quý [IV]+", line.text)
        assert line.bold == bool(heading)


def test_recipients_and_signature_block(document):
    closing = document.tables[-1]
    recipients = lines_of(closing.cell(0, 0).paragraphs)
    assert (recipients[0].text, recipients[0].size) == ("Nơi nhận:", 12)
    assert recipients[0].bold and recipients[0].italic
    assert [line.text for line in recipients[1:]] == [
        "- Ban Dân vận Thành ủy Vinh;",
        "- Phòng Nội vụ thành phố Vinh;",
        "- TT Đảng ủy, HĐND, MTTQ xã;",
        "- Ban Dân vận Đảng ủy xã;",
        "- Ban thực hiện dân vận chính quyền xã;",
        "- Lưu: VT, HS.",
    ]
    assert all(line.size == 11 and not line.bold for line in recipients[1:])
    signer = lines_of(closing.cell(0, 1).paragraphs)
    assert [line.text for line in signer] == ["TRƯỞNG BAN", "CHỦ TỊCH UBND", "Nguyễn Hồng Quang"]
    assert all(line.bold and line.size == 14 for line in signer)
    assert signer[-1].paragraph.paragraph_format.space_before.mm >= 20  # room to sign


def test_pages_are_numbered_from_page_two_at_the_top_centre(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    first_page = section.first_page_header
    # No header of its own for page 1: Word and LibreOffice leave it blank.
    assert first_page.is_linked_to_previous or "PAGE" not in first_page._element.xml
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    instructions = [node.text for node in header._p.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]
    assert header.runs[0].font.size.pt == 14


def test_a_draft_leaves_room_for_the_number_and_the_day(seed_program):
    document = open_docx(program_docx(seed_program))
    header = document.tables[0]
    assert header.cell(1, 0).text.replace(" ", "") == "Số:/CTr-BTH"
    assert "      /CTr-BTH" in header.cell(1, 0).text
    assert header.cell(1, 1).text == "Hưng Chính, ngày    tháng    năm 2023"


def test_a_program_with_its_own_header_lines_keeps_them(seed_program):
    seed_program.issuer_lines = [
        "UBND XÃ HƯNG CHÍNH",
        "BAN CHỈ ĐẠO CÔNG TÁC",
        "DÂN VẬN CHÍNH QUYỀN",
    ]
    seed_program.issued_on = datetime.date(2023, 3, 9)
    document = open_docx(program_docx(seed_program))
    left = lines_of(document.tables[0].cell(0, 0).paragraphs)
    assert [(line.text, line.bold) for line in left] == [
        ("UBND XÃ HƯNG CHÍNH", False),
        ("BAN CHỈ ĐẠO CÔNG TÁC", True),
        ("DÂN VẬN CHÍNH QUYỀN", True),
    ]
    assert document.tables[0].cell(1, 1).text == "Hưng Chính, ngày 09 tháng 3 năm 2023"
