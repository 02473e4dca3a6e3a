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
