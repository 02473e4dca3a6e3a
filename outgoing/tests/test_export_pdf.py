"""The PDF, checked by reading it back: A4, the header lines, the title and the signer as a
reader sees them, page numbers from page 2 at the top centre, Times metrics."""

import io

import pypdf
import pytest

from outgoing import layout
from outgoing.export_pdf import program_pdf
from outgoing.tests.readers import pdf_pages, placed_text


@pytest.fixture
def pdf(issued_program) -> bytes:
    return program_pdf(issued_program)


def test_the_first_page_reads_as_a_state_document(pdf):
    first = pdf_pages(pdf)[0]
    for expected in [
        "UBND XÃ HƯNG CHÍNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 01/CTr-BCĐ",
        "Hưng Chính, ngày 05 tháng 01 năm 2023",
        "CHƯƠNG TRÌNH Công tác Dân vận chính quyền năm 2023",
        "I. NHIỆM VỤ TRỌNG TÂM",
    ]:
        assert expected in first, expected
    # The issuing body comes before the national title, and the title after both.
    assert first.index("BAN CHỈ ĐẠO") < first.index("CỘNG HÒA") < first.index("CHƯƠNG TRÌNH")


def test_the_last_page_closes_with_recipients_and_the_signer(pdf):
    last = pdf_pages(pdf)[-1]
    assert "Dân vận chính quyền./." in last
    assert "Nơi nhận: - Ban Dân vận Thành ủy Vinh;" in last
    assert "- Lưu: VT, HS." in last
    assert "TRƯỞNG BAN CHỦ TỊCH UBND Nguyễn Hồng Quang" in last


def test_pages_are_a4_and_numbered_from_two_at_the_top_centre(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert round(float(page.mediabox.width)) == 595
        assert round(float(page.mediabox.height)) == 842
    top_margin = layout.mm_to_pt(layout.MARGIN_TOP_MM)
    centre = layout.mm_to_pt(layout.MARGIN_LEFT_MM + layout.TEXT_WIDTH_MM / 2)
    pages = placed_text(pdf)
    assert [p.text for p in pages[0] if p.top < top_margin] == []
    for number, pieces in enumerate(pages[1:], start=2):
        in_margin = [p for p in pieces if p.top < top_margin]
        assert [p.text for p in in_margin] == [str(number)]
        assert in_margin[0].x == pytest.approx(centre, abs=8)


def test_the_text_is_set_in_times_new_roman_or_its_metric_twin(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts
    assert all(("Times" in name or "Liberation-Serif" in name) for name in fonts), fonts
    assert any("Bold-Italic" in name or "BoldItalic" in name for name in fonts)  # Nơi nhận
