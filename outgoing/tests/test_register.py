"""The outgoing register: numbers in order, once each, restarting on 1 January, shared or
per type as the unit chooses; issuing a program sets its number and date."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from outgoing import services
from outgoing.models import IssuedDocument, Numbering, Register, Series

DAY = datetime.date(2024, 3, 1)


def issue(unit, doc_type="Kế hoạch", day=DAY, **extra):
    return services.issue_document(
        unit=unit, doc_type=doc_type, day=day, summary="Về việc…", **extra
    )


def test_numbers_follow_each_other_with_a_leading_zero_below_ten(commune, clerk):
    documents = [issue(commune, actor=clerk) for _ in range(10)]
    assert [d.number for d in documents] == list(range(1, 11))
    assert documents[4].number_symbol == "05/KH-BCĐ"
    assert documents[9].number_symbol == "10/KH-BCĐ"
    assert documents[0].issued_by == clerk


def test_numbers_start_again_on_the_first_of_january(commune):
    issue(commune, day=datetime.date(2023, 12, 31))
    issue(commune, day=datetime.date(2023, 12, 31))
    first_of_year = issue(commune, day=datetime.date(2024, 1, 1))
    assert first_of_year.number_symbol == "01/KH-BCĐ"
    assert first_of_year.year == 2024


def test_one_shared_series_numbers_every_type_in_turn(commune):
    symbols = [issue(commune, t).number_symbol for t in ("Kế hoạch", "Báo cáo", "Thông báo")]
    assert symbols == ["01/KH-BCĐ", "02/BC-BCĐ", "03/TB-BCĐ"]


def test_a_unit_may_number_each_type_separately(commune):
    Register.objects.create(unit=commune, issuer_code="BTH", numbering=Numbering.PER_TYPE)
    symbols = [
        issue(commune, t).number_symbol for t in ("Kế hoạch", "Báo cáo", "Kế hoạch", "Quyết định")
    ]
    assert symbols == ["01/KH-BTH", "01/BC-BTH", "02/KH-BTH", "01/QĐ-BTH"]


def test_each_unit_has_its_own_series(commune, other_commune):
    issue(commune)
    assert issue(other_commune).number == 1


def test_a_cong_van_is_coded_by_issuer_and_drafting_unit(commune):
    assert issue(commune, "Công văn").number_symbol == "01/BCĐ-VP"


def test_a_type_the_decree_does_not_know_is_refused_and_uses_no_number(commune):
    with pytest.raises(ValidationError, match="không phải loại văn bản"):
        issue(commune, "Thư tình")
    assert issue(commune).number == 1


def test_next_number_spelled_in_other_case_or_tone_marks_uses_the_same_series(commune):
    Register.objects.create(unit=commune, numbering=Numbering.PER_TYPE)
    assert services.next_number(commune, "kế hoạch", DAY) == 1
    assert services.next_number(commune, "KẾ HOẠCH", DAY) == 2
    assert Series.objects.get(unit=commune).doc_type == "Kế hoạch"


def test_a_failure_after_the_number_was_taken_gives_it_back(commune, seed_program, clerk):
    with pytest.raises(ValidationError, match="Ngày ban hành phải trong năm 2023"):
        services.issue_program(program=seed_program, actor=clerk, day=datetime.date(2025, 1, 2))
    assert not IssuedDocument.objects.exists()
    assert not Series.objects.filter(unit=commune, last_number__gt=0).exists()
    assert (
        services.issue_program(
            program=seed_program, actor=clerk, day=datetime.date(2023, 1, 5)
        ).number_symbol
        == "01/CTr-BCĐ"
    )


def test_issuing_a_program_numbers_it_dates_it_and_records_it(seed_program, clerk):
    document = services.issue_program(
        program=seed_program, actor=clerk, day=datetime.date(2023, 1, 5)
    )
    seed_program.refresh_from_db()
    assert seed_program.number_symbol == "01/CTr-BCĐ"
    assert seed_program.issued_on == datetime.date(2023, 1, 5)
    assert seed_program.place_and_date == "Hưng Chính, ngày 05 tháng 01 năm 2023"
    assert document.program == seed_program
    assert document.summary == "Chương trình Công tác Dân vận chính quyền năm 2023"
    assert document.signer == "Nguyễn Hồng Quang"
    assert document.recipients[-1] == "Lưu: VT, HS"
    change = AuditEvent.objects.get(target_id=seed_program.pk, verb="change")
    assert change.actor == clerk
    assert change.changes["number_symbol"] == ["/CTr-BTH", "01/CTr-BCĐ"]


def test_a_program_is_not_numbered_twice(issued_program, clerk):
    with pytest.raises(ValidationError, match="đã có số 01/CTr-BCĐ"):
        services.issue_program(program=issued_program, actor=clerk, day=datetime.date(2023, 2, 1))
    assert IssuedDocument.objects.count() == 1


def test_a_program_numbered_by_hand_is_not_numbered_again(program, clerk):
    program.number_symbol = "07/CTr-BCĐ"
    program.save()
    with pytest.raises(ValidationError, match="đã có số 07/CTr-BCĐ"):
        services.issue_program(program=program, actor=clerk, day=datetime.date(2023, 2, 1))
    assert not Series.objects.exists()


def test_switching_to_per_type_in_mid_year_never_repeats_a_number_and_code(commune):
    issue(commune)  # 01/KH-BCĐ in the shared series
    Register.objects.create(unit=commune, numbering=Numbering.PER_TYPE)
    with pytest.raises(ValidationError, match="01/KH-BCĐ đã được cấp"):
        issue(commune)
    assert IssuedDocument.objects.count() == 1
