"""Headers as real documents lay them out once copied to text: one test per phrase class,
on small made-up texts."""

from documents.importing import parse_program_text

BODY = "I. NHIỆM VỤ\n1. Kiểm tra hồ sơ, quý I.\n"


def test_two_column_header_flattened_with_the_motto_on_the_same_lines():
    reading = parse_program_text(
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "XÃ AN PHÚ Độc lập - Tự do - Hạnh phúc\n"
        "Số: 12/KH-UBND An Phú, ngày 05 tháng 3 năm 2025\n"
        "KẾ HOẠCH\nKiểm tra công tác văn thư năm 2025\n" + BODY
    )
    assert reading.issuer_lines == ["ỦY BAN NHÂN DÂN", "XÃ AN PHÚ"]
    assert (reading.number_symbol, reading.place) == ("12/KH-UBND", "An Phú")
    assert reading.date.isoformat() == "2025-03-05"


def test_front_issuer_on_three_lines():
    reading = parse_program_text(
        "ỦY BAN MTTQ VIỆT NAM\nXÃ AN PHÚ\nBAN THƯỜNG TRỰC\nSố: 16/KH-MTTQ-BTT\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "An Phú, ngày 18 tháng 11 năm 2025\nKẾ HOẠCH\nThực hiện công tác bầu cử\n" + BODY
    )
    assert reading.issuer_lines == ["ỦY BAN MTTQ VIỆT NAM", "XÃ AN PHÚ", "BAN THƯỜNG TRỰC"]


def test_party_header_blank_number_without_colon_and_issuer_leaking_into_the_place():
    reading = parse_program_text(
        "ĐẢNG BỘ XÃ AN PHÚ\nBAN CHỈ ĐẠO CÔNG TÁC DÂN VẬN\nSố      -KH/BCĐ\n"
        "ĐẢNG CỘNG SẢN VIỆT NAM\n"
        "BAN CHỈ ĐẠO CÔNG TÁC DÂN VẬN Tân Phong, ngày 10 tháng 01 năm 2026\n"
        "KẾ HOẠCH\nCông tác dân vận năm 2026\n" + BODY
    )
    assert reading.number_symbol == "-KH/BCĐ"
    assert reading.place == "Tân Phong"
    assert reading.issuer_lines == ["ĐẢNG BỘ XÃ AN PHÚ", "BAN CHỈ ĐẠO CÔNG TÁC DÂN VẬN"]


def test_party_number_without_colon():
    reading = parse_program_text(
        "ĐẢNG ỦY XÃ AN PHÚ\nSố 12-KH/ĐU\nAn Phú, ngày 02 tháng 01 năm 2026\n"
        "KẾ HOẠCH\nCông tác dân vận năm 2026\n" + BODY
    )
    assert reading.number_symbol == "12-KH/ĐU"


def test_place_name_broken_over_two_lines_and_year_from_a_quarter_in_the_title():
    reading = parse_program_text(
        "ỦY BAN NHÂN DÂN\nTỈNH BÀ RỊA - VŨNG TÀU\nSố: 15/TB-UBND\nBà Rịa - Vũng\n"
        "Tàu, ngày 05 tháng 3 năm 2019\nTHÔNG BÁO\n"
        "Lịch tiếp công dân của Chủ tịch UBND tỉnh (Quý III/2019)\n"
        "1. Tháng 7/2019: Chủ tịch UBND tỉnh tiếp công dân ngày 05/7/2019.\n"
    )
    assert reading.place == "Bà Rịa - Vũng Tàu"
    assert reading.year == 2019


def test_abbreviated_place_and_date_line():
    reading = parse_program_text(
        "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nSố: 12/KH-UBND\nAn Phú, 05/3/2025\n"
        "KẾ HOẠCH\nKiểm tra công tác văn thư năm 2025\n" + BODY
    )
    assert (reading.place, reading.date.isoformat()) == ("An Phú", "2025-03-05")


def test_web_copy_type_and_title_on_one_line_and_year_from_the_opening_sentence():
    reading = parse_program_text(
        "Thông báo Lịch tiếp công dân của Chủ tịch HĐND huyện An Phú\n"
        "Thường trực HĐND huyện thông báo lịch tiếp công dân năm 2024 cụ thể như sau:\n"
        "1. Ngày 05/01/2024: Chủ tịch HĐND huyện tiếp công dân.\n"
    )
    assert reading.doc_type == "Thông báo"
    assert reading.title == "Lịch tiếp công dân của Chủ tịch HĐND huyện An Phú"
    assert reading.year == 2024
    assert reading.issuer_lines == ["Thường trực HĐND huyện"]


def test_a_sentence_that_cites_a_plan_is_no_type_line():
    reading = parse_program_text(
        "Kế hoạch số 12/KH-UBND ngày 05/3/2025 của UBND xã\nI. NHIỆM VỤ\n1. Kiểm tra hồ sơ.\n"
    )
    assert reading.doc_type is None


def test_type_from_the_closing_sentence():
    reading = parse_program_text(
        "Phối hợp tuyên truyền, lịch thực hiện\n" + BODY + "Trên đây là Kế hoạch tuyên truyền "
        "của UBND xã./.\n"
    )
    assert reading.doc_type == "Kế hoạch"
    assert any("câu kết" in warning for warning in reading.warnings)


def test_fragment_that_begins_mid_list_has_no_title_and_takes_its_year_from_the_closing():
    reading = parse_program_text(
        "b) Kiểm tra việc niêm yết thủ tục hành chính.\n"
        "* Thời gian: quý I/2026.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Văn phòng tham mưu UBND xã tổ chức thực hiện.\n"
        "Trên đây là Kế hoạch kiểm tra công tác cải cách hành chính năm 2026 của UBND xã./.\n"
    )
    assert (reading.doc_type, reading.title, reading.year) == ("Kế hoạch", None, 2026)
    first = reading.items[0]
    assert (first.text, first.period, first.line) == (
        "Kiểm tra việc niêm yết thủ tục hành chính.",
        "Q1",
        1,
    )


def test_header_table_rows_with_pipes_and_no_type_line():
    reading = parse_program_text(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "XÃ AN PHÚ | Độc lập - Tự do - Hạnh phúc |\n"
        "Số: 130/KH-UBND | An Phú, ngày 13 tháng 7 năm 2022 |\n"
        "Thực hiện chỉ đạo của huyện, UBND xã ban hành Kế hoạch giám sát năm 2022, cụ thể "
        "như sau:\n"
        "I. NỘI DUNG GIÁM SÁT\n"
        "1. Giám sát việc chi trả chính sách, báo cáo trước ngày 15/12.\n"
    )
    assert reading.issuer_lines == ["ỦY BAN NHÂN DÂN", "XÃ AN PHÚ"]
    assert (reading.number_symbol, reading.place, reading.doc_type) == (
        "130/KH-UBND",
        "An Phú",
        "Kế hoạch",
    )
    assert reading.items[0].period == "D:2022-12-15"
