"""The extended period codes (decision 0012): year-less spans, open starts, rhythms in words."""

import datetime

import pytest

from documents.importing.periods import (
    find_period,
    is_valid_period,
    label_period,
    parse_period,
    period_end,
    period_label,
)


@pytest.mark.parametrize(
    ("phrase", "year", "period"),
    [
        ("từ quý IV đến quý I", None, "R:Q4/Q1"),
        ("Từ quý IV đến hết quý I năm sau", 2025, "R:Q4/Q1"),
        ("Quý IV/2025 và Quý I/2026", None, "R:Q4/Q1"),
        ("Quý IV/2025 và Quý I/2026", 2025, "R:Q4/Q1"),
        ("Quý II và Quý III", 2025, "R:Q2/Q3"),
        ("từ tháng 11 đến tháng 2", 2025, "R:M11/M2"),
        ("Tháng 11/2025 và tháng 12/2025", 2025, "R:M11/M12"),
        ("Từ tháng 3 đến quý III", 2025, "R:M3/Q3"),
        # the years say otherwise than the program's year: the dated form stays
        ("Quý IV/2025 và Quý I/2026", 2026, "R:2025-Q4/2026-Q1"),
        ("từ tháng 12/2025 đến quý I/2026", 2025, "R:2025-12/2026-Q1"),
    ],
)
def test_spans_of_quarters_and_months_without_years(phrase, year, period):
    assert parse_period(phrase, year) == period


@pytest.mark.parametrize(
    ("phrase", "year", "period"),
    [
        ("Sau ngày bầu cử 15/3/2026", None, "after:2026-03-15"),
        ("Đợt 3: Sau ngày bầu cử 15/3/2026", None, "after:2026-03-15"),
        ("sau ngày 01/7", 2026, "after:2026-07-01"),
        ("Từ sau ngày 30/4/2025", None, "after:2025-04-30"),
        ("kể từ ngày 01/7/2026 trở đi", None, "after:2026-07-01"),
        ("từ ngày 1/9 trở về sau", 2025, "after:2025-09-01"),
        ("sau ngày 15 tháng 3 năm 2026", None, "after:2026-03-15"),
        # no date, or a day without a year in a document of no year: no period
        ("Sau khi có hướng dẫn của cấp trên", 2025, None),
        ("sau ngày 15/3", None, None),
    ],
)
def test_open_starts(phrase, year, period):
    assert parse_period(phrase, year) == period


def test_open_start_inside_a_task_text():
    text = "Đợt 3: Sau ngày bầu cử 15/3/2026\nTuyên truyền kết quả thành công của cuộc bầu cử."
    assert find_period(text, None) == "after:2026-03-15"
    # a span or a deadline stated first wins
    assert find_period("Tuyên truyền chậm nhất ngày 20/3/2026, sau ngày 15/3/2026", 2026) == (
        "D:2026-03-20"
    )


@pytest.mark.parametrize(
    ("phrase", "period"),
    [
        (
            "tiếp công dân thường xuyên trong giờ hành chính vào tất cả các ngày làm việc "
            "trong năm.",
            "every:thường xuyên trong giờ hành chính vào tất cả các ngày làm việc trong năm",
        ),
        ("Thường xuyên vào các buổi sáng thứ Hai", "every:thường xuyên vào các buổi sáng thứ hai"),
        ("Định kỳ vào thứ 6 tuần cuối tháng", "every:định kỳ vào thứ 6 tuần cuối tháng"),
        ("Trực liên tục trong giờ hành chính", "every:liên tục trong giờ hành chính"),
        # fixed rhythms keep their codes, and a bare "thường xuyên" is the whole year
        ("Định kỳ vào thứ 5 hằng tuần", "every:1W"),
        ("hằng ngày", "every:1D"),
        ("Thường xuyên", "Y"),
        ("Thường xuyên trong năm", "Y"),
    ],
)
def test_rhythms_in_words(phrase, period):
    assert parse_period(phrase, 2025) == period


def test_a_regular_and_ad_hoc_heading_is_no_rhythm():
    text = (
        "Tiếp công dân thường xuyên và đột xuất\nUBND xã phân công chuyên viên tiếp công dân "
        "thường xuyên trong giờ hành chính vào tất cả các ngày làm việc trong năm."
    )
    assert find_period(text, 2025) == (
        "every:thường xuyên trong giờ hành chính vào tất cả các ngày làm việc trong năm"
    )
    assert find_period("Tiếp công dân thường xuyên và đột xuất", 2025) is None


@pytest.mark.parametrize(
    ("period", "end"),
    [
        ("R:Q4/Q1", datetime.date(2026, 3, 31)),
        ("R:Q2/Q3", datetime.date(2025, 9, 30)),
        ("R:M11/M2", datetime.date(2026, 2, 28)),
        ("R:M3/Q3", datetime.date(2025, 9, 30)),
        ("after:2025-03-15", datetime.date(2025, 12, 31)),
        ("after:2026-03-15", datetime.date(2026, 12, 31)),
        ("every:thường xuyên trong giờ hành chính", datetime.date(2025, 12, 31)),
    ],
)
def test_period_end_of_extended_codes(period, end):
    assert period_end(period, 2025) == end


@pytest.mark.parametrize(
    ("period", "label"),
    [
        ("R:Q4/Q1", "Từ quý IV đến quý I năm sau"),
        ("R:Q2/Q3", "Từ quý II đến quý III"),
        ("R:M11/M2", "Từ tháng 11 đến tháng 2 năm sau"),
        ("after:2026-03-15", "Sau ngày 15/03/2026"),
        ("every:thường xuyên trong giờ hành chính", "Thường xuyên trong giờ hành chính"),
    ],
)
def test_labels_read_back_as_the_same_code(period, label):
    assert period_label(period) == label
    assert label_period(label, 2025) == period
    assert parse_period(label, 2025) == period


@pytest.mark.parametrize(
    ("period", "valid"),
    [
        ("R:Q4/Q1", True),
        ("R:M11/M2", True),
        ("R:M12/Q1", True),
        ("R:Q5/Q1", False),
        ("R:M13/M2", False),
        ("after:2026-03-15", True),
        ("after:2026-02-30", False),
        ("after:15/3/2026", False),
        ("every:thường xuyên trong giờ hành chính", True),
        ("every:", False),
        ("every: ", False),
        ("every:12", False),
        ("every:a\nb", False),
    ],
)
def test_validity_of_extended_codes(period, valid):
    assert is_valid_period(period) is valid
