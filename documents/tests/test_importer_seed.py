"""The seed program (dvcq/seed) must read exactly as its expected JSON says."""

import json
from pathlib import Path

import pytest

from documents.importing import parse_program_file, parse_program_text, read_source

SEED = Path(__file__).resolve().parents[2] / "dvcq" / "seed"
CITATION_KEYS = ("kind", "number", "number_year", "symbol", "date", "issuer")
PLAIN_KEYS = (
    "doc_type",
    "number_symbol",
    "issuer_lines",
    "place",
    "date",
    "year",
    "title",
    "sections",
    "recipients",
    "signer",
    "anniversaries",
)


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((SEED / "chuong-trinh-dvcq-2023.expected.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def reading() -> dict:
    text = (SEED / "chuong-trinh-dvcq-2023.txt").read_text("utf-8")
    return parse_program_text(text).to_dict()


@pytest.mark.parametrize("key", PLAIN_KEYS)
def test_seed_header_and_end_match_expected(reading, expected, key):
    assert reading[key] == expected[key]


def test_seed_items_match_expected(reading, expected):
    assert len(reading["items"]) == len(expected["items"])
    for got, want in zip(reading["items"], expected["items"], strict=True):
        assert got["kind"] == want["kind"], want["text_starts"]
        assert got["period"] == want["period"], want["text_starts"]
        assert got["text"].startswith(want["text_starts"]), got["text"][:80]


def test_seed_citations_match_expected(reading, expected):
    want = [{key: citation[key] for key in CITATION_KEYS} for citation in expected["citations"]]
    assert reading["citations"] == want


def test_duplicated_number_two_gives_two_focus_items(reading):
    focus = [item["text"] for item in reading["items"] if item["kind"] == "focus"]
    assert len(focus) == 10
    assert focus[1].startswith("Tăng cường sự lãnh đạo của cấp ủy Đảng")
    assert focus[2].startswith("Tiếp tục đôn đốc việc triển khai")
    assert any("“2.” bị lặp" in warning for warning in reading["warnings"])


def test_word_split_by_page_break_is_rejoined(reading):
    second = reading["items"][1]["text"]
    assert "theo tinh thần Nghị quyết số 26-NQ/TW ngày 30/7/2013" in second
    assert "\n" not in second


def test_seed_reports_what_it_is_unsure_of(reading):
    assert "Không tìm thấy ngày ban hành (ngày, tháng để trống)." in reading["warnings"]
    assert any("10. Nhiệm vụ cụ thể" in warning for warning in reading["warnings"])


def test_seed_output_has_exactly_the_import_format_keys(reading):
    assert set(reading) == {*PLAIN_KEYS, "items", "citations", "warnings"}
    assert set(reading["items"][0]) == {"kind", "text", "period", "responsible", "line"}
    assert set(reading["citations"][0]) == set(CITATION_KEYS)


def test_seed_file_entry_point_reads_bytes():
    data = (SEED / "chuong-trinh-dvcq-2023.txt").read_bytes()
    reading = parse_program_file("chuong-trinh-dvcq-2023.txt", data)
    assert reading.title == "Công tác Dân vận chính quyền năm 2023"
    assert len(reading.items) == 29


@pytest.mark.parametrize(
    "filename", ["chuong-trinh-dvcq-2023.docx", "chuong-trinh-dvcq-2023.auto-numbering.docx"]
)
def test_seed_docx_reads_like_the_text(reading, filename):
    data = (SEED / filename).read_bytes()
    from_docx = parse_program_text(read_source(filename, data)).to_dict()
    for key in ("items", "citations", "anniversaries", *PLAIN_KEYS):
        if key != "issuer_lines":
            assert without_lines(from_docx[key]) == without_lines(reading[key]), key
    # each item still names its own line of the .docx text
    docx_lines = read_source(filename, data).split("\n")
    first = from_docx["items"][0]
    assert docx_lines[first["line"] - 1].strip().startswith("1. " + first["text"][:40])
    # the .docx keeps the header table that the plain text lost
    assert from_docx["issuer_lines"] == [
        "UBND XÃ HƯNG CHÍNH",
        "BAN CHỈ ĐẠO CÔNG TÁC",
        "DÂN VẬN CHÍNH QUYỀN",
    ]


def without_lines(value):
    """Items without their source line: the header table the .docx keeps moves the lines."""
    if isinstance(value, list):
        return [
            {k: v for k, v in e.items() if k != "line"} if isinstance(e, dict) else e for e in value
        ]
    return value
