"""Citations however real documents spell them: one test per phrase class."""

from documents.importing import extract_citations


def identifiers(text: str) -> list[str]:
    return [citation.identifier() for citation in extract_citations(text)]


def test_colon_after_so():
    found = extract_citations("Căn cứ Kế hoạch số: 58/KH-HĐND ngày 02/3/2025 của HĐND xã;")
    assert [(c.kind, c.identifier()) for c in found] == [("Kế hoạch", "58/KH-HĐND")]


def test_one_kind_word_shared_by_a_list():
    text = (
        "Thực hiện các Quyết định của Thủ tướng Chính phủ số: 1521/QĐ-TTg ngày 06/10/2020; "
        "21/2021/QĐ-TTg ngày 21/6/2021; 25/2021/QĐ-TTg ngày 22/7/2021 về chuyển đổi số;"
    )
    found = extract_citations(text)
    assert [c.identifier() for c in found] == ["1521/QĐ-TTg", "21/2021/QĐ-TTg", "25/2021/QĐ-TTg"]
    assert {c.kind for c in found} == {"Quyết định"}
    assert [c.date.isoformat() for c in found] == ["2020-10-06", "2021-06-21", "2021-07-22"]


def test_typo_so_without_accent():
    assert identifiers("Thực hiện Kết luận so 80-KL/TW ngày 20/6/2024 của Bộ Chính trị") == [
        "80/KL/TW"
    ]


def test_symbol_with_ampersand_is_not_cut():
    assert identifiers("Công văn số 5104/BTTTT-PTTH&TTĐT ngày 20/12/2024 của Bộ") == [
        "5104/BTTTT-PTTH&TTĐT"
    ]


def test_stray_space_after_a_dash_is_mended():
    assert identifiers("Tờ trình số 118/TTr- STTTT ngày 03/01/2025 của Sở") == ["118/TTr-STTTT"]


def test_a_dash_before_lower_case_words_ends_the_symbol():
    assert identifiers("Quyết định số 12/QĐ-UBND - về việc thành lập tổ") == ["12/QĐ-UBND"]


def test_symbol_parts_in_another_order_are_one_document():
    found = extract_citations(
        "Kế hoạch số 16/KH-MTTQ-BTT ngày 02/01/2025 của Ban Thường trực; … theo Kế hoạch "
        "số 16/KH-BTT-MTTQ, các thôn báo cáo."
    )
    assert [(c.identifier(), c.aliases) for c in found] == [("16/KH-MTTQ-BTT", ["16/KH-BTT-MTTQ"])]


def test_joint_symbol_shortened_on_second_mention_is_one_document():
    found = extract_citations(
        "Nghị quyết liên tịch số 102/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN ngày 01/02/2024; "
        "thực hiện Nghị quyết liên tịch số 102/NQLT, xã tổ chức hội nghị."
    )
    assert len(found) == 1
    assert found[0].aliases == ["102/NQLT"]
    assert found[0].to_dict()["aliases"] == ["102/NQLT"]


def test_different_numbers_stay_two_documents():
    assert identifiers("Kế hoạch số 16/KH-UBND và Kế hoạch số 17/KH-UBND") == [
        "16/KH-UBND",
        "17/KH-UBND",
    ]


def test_a_bare_number_shares_the_symbol_listed_after_it():
    assert identifiers("theo Quyết định số 217, số 218-QĐ/TW của Bộ Chính trị") == [
        "217/QĐ/TW",
        "218/QĐ/TW",
    ]


def test_identifiers_joined_by_va_share_the_kind():
    found = extract_citations(
        "Quyết định số 217-QĐ/TW và 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị"
    )
    assert [(c.kind, c.identifier(), c.issuer) for c in found] == [
        ("Quyết định", "217/QĐ/TW", "Bộ Chính trị"),
        ("Quyết định", "218/QĐ/TW", "Bộ Chính trị"),
    ]


def test_a_number_of_units_after_va_is_no_citation():
    assert identifiers("Kế hoạch số 12/KH-UBND và 13 Sở, ngành") == ["12/KH-UBND"]
