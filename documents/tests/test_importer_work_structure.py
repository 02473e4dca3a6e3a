"""Which parts of a plan, schedule or notice are its tasks, and when each is done: one test
per phrase class, on small made-up texts in the style of real documents."""

import pytest

from documents.importing import parse_program_text
from documents.importing.periods import period_line

HEAD = """ỦY BAN NHÂN DÂN
XÃ AN PHÚ
Số: 58/KH-UBND
An Phú, ngày 20 tháng 11 năm 2025
{kind}
{title}
"""
TAIL = """Nơi nhận:
- UBND huyện;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""


def read(body: str, kind: str = "KẾ HOẠCH", title: str = "Kiểm tra cải cách hành chính năm 2025"):
    return parse_program_text(HEAD.format(kind=kind, title=title) + body + TAIL)


@pytest.mark.parametrize(
    ("line", "period"),
    [
        (
            "* Thời gian thực hiện: Trong khoảng thời gian từ ngày 01/12/2025 đến ngày 14/12/2025",
            "R:2025-12-01/2025-12-14",
        ),
        ("Từ ngày 04/02/2026", "D:2026-02-04"),
        ("Chậm nhất ngày 08/02/2026.", "D:2026-02-08"),
        ("Trước ngày 15/3", "D:2025-03-15"),
        ("Hoàn thành trước 30/6", "D:2025-06-30"),
        ("Trong tháng 3/2026", "M3"),
        ("Quý I/2026", "Q1"),
        ("Từ ngày 01/12/2025 - ngày 02/12/2025.", "R:2025-12-01/2025-12-02"),
        ("Từ ngày 01/3 - 15/3/2026", "R:2026-03-01/2026-03-15"),
        ("Tháng 12/2025 - Quý I/2026", "R:2025-12/2026-Q1"),
        ("Năm 2025", "Y"),
        ("Thường xuyên", "Y"),
    ],
)
def test_a_line_that_only_says_when(line, period):
    assert period_line(line, 2025) == period


@pytest.mark.parametrize(
    "line", ["Trong quá trình thực hiện nếu có khó khăn, báo cáo về UBND xã.", "Tổ kiểm tra"]
)
def test_an_ordinary_line_is_no_period(line):
    assert period_line(line, 2025) is None


def test_period_on_its_own_line_under_a_task():
    reading = read(
        "I. NHIỆM VỤ\n"
        "1. Rà soát hồ sơ thủ tục hành chính tại bộ phận một cửa.\n"
        "Từ ngày 04/02/2026\n"
        "2. Niêm yết công khai thủ tục hành chính, hoàn thành trước 30/6.\n"
    )
    assert [(item.text, item.period) for item in reading.items] == [
        ("Rà soát hồ sơ thủ tục hành chính tại bộ phận một cửa.", "D:2026-02-04"),
        ("Niêm yết công khai thủ tục hành chính, hoàn thành trước 30/6.", "D:2025-06-30"),
    ]


def test_phases_are_the_tasks_and_their_sub_blocks_their_content():
    reading = read(
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        "1. Nâng cao chất lượng giải quyết thủ tục hành chính.\n"
        "2. Kịp thời chấn chỉnh sai sót.\n"
        "II. ĐỐI TƯỢNG KIỂM TRA\n"
        "1. Bộ phận một cửa xã.\n"
        "2. Các thôn.\n"
        "III. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN\n"
        "1. Đợt 1: Kiểm tra tại bộ phận một cửa\n"
        "a) Nội dung: việc tiếp nhận hồ sơ.\n"
        "b) Thành phần: Tổ kiểm tra.\n"
        "* Thời gian thực hiện: Trong khoảng thời gian từ ngày 01/12/2025 đến ngày 14/12/2025\n"
        "2. Đợt 2: Kiểm tra tại các thôn\n"
        "a) Nội dung: việc niêm yết công khai.\n"
        "b) Thành phần: Tổ kiểm tra.\n"
        "Từ ngày 04/02/2026 đến ngày 10/02/2026\n"
    )
    assert [(item.text.split("\n")[0], item.period) for item in reading.items] == [
        ("Đợt 1: Kiểm tra tại bộ phận một cửa", "R:2025-12-01/2025-12-14"),
        ("Đợt 2: Kiểm tra tại các thôn", "R:2026-02-04/2026-02-10"),
    ]
    assert "a) Nội dung: việc niêm yết công khai." in reading.items[1].text


def test_the_level_that_carries_the_time_is_the_task():
    reading = read(
        "I. NHIỆM VỤ\n"
        "1. Tổ chức hội nghị sơ kết\n"
        "a) Chuẩn bị báo cáo.\n"
        "b) Mời đại biểu dự.\n"
        "Trong tháng 6/2025\n"
    )
    assert len(reading.items) == 1
    assert reading.items[0].period == "M6"


def test_capital_numbered_headings_open_sections_and_scope_sections_hold_no_tasks():
    reading = read(
        "1. MỤC ĐÍCH, YÊU CẦU\n"
        "- Nâng cao hiệu quả công tác.\n"
        "2. ĐỐI TƯỢNG, PHẠM VI\n"
        "- Cán bộ, công chức xã.\n"
        "3. NỘI DUNG KIỂM TRA, GIÁM SÁT\n"
        "- Kiểm tra việc giải quyết hồ sơ, quý I/2026.\n"
    )
    assert reading.sections == [
        "Mục đích, yêu cầu",
        "Đối tượng, phạm vi",
        "Nội dung kiểm tra, giám sát",
    ]
    assert [item.text for item in reading.items] == ["Kiểm tra việc giải quyết hồ sơ, quý I/2026."]


def test_schedule_sessions_under_month_headings():
    reading = read(
        "Ủy ban nhân dân xã thông báo lịch tiếp công dân năm 2021 như sau:\n"
        "1/. Tháng 01/2021:\n"
        "07 giờ 30 ngày 07/01/2021 Chủ tịch UBND xã;\n"
        "07 giờ 30 ngày 21/01/2021 Phó Chủ tịch UBND xã;\n"
        "2/. Tháng 02/2021:\n"
        "07 giờ 30 ngày 04/02/2021 Chủ tịch UBND xã;\n"
        "* Trường hợp trùng ngày lễ thì dời sang ngày làm việc kế tiếp.\n",
        kind="THÔNG BÁO",
        title="Lịch tiếp công dân năm 2021",
    )
    assert [(item.text, item.period) for item in reading.items] == [
        ("07 giờ 30 ngày 07/01/2021 Chủ tịch UBND xã", "D:2021-01-07"),
        ("07 giờ 30 ngày 21/01/2021 Phó Chủ tịch UBND xã", "D:2021-01-21"),
        ("07 giờ 30 ngày 04/02/2021 Chủ tịch UBND xã", "D:2021-02-04"),
    ]
    assert any("ghi chú" in warning for warning in reading.warnings)


def test_dated_heading_is_a_task_with_its_period():
    reading = read(
        "I. Thời gian và địa điểm: Từ ngày 01/12/2025 - ngày 02/12/2025.\n"
        "Địa điểm: Hội trường UBND xã.\n",
        kind="THÔNG BÁO",
        title="Về việc tổ chức hội nghị tập huấn",
    )
    assert reading.sections == ["Thời gian và địa điểm"]
    assert reading.items[0].period == "R:2025-12-01/2025-12-02"


def test_notice_bullets_are_points_and_the_closing_line_is_no_task():
    reading = read(
        "I. NỘI DUNG\n"
        "1. Các đơn vị chuẩn bị:\n"
        "- Các thôn báo cáo kết quả trước ngày 28/11/2025.\n"
        "- Văn phòng chuẩn bị hội trường.\n"
        "Nay Ủy ban nhân dân xã thông báo để các đơn vị biết, thực hiện./.\n",
        kind="THÔNG BÁO",
        title="Về việc tổ chức hội nghị",
    )
    assert [item.text for item in reading.items] == [
        "Các thôn báo cáo kết quả trước ngày 28/11/2025.",
        "Văn phòng chuẩn bị hội trường.",
    ]


def test_task_table_in_an_appendix_after_the_signature():
    reading = parse_program_text(
        HEAD.format(kind="KẾ HOẠCH", title="Chuyển đổi số năm 2026")
        + "I. NHIỆM VỤ VÀ GIẢI PHÁP\n(Có Phụ lục kèm theo)\n"
        + TAIL
        + "PHỤ LỤC\nNHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026\n"
        "(Kèm theo Kế hoạch số 58/KH-UBND ngày 20/11/2025 của UBND xã)\n"
        "STT | Nội dung | Đơn vị chủ trì | Thời gian |\n"
        "1 | Tuyên truyền về chuyển đổi số | Văn hóa - Xã hội | Quý I |\n"
        "2 | Rà soát dịch vụ công trực tuyến | Văn phòng | Hoàn thành trước 30/6 |\n"
    )
    assert [(i.text, i.period, i.responsible) for i in reading.items] == [
        ("Tuyên truyền về chuyển đổi số", "Q1", "Văn hóa - Xã hội"),
        ("Rà soát dịch vụ công trực tuyến", "D:2026-06-30", "Văn phòng"),
    ]


def test_remark_lines_between_sessions_do_not_take_the_sessions():
    reading = read(
        "Văn phòng UBND xã thông báo lịch tiếp công dân năm 2021 như sau:\n"
        "1/. Tháng 02/2021:\n"
        "07 giờ 30 ngày 04/02/2021 Chủ tịch UBND xã;\n"
        "* Ngày 11/02/2021 nghỉ Tết Nguyên đán;\n"
        "07 giờ 30 ngày 18/02/2021 Phó Chủ tịch UBND xã;\n"
        "* Ghi chú: Ngày 25/02/2021 không tiếp công dân.\n"
        "2/. Tháng 3/2021:\n"
        "07 giờ 30 ngày 04/3/2021 Chủ tịch UBND xã.\n",
        kind="THÔNG BÁO",
        title="Lịch tiếp công dân năm 2021",
    )
    assert [item.period for item in reading.items] == [
        "D:2021-02-04",
        "D:2021-02-18",
        "D:2021-03-04",
    ]
    assert reading.items[1].text == "07 giờ 30 ngày 18/02/2021 Phó Chủ tịch UBND xã"


def test_purpose_numbered_like_a_task_before_the_roman_sections_is_a_section():
    reading = read(
        "UBND xã ban hành Kế hoạch giám sát như sau:\n"
        "1. Mục đích\n"
        "Kịp thời phát hiện khó khăn, vướng mắc.\n"
        "2. Yêu cầu\n"
        "Báo cáo đúng thời hạn.\n"
        "II. NỘI DUNG GIÁM SÁT\n"
        "1. Giám sát việc chi trả chính sách, quý II.\n"
    )
    assert [item.text for item in reading.items] == ["Giám sát việc chi trả chính sách, quý II."]


def test_unnumbered_phase_lines_are_tasks_with_their_bullets():
    reading = read(
        "I. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN\n"
        "Đợt 1: Từ ngày 01/12/2025 đến ngày 31/12/2025\n"
        "- Tuyên truyền chỉ thị của cấp trên.\n"
        "- Treo băng rôn, khẩu hiệu.\n"
        "Đợt 2: Sau ngày bầu cử 15/3/2026\n"
        "- Tuyên truyền kết quả bầu cử.\n"
    )
    assert [(item.text.split("\n")[0], item.period) for item in reading.items] == [
        ("Đợt 1: Từ ngày 01/12/2025 đến ngày 31/12/2025", "R:2025-12-01/2025-12-31"),
        ("Đợt 2: Sau ngày bầu cử 15/3/2026", "after:2026-03-15"),
    ]
    assert "- Treo băng rôn, khẩu hiệu." in reading.items[0].text
