"""Layouts (numbering, bullets, page breaks, the ways a time or a unit in charge is written)
and document types (Chương trình, Kế hoạch, Báo cáo, Thông báo, Quyết định)."""

import pytest

from documents.importing import parse_program_file, parse_program_text

HEADER = """ỦY BAN NHÂN DÂN
XÃ THẠCH LÂM
Số: {number}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thạch Lâm, ngày 06 tháng 01 năm 2025
"""
CLOSING = """Nơi nhận:
- UBND huyện;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Nam
"""


def plan(body: str, kind: str = "KẾ HOẠCH", number: str = "15/KH-UBND") -> str:
    title = "Công tác dân vận chính quyền năm 2025"
    return f"{HEADER.format(number=number)}{kind}\n{title}\n{body}{CLOSING}"


def items_of(body: str) -> list[tuple[str, str | None, str | None]]:
    reading = parse_program_text(plan(body))
    return [(item.text, item.period, item.responsible) for item in reading.items]


# --- numbering and bullets ------------------------------------------------------------------


def test_roman_sections():
    reading = parse_program_text(
        plan("I. MỤC ĐÍCH, YÊU CẦU\n- Nâng cao nhận thức.\nII. NHIỆM VỤ\n1. Rà soát.\n")
    )
    assert reading.sections == ["Mục đích, yêu cầu", "Nhiệm vụ"]
    assert [item.text for item in reading.items] == ["Rà soát."]


def test_arabic_section_numbering():
    reading = parse_program_text(
        plan("1. Nhiệm vụ trọng tâm\n1.1. Rà soát.\n1.2. Sơ kết.\n2. Tổ chức thực hiện\n")
    )
    assert reading.sections == ["Nhiệm vụ trọng tâm", "Tổ chức thực hiện"]
    assert [item.text for item in reading.items] == ["Rà soát.", "Sơ kết."]


def test_sub_items_numbered_1_1_under_a_group():
    got = items_of(
        "II. NHIỆM VỤ\n1. Công tác tuyên truyền\n1.1. Tuyên truyền trên loa.\n"
        "1.2. Tuyên truyền tại thôn.\n2. Sơ kết năm.\n"
    )
    assert [text for text, _period, _unit in got] == [
        "Tuyên truyền trên loa.",
        "Tuyên truyền tại thôn.",
        "Sơ kết năm.",
    ]


@pytest.mark.parametrize("bullet", ["-", "+", "•"])
def test_bullets_are_tasks_of_their_section(bullet):
    got = items_of(f"II. NHIỆM VỤ\n{bullet} Rà soát hồ sơ.\n{bullet} Sơ kết năm.\n")
    assert [text for text, _period, _unit in got] == ["Rà soát hồ sơ.", "Sơ kết năm."]


def test_plus_bullets_under_a_dash_are_its_details():
    got = items_of("II. NHIỆM VỤ\n- Tuyên truyền:\n+ trên loa;\n+ tại thôn.\n")
    assert got[0][0] == "Tuyên truyền:\n+ trên loa;\n+ tại thôn."


def test_an_item_split_by_a_page_break_is_joined_with_a_warning():
    reading = parse_program_text(
        plan(
            "II. NHIỆM VỤ\n1. Tổ chức hội nghị tuyên truyền về công tác\n\f\ndân vận.\n2. Sơ kết.\n"
        )
    )
    assert [item.text for item in reading.items] == [
        "Tổ chức hội nghị tuyên truyền về công tác dân vận.",
        "Sơ kết.",
    ]
    assert any(warning.startswith("Đã nối đoạn bị ngắt") for warning in reading.warnings)


# --- periods -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "period"),
    [
        ("Quý II", "Q2"),
        ("Quý IV/2025", "Q4"),
        ("Tháng 11/2025", "M11"),
        ("6 tháng đầu năm", "H1"),
        ("chậm nhất ngày 15/12", "D:2025-12-15"),
        ("trước ngày 20/11/2025", "D:2025-11-20"),
        ("ngày 05 tháng 9 năm 2025", "D:2025-09-05"),
        ("từ tháng 12/2025 đến quý I/2026", "R:2025-12/2026-Q1"),
        ("Quý IV/2025 và Quý I/2026", "R:Q4/Q1"),
        ("từ ngày 01/3 đến ngày 15/3/2026", "R:2026-03-01/2026-03-15"),
        ("6 tháng/lần", "every:6M"),
        ("hằng tuần", "every:1W"),
        ("hàng tháng", "every:1M"),
        ("cả năm", "Y"),
    ],
)
def test_time_lines_give_the_period(wording, period):
    got = items_of(f"II. NHIỆM VỤ CỤ THỂ\n1. Rà soát.\n- Thời gian thực hiện: {wording}\n")
    assert got[0][1] == period


def test_quarter_headings_time_the_bullets_under_them():
    got = items_of("II. NHIỆM VỤ CỤ THỂ\n1. Quý I\n- Rà soát.\n2. Quý III\n- Sơ kết.\n")
    assert [(text, period) for text, period, _unit in got] == [
        ("Rà soát.", "Q1"),
        ("Sơ kết.", "Q3"),
    ]


@pytest.mark.parametrize(
    ("heading", "period"),
    [
        # every label ``period_label`` writes for these codes (the exporter's subheadings)
        ("Cả năm", "Y"),
        ("Ngày 19/05/2025", "D:2025-05-19"),
        ("Hằng tháng", "every:1M"),
        ("Hằng tuần", "every:1W"),
        ("6 tháng/lần", "every:6M"),
        ("Hằng quý", "every:3M"),
        ("Hằng năm", "every:1Y"),
        ("2 năm/lần", "every:2Y"),
        ("Từ ngày 01/03/2025 đến ngày 15/03/2025", "R:2025-03-01/2025-03-15"),
        ("Từ ngày 19/05/2025 đến tháng 8/2025", "R:2025-05-19/2025-08"),
        # and the wordings documents commonly use
        ("Trong năm", "Y"),
        ("Quanh năm", "Y"),
        ("Thường xuyên", "Y"),
        ("Thường xuyên, liên tục:", "Y"),
        ("Hàng tháng", "every:1M"),
        ("Định kỳ hằng quý", "every:3M"),
        ("6 tháng một lần", "every:6M"),
        ("Ngày 19/5/2025", "D:2025-05-19"),
        ("Ngày 19/5", "D:2025-05-19"),
        ("Vào ngày 05 tháng 9 năm 2025", "D:2025-09-05"),
        ("Trước ngày 15/12", "D:2025-12-15"),
        ("Chậm nhất ngày 15/12/2025:", "D:2025-12-15"),
    ],
)
def test_a_numbered_period_label_times_the_bullets_under_it(heading, period):
    got = items_of(
        "II. NHIỆM VỤ CỤ THỂ, THỜI GIAN THỰC HIỆN\n"
        f"1. {heading}\n- Rà soát hồ sơ.\n- Sơ kết công tác.\n2. Quý IV\n- Tổng kết năm.\n"
    )
    assert [(text, got_period) for text, got_period, _unit in got] == [
        ("Rà soát hồ sơ.", period),
        ("Sơ kết công tác.", period),
        ("Tổng kết năm.", "Q4"),
    ]


def test_period_label_headings_as_the_exporter_writes_them():
    reading = parse_program_text(
        plan(
            "II. NHIỆM VỤ CỤ THỂ, THỜI GIAN THỰC HIỆN\n1. Cả năm\n- Tuyên truyền.\n"
            "2. Ngày 19/05/2025\n- Hội nghị đối thoại.\n3. Hằng tháng\n- Giao ban.\n"
            "4. Hằng tuần\n- Tiếp công dân.\n5. 6 tháng/lần\n- Họp Ban Chỉ đạo.\n"
            "6. Tháng 3\n- Ra quân.\n7. Từ tháng 12/2025 đến quý I/2026\n- Tổng kết.\n"
        )
    )
    assert [(item.kind, item.period, item.text) for item in reading.items] == [
        ("scheduled", "Y", "Tuyên truyền."),
        ("scheduled", "D:2025-05-19", "Hội nghị đối thoại."),
        ("scheduled", "every:1M", "Giao ban."),
        ("scheduled", "every:1W", "Tiếp công dân."),
        ("scheduled", "every:6M", "Họp Ban Chỉ đạo."),
        ("scheduled", "M3", "Ra quân."),
        ("scheduled", "R:2025-12/2026-Q1", "Tổng kết."),
    ]
    assert not any("không có thời gian" in warning for warning in reading.warnings)


def test_a_numbered_task_that_starts_with_a_period_word_is_still_a_task():
    got = items_of(
        "II. NHIỆM VỤ CỤ THỂ, THỜI GIAN THỰC HIỆN\n"
        "1. Hằng tháng tổ chức giao ban:\n- tại trụ sở;\n- tại thôn.\n"
        "2. Thường xuyên kiểm tra hồ sơ.\n"
    )
    assert [(text, period) for text, period, _unit in got] == [
        ("Hằng tháng tổ chức giao ban:\n- tại trụ sở;\n- tại thôn.", "every:1M"),
        ("Thường xuyên kiểm tra hồ sơ.", None),
    ]


def test_a_period_label_outside_a_schedule_section_stays_a_task():
    got = items_of("II. NHIỆM VỤ TRỌNG TÂM\n1. Thường xuyên\n- Rà soát hồ sơ.\n")
    assert [text for text, _period, _unit in got] == ["Thường xuyên\n- Rà soát hồ sơ."]


def test_the_period_written_in_the_task_itself():
    got = items_of(
        "II. NHIỆM VỤ\n1. Báo cáo kết quả chậm nhất ngày 15/12.\n"
        "2. Họp giao ban hằng tuần.\n3. Tuyên truyền từ tháng 12/2025 đến quý I/2026.\n"
    )
    assert [period for _text, period, _unit in got] == [
        "D:2025-12-15",
        "every:1W",
        "R:2025-12/2026-Q1",
    ]


def test_dates_of_cited_documents_are_not_periods():
    got = items_of("II. NHIỆM VỤ\n1. Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021.\n")
    assert got[0][1] is None


# --- responsibility lines ------------------------------------------------------------------


def test_unit_in_charge_and_co_operating_units():
    got = items_of(
        "II. NHIỆM VỤ CỤ THỂ\n1. Rà soát hồ sơ.\n- Thời gian hoàn thành: Tháng 11/2025\n"
        "- Đơn vị chủ trì: Văn phòng HĐND và UBND xã\n- Đơn vị phối hợp: Công an xã.\n"
    )
    assert got == [
        ("Rà soát hồ sơ.\n- Đơn vị phối hợp: Công an xã.", "M11", "Văn phòng HĐND và UBND xã")
    ]


def test_unit_in_charge_written_in_the_task_sentence():
    got = items_of("II. NHIỆM VỤ\n1. Rà soát hồ sơ (chủ trì: Văn phòng; thời gian: Quý III).\n")
    assert got[0][1:] == ("Q3", "Văn phòng")


# --- document types ------------------------------------------------------------------------

REPORT = plan(
    "Thực hiện Kế hoạch số 15/KH-UBND ngày 06/01/2025 của UBND xã, UBND xã báo cáo như sau:\n"
    "I. KẾT QUẢ ĐẠT ĐƯỢC\n1. Tuyên truyền được triển khai thường xuyên.\n"
    "II. TỒN TẠI, HẠN CHẾ\n- Một số thôn chưa báo cáo đúng hạn.\n"
    "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026\n1. Tiếp tục tuyên truyền.\n"
    "2. Đối thoại với Nhân dân, chậm nhất ngày 30/6/2026.\n"
    "IV. ĐỀ XUẤT, KIẾN NGHỊ\nĐề nghị UBND huyện bố trí kinh phí.\n",
    kind="BÁO CÁO",
    number="120/BC-UBND",
)
NOTICE = plan(
    "Ủy ban nhân dân xã thông báo lịch tiếp công dân như sau:\n"
    "1. Lịch tiếp công dân định kỳ\n"
    "Tháng | Người tiếp công dân | Chức vụ | Ngày tiếp\n"
    "Tháng 1 | Nguyễn Văn An | Chủ tịch | Ngày 08; 15; 22\n"
    "Tháng 2 | Trần Thị Bình | Phó Chủ tịch | Ngày 05; 12; 26\n"
    "2. Tiếp công dân thường xuyên\n"
    "Văn phòng tiếp công dân hằng ngày trong giờ hành chính.\n",
    kind="THÔNG BÁO",
    number="05/TB-UBND",
)
DECISION = plan(
    "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THẠCH LÂM\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    "Xét đề nghị của Văn phòng HĐND và UBND xã,\nQUYẾT ĐỊNH:\n"
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch công tác dân vận năm 2025.\n"
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
    "Điều 3. Văn phòng HĐND và UBND xã, các ban, ngành liên quan chịu trách nhiệm thi hành "
    "Quyết định này./.\n",
    kind="QUYẾT ĐỊNH",
    number="25/QĐ-UBND",
) + (
    "KẾ HOẠCH\nCông tác dân vận chính quyền năm 2025\n"
    "(Kèm theo Quyết định số 25/QĐ-UBND ngày 06/01/2025 của Chủ tịch UBND xã)\n"
    "I. NHIỆM VỤ CỤ THỂ\n1. Kiện toàn Ban Chỉ đạo.\n- Thời gian thực hiện: Quý I\n"
    "II. TỔ CHỨC THỰC HIỆN\nVăn phòng theo dõi việc thực hiện Kế hoạch này.\n"
)


def test_program_and_plan_types():
    assert parse_program_text(plan("1. Rà soát.\n", kind="CHƯƠNG TRÌNH")).doc_type == "Chương trình"
    assert parse_program_text(plan("1. Rà soát.\n")).doc_type == "Kế hoạch"


def test_report_tasks_come_from_its_section_of_further_tasks():
    reading = parse_program_text(REPORT)
    assert reading.doc_type == "Báo cáo"
    assert [(item.text, item.period) for item in reading.items] == [
        ("Tiếp tục tuyên truyền.", None),
        ("Đối thoại với Nhân dân, chậm nhất ngày 30/6/2026.", "D:2026-06-30"),
    ]
    for section in ("Kết quả đạt được", "Tồn tại, hạn chế", "Đề xuất, kiến nghị"):
        assert f"Phần “{section}” không chứa nhiệm vụ nên không được tách thành nhiệm vụ." in (
            reading.warnings
        )


def test_notice_of_a_citizen_reception_schedule():
    reading = parse_program_text(NOTICE)
    assert reading.doc_type == "Thông báo"
    assert [(item.period, item.responsible) for item in reading.items] == [
        ("M1", "Nguyễn Văn An (Chủ tịch)"),
        ("M2", "Trần Thị Bình (Phó Chủ tịch)"),
        ("every:1D", None),
    ]


def test_notice_without_its_header_takes_type_and_issuer_from_the_opening_sentence():
    text = NOTICE.split("THÔNG BÁO\n", 1)[1]
    reading = parse_program_text(text)
    assert reading.doc_type == "Thông báo"
    assert reading.issuer_lines == ["Ủy ban nhân dân xã"]
    assert "Cơ quan ban hành “Ủy ban nhân dân xã” được suy ra từ câu mở đầu." in reading.warnings


def test_decision_articles_are_clauses_and_its_attached_plan_is_read():
    reading = parse_program_text(DECISION)
    assert reading.doc_type == "Quyết định"
    assert reading.signer.name == "Lê Văn Nam"
    assert reading.recipients == ["UBND huyện", "Lưu: VT"]
    assert [(item.kind, item.text[:30], item.period) for item in reading.items] == [
        ("organization", "Ban hành kèm theo Quyết định n", None),
        ("organization", "Quyết định này có hiệu lực kể ", None),
        ("organization", "Văn phòng HĐND và UBND xã, các", None),
        ("scheduled", "Kiện toàn Ban Chỉ đạo.", "Q1"),
        ("organization", "Văn phòng theo dõi việc thực h", None),
    ]
    assert reading.items[2].responsible == "Văn phòng HĐND và UBND xã, các ban, ngành liên quan"
    assert reading.sections == ["Nhiệm vụ cụ thể", "Tổ chức thực hiện"]
    assert any("Kế hoạch kèm theo" in warning for warning in reading.warnings)
    # the attached plan names the decision: that is the document itself, not a citation
    assert [citation.kind for citation in reading.citations] == []


def test_what_cannot_be_placed_is_warned_about_not_dropped():
    reading = parse_program_text(
        plan("II. NHIỆM VỤ\nĐoạn mở đầu không phải nhiệm vụ.\n1. Rà soát.\n") + "Ghi chú cuối.\n"
    )
    assert [item.text for item in reading.items] == ["Rà soát."]
    assert any("Đoạn mở đầu không phải nhiệm vụ" in warning for warning in reading.warnings)
    assert any("Ghi chú cuối" in warning for warning in reading.warnings)


def test_every_type_goes_through_the_file_entry_point():
    for text in (REPORT, NOTICE, DECISION):
        assert parse_program_file("van-ban.txt", text.encode()).items
