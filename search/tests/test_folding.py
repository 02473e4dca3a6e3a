"""Folding: what Vietnamese users expect to be the same word folds alike."""

import unicodedata

import pytest

from dvcq.text import fold, reference_tokens, strip_references, words


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("dân vận", "dan van"),
        ("Đảng ủy", "dang uy"),
        ("ĐOÀN THỂ", "doan the"),
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("quý", "qúy"),
        ("khoẻ", "khỏe"),
        ("  dân   vận\tchính\nquyền ", "dan van chinh quyen"),
        ("dân\u200b vận\u200d\ufeff", "dan van"),
        ("Ðồng", "dong"),  # U+00D0 typed for Đ
    ],
)
def test_fold_pairs(a, b):
    assert fold(a) == fold(b)


def test_nfc_and_nfd_fold_alike():
    text = "Nghị quyết về công tác dân vận"
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


def test_existing_behaviour_kept():
    assert fold("Hòa BÌNH  đẹp") == "hoa binh dep"
    assert fold("") == "" and fold(None) == ""


def test_words_split_on_punctuation():
    assert words("Tuyên truyền, vận động (xóm 3)!") == [
        "tuyen",
        "truyen",
        "van",
        "dong",
        "xom",
        "3",
    ]


@pytest.mark.parametrize(
    "spelling",
    ["33/CT-TTg", "33-CT/TTg", "33 CT-TTg", "số 33/ct-ttg", "Chỉ thị số 33/CT-TTg ngày 26/11/2021"],
)
def test_reference_number_and_symbol(spelling):
    assert "33ctttg" in reference_tokens(spelling)


@pytest.mark.parametrize(
    "spelling", ["chỉ thị 33", "Chỉ thị số 33", "CHI THI 33", "chi thi so: 33"]
)
def test_reference_kind_and_number(spelling):
    assert reference_tokens(spelling) == ["chithi33"]


def test_reference_with_year_and_leading_zero():
    assert set(reference_tokens("Luật số 85/2015/QH13")) == {"luat85", "85qh13", "852015qh13"}
    assert reference_tokens("Quyết định 01/QĐ-UBND") == ["quyetdinh1", "1qdubnd"]


def test_dates_and_hamlets_are_not_references():
    assert reference_tokens("ngày 26/11/2021 tại xóm 3 - Đông") == []
    assert strip_references("chỉ thị 33 về dân vận").split() == ["ve", "dan", "van"]
