"""Export, then import: the Word file of a program imported from the seed reads back, with
DVCQ's own importer, as the same program."""

import datetime

from documents.importing import parse_program_file
from outgoing.export_docx import program_docx


def reading_of(program):
    return parse_program_file("chuong-trinh.docx", program_docx(program))


def test_the_seed_program_reads_back_with_the_same_structure(seed_program):
    reading = reading_of(seed_program)
    tasks = list(seed_program.tasks.order_by("position"))
    assert [(i.kind, i.period, i.text) for i in reading.items] == [
        (t.kind, t.period or None, t.text) for t in tasks
    ]
    assert reading.doc_type == seed_program.doc_type == "Chương trình"
    assert reading.title == seed_program.title
    assert reading.year == seed_program.year
    assert reading.place == "Hưng Chính"
    assert reading.number_symbol == "/CTr-BTH"
    assert reading.sections == seed_program.sections
    assert reading.recipients == seed_program.recipients
    signer = reading.signer
    assert (signer.capacity, signer.title, signer.position, signer.name) == (
        None,
        "TRƯỞNG BAN",
        "CHỦ TỊCH UBND",
        "Nguyễn Hồng Quang",
    )
    assert len(reading.citations) == seed_program.citations.count() == 15
    # The seed had lost its header; the export writes the one the unit would use.
    assert reading.issuer_lines[0] == "UBND XÃ HƯNG CHÍNH"


def test_an_issued_program_reads_back_with_its_number_and_date(issued_program):
    reading = reading_of(issued_program)
    assert reading.number_symbol == "01/CTr-BCĐ"
    assert reading.date == datetime.date(2023, 1, 5)
    assert not any("Số văn bản" in w or "ngày ban hành" in w for w in reading.warnings)


def test_a_signer_with_authority_prefix_reads_back(seed_program):
    seed_program.signer_capacity = "KT. TRƯỞNG BAN"
    seed_program.signer_title = "PHÓ TRƯỞNG BAN"
    seed_program.signer_position = ""
    seed_program.signer_name = "Trần Văn Hùng"
    signer = reading_of(seed_program).signer
    assert (signer.capacity, signer.title, signer.position, signer.name) == (
        "KT. TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        None,
        "Trần Văn Hùng",
    )


def test_every_kind_of_period_heading_reads_back(seed_program):
    """The exporter writes one "1. Cả năm", "2. Ngày 19/05/2023", "3. Hằng tháng" … heading
    per period; each gives its period back to the tasks under it."""
    from documents.importing import period_end
    from programs.models import Task, TaskKind

    seed_program.tasks.filter(kind=TaskKind.SCHEDULED).delete()
    scheduled = [
        ("Y", "Tuyên truyền công tác dân vận chính quyền trên hệ thống loa truyền thanh."),
        ("Y", "Thực hiện quy chế dân chủ ở cơ sở."),
        ("D:2023-05-19", "Tổ chức hội nghị đối thoại với Nhân dân."),
        ("every:1M", "Giao ban Ban thực hiện công tác dân vận chính quyền."),
        ("every:1W", "Tiếp công dân tại trụ sở UBND xã."),
        ("M3", "Ra quân ngày hội thanh niên."),
        ("H2", "Tự kiểm tra công tác cải cách hành chính."),
        ("Q4", "Tổng kết công tác dân vận chính quyền năm 2023."),
        ("R:2023-12/2024-Q1", "Xây dựng chương trình công tác năm 2024."),
        # the extended codes of decision 0012
        ("R:Q4/Q1", "Chuẩn bị hồ sơ nhân sự các hội nghị hiệp thương."),
        ("R:M3/M5", "Tổ chức Tháng thanh niên và Tháng hành động vì trẻ em."),
        ("after:2023-03-15", "Tuyên truyền kết quả thành công của cuộc bầu cử."),
        (
            "every:thường xuyên trong giờ hành chính vào tất cả các ngày làm việc trong năm",
            "Tiếp công dân tại bộ phận một cửa.",
        ),
    ]
    for position, (period, text) in enumerate(scheduled, start=100):
        Task.objects.create(
            program=seed_program,
            kind=TaskKind.SCHEDULED,
            position=position,
            text=text,
            period=period,
            due_date=period_end(period, seed_program.year),
        )
    tasks = list(seed_program.tasks.order_by("position"))
    expected = [
        (t.kind, t.period or None, t.text)
        for kind in TaskKind.values
        for t in tasks
        if t.kind == kind
    ]

    reading = reading_of(seed_program)

    assert [(i.kind, i.period, i.text) for i in reading.items] == expected
    assert [(i.period, i.text) for i in reading.items if i.kind == "scheduled"] == scheduled


def test_the_preamble_is_kept_and_reads_back(seed_program):
    assert seed_program.preamble.startswith("Thực hiện Chương trình công tác Dân vận chính quyền")
    assert seed_program.preamble.endswith("như sau:")
    reading = reading_of(seed_program)
    assert "\n".join(reading.preamble) == seed_program.preamble
    # the preamble is not a task: the first item is still section I's first task
    assert reading.items[0].text == seed_program.tasks.order_by("position")[0].text
