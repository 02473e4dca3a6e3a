"""File formats: text in UTF-8, UTF-16 and the legacy Vietnamese encodings, Word files with
tables of tasks, text boxes and content controls, and PDF files with or without text."""

import base64
import codecs
import io
import unicodedata
from pathlib import Path

import docx
import pytest
from PIL import Image, ImageDraw

from documents.importing import ImportFileError, parse_program_file, read_document, read_source
from documents.importing.legacy_encodings import is_vietnamese_syllable, vietnamese_score
from documents.tests.test_importer_builders import (
    docx_bytes,
    in_content_control,
    paragraphs_html,
    pdf_bytes,
    tcvn3_bytes,
    vni_bytes,
    vni_text,
    with_text_box,
)

SEED = Path(__file__).resolve().parents[2] / "dvcq" / "seed" / "chuong-trinh-dvcq-2023.txt"
SEED_TEXT = SEED.read_text("utf-8")
SAME_KEYS = ("doc_type", "number_symbol", "place", "date", "year", "title", "sections", "items")
SAME_KEYS += ("citations", "recipients", "signer", "anniversaries")


@pytest.fixture(scope="module")
def seed_reading() -> dict:
    return parse_program_file("chuong-trinh.txt", SEED_TEXT.encode()).to_dict()


def assert_reads_like_the_seed(reading: dict, seed_reading: dict) -> None:
    for key in SAME_KEYS:
        assert reading[key] == seed_reading[key], key


# --- plain text encodings --------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + SEED_TEXT.encode(),
        SEED_TEXT.encode("utf-16"),
        codecs.BOM_UTF16_BE + SEED_TEXT.encode("utf-16-be"),
        SEED_TEXT.encode("utf-16-le"),
        SEED_TEXT.encode("utf-16-be"),
        unicodedata.normalize("NFD", SEED_TEXT).encode(),
    ],
    ids=["utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-no-bom", "utf16be-no-bom", "nfd"],
)
def test_unicode_forms_read_like_utf8(data, seed_reading):
    assert_reads_like_the_seed(parse_program_file("ct.txt", data).to_dict(), seed_reading)


def test_tcvn3_file_is_converted_and_said_so(seed_reading):
    reading = parse_program_file("ct.txt", tcvn3_bytes(SEED_TEXT)).to_dict()
    assert_reads_like_the_seed(reading, seed_reading)
    assert reading["warnings"][0] == "Tệp dùng bảng mã cũ TCVN3 (ABC); đã chuyển sang Unicode."


def test_vni_file_is_converted_and_said_so(seed_reading):
    reading = parse_program_file("ct.txt", vni_bytes(SEED_TEXT)).to_dict()
    assert_reads_like_the_seed(reading, seed_reading)
    assert reading["warnings"][0] == "Tệp dùng bảng mã cũ VNI; đã chuyển sang Unicode."


def test_vni_text_saved_as_utf8_is_repaired(seed_reading):
    reading = parse_program_file("ct.txt", vni_text(SEED_TEXT).encode()).to_dict()
    assert_reads_like_the_seed(reading, seed_reading)
    assert "VNI" in reading["warnings"][0]


def test_tcvn3_text_saved_as_utf8_is_repaired():
    mojibake = tcvn3_bytes("KẾ HOẠCH\nCông tác dân vận năm 2025").decode("cp1252")
    assert mojibake.startswith("KÕ HO¹CH")
    assert read_source("kh.txt", mojibake.encode()) == "KẾ HOẠCH\nCông tác dân vận năm 2025"


def test_heading_font_capitals_in_tcvn3_come_out_as_capitals():
    data = tcvn3_bytes("ỦY BAN NHÂN DÂN XÃ THẠCH LÂM\nSố: 15/KH-UBND\nCHƯƠNG TRÌNH Công tác")
    assert read_source("kh.txt", data).split("\n") == [
        "ỦY BAN NHÂN DÂN XÃ THẠCH LÂM",
        "Số: 15/KH-UBND",
        "CHƯƠNG TRÌNH Công tác",
    ]


def test_real_unicode_text_is_left_alone():
    text = "Cà phê, bò bía và chè — à, ô: Thông báo"
    assert read_source("tb.txt", text.encode()) == text


def test_a_few_broken_utf8_bytes_are_replaced_with_a_warning():
    data = SEED_TEXT.encode()[:-1] + b"\xe1"
    text, warnings = read_document("ct.txt", data)
    assert text.endswith("\ufffd")
    assert "không đọc được theo UTF-8" in warnings[0]


def test_the_vietnamese_score_tells_syllables_from_mojibake():
    assert is_vietnamese_syllable("nghiệp") and is_vietnamese_syllable("QUỐC")
    assert not is_vietnamese_syllable("Coäng") and not is_vietnamese_syllable("hoµ")
    assert vietnamese_score("Cộng hòa xã hội chủ nghĩa Việt Nam") == 1.0
    assert vietnamese_score("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") < 0.5


def test_tab_separated_rows_saved_by_word_are_table_rows():
    text = (
        "KẾ HOẠCH\nCông tác năm 2025\nI. NHIỆM VỤ CỤ THỂ\n"
        "TT\tNội dung\tThời gian\tĐơn vị chủ trì\n"
        "1\tRà soát hồ sơ\tQuý II\tVăn phòng\n"
    )
    item = parse_program_file("kh.txt", text.encode()).items[0]
    assert (item.text, item.period, item.responsible) == ("Rà soát hồ sơ", "Q2", "Văn phòng")


# --- Word files ---------------------------------------------------------------------------

HEADER_TABLE = [
    ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["XÃ THẠCH LÂM", "Độc lập - Tự do - Hạnh phúc"],
    ["Số: 15/KH-UBND", "Thạch Lâm, ngày 06 tháng 01 năm 2025"],
]
TASK_TABLE = [
    ["TT", "Nội dung", "Thời gian thực hiện", "Đơn vị chủ trì", "Đơn vị phối hợp"],
    ["I", "CÔNG TÁC TUYÊN TRUYỀN", ..., ..., ...],
    ["1", "Tuyên truyền Chỉ thị số 33/CT-TTg ngày 26/11/2021", "Quý I", "Văn phòng", "Đài xã"],
    ["2", "Đối thoại với Nhân dân", "chậm nhất ngày 15/12", None, "MTTQ xã"],
    ["Quý II", ..., ..., ..., ...],
    ["3", "Sơ kết 6 tháng", "", "Công chức Tư pháp", ""],
    ["4", "Giám sát bầu cử", "từ tháng 12/2025 đến quý I/2026", "Công an xã", ""],
    ["5", "Họp giao ban", "hằng tuần", "Văn phòng", ""],
    ["6", "Kiểm tra đột xuất", "khi có yêu cầu", "Văn phòng", ""],
]
SIGNATURE_TABLE = [
    ["Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"],
    ["- UBND huyện;", "CHỦ TỊCH"],
    ["- Lưu: VT.", "Lê Văn Nam"],
]


@pytest.fixture(scope="module")
def table_plan():
    data = docx_bytes(
        HEADER_TABLE,
        "KẾ HOẠCH",
        "Công tác dân vận chính quyền năm 2025",
        "I. NHIỆM VỤ CỤ THỂ",
        TASK_TABLE,
        "II. TỔ CHỨC THỰC HIỆN",
        "Văn phòng theo dõi, đôn đốc thực hiện Kế hoạch này.",
        SIGNATURE_TABLE,
    )
    return parse_program_file("ke-hoach.docx", data)


def test_rows_of_a_task_table_are_tasks_with_period_and_unit(table_plan):
    got = [(item.text.split("\n")[0], item.period, item.responsible) for item in table_plan.items]
    assert got == [
        ("Tuyên truyền Chỉ thị số 33/CT-TTg ngày 26/11/2021", "Q1", "Văn phòng"),
        ("Đối thoại với Nhân dân", "D:2025-12-15", "Văn phòng"),
        ("Sơ kết 6 tháng", "Q2", "Công chức Tư pháp"),
        ("Giám sát bầu cử", "R:2025-12/2026-Q1", "Công an xã"),
        ("Họp giao ban", "every:1W", "Văn phòng"),
        ("Kiểm tra đột xuất", None, "Văn phòng"),
        ("Văn phòng theo dõi, đôn đốc thực hiện Kế hoạch này.", None, None),
    ]
    assert {item.kind for item in table_plan.items[:6]} == {"scheduled"}


def test_co_operating_units_are_noted_in_the_task_text(table_plan):
    assert table_plan.items[0].text.endswith("\nĐơn vị phối hợp: Đài xã")
    assert table_plan.items[1].text.endswith("\nĐơn vị phối hợp: MTTQ xã")


def test_a_time_the_table_gives_but_the_reader_does_not_understand_is_a_warning(table_plan):
    assert "Không hiểu thời gian “khi có yêu cầu” của nhiệm vụ “Kiểm tra đột xuất”." in (
        table_plan.warnings
    )


def test_header_and_signature_tables_of_the_word_file(table_plan):
    assert table_plan.issuer_lines == ["ỦY BAN NHÂN DÂN", "XÃ THẠCH LÂM"]
    assert table_plan.number_symbol == "15/KH-UBND"
    assert table_plan.date.isoformat() == "2025-01-06"
    assert table_plan.recipients == ["UBND huyện", "Lưu: VT"]
    assert (table_plan.signer.capacity, table_plan.signer.name) == (
        "TM. ỦY BAN NHÂN DÂN",
        "Lê Văn Nam",
    )
    assert [(c.kind, c.number, c.issuer) for c in table_plan.citations] == [("Chỉ thị", "33", None)]


def test_a_two_column_schedule_table_is_read_row_by_row():
    data = docx_bytes(
        "KẾ HOẠCH",
        "Công tác năm 2025",
        "I. NHIỆM VỤ CỤ THỂ",
        [["Quý I", "Kiện toàn Ban Chỉ đạo"], ["Quý III", "Sơ kết 9 tháng"]],
    )
    items = parse_program_file("kh.docx", data).items
    assert [(item.period, item.kind) for item in items] == [
        ("Q1", "scheduled"),
        ("Q3", "scheduled"),
    ]


def test_three_column_header_and_signature_tables_are_layout_not_tasks():
    data = docx_bytes(
        [
            ["ỦY BAN NHÂN DÂN XÃ THẠCH LÂM", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            ["Số: 15/KH-UBND", "", "Thạch Lâm, ngày 06 tháng 01 năm 2025"],
        ],
        "KẾ HOẠCH",
        "Công tác năm 2025",
        "1. Rà soát hồ sơ.",
        [["Nơi nhận:\n- UBND huyện;\n- Lưu: VT.", "", "CHỦ TỊCH\nLê Văn Nam"]],
    )
    reading = parse_program_file("kh.docx", data)
    assert (reading.number_symbol, reading.issuer_lines) == (
        "15/KH-UBND",
        ["ỦY BAN NHÂN DÂN XÃ THẠCH LÂM"],
    )
    assert [item.text for item in reading.items] == ["Rà soát hồ sơ."]
    assert (reading.recipients, reading.signer.name) == (["UBND huyện", "Lưu: VT"], "Lê Văn Nam")


def test_an_item_split_by_a_page_break_in_a_word_file_is_joined():
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for line in ("KẾ HOẠCH", "Công tác năm 2025", "1. Tổ chức hội nghị tuyên truyền về công tác"):
        document.add_paragraph(line)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("dân vận chính quyền.")
    document.add_paragraph("2. Sơ kết.")
    output = io.BytesIO()
    document.save(output)
    items = parse_program_file("kh.docx", output.getvalue()).items
    assert [item.text for item in items] == [
        "Tổ chức hội nghị tuyên truyền về công tác dân vận chính quyền.",
        "Sơ kết.",
    ]


def test_text_boxes_are_left_out_with_a_warning():
    data = with_text_box(
        docx_bytes("KẾ HOẠCH", "Công tác năm 2025", "1. Rà soát hồ sơ."), "DỰ THẢO"
    )
    reading = parse_program_file("kh.docx", data)
    assert [item.text for item in reading.items] == ["Rà soát hồ sơ."]
    assert "DỰ THẢO" not in reading.title
    assert "khung chữ (text box)" in reading.warnings[0] and "“DỰ THẢO”" in reading.warnings[0]


def test_paragraphs_inside_content_controls_are_read():
    data = docx_bytes("KẾ HOẠCH", "Công tác năm 2025", "1. Rà soát hồ sơ.", "2. Sơ kết.")
    items = parse_program_file("kh.docx", in_content_control(data, 3)).items
    assert [item.text for item in items] == ["Rà soát hồ sơ.", "Sơ kết."]


# --- PDF ----------------------------------------------------------------------------------

PDF_HEADER = (
    '<table style="width:100%"><tr><td style="width:40%">UBND XÃ HƯNG CHÍNH<br>'
    "BAN CHỈ ĐẠO CÔNG TÁC<br>DÂN VẬN CHÍNH QUYỀN</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>"
    "Độc lập - Tự do - Hạnh phúc</td></tr><tr><td>Số: /CTr-BTH</td>"
    "<td>Hưng Chính, ngày tháng năm 2023</td></tr></table>"
)


@pytest.fixture(scope="module")
def seed_pdf() -> bytes:
    body = SEED_TEXT.split("\n", 5)[5]  # the .txt lost its header table; the PDF has one
    return pdf_bytes(PDF_HEADER + paragraphs_html(body))


def test_pdf_with_a_text_layer_reads_like_the_text(seed_pdf, seed_reading):
    reading = parse_program_file("chuong-trinh.pdf", seed_pdf).to_dict()
    # where a sentence ends at the end of a line the PDF cannot tell a line break inside an
    # item from a paragraph break: the items match up to white space
    # (and the PDF's header table moves the source lines)
    for item in [*reading["items"], *seed_reading["items"]]:
        item["text"] = " ".join(item["text"].split())
        item.pop("line")
    assert_reads_like_the_seed(reading, seed_reading)
    assert reading["issuer_lines"] == [
        "UBND XÃ HƯNG CHÍNH",
        "BAN CHỈ ĐẠO CÔNG TÁC",
        "DÂN VẬN CHÍNH QUYỀN",
    ]


def test_pdf_lines_broken_inside_an_identifier_are_joined_without_a_space(seed_pdf):
    text = read_source("chuong-trinh.pdf", seed_pdf)
    assert "Quy chế số 07-QC/Th.U về" in " ".join(text.split())
    assert "\n2\n" not in text  # page numbers are not text


def test_a_sentence_cut_by_a_pdf_page_break_is_joined():
    body = (
        "<p>KẾ HOẠCH</p><p>Công tác năm 2025</p><p>I. NHIỆM VỤ CỤ THỂ</p>"
        "<p>1. Tổ chức hội nghị tuyên truyền về công tác</p>"
        '<p style="page-break-before: always">dân vận chính quyền tại các thôn.</p>'
        "<p>2. Sơ kết công tác năm.</p>"
    )
    reading = parse_program_file("kh.pdf", pdf_bytes(body))
    assert [item.text for item in reading.items] == [
        "Tổ chức hội nghị tuyên truyền về công tác dân vận chính quyền tại các thôn.",
        "Sơ kết công tác năm.",
    ]


def test_scanned_pdf_is_refused_as_needing_ocr():
    image = Image.new("RGB", (400, 500), "white")
    ImageDraw.Draw(image).text((20, 20), "KE HOACH", fill="black")
    png = io.BytesIO()
    image.save(png, "PNG")
    uri = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()
    data = pdf_bytes(f'<img src="{uri}" style="width: 15cm">')
    with pytest.raises(ImportFileError, match=r"scan.*OCR"):
        parse_program_file("ke-hoach.pdf", data)


def test_truncated_pdf_is_refused(seed_pdf):
    with pytest.raises(ImportFileError, match="PDF bị hỏng hoặc không đầy đủ"):
        parse_program_file("chuong-trinh.pdf", seed_pdf[: len(seed_pdf) // 2])


def test_pdf_with_a_password_is_refused_but_one_only_protected_from_editing_is_read():
    from pypdf import PdfReader, PdfWriter

    plain = pdf_bytes("<p>KẾ HOẠCH</p><p>Công tác năm 2025</p><p>1. Rà soát hồ sơ.</p>")
    for user_password, readable in (("mat-khau", False), ("", True)):
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
        writer.encrypt(user_password, owner_password="chu", algorithm="RC4-128")
        output = io.BytesIO()
        writer.write(output)
        if readable:
            assert parse_program_file("kh.pdf", output.getvalue()).items
        else:
            with pytest.raises(ImportFileError, match="đặt mật khẩu"):
                parse_program_file("kh.pdf", output.getvalue())
