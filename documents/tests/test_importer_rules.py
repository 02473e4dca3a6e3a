"""Focused rules of the program importer, on small made-up texts."""

import codecs
import datetime
import unicodedata

import pytest

from documents.importing import (
    ImportFileError,
    citation_key,
    extract_citations,
    is_valid_period,
    parse_program_file,
    parse_program_text,
    period_end,
    period_label,
    read_source,
    require_tasks,
)
from documents.importing.anniversaries import extract_anniversaries
from documents.importing.periods import find_period, parse_period

PLAN = """ỦY BAN NHÂN DÂN
XÃ THẠCH LÂM
Số: 15/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thạch Lâm, ngày 06 tháng 01 năm 2025
KẾ HOẠCH
Thực hiện công tác dân vận chính quyền
năm 2025 trên địa bàn xã
Căn cứ Kế hoạch số 45/KH-UBND ngày 20/12/2024 của UBND huyện Thạch Hà về công tác dân vận;
I. MỤC ĐÍCH, YÊU CẦU
- Nâng cao nhận thức của cán bộ, công chức về công tác dân vận.
II. NHIỆM VỤ TRỌNG TÂM
1. Tiếp tục thực hiện Quy chế dân chủ ở cơ sở.
2. Chủ tịch UBND xã tiếp công dân hằng tuần tại trụ sở.
III. NHIỆM VỤ CỤ THỂ
1. Rà soát, kiện toàn Ban Chỉ đạo.
- Thời gian thực hiện: Tháng 11/2025
- Đơn vị chủ trì: Văn phòng HĐND và UBND xã
2. Tổ chức hội nghị sơ kết.
Thời gian: chậm nhất ngày 15/12
Đơn vị chủ trì: Công chức Tư pháp - Hộ tịch
3. Giám sát công tác bầu cử.
- Thời gian thực hiện: từ tháng 12/2025 đến quý I/2026
IV. TỔ CHỨC THỰC HIỆN
• Văn phòng theo dõi, đôn đốc việc thực hiện Kế hoạch.
• Các ban, ngành báo cáo kết quả trước ngày 20/12.
Nơi nhận:
- UBND huyện (b/c);
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lê Thị Hoa
"""

QUARTERS = """CHƯƠNG TRÌNH
Công tác dân vận chính quyền năm 2024
1. Nhiệm vụ trọng tâm
1. Đẩy mạnh cải cách hành chính.
2. Nhiệm vụ cụ thể, thời gian thực hiện
1. Quý I
- Xây dựng chương trình công tác năm 2024.
+ Lấy ý kiến các thành viên Ban Chỉ đạo.
- Phân công thành viên theo dõi các thôn.
2. Quý III
- Tự kiểm tra công tác dân vận chính quyền.
3. 6 tháng cuối năm
- Tổng kết công tác năm.
"""


@pytest.fixture(scope="module")
def plan():
    return parse_program_text(PLAN)


# --- header -----------------------------------------------------------------------------


def test_header_fields(plan):
    assert plan.doc_type == "Kế hoạch"
    assert plan.number_symbol == "15/KH-UBND"
    assert plan.issuer_lines == ["ỦY BAN NHÂN DÂN", "XÃ THẠCH LÂM"]
    assert plan.place == "Thạch Lâm"
    assert plan.date == datetime.date(2025, 1, 6)
    assert plan.year == 2025


def test_title_on_the_next_lines_is_joined(plan):
    assert plan.title == "Thực hiện công tác dân vận chính quyền năm 2025 trên địa bàn xã"


def test_title_on_the_type_line():
    reading = parse_program_text("KẾ HOẠCH Tuyên truyền pháp luật năm 2026\n1. Tổ chức hội nghị.")
    assert reading.doc_type == "Kế hoạch"
    assert reading.title == "Tuyên truyền pháp luật năm 2026"
    assert reading.year == 2026


def test_date_line_without_day_and_month():
    text = "Số: /CTr-BCĐ\nXuân Lộc, ngày .... tháng .... năm 2025\nCHƯƠNG TRÌNH\nCông tác dân vận"
    reading = parse_program_text(text + "\n1. Tổ chức hội nghị.")
    assert reading.place == "Xuân Lộc"
    assert reading.date is None
    assert reading.number_symbol == "/CTr-BCĐ"
    assert "Không tìm thấy ngày ban hành (ngày, tháng để trống)." in reading.warnings
    # the summary names no year: the year of issue is taken, and the clerk is told
    assert reading.year == 2025
    assert any("lấy năm ban hành 2025" in warning for warning in reading.warnings)


def test_date_line_split_over_two_lines():
    text = "Số: 3/KH-UBND\nHòa Bình, ngày\n9 tháng 2 năm 2024\nKẾ HOẠCH\nDân vận năm 2024"
    reading = parse_program_text(text)
    assert reading.date == datetime.date(2024, 2, 9)
    assert reading.place == "Hòa Bình"


# --- sections and items -----------------------------------------------------------------


def test_roman_sections_in_order(plan):
    assert plan.sections == [
        "Mục đích, yêu cầu",
        "Nhiệm vụ trọng tâm",
        "Nhiệm vụ cụ thể",
        "Tổ chức thực hiện",
    ]


def test_items_kinds_periods_and_units(plan):
    got = [(item.kind, item.text, item.period, item.responsible) for item in plan.items]
    assert got == [
        ("focus", "Tiếp tục thực hiện Quy chế dân chủ ở cơ sở.", None, None),
        ("focus", "Chủ tịch UBND xã tiếp công dân hằng tuần tại trụ sở.", "every:1W", None),
        ("scheduled", "Rà soát, kiện toàn Ban Chỉ đạo.", "M11", "Văn phòng HĐND và UBND xã"),
        ("scheduled", "Tổ chức hội nghị sơ kết.", "D:2025-12-15", "Công chức Tư pháp - Hộ tịch"),
        ("scheduled", "Giám sát công tác bầu cử.", "R:2025-12/2026-Q1", None),
        ("organization", "Văn phòng theo dõi, đôn đốc việc thực hiện Kế hoạch.", None, None),
        ("organization", "Các ban, ngành báo cáo kết quả trước ngày 20/12.", "D:2025-12-20", None),
    ]


def test_purpose_section_gives_no_tasks_but_says_so(plan):
    assert not any("Nâng cao nhận thức" in item.text for item in plan.items)
    assert any("Mục đích, yêu cầu" in warning for warning in plan.warnings)


def test_quarter_headings_give_periods_to_bullets():
    reading = parse_program_text(QUARTERS)
    assert reading.sections == ["Nhiệm vụ trọng tâm", "Nhiệm vụ cụ thể, thời gian thực hiện"]
    got = [(item.kind, item.period, item.text.split("\n")[0]) for item in reading.items]
    assert got == [
        ("focus", None, "Đẩy mạnh cải cách hành chính."),
        ("scheduled", "Q1", "Xây dựng chương trình công tác năm 2024."),
        ("scheduled", "Q1", "Phân công thành viên theo dõi các thôn."),
        ("scheduled", "Q3", "Tự kiểm tra công tác dân vận chính quyền."),
        ("scheduled", "H2", "Tổng kết công tác năm."),
    ]


def test_plus_bullet_is_a_detail_of_the_task_above():
    first_task = parse_program_text(QUARTERS).items[1]
    assert first_task.text == (
        "Xây dựng chương trình công tác năm 2024.\n+ Lấy ý kiến các thành viên Ban Chỉ đạo."
    )


def test_line_starting_in_lower_case_continues_the_item():
    text = "KẾ HOẠCH\nDân vận năm 2025\n1. Tổ chức tuyên truyền Nghị\n\nquyết số 12/NQ-HĐND.\n"
    reading = parse_program_text(text)
    assert [item.text for item in reading.items] == [
        "Tổ chức tuyên truyền Nghị quyết số 12/NQ-HĐND."
    ]


def test_implementation_clause_names_its_unit():
    text = (
        "KẾ HOẠCH\nDân vận năm 2025\nIII. TỔ CHỨC THỰC HIỆN\n"
        "1. Công chức Văn hóa - Xã hội: tham mưu tổ chức các hoạt động.\n"
        "2. Văn phòng UBND xã\n- Theo dõi, đôn đốc.\n- Tổng hợp báo cáo.\n"
    )
    items = parse_program_text(text).items
    assert [item.responsible for item in items] == [
        "Công chức Văn hóa - Xã hội",
        "Văn phòng UBND xã",
    ]
    assert items[1].text == "Văn phòng UBND xã\n- Theo dõi, đôn đốc.\n- Tổng hợp báo cáo."


def test_schedule_table_rows_are_tasks():
    text = (
        "KẾ HOẠCH\nDân vận năm 2025\nII. NHIỆM VỤ CỤ THỂ\n"
        "TT | Nội dung | Thời gian | Đơn vị chủ trì | Đơn vị phối hợp\n"
        "1 | Xây dựng kế hoạch | Quý I | Văn phòng | Các ngành\n"
        "2 | Sơ kết 6 tháng | Tháng 6 | Công chức Tư pháp | Văn phòng\n"
    )
    got = [(i.text, i.period, i.responsible) for i in parse_program_text(text).items]
    assert got == [
        ("Xây dựng kế hoạch\nĐơn vị phối hợp: Các ngành", "Q1", "Văn phòng"),
        ("Sơ kết 6 tháng\nĐơn vị phối hợp: Văn phòng", "M6", "Công chức Tư pháp"),
    ]


def test_sub_tasks_sharing_one_time_block_make_one_task():
    text = (
        "KẾ HOẠCH\nBầu cử năm 2026\nII. NỘI DUNG, TIẾN ĐỘ\n"
        "1. Giám sát bầu cử\n1.1. Tham gia các đoàn giám sát.\n1.2. Tổng hợp kiến nghị.\n"
        "- Thời gian thực hiện: Quý I/2026.\n- Đơn vị chủ trì: Ban Thường trực\n"
        "2. Tổng kết\n2.1. Họp tổng kết.\n- Thời gian thực hiện: Tháng 4/2026.\n"
        "2.2. Khen thưởng.\n- Thời gian thực hiện: Tháng 5/2026.\n"
    )
    got = [(i.text.split("\n")[0], i.period, i.responsible) for i in parse_program_text(text).items]
    assert got == [
        ("Giám sát bầu cử", "Q1", "Ban Thường trực"),
        ("Họp tổng kết.", "M4", None),
        ("Khen thưởng.", "M5", None),
    ]


def test_closing_sentence_is_not_part_of_the_last_task():
    text = "KẾ HOẠCH\nDân vận năm 2025\n1. Tổ chức hội nghị.\nTrên đây là Kế hoạch của UBND xã./."
    [item] = parse_program_text(text).items
    assert item.text == "Tổ chức hội nghị."


def test_type_read_from_the_opening_sentence_when_the_header_is_missing():
    text = (
        "Lịch tiếp công dân năm 2025\n"
        "Ủy ban nhân dân xã Hòa Thuận thông báo lịch tiếp công dân như sau:\n"
        "1. Chủ tịch UBND xã tiếp công dân vào thứ Năm hằng tuần.\n"
    )
    reading = parse_program_text(text)
    assert reading.doc_type == "Thông báo"
    assert reading.title == "Lịch tiếp công dân năm 2025"
    assert reading.items[0].period == "every:1W"


def test_decomposed_unicode_is_read_as_composed():
    reading = parse_program_text(unicodedata.normalize("NFD", PLAN))
    assert reading.title == "Thực hiện công tác dân vận chính quyền năm 2025 trên địa bàn xã"
    assert reading.sections[1] == "Nhiệm vụ trọng tâm"
    assert len(reading.items) == 7


# --- end of the document ----------------------------------------------------------------


def test_recipients_without_dash_and_semicolon(plan):
    assert plan.recipients == ["UBND huyện (b/c)", "Lưu: VT"]


def test_signer_for_the_committee_signed_by_a_deputy(plan):
    assert plan.signer.capacity == "TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH"
    assert plan.signer.title == "PHÓ CHỦ TỊCH"
    assert plan.signer.position is None
    assert plan.signer.name == "Lê Thị Hoa"


def test_signer_with_a_further_title_line():
    text = "KẾ HOẠCH\nDân vận năm 2025\n1. Họp.\nTRƯỞNG BAN\nCHỦ TỊCH UBND XÃ\nPhạm Văn Nam"
    signer = parse_program_text(text).signer
    assert (signer.capacity, signer.title, signer.position, signer.name) == (
        None,
        "TRƯỞNG BAN",
        "CHỦ TỊCH UBND XÃ",
        "Phạm Văn Nam",
    )


def test_signature_block_above_the_recipients():
    text = (
        "KẾ HOẠCH\nDân vận năm 2025\n1. Họp Ban Chỉ đạo.\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nHồ Văn Minh\nNơi nhận:\n- UBND huyện;\n- Lưu: VT.\n"
    )
    reading = parse_program_text(text)
    assert (reading.signer.capacity, reading.signer.name) == ("TM. ỦY BAN NHÂN DÂN", "Hồ Văn Minh")
    assert reading.recipients == ["UBND huyện", "Lưu: VT"]
    assert [item.text for item in reading.items] == ["Họp Ban Chỉ đạo."]


# --- citations --------------------------------------------------------------------------


def test_citations_written_many_ways():
    text = (
        "Thực hiện Nghị quyết 12/NQ-TW ngày 03/6/2019 của BCH TW (khóa XII); "
        "Quyết định số 45-QĐ/TU ngày 1/2/2020 của Ban Thường vụ Tỉnh ủy Hà Tĩnh về việc ban hành; "
        "Kế hoạch 88 KH/HU ngày 22/9/2021 của Ban Thường vụ Huyện ủy và Kế hoạch số 31/KHUBND "
        "ngày 23/11/2022 của UBND Tỉnh về thực hiện Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 "
        "của Chính phủ."
    )
    got = [
        (c.kind, c.number, c.number_year, c.symbol, c.date, c.issuer)
        for c in extract_citations(text)
    ]
    assert got == [
        ("Nghị quyết", "12", None, "NQ-TW", datetime.date(2019, 6, 3), "BCH TW"),
        (
            "Quyết định",
            "45",
            None,
            "QĐ/TU",
            datetime.date(2020, 2, 1),
            "Ban Thường vụ Tỉnh ủy Hà Tĩnh",
        ),
        ("Kế hoạch", "88", None, "KH/HU", datetime.date(2021, 9, 22), "Ban Thường vụ Huyện ủy"),
        ("Kế hoạch", "31", None, "KHUBND", datetime.date(2022, 11, 23), "UBND Tỉnh"),
        ("Nghị định", "59", 2023, "NĐ-CP", datetime.date(2023, 8, 14), "Chính phủ"),
    ]


def test_same_document_cited_twice_is_listed_once():
    text = (
        "Chỉ thị số 05/CT-TTg ngày 05/3/2023 của Thủ tướng Chính phủ. Tiếp tục tuyên truyền "
        "chỉ thị 05/CT-TTg ngày 05/03/2023, Quy chế số 02-QC/TU và Quy chế số 02-QC/Th.U."
    )
    got = [(c.kind, c.number, c.symbol) for c in extract_citations(text)]
    assert got == [
        ("Chỉ thị", "05", "CT-TTg"),
        ("Quy chế", "02", "QC/TU"),
        ("Quy chế", "02", "QC/Th.U"),
    ]


def test_citation_without_issuer_has_none():
    [citation] = extract_citations("Quy chế số 03-QC/ĐU ngày 8/12/2021 về công tác dân vận.")
    assert citation.issuer is None
    assert citation.date == datetime.date(2021, 12, 8)


def test_citation_key_folds_case_and_punctuation():
    assert citation_key("Kế hoạch", "696", "KH-UBND", None) == citation_key(
        "kế hoạch", "696", "kh/ubnd", None
    )
    assert citation_key("Kế hoạch", "696", "KHUBND", None) == citation_key(
        "Kế hoạch", "696", "KH. UBND", None
    )
    assert citation_key("Quy chế", "07", "QC/TU", None) != citation_key(
        "Quy chế", "07", "QC/Th.U", None
    )
    assert citation_key("Chỉ thị", "16", "CT-TTg", None) != citation_key(
        "Quyết định", "16", "CT-TTg", None
    )


def test_plan_citation_read_from_the_preamble(plan):
    [citation] = plan.citations
    assert (citation.number, citation.issuer) == ("45", "UBND huyện Thạch Hà")


# --- periods ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "period"),
    [
        ("Quý II", "Q2"),
        ("Tháng 11/2025", "M11"),
        ("chậm nhất ngày 15/12", "D:2025-12-15"),
        ("Ngày 05/01/2026", "D:2026-01-05"),
        ("từ tháng 12/2025 đến quý I/2026", "R:2025-12/2026-Q1"),
        ("Từ tháng 11/2025 đến tháng 4/2026.", "R:2025-11/2026-04"),
        ("Quý IV/2025 và Quý I/2026", "R:Q4/Q1"),
        ("hằng tuần", "every:1W"),
        ("Hàng tháng", "every:1M"),
        ("6 tháng/lần", "every:6M"),
        ("6 tháng đầu năm", "H1"),
        ("Cả năm", "Y"),
        ("Sau khi có hướng dẫn", None),
    ],
)
def test_parse_period(phrase, period):
    assert parse_period(phrase, 2025) == period


def test_task_wording_dates_of_cited_documents_are_not_periods():
    assert find_period("Thực hiện Chỉ thị số 05/CT-TTg ngày 05/3/2023 của Thủ tướng", 2025) is None
    assert find_period("Họp Ban Chỉ đạo 6 tháng/lần.", 2025) == "every:6M"
    assert find_period("Định kỳ 6 tháng, một năm.", 2025) is None
    assert find_period("Quý III: Tự kiểm tra công tác dân vận.", 2025) == "Q3"
    assert find_period("Tổ chức hội nghị trong tháng 9/2025.", 2025) == "M9"


@pytest.mark.parametrize(
    ("period", "end"),
    [
        ("Q1", datetime.date(2025, 3, 31)),
        ("Q2", datetime.date(2025, 6, 30)),
        ("Q3", datetime.date(2025, 9, 30)),
        ("Q4", datetime.date(2025, 12, 31)),
        ("H1", datetime.date(2025, 6, 30)),
        ("H2", datetime.date(2025, 12, 31)),
        ("Y", datetime.date(2025, 12, 31)),
        (None, datetime.date(2025, 12, 31)),
        ("every:1W", datetime.date(2025, 12, 31)),
        ("M2", datetime.date(2025, 2, 28)),
        ("D:2025-12-15", datetime.date(2025, 12, 15)),
        ("R:2025-12/2026-Q1", datetime.date(2026, 3, 31)),
        ("R:2025-11/2026-04", datetime.date(2026, 4, 30)),
        ("R:2026-01/2026-03-15", datetime.date(2026, 3, 15)),
    ],
)
def test_period_end(period, end):
    assert period_end(period, 2025) == end


@pytest.mark.parametrize(
    ("period", "label"),
    [
        ("Q1", "Quý I"),
        ("Q4", "Quý IV"),
        ("H1", "6 tháng đầu năm"),
        ("H2", "6 tháng cuối năm"),
        ("Y", "Cả năm"),
        (None, "Cả năm"),
        ("M3", "Tháng 3"),
        ("D:2025-12-15", "Ngày 15/12/2025"),
        ("R:2025-12/2026-Q1", "Từ tháng 12/2025 đến quý I/2026"),
        ("every:6M", "6 tháng/lần"),
        ("every:1M", "Hằng tháng"),
        ("every:1W", "Hằng tuần"),
    ],
)
def test_period_label(period, label):
    assert period_label(period) == label


@pytest.mark.parametrize(
    ("period", "valid"),
    [
        ("Q3", True),
        ("M12", True),
        ("D:2024-02-29", True),
        ("R:2025-12/2026-Q1", True),
        ("every:6M", True),
        ("Q5", False),
        ("M13", False),
        ("D:2025-02-29", False),
        ("R:2026-Q1/2025-12", False),
        ("quý I", False),
    ],
)
def test_is_valid_period(period, valid):
    assert is_valid_period(period) is valid


def test_unknown_period_code_is_refused():
    with pytest.raises(ValueError, match="Q7"):
        period_end("Q7", 2025)


# --- anniversaries ----------------------------------------------------------------------


def test_anniversaries_from_a_span_or_from_the_year():
    text = (
        "Thi đua chào mừng kỷ niệm 70 năm thành lập huyện (4/1955-4/2025), "
        "95 năm ngày thành lập Đảng, xây dựng nông thôn mới."
    )
    got = [(a.what, a.ordinal, a.base_year) for a in extract_anniversaries(text, 2025)]
    assert got == [("thành lập huyện", 70, 1955), ("ngày thành lập Đảng", 95, 1930)]


def test_numbers_of_years_outside_a_celebration_are_not_anniversaries():
    assert extract_anniversaries("Sau 40 năm đổi mới, định kỳ 6 tháng báo cáo.", 2025) == []


# --- reading files ----------------------------------------------------------------------


def test_empty_file_is_refused():
    with pytest.raises(ImportFileError, match="Tệp rỗng"):
        read_source("ke-hoach.txt", b"")


def test_whitespace_only_file_is_refused():
    with pytest.raises(ImportFileError, match="Tệp rỗng"):
        read_source("ke-hoach.txt", b" \n\t \r\n")


def test_binary_garbage_is_refused():
    with pytest.raises(ImportFileError, match="Không đọc được tệp"):
        read_source("ke-hoach.txt", bytes(range(256)) * 8)


def test_too_big_file_is_refused_with_the_limit():
    with pytest.raises(ImportFileError, match="1 MB"):
        read_source("ke-hoach.txt", b"a" * (1024 * 1024 + 1), max_bytes=1024 * 1024)


def test_utf16_with_bom_is_decoded():
    assert read_source("ke-hoach.txt", "Kế hoạch số 5".encode("utf-16")) == "Kế hoạch số 5"


def test_utf8_bom_is_dropped():
    data = codecs.BOM_UTF8 + "Chương trình".encode()
    assert read_source("chuong-trinh.txt", data) == "Chương trình"


def test_unsupported_extension_is_refused():
    with pytest.raises(ImportFileError, match=r"\.xlsx"):
        read_source("ke-hoach.xlsx", b"PK\x03\x04")


def test_broken_docx_is_refused():
    with pytest.raises(ImportFileError, match="Word"):
        read_source("ke-hoach.docx", b"this is not a zip file")


def test_report_without_tasks_keeps_its_header_citations_and_signer():
    data = (
        "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nSố: 12/BC-UBND\nAn Phú, ngày 05 tháng 3 năm 2025\n"
        "BÁO CÁO\nKết quả công tác dân vận quý I năm 2025\n"
        "Thực hiện Kế hoạch số 07/KH-UBND ngày 10/01/2025 của UBND xã, UBND xã báo cáo "
        "kết quả như sau: đã tuyên truyền tại 5 thôn.\n"
        "Nơi nhận:\n- UBND huyện;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn B\n"
    ).encode()
    reading = parse_program_file("bao-cao.txt", data)
    assert reading.items == []
    assert "Không tìm thấy nhiệm vụ nào trong văn bản." in reading.warnings
    assert (reading.doc_type, reading.number_symbol) == ("Báo cáo", "12/BC-UBND")
    assert [c.identifier() for c in reading.citations] == ["07/KH-UBND"]
    assert reading.recipients == ["UBND huyện", "Lưu: VT"]
    assert reading.signer.name == "Lê Văn B"


def test_saving_a_file_without_tasks_straight_away_is_refused():
    reading = parse_program_file("ke-hoach.txt", "KẾ HOẠCH\nTuyên truyền năm 2025\n".encode())
    with pytest.raises(ImportFileError, match="Không tìm thấy nhiệm vụ nào trong tệp"):
        require_tasks("ke-hoach.txt", reading)
