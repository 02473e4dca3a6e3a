"""What the document says, whatever the file format: header, numbering, closing."""

import datetime

import pytest

from conftest import make_program
from outgoing import doctypes
from outgoing.content import program_document, recipient_lines
from outgoing.models import Register
from programs.models import Task, TaskKind
from units.models import Unit, UnitKind


def lines(document):
    return [part.line for part in document.body]


def add_task(program, kind, position, text, period=""):
    return Task.objects.create(
        program=program,
        kind=kind,
        position=position,
        text=text,
        period=period,
        due_date=datetime.date(program.year, 12, 31),
    )


def test_scheduled_tasks_are_grouped_under_numbered_period_headings(program):
    add_task(program, TaskKind.SCHEDULED, 4, "Tổng kết năm.", "Q1")
    assert lines(program_document(program)) == [
        "I. NHIỆM VỤ CỤ THỂ, THỜI GIAN THỰC HIỆN",
        "1. Quý I",
        "- Nhiệm vụ số 1 tuyên truyền",
        "- Tổng kết năm.",
        "2. Quý II",
        "- Nhiệm vụ số 2 tuyên truyền",
        "3. Quý III",
        "- Nhiệm vụ số 3 tuyên truyền./.",
    ]


def test_sections_follow_the_programs_own_titles_and_skip_empty_ones(program):
    program.sections = ["Những nhiệm vụ trọng tâm", "Tiến độ thực hiện", "Tổ chức thực hiện"]
    program.save()
    add_task(program, TaskKind.FOCUS, 0, "Quán triệt Chỉ thị 33/CT-TTg")
    body = lines(program_document(program))
    assert body[:3] == [
        "I. NHỮNG NHIỆM VỤ TRỌNG TÂM",
        "1. Quán triệt Chỉ thị 33/CT-TTg",
        "II. TIẾN ĐỘ THỰC HIỆN",
    ]
    assert not any(line.startswith("III.") for line in body)


def test_the_place_line_follows_the_decree_for_leading_zeros(program):
    program.place = "Hưng Chính"
    program.issued_on = datetime.date(2023, 2, 5)
    assert program_document(program).place_and_date == "Hưng Chính, ngày 05 tháng 02 năm 2023"
    program.issued_on = datetime.date(2023, 3, 15)
    assert program_document(program).place_and_date == "Hưng Chính, ngày 15 tháng 3 năm 2023"


def test_without_a_place_the_units_name_is_used_without_its_kind(province):
    ward = Unit.objects.create(
        code="phuong-vinh-tan", name="Phường Vinh Tân", kind=UnitKind.WARD, parent=province
    )
    document = program_document(make_program(ward, tasks=1))
    assert document.place_and_date == "Vinh Tân, ngày    tháng    năm 2023"
    assert document.issuer_parent == ["UBND PHƯỜNG VINH TÂN"]
    assert " ".join(document.issuer_body) == "BAN CHỈ ĐẠO THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN"
    assert document.signer_titles == ["TRƯỞNG BAN"]


def test_a_peoples_committee_header_has_no_supervising_line(program):
    program.issuer_lines = ["ỦY BAN NHÂN DÂN", "XÃ HƯNG CHÍNH"]
    document = program_document(program)
    assert document.issuer_parent == []
    assert document.issuer_body == ["ỦY BAN NHÂN DÂN", "XÃ HƯNG CHÍNH"]


def test_a_draft_takes_the_code_of_the_units_register(program):
    Register.objects.create(unit=program.unit, issuer_code="BTH")
    document = program_document(program)
    assert document.number_symbol == "/CTr-BTH"
    assert document.number_line == "Số:      /CTr-BTH"


def test_recipients_end_with_the_filed_copy():
    assert recipient_lines(["Lưu: VT, HS.", "Ban Dân vận Đảng ủy xã;"]) == [
        "- Ban Dân vận Đảng ủy xã;",
        "- Lưu: VT, HS.",
    ]
    assert recipient_lines(["Như trên"], drafting_code="VP") == ["- Như trên;", "- Lưu: VT, VP."]
    assert recipient_lines([]) == ["- Lưu: VT."]


@pytest.mark.parametrize(
    ("doc_type", "code"),
    [
        ("Chương trình", "CTr-BCĐ"),
        ("Kế hoạch", "KH-BCĐ"),
        ("Báo cáo", "BC-BCĐ"),
        ("Thông báo", "TB-BCĐ"),
        ("Quyết định", "QĐ-BCĐ"),
        ("Quy định", "QyĐ-BCĐ"),
        ("Tờ trình", "TTr-BCĐ"),
        ("Công văn", "BCĐ-VP"),
    ],
)
def test_codes_use_the_abbreviations_of_the_decree(doc_type, code):
    assert doctypes.code_for(doc_type, "BCĐ", "VP") == code


def test_numbers_below_ten_take_a_leading_zero():
    assert doctypes.number_symbol(5, "CTr-BCĐ") == "05/CTr-BCĐ"
    assert doctypes.number_symbol(123, "CTr-BCĐ") == "123/CTr-BCĐ"
    assert doctypes.number_symbol(None, "CTr-BCĐ") == "/CTr-BCĐ"
